"""Bad input to every form of a child's record (property tests, property_testing.py): every stage of
the journey, every kind of event, flags, placements, legal statuses, breaking the glass, and the
children list's and access log's filters. Whatever is typed, the page answers; a form shown again
has saved nothing anywhere; an accepted one saved what was typed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from access_matrix import OTHER_TEAM, OWN_TEAM, RESTRICTED
from cases.filters import AccessLogFilterForm, ChildFilterForm
from cases.forms import EVENT_FIELDS, STAGE_FIELDS, BreakGlassForm, EpisodeForm, EventForm, FlagForm, LegalStatusForm, PlacementForm
from cases.models import Episode, Event, Flag, LegalStatus, Placement, RetentionReview, Stage
from cases.retention import add_years
from cases.retention_forms import RetentionFilterForm, RetentionReviewForm
from inspection.roles import Role
from inspection.tests.test_access_matrix import council  # noqa: F401 - the fixture: two teams, a user per role, records
from property_testing import FIRST_CHOICE, FormSpec, exercise

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS_AGO = TODAY - timedelta(days=10)
A_DATE = (str(DAYS_AGO.day), str(DAYS_AGO.month), str(DAYS_AGO.year))
REQUIRED_CHOICE = {"source", "primary_need", "initial_category", "category_of_need", "eligibility"}
PER_VARIANT = 0.4  # each of the ten stages and fourteen kinds of event: 6 spoiled submissions each (of 15)


def newest(model):
    return lambda: model.objects.order_by("-pk").first()


def practitioner(council):
    return council.users[Role.PRACTITIONER.value]


def other_teams_ids(council) -> list[str]:
    """Records of the other team's child, offered where a choice of episode is made."""
    return [str(council.looked_after[OTHER_TEAM].pk), str(council.looked_after[RESTRICTED].pk)]


@pytest.mark.parametrize("stage", list(STAGE_FIELDS))
def test_recording_each_stage_of_the_journey(council, stage):
    child = council.make_child(council.team_a, first_name="Sam", last_name="Stage")
    good = {"start_date": A_DATE, **{name: FIRST_CHOICE for name in STAGE_FIELDS[stage] if name in REQUIRED_CHOICE}}
    exercise(FormSpec(
        f"episode_add:{stage}", EpisodeForm, lambda: reverse("cases:episode_add", args=[child.pk, stage]),
        practitioner(council), good=good, saved=newest(Episode), foreign={"stepped_from": other_teams_ids(council)},
    ), PER_VARIANT)


@pytest.mark.parametrize("kind", list(EVENT_FIELDS))
def test_recording_each_kind_of_event(council, kind):
    child = council.make_child(council.team_a, first_name="Eve", last_name="Event")
    good = {"date": A_DATE, **({"summary": "Seen at home with her mother."} if "summary" in EVENT_FIELDS[kind] else {})}
    exercise(FormSpec(
        f"event_add:{kind}", EventForm, lambda: reverse("cases:event_add", args=[child.pk, kind]),
        practitioner(council), good=good, saved=newest(Event), foreign={"episode": other_teams_ids(council)},
    ), PER_VARIANT)


def test_correcting_an_episode(council):
    episode = council.looked_after[OWN_TEAM]
    exercise(FormSpec(
        "episode_edit", EpisodeForm, lambda: reverse("cases:episode_edit", args=[episode.child_id, episode.pk]),
        practitioner(council), saved=lambda: Episode.objects.get(pk=episode.pk),
    ))


def test_correcting_an_event(council):
    event = council.events[OWN_TEAM]
    exercise(FormSpec(
        "event_edit", EventForm, lambda: reverse("cases:event_edit", args=[event.child_id, event.pk]),
        practitioner(council), saved=lambda: Event.objects.get(pk=event.pk),
        foreign={"episode": other_teams_ids(council)},
    ))


def test_adding_a_flag(council):
    child = council.children[OWN_TEAM]
    exercise(FormSpec(
        "flag_add", FlagForm, lambda: reverse("cases:flag_add", args=[child.pk]), practitioner(council),
        good={"kind": FIRST_CHOICE, "start_date": A_DATE, "note": "Reported by the school."}, saved=newest(Flag),
    ))


