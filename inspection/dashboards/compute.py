"""The twelve dashboard figures worked out from the case records as they stood on one day.

``compute(as_at)`` reads the records in a fixed number of queries (ten, whatever the number of
children), each streamed from the database as plain values rather than model instances, and
asks the pure rules (rules.py, and cases/due.py for the statutory deadlines) about each child.

As at a day: an episode counts if it had started by then and had not ended before it; events,
authorisations and placements count if dated on or before it; ages are ages on that day. Flows
("Re-referrals within 12 months") count what happened in the twelve months to the day; snapshots
count the children open on it. The care leaver figures read the care leaver's situation as it is
recorded now (the record keeps no dated history of it), for the care leavers open on the day.

Each child counted goes under a team: the team of the episode that brings them into the figure,
else the child's own team; None when neither has one. Caseloads are counted per social worker,
under the worker's team, and list no children.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max, Q

from cases import due
from cases.models import CouncilSettings, Episode, Event, Placement, Stage
from inspection.annex_a import carried
from inspection.judgement_evidence.selectors import ALLOCATED_STAGES

from . import rules
from .measures import MEASURES, Measure

CHUNK = 5000

# The statutory deadline (cases/due.py rule) behind each snapshot deadline figure, and what it is
# called in a member's detail.
DEADLINES = {
    "child_protection_visits": ("child_protection_visit_due", "visit"),
    "looked_after_reviews": ("looked_after_review_due", "review"),
    "health_assessments": ("health_assessment_due", "health assessment"),
    "personal_education_plans": ("personal_education_plan_due", "personal education plan"),
}
DEADLINE_MEASURE = {rule: key for key, (rule, _what) in DEADLINES.items()}
DUE_EVENT_KINDS = [due.VISIT, due.REVIEW_CONFERENCE, due.LOOKED_AFTER_REVIEW, due.PEP]


@dataclass(frozen=True)
class Member:
    """One child (or one referral, assessment or plan of theirs, for the flows) counted in a
    figure: the team it counts under, whether the standard was met for them (as FigureMember
    keeps it: for a figure where lower is better, such as re-referrals, the children in the
    numerator are those who did not meet it), and why, in a few words."""

    child_id: int
    team_id: int | None
    met: bool
    detail: str


@dataclass
class Tally:
    numerator: int = 0
    denominator: int = 0

    def add(self, numerator: int, denominator: int = 1) -> None:
        self.numerator += numerator
        self.denominator += denominator


@dataclass
class Figure:
    """One measure on one day: council-wide, per team (None: counted under no team), and the
    children behind it (none for caseloads)."""

    measure: Measure
    council: Tally = field(default_factory=Tally)
    teams: dict[int | None, Tally] = field(default_factory=lambda: defaultdict(Tally))
    members: list[Member] = field(default_factory=list)

    def count(self, child_id: int, team_id: int | None, decision: rules.Decision) -> None:
        """Count one child with a rule's decision: whether they are in the numerator, and why."""
        in_numerator, detail = decision
        self.members.append(Member(child_id, team_id, in_numerator != self.measure.lower_is_better, detail))
        self.council.add(in_numerator)
        self.teams[team_id].add(in_numerator)


@dataclass
class Computed:
    as_at: date
    figures: dict[str, Figure]


def compute(as_at: date, *, visit_every_working_days: int | None = None) -> Computed:
    """Every figure in MEASURES as at ``as_at``. ``visit_every_working_days`` is the council's
    child protection visiting standard (read from CouncilSettings when not given)."""
    if visit_every_working_days is None:
        visit_every_working_days = CouncilSettings.current().child_protection_visit_working_days
    figures = {measure.key: Figure(measure) for measure in MEASURES}
    since = rules.twelve_months_to(as_at)
    _assessments(figures["assessments_in_timescale"], as_at, since)
    _repeat_referrals(figures["repeat_referrals"], as_at, since)
    _repeat_plans(figures["repeat_child_protection_plans"], as_at, since)
    _deadlines_and_placements(figures, as_at, since, visit_every_working_days)
    _care_leavers(figures, as_at)
    _caseloads(figures["caseload_per_worker"], as_at)
    return Computed(as_at=as_at, figures=figures)


def open_on(as_at: date) -> Q:
    """Episodes open on the day: started on or before it, not ended before it."""
    return Q(start_date__lte=as_at) & (Q(end_date__isnull=True) | Q(end_date__gte=as_at))


def _stream(queryset):
    return queryset.iterator(chunk_size=CHUNK)


