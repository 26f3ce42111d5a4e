"""seed_demo journeys: every child's episodes, placements, legal statuses, events and flags are
believable, respect the database's rules, and are the same row for row for the same seed and date."""

from collections import Counter, defaultdict
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Q

from cases.codes import Disability
from cases.models import (
    ONE_OPEN_AT_A_TIME, Child, Episode, Event, EventKind, Flag, FlagKind, LegalStatus, Placement, Stage, Team,
)

try:  # the statutory count, once cases/working_days.py is there
    from cases.working_days import working_days_between
except ImportError:  # pragma: no cover - weekdays only, as an approximation
    def working_days_between(start: date, end: date) -> int:
        return sum(1 for offset in range(1, (end - start).days + 1) if (start + timedelta(days=offset)).weekday() < 5)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 1, 15)
CHILDREN = 200
EPISODE_DATE_FIELDS = (
    "start_date", "end_date", "decision_date", "authorised_date", "conference_date", "assessment_completed_date",
    "permanent_since", "placement_order_date", "matched_date", "placed_date", "adoption_order_date",
    "decision_reversed_date",
)


def seed(**options) -> str:
    out = StringIO()
    defaults = {"children": CHILDREN, "seed": 7, "as_of": AS_OF, "password": "demo-password-for-tests-only",
                "replace": True, "stdout": out}
    call_command("seed_demo", **{**defaults, **options})
    return out.getvalue()


@pytest.fixture
def council() -> str:
    return seed()


def canonical_dump() -> dict[str, list[tuple]]:
    """Everything the journeys seeder writes, without primary keys, in a stable order."""
    people = {"team_id": "team__name", "worker_id": "worker__user__username", "recorded_by_id": "recorded_by__username",
              "author_id": "author__username"}

    def columns(model, leave_out):
        return [people.get(field.attname, field.attname) for field in model._meta.concrete_fields
                if field.attname not in leave_out]

    local = dict(Child.objects.values_list("pk", "local_id"))
    episode_fields = columns(Episode, {"id", "child_id", "recorded_at", "stepped_from_id"})
    episodes = {row["id"]: row for row in Episode.objects.values("id", "child_id", "stepped_from_id", *episode_fields)}

    def episode_key(pk):
        if pk is None:
            return None
        return local[episodes[pk]["child_id"]], episodes[pk]["stage"], str(episodes[pk]["start_date"])

    episode_rows = sorted(
        (local[row["child_id"]], str(row["start_date"]), row["stage"], tuple(str(row[name]) for name in episode_fields),
         episode_key(row["stepped_from_id"]))
        for row in episodes.values()
    )
    event_fields = columns(Event, {"id", "child_id", "episode_id", "recorded_at"})
    event_rows = sorted(
        (local[row["child_id"]], str(row["date"]), row["kind"], episode_key(row["episode_id"]),
         tuple(str(row[name]) for name in event_fields))
        for row in Event.objects.values("child_id", "episode_id", *event_fields)
    )
    flag_rows = sorted(
        (local[child], kind, str(start), str(end), note, user)
        for child, kind, start, end, note, user in Flag.objects.values_list(
            "child_id", "kind", "start_date", "end_date", "note", "recorded_by__username"
        )
    )
    placement_fields = columns(Placement, {"id", "episode_id", "recorded_at"})
    placement_rows = sorted(
        (episode_key(row["episode_id"]), tuple(str(row[name]) for name in placement_fields))
        for row in Placement.objects.values("episode_id", *placement_fields)
    )
    status_rows = sorted(
        (episode_key(episode), str(start), code, user)
        for episode, start, code, user in LegalStatus.objects.values_list(
            "episode_id", "start_date", "code", "recorded_by__username"
        )
    )
    return {"episodes": episode_rows, "events": event_rows, "flags": flag_rows, "placements": placement_rows,
            "legal statuses": status_rows}