def test_correcting_or_ending_a_flag(council):
    flag = council.flags[OWN_TEAM]
    exercise(FormSpec(
        "flag_edit", FlagForm, lambda: reverse("cases:flag_edit", args=[flag.child_id, flag.pk]), practitioner(council),
        good={"end_date": A_DATE}, saved=lambda: Flag.objects.get(pk=flag.pk),
    ))


def test_recording_a_placement(council):
    episode = council.looked_after[OWN_TEAM]
    exercise(FormSpec(
        "placement_add", PlacementForm, lambda: reverse("cases:placement_add", args=[episode.child_id, episode.pk]),
        practitioner(council), saved=newest(Placement),
        good={"start_date": A_DATE, "placement_type": FIRST_CHOICE, "provider": FIRST_CHOICE,
              "provider_name": "Oak House", "urn": "SC123456", "postcode": "AB1 2CD"},
    ))


def test_recording_a_legal_status(council):
    episode = council.looked_after[OWN_TEAM]
    exercise(FormSpec(
        "legal_status_add", LegalStatusForm,
        lambda: reverse("cases:legal_status_add", args=[episode.child_id, episode.pk]), practitioner(council),
        good={"start_date": A_DATE, "code": FIRST_CHOICE}, saved=newest(LegalStatus),
    ))


def test_breaking_the_glass_on_a_restricted_record(council):
    child = council.children[RESTRICTED]
    exercise(FormSpec(
        "child_break_glass", BreakGlassForm, lambda: reverse("cases:child_break_glass", args=[child.pk]),
        council.users[Role.TEAM_MANAGER.value], good={"reason": "Police called about a missing child tonight."},
        page_status=403,  # the page asking for the reason answers 403: the record stays refused until then
    ))


def test_the_children_lists_filters(council):
    council.children  # noqa: B018 - the children of each scope, to be filtered
    exercise(FormSpec(
        "child_list (filters)", ChildFilterForm, lambda: reverse("cases:child_list"), practitioner(council),
        method="get", good={"q": "Ahmed", "age_from": "1", "age_to": "17"}, numbers=("age_from", "age_to", "page", "after", "before"),
        foreign={"team": [str(council.team_b.pk)]},
    ))


def test_the_access_logs_filters(council):
    exercise(FormSpec(
        "access_log (filters)", AccessLogFilterForm, lambda: reverse("access_log"),
        council.users[Role.SENIOR_MANAGER.value], method="get", good={"child": "T00001", "from_date": "2026-01-01"},
    ))


def a_closed_record_due_for_review(council):
    """Closed ten years ago; the child is 30 now: past the six years after closing."""
    born, started, closed = (add_years(TODAY, -years) for years in (30, 11, 10))
    child = council.make_child(council.team_a, first_name="Rhys", last_name="Retained", date_of_birth=born)
    Episode.objects.create(child=child, stage=Stage.CHILD_IN_NEED, start_date=started, end_date=closed,
                           recorded_by=practitioner(council))
    return child


def test_the_retention_reviews_filter(council):
    a_closed_record_due_for_review(council)
    exercise(FormSpec(
        "retention_review (filter)", RetentionFilterForm, lambda: reverse("retention_review"),
        council.users[Role.SENIOR_MANAGER.value], method="get", numbers=("page",),
        may_write=("cases_accesslogentry",),  # each view of the list of children is written to the access log
    ))


def test_deciding_on_a_record_due_for_retention_review(council):
    child = a_closed_record_due_for_review(council)
    exercise(FormSpec(
        "retention_review_decide", RetentionReviewForm, lambda: reverse("retention_review_decide", args=[child.pk]),
        council.users[Role.SENIOR_MANAGER.value], numbers=("keep_years",), saved=newest(RetentionReview),
        good={"decision": FIRST_CHOICE, "keep_years": "2", "reason": "A claim against the council is still open."},
    ))


def test_asking_for_the_children_list_as_a_report(council):
    """The children list's "Print this list" form sends the list's filters to be kept with the report job."""
    council.children  # noqa: B018 - Ava Ahmed, whose list is printed
    exercise(FormSpec(
        "children_list_report_request", None, lambda: reverse("cases:child_list") + "?q=Ahmed&sort=dob",
        practitioner(council),
    ))