def _grouped(rows):
    """Rows ordered by child (the first value): (child id, that child's rows)."""
    child, group = None, []
    for row in rows:
        if row[0] != child:
            if group:
                yield child, group
            child, group = row[0], []
        group.append(row)
    if group:
        yield child, group


# Flows

def _assessments(figure: Figure, as_at: date, since: date) -> None:
    """Assessments authorised in the twelve months, timed from the referral they followed (or
    from their own start where they followed none), as the evidence page times them."""
    rows = Episode.objects.filter(
        stage=Stage.ASSESSMENT, authorised_date__gte=since, authorised_date__lte=as_at, start_date__lte=as_at,
    ).values_list("child_id", "team_id", "child__team_id", "start_date", "authorised_date",
                  "stepped_from__stage", "stepped_from__start_date")
    for child_id, team_id, child_team_id, start, authorised, from_stage, from_start in _stream(rows.order_by()):
        referral = from_start if from_stage == Stage.REFERRAL else start
        figure.count(child_id, team_id or child_team_id,
                     rules.assessment_in_timescale(referral_date=referral, authorised_date=authorised))


def _repeat_referrals(figure: Figure, as_at: date, since: date) -> None:
    """Referrals in the twelve months, each against the child's referrals of the year before it.
    One streamed query: the referrals from a year before the window to the day, of children
    referred in the window, ordered by child."""
    referred = Episode.objects.filter(stage=Stage.REFERRAL, start_date__gte=since, start_date__lte=as_at)
    rows = (
        Episode.objects.filter(stage=Stage.REFERRAL, child_id__in=referred.values("child_id"),
                               start_date__gte=since - relativedelta(months=rules.REPEAT_MONTHS),
                               start_date__lte=as_at)
        .order_by("child_id", "start_date", "pk")
        .values_list("child_id", "start_date", "team_id", "child__team_id", "history_not_held")
    )
    for child_id, referrals in _grouped(_stream(rows)):
        dates = [start for _, start, *_ in referrals]
        for _, start, team_id, child_team_id, figures in referrals:
            if start < since:
                continue
            figure.count(child_id, team_id or child_team_id, rules.repeat_referral(
                referral_date=start, earlier_referrals=dates,
                earlier_not_held=int((figures or {}).get(carried.REFERRALS_12_MONTHS) or 0),
            ))


def _repeat_plans(figure: Figure, as_at: date, since: date) -> None:
    """Child protection plans started in the twelve months, each against the child's earlier
    plans. One streamed query: every plan of the children with one started in the window."""
    started = Episode.objects.filter(stage=Stage.CHILD_PROTECTION, start_date__gte=since, start_date__lte=as_at)
    rows = (
        Episode.objects.filter(stage=Stage.CHILD_PROTECTION, child_id__in=started.values("child_id"),
                               start_date__lte=as_at)
        .order_by("child_id", "start_date", "pk")
        .values_list("child_id", "start_date", "team_id", "child__team_id", "history_not_held")
    )
    for child_id, plans in _grouped(_stream(rows)):
        dates = [start for _, start, *_ in plans]
        for _, start, team_id, child_team_id, figures in plans:
            if start < since:
                continue
            figure.count(child_id, team_id or child_team_id, rules.repeat_child_protection_plan(
                plan_start=start, earlier_plans=dates,
                earlier_not_held=int((figures or {}).get(carried.PREVIOUS_PLANS) or 0),
            ))


# Snapshots