def test_the_same_seed_and_date_give_identical_journeys_events_and_flags():
    seed(children=80)
    first = canonical_dump()
    seed(children=80)
    second = canonical_dump()
    assert all(first[name] for name in first)
    assert second == first
    seed(children=80, seed=8)
    assert canonical_dump()["events"] != first["events"]


def test_the_command_reports_episodes_events_and_flags(council):
    line = council.splitlines()[1]
    assert f"{Episode.objects.count():,} episodes" in line
    assert f"{Event.objects.count():,} events" in line
    assert f"{Flag.objects.count():,} flags" in line
    assert f"{Placement.objects.count():,} placements" in line


def test_children_have_on_average_at_least_ten_events(council):
    assert Event.objects.count() / Child.objects.count() >= 10
    assert not Child.objects.annotate(n=Count("episodes")).filter(n=0).exists()


def test_every_open_looked_after_child_has_one_open_placement_and_a_legal_status(council):
    open_in_care = Episode.objects.filter(stage=Stage.LOOKED_AFTER, end_date__isnull=True).annotate(
        open_placements=Count("placements", filter=Q(placements__end_date__isnull=True), distinct=True),
        statuses=Count("legal_statuses", distinct=True),
    )
    assert open_in_care.count() >= 20
    for episode in open_in_care:
        assert episode.open_placements == 1, episode
        assert episode.statuses >= 1, episode
    current = Placement.objects.filter(episode__in=open_in_care, end_date__isnull=True).select_related("episode__child")
    for placement in current:
        child = placement.episode.child
        assert placement.out_of_area == child.out_of_area
        assert placement.postcode == child.postcode


def test_care_leavers_left_care_before_their_care_leaver_episode(council):
    leavers = Episode.objects.filter(stage=Stage.CARE_LEAVER).select_related("child")
    assert leavers.count() >= 10
    for leaver in leavers:
        ended = Episode.objects.filter(child=leaver.child, stage=Stage.LOOKED_AFTER, end_date__isnull=False)
        assert ended.filter(end_date__lte=leaver.start_date).exclude(reason_ceased="").exists(), leaver.child
        assert leaver.eligibility and leaver.in_touch and leaver.activity


def test_nothing_is_dated_after_the_as_of_date_or_before_the_child_was_born(council):
    born = dict(Child.objects.values_list("pk", "date_of_birth"))
    for row in Episode.objects.values("child_id", *EPISODE_DATE_FIELDS):
        for name in EPISODE_DATE_FIELDS:
            if row[name] is not None:
                assert born[row["child_id"]] <= row[name] <= AS_OF, (name, row)
    for child, start, end in Placement.objects.values_list("episode__child_id", "start_date", "end_date"):
        assert born[child] <= start <= AS_OF and (end is None or start <= end <= AS_OF)
    for child, start in LegalStatus.objects.values_list("episode__child_id", "start_date"):
        assert born[child] <= start <= AS_OF
    for child, day, end in Event.objects.values_list("child_id", "date", "end_date"):
        assert born[child] <= day <= AS_OF and (end is None or day <= end <= AS_OF)
    for child, start, end in Flag.objects.values_list("child_id", "start_date", "end_date"):
        assert born[child] <= start <= AS_OF and (end is None or start <= end <= AS_OF)


