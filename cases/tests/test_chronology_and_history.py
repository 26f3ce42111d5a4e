"""A child's chronology (everything that happened, newest first) and the change history."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import services
from cases.codes import CategoryOfAbuse, LegalStatusCode, LookedAfterNeed, PlacementProvider, PlacementType
from cases.models import Episode, Event, EventKind, Flag, FlagKind, LegalStatus, Placement, Stage
from cases.selectors import change_history_for_child, chronology_for_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_record(child_a, practitioner):
    """A child protection plan that ended, then care with a placement and legal status, a flag
    raised and ended, and three events."""
    by = {"recorded_by": practitioner}
    Episode.objects.create(child=child_a, stage=Stage.CHILD_PROTECTION, start_date=date(2023, 1, 2),
                           end_date=date(2023, 12, 1), initial_category=CategoryOfAbuse.NEGLECT, **by)
    care = Episode.objects.create(child=child_a, stage=Stage.LOOKED_AFTER, start_date=date(2024, 1, 8),
                                  category_of_need=LookedAfterNeed.N1, **by)
    Placement.objects.create(episode=care, start_date=date(2024, 1, 10), placement_type=PlacementType.U6,
                             provider=PlacementProvider.PR1, **by)
    LegalStatus.objects.create(episode=care, start_date=date(2024, 1, 9), code=LegalStatusCode.C2, **by)
    Flag.objects.create(child=child_a, kind=FlagKind.DOMESTIC_ABUSE, start_date=date(2023, 6, 1),
                        end_date=date(2024, 2, 1), **by)
    for kind, day in [(EventKind.REVIEW_CONFERENCE, date(2023, 4, 1)), (EventKind.VISIT, date(2024, 3, 1)),
                      (EventKind.CASE_NOTE, date(2024, 5, 1))]:
        Event.objects.create(child=child_a, kind=kind, date=day, author=practitioner, summary="Noted")
    return child_a


def titles(entries) -> list[str]:
    return [entry.title for entry in entries]


def test_the_chronology_holds_everything_newest_first(full_record):
    entries = chronology_for_child(child=full_record)
    assert [(entry.date, entry.title) for entry in entries] == [
        (date(2024, 5, 1), "Case note"),
        (date(2024, 3, 1), "Visit"),
        (date(2024, 2, 1), "Flag ended: Domestic abuse"),
        (date(2024, 1, 10), "Placement: U6: Foster placement - not FFA"),
        (date(2024, 1, 9), "Legal status: C2: FCO"),
        (date(2024, 1, 8), "Looked after started"),
        (date(2023, 12, 1), "Child protection plan ended"),
        (date(2023, 6, 1), "Flag raised: Domestic abuse"),
        (date(2023, 4, 1), "Child protection review conference"),
        (date(2023, 1, 2), "Child protection plan started"),
    ]


def test_entries_name_who_recorded_them(full_record):
    visit = next(entry for entry in chronology_for_child(child=full_record) if entry.title == "Visit")
    assert visit.by == "Practitioner Tester"
    assert visit.edit_url.endswith(f"/events/{Event.objects.get(kind='visit').pk}/")


def test_entries_on_the_same_day_show_the_later_recorded_first(child_a, practitioner):
    first = Event.objects.create(child=child_a, kind=EventKind.VISIT, date=date(2024, 5, 1), author=practitioner)
    second = Event.objects.create(child=child_a, kind=EventKind.CASE_NOTE, date=date(2024, 5, 1), author=practitioner)
    assert [entry.order for entry in chronology_for_child(child=child_a)] == [second.pk, first.pk]


def test_the_visits_category_shows_only_visits(full_record):
    assert titles(chronology_for_child(child=full_record, category="visits")) == ["Visit"]


def test_the_journey_category_shows_only_episodes_starting_and_ending(full_record):
    assert titles(chronology_for_child(child=full_record, category="journey")) == [
        "Looked after started", "Child protection plan ended", "Child protection plan started",
    ]


def test_the_placements_category_shows_placements_and_legal_statuses(full_record):
    assert titles(chronology_for_child(child=full_record, category="placements")) == [
        "Placement: U6: Foster placement - not FFA", "Legal status: C2: FCO",
    ]


def test_the_flags_category_shows_flags_raised_and_ended(full_record):
    assert titles(chronology_for_child(child=full_record, category="flags")) == [
        "Flag ended: Domestic abuse", "Flag raised: Domestic abuse",
    ]


def test_the_meetings_category_shows_conferences_and_reviews(full_record):
    assert titles(chronology_for_child(child=full_record, category="meetings")) == ["Child protection review conference"]


def test_an_empty_category_means_everything(full_record):
    assert len(chronology_for_child(child=full_record, category="")) == 10


def test_another_childs_record_does_not_appear(full_record, child_b, practitioner_b):
    Event.objects.create(child=child_b, kind=EventKind.VISIT, date=date(2024, 5, 2), author=practitioner_b)
    assert chronology_for_child(child=child_b)[0].date == date(2024, 5, 2)
    assert len(chronology_for_child(child=child_b)) == 1
    assert len(chronology_for_child(child=full_record)) == 10


# --- A long record costs no more queries than a short one ---------------------------------------


def record_with_events(make_child, team, user, how_many: int):
    child = make_child(team)
    plan = Episode.objects.create(child=child, stage=Stage.CHILD_PROTECTION, start_date=date(2020, 1, 6),
                                  initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user)
    Flag.objects.create(child=child, kind=FlagKind.DOMESTIC_ABUSE, start_date=date(2020, 1, 6), recorded_by=user)
    kinds = [EventKind.VISIT, EventKind.REVIEW_CONFERENCE, EventKind.CASE_NOTE, EventKind.SUPERVISION]
    Event.objects.bulk_create(
        Event(child=child, episode=plan, kind=kinds[n % len(kinds)], date=date(2020, 1, 6) + timedelta(days=n),
              author=user, summary=f"Entry {n}")
        for n in range(how_many)
    )
    return child


def count_queries(child) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        entries = chronology_for_child(child=child)
        _ = [(entry.by, entry.edit_url) for entry in entries]
    return len(queries), len(entries)


def test_a_chronology_of_200_events_takes_as_many_queries_as_one_of_5(make_child, team_a, practitioner):
    short_queries, short_entries = count_queries(record_with_events(make_child, team_a, practitioner, 5))
    long_queries, long_entries = count_queries(record_with_events(make_child, team_a, practitioner, 200))
    assert (short_entries, long_entries) == (5 + 2, 200 + 2)
    assert long_queries == short_queries


def test_a_chronology_of_200_events_stays_within_a_fixed_number_of_queries(
    make_child, team_a, practitioner, django_assert_max_num_queries
):
    child = record_with_events(make_child, team_a, practitioner, 200)
    with django_assert_max_num_queries(6):
        entries = chronology_for_child(child=child)
        assert {entry.by for entry in entries} == {"Practitioner Tester"}


# --- Change history -------------------------------------------------------------------------------


def event_changes(child) -> list[dict]:
    return [change for change in change_history_for_child(child=child) if change["what"].startswith("Event:")]


def test_a_correction_is_listed_with_the_changed_fields_labels_and_who_made_it(child_a, practitioner, team_manager):
    event = services.event_save(actor=practitioner, child=child_a, kind=EventKind.VISIT,
                                event=Event(date=date(2024, 5, 1), child_seen=True, summary="First go"))
    event.child_seen = False
    event.summary = "Corrected after checking the notes"
    services.event_save(actor=team_manager, child=child_a, event=event, kind=EventKind.VISIT)

    changes = event_changes(child_a)
    assert [change["when"] for change in changes] == sorted((change["when"] for change in changes), reverse=True)
    recorded = next(change for change in changes if change["type"] == "Recorded")
    corrected = next(change for change in changes if change["type"] == "Changed")
    assert (recorded["who"], recorded["fields"], recorded["reason"]) == (practitioner, [], "Recorded")
    assert corrected["who"] == team_manager
    assert set(corrected["fields"]) == {"Child seen", "summary"}
    assert corrected["reason"] == "Corrected"
    assert corrected["what"] == "Event: Visit on 01 May 2024"


def test_the_change_history_covers_episodes_flags_and_placements(child_a, practitioner):
    care = services.episode_save(actor=practitioner, child=child_a, stage=Stage.LOOKED_AFTER,
                                 episode=Episode(start_date=date(2024, 1, 8), category_of_need=LookedAfterNeed.N1))
    services.placement_save(actor=practitioner, episode=care, placement=Placement(
        start_date=date(2024, 1, 8), placement_type=PlacementType.U6, provider=PlacementProvider.PR1))
    services.flag_save(actor=practitioner, child=child_a,
                       flag=Flag(kind=FlagKind.MISSING_FROM_CARE, start_date=date(2024, 2, 1)))
    by_us = [change["what"] for change in change_history_for_child(child=child_a) if change["who"] == practitioner]
    assert sorted(by_us) == [
        "Flag: Missing from care",
        "Journey: Looked after from 08 Jan 2024",
        "Placement: U6: Foster placement - not FFA from 08 Jan 2024",
    ]


def test_another_childs_changes_are_not_listed(child_a, child_b, practitioner):
    services.event_save(actor=practitioner, child=child_b, kind=EventKind.CASE_NOTE,
                        event=Event(date=date(2024, 5, 1), summary="Not Ava's"))
    assert event_changes(child_a) == []