def _deadlines_and_placements(figures: dict[str, Figure], as_at: date, since: date, every: int) -> None:
    """Children on a child protection plan or looked after on the day: their statutory deadlines
    (cases.due.due_for_child, with the events and placements recorded by then) and, for those
    looked after, their placements in the twelve months. Four queries."""
    stages = [Stage.CHILD_PROTECTION, Stage.LOOKED_AFTER]
    open_episodes = Episode.objects.filter(open_on(as_at), stage__in=stages)
    looked_after = open_episodes.filter(stage=Stage.LOOKED_AFTER)

    placements: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    placement_start: dict[int, date] = {}
    for child_id, episode_id, start, end in _stream(
        Placement.objects.filter(episode__stage=Stage.LOOKED_AFTER,
                                 episode__child_id__in=looked_after.values("child_id"), start_date__lte=as_at)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
        .order_by().values_list("episode__child_id", "episode_id", "start_date", "end_date")
    ):
        placements[child_id].append((start, end))
        if end is None or end >= as_at:  # the placement the child was in on the day
            placement_start[episode_id] = max(start, placement_start.get(episode_id, start))

    tallies = {
        (episode_id, kind): due.Tally(last=last, count=count)
        for episode_id, kind, last, count in _stream(
            Event.objects.filter(episode_id__in=open_episodes.values("pk"), kind__in=DUE_EVENT_KINDS, date__lte=as_at)
            .order_by().values("episode_id", "kind").annotate(last=Max("date"), count=Count("pk"))
            .values_list("episode_id", "kind", "last", "count")
        )
    }
    last_health = dict(_stream(
        Event.objects.filter(child_id__in=looked_after.values("child_id"), kind=due.HEALTH_ASSESSMENT, date__lte=as_at)
        .order_by().values("child_id").annotate(last=Max("date")).values_list("child_id", "last")
    ))

    stability = figures["placement_stability"]
    rows = (
        open_episodes.order_by("child_id", "start_date", "pk")
        .values_list("child_id", "pk", "stage", "start_date", "team_id", "permanent_since", "history_not_held",
                     "child__date_of_birth", "child__team_id")
    )
    for child_id, episodes in _grouped(_stream(rows)):
        born, child_team_id = episodes[0][7], episodes[0][8]
        team_of = {pk: team_id or child_team_id for _, pk, _, _, team_id, *_ in episodes}
        items = due.due_for_child(
            date_of_birth=born,
            episodes=[
                due.OpenEpisode(pk=pk, stage=stage, start_date=start,
                                permanent_since=permanent if permanent and permanent <= as_at else None,
                                placement_start=placement_start.get(pk))
                for _, pk, stage, start, _, permanent, *_ in episodes
            ],
            episode_tallies=tallies,
            child_last={due.HEALTH_ASSESSMENT: last_health[child_id]} if child_id in last_health else {},
            visit_every_working_days=every,
            today=as_at,
        )
        seen: set[str] = set()
        # Soonest first: a child with two open episodes of a kind counts once, by the earlier deadline.
        for item in items:
            key = DEADLINE_MEASURE.get(item.rule)
            if key is None or key in seen:
                continue
            seen.add(key)
            figures[key].count(child_id, team_of[item.episode_pk],
                               rules.deadline_kept(item.timescale, as_at=as_at, what=DEADLINES[key][1]))
        care = [episode for episode in episodes if episode[2] == Stage.LOOKED_AFTER]
        if care:
            _, pk, _, _, _, _, history, *_ = care[-1]
            stability.count(child_id, team_of[pk], rules.three_or_more_placements(
                placements=placements.get(child_id, []), as_at=as_at,
                earlier_not_held=carried.extra(history, carried.PLACEMENTS_12_MONTHS, as_at),
            ))


def _care_leavers(figures: dict[str, Figure], as_at: date) -> None:
    """Care leavers open on the day (the latest care leaver episode of each): in touch, in suitable
    accommodation, and in education, employment or training."""
    rows = (
        Episode.objects.filter(open_on(as_at), stage=Stage.CARE_LEAVER)
        .order_by("child_id", "-start_date", "-pk")
        .values_list("child_id", "team_id", "child__team_id", "in_touch", "accommodation_suitable", "activity")
    )
    in_touch = figures["care_leavers_in_touch"]
    accommodated = figures["care_leavers_suitable_accommodation"]
    occupied = figures["care_leavers_in_education_employment"]
    for child_id, episodes in _grouped(_stream(rows)):
        _, team_id, child_team_id, touch, suitable, activity = episodes[0]
        team = team_id or child_team_id
        in_touch.count(child_id, team, rules.care_leaver_in_touch(touch))
        accommodated.count(child_id, team, rules.care_leaver_suitably_accommodated(suitable))
        occupied.count(child_id, team, rules.care_leaver_in_education_employment_or_training(activity))


def _caseloads(figure: Figure, as_at: date) -> None:
    """Children allocated to each social worker on the day: open episodes past the front door
    with a worker. Numerator: the children in all the workers' caseloads (a child two workers
    hold is in both); denominator: the workers holding at least one. Per team by the worker's
    team. One query, one row per worker."""
    for _worker_id, team_id, children in (
        Episode.objects.filter(open_on(as_at), stage__in=ALLOCATED_STAGES, worker__isnull=False)
        .order_by().values("worker_id", "worker__team_id").annotate(children=Count("child_id", distinct=True))
        .values_list("worker_id", "worker__team_id", "children")
    ):
        figure.council.add(children)
        figure.teams[team_id].add(children)