def test_the_database_rules_hold_open_episodes_and_flags_unique_ends_after_starts(council):
    open_twice = (
        Episode.objects.filter(end_date__isnull=True, stage__in=ONE_OPEN_AT_A_TIME)
        .values("child_id", "stage").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not open_twice.exists()
    assert not Flag.objects.filter(end_date__isnull=True).values("child_id", "kind").annotate(
        n=Count("id")).filter(n__gt=1).exists()
    for model, start in ((Episode, "start_date"), (Placement, "start_date"), (Flag, "start_date"), (Event, "date")):
        rows = model.objects.exclude(end_date__isnull=True).values_list(start, "end_date")
        assert all(end >= begin for begin, end in rows), model
    assert not Event.objects.filter(child_seen=False, child_seen_alone=True).exists()


def test_events_fall_within_their_episode_of_the_same_child(council):
    for event in Event.objects.exclude(episode=None).select_related("episode"):
        assert event.episode.child_id == event.child_id
        assert event.episode.start_date <= event.date <= (event.episode.end_date or AS_OF), event


def test_records_are_written_by_workers_of_the_childs_team(council):
    members: dict[int, set[int]] = defaultdict(set)
    for team in Team.objects.prefetch_related("workers", "managers"):
        members[team.pk] = {worker.user_id for worker in team.workers.all()} | {
            worker.user_id for worker in team.managers.all()}
    checked = 0
    for child in Child.objects.exclude(team=None).prefetch_related("episodes", "events"):
        team_users = members[child.team_id]
        for episode in child.episodes.all():
            assert episode.recorded_by_id in team_users
            assert (episode.team_id, episode.worker_id) == (child.team_id, child.worker_id)
        for event in child.events.all():
            assert event.author_id in team_users
            checked += 1
    assert checked > 1000


def test_child_protection_visits_are_a_mix_of_timely_and_overdue(council):
    """Most children on a plan were seen within 10 working days; some were not (late or drifting practice)."""
    last_visits = (
        Episode.objects.filter(stage=Stage.CHILD_PROTECTION, end_date__isnull=True)
        .annotate(last=Max("events__date", filter=Q(events__kind=EventKind.VISIT)))
        .values_list("start_date", "last")
    )
    gaps = [working_days_between(last or start, AS_OF) for start, last in last_visits]
    assert len(gaps) >= 20
    timely = sum(gap <= 10 for gap in gaps)
    overdue = sum(gap > 10 for gap in gaps)
    assert timely > overdue > 0
    assert timely / len(gaps) >= 0.5


def test_each_team_has_its_typical_journey(council):
    stages_by_team: dict[str, Counter] = defaultdict(Counter)
    for team, stage, is_open in Episode.objects.exclude(child__team=None).values_list(
        "child__team__name", "stage", Q(end_date__isnull=True)
    ):
        stages_by_team[team][stage, is_open] += 1
    assert stages_by_team["Front Door"][Stage.CONTACT, False] > 0
    assert stages_by_team["Children in Care"][Stage.LOOKED_AFTER, True] > 0
    assert stages_by_team["Leaving Care"][Stage.CARE_LEAVER, True] > 0
    assert stages_by_team["Early Help"][Stage.EARLY_HELP, True] > 0
    protection = stages_by_team["Child Protection 1"] + stages_by_team["Child Protection 2"]
    assert protection[Stage.CHILD_PROTECTION, True] > 0 and protection[Stage.CHILD_IN_NEED, True] > 0
    assessment = stages_by_team["Assessment North"] + stages_by_team["Assessment South"]
    assert assessment[Stage.ASSESSMENT, True] > 0 and assessment[Stage.SECTION_47, False] > 0
    assert Episode.objects.filter(child__team__name="Disabled Children", stage=Stage.CHILD_IN_NEED,
                                  primary_need__startswith="N2").exists()
    assert Episode.objects.filter(stage=Stage.CHILD_PROTECTION).exclude(initial_category="").exists()
    assert Episode.objects.filter(stage=Stage.ADOPTION, placement_order_date__isnull=False).exists()
    assert Episode.objects.filter(stage=Stage.CHILD_IN_NEED, end_date__isnull=False).exclude(closure_reason="").exists()


def test_steps_up_and_down_between_early_help_and_social_care(council):
    stepped_up = Episode.objects.filter(stage=Stage.REFERRAL, stepped_from__stage=Stage.EARLY_HELP)
    assert stepped_up.exists()
    for referral in stepped_up.select_related("stepped_from"):
        assert referral.stepped_from.end_reason == "Stepped up to children's social care"
        assert referral.stepped_from.child_id == referral.child_id
        assert referral.stepped_from.end_date <= referral.start_date
    stepped_down = Episode.objects.filter(stage=Stage.EARLY_HELP, stepped_from__stage=Stage.CHILD_IN_NEED)
    assert stepped_down.exists()
    for help_ in stepped_down.select_related("stepped_from"):
        assert help_.stepped_from.end_date is not None and help_.stepped_from.end_date <= help_.start_date


def test_practice_events_carry_what_each_kind_needs(council):
    kinds = set(Event.objects.values_list("kind", flat=True))
    for kind in (EventKind.VISIT, EventKind.INITIAL_CONFERENCE, EventKind.REVIEW_CONFERENCE,
                 EventKind.LOOKED_AFTER_REVIEW, EventKind.PLAN, EventKind.SUPERVISION, EventKind.MANAGEMENT_OVERSIGHT,
                 EventKind.HEALTH_ASSESSMENT, EventKind.DENTAL_CHECK, EventKind.PERSONAL_EDUCATION_PLAN,
                 EventKind.PATHWAY_PLAN):
        assert kind in kinds, kind
    visits = Event.objects.filter(kind=EventKind.VISIT)
    assert visits.filter(child_seen=True).count() > 0.85 * visits.count()
    assert visits.exclude(child_views="").exists()
    babies_alone = visits.filter(child_seen_alone=True, date__lt=AS_OF).filter(
        child__date_of_birth__gt=AS_OF - timedelta(days=365)).count()
    assert babies_alone <= 0.05 * max(1, visits.filter(child__date_of_birth__gt=AS_OF - timedelta(days=365)).count())
    assert not Event.objects.filter(kind__in=[EventKind.INITIAL_CONFERENCE, EventKind.LOOKED_AFTER_REVIEW],
                                    plan_continues=True, next_review_date__isnull=True).exists()
    assert not Event.objects.filter(kind=EventKind.MISSING_EPISODE, end_date__isnull=True).exists()
    panels = Event.objects.filter(kind=EventKind.PANEL_DECISION)
    assert not panels.filter(Q(follow_up="") | Q(follow_up_by=None)).exists()


def test_flags_are_consistent_with_the_childs_record(council):
    open_flags = defaultdict(set)
    for child, kind in Flag.objects.filter(end_date__isnull=True).values_list("child_id", "kind"):
        open_flags[child].add(kind)
    for child in Child.objects.select_related("team"):
        flags = open_flags[child.pk]
        assert (FlagKind.UNACCOMPANIED_ASYLUM_SEEKING in flags) == child.unaccompanied_asylum_seeking
        assert (FlagKind.LIVING_OUT_OF_AREA in flags) == child.out_of_area, child
        if child.disability == Disability.YES:
            assert FlagKind.DISABLED in flags
    for leaver in Episode.objects.filter(stage=Stage.CARE_LEAVER, end_date__isnull=True):
        neet = leaver.activity[:2] in ("G4", "G5", "G6")
        assert (FlagKind.NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING in open_flags[leaver.child_id]) == neet
    trio = Flag.objects.filter(kind__in=[FlagKind.DOMESTIC_ABUSE, FlagKind.PARENTAL_SUBSTANCE_MISUSE,
                                         FlagKind.PARENTAL_MENTAL_ILL_HEALTH])
    assert trio.filter(child__team__name__startswith="Child Protection").count() > 20


def test_replace_clears_the_journeys_before_the_children(council):
    assert Event.objects.exists()
    seed(children=0)
    for model in (Child, Episode, Placement, LegalStatus, Event, Flag):
        assert not model.objects.exists(), model


def test_a_restricted_record_is_written_only_by_its_named_workers(council):
    restricted = Child.objects.filter(restricted=True).prefetch_related("named_workers")
    assert restricted.exists()
    for child in restricted:
        named = {worker.user_id for worker in child.named_workers.all()}
        authors = set(child.events.values_list("author_id", flat=True))
        authors |= set(child.episodes.values_list("recorded_by_id", flat=True))
        authors |= set(child.flags.values_list("recorded_by_id", flat=True))
        assert authors <= named, child
