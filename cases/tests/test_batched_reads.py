"""Several reads in one round trip give exactly what reading each in turn gives."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch
from django.test.utils import CaptureQueriesContext

from cases.batched_reads import read_together
from cases.models import Child, Episode, Event, Flag, Stage, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(make_child, team_a, team_b, practitioner):
    """Two children with episodes, events (one of them with a percent sign) and a flag."""
    ada = make_child(team_a, first_name="Ada", last_name="Lovelace")
    bo = make_child(team_b, first_name="Bo", last_name="Diddley")
    for child, stages in ((ada, [Stage.REFERRAL, Stage.ASSESSMENT]), (bo, [Stage.REFERRAL])):
        for day, stage in enumerate(stages, start=1):
            Episode.objects.create(child=child, stage=stage, start_date=date(2026, 3, day), recorded_by=practitioner)
    Event.objects.create(child=ada, kind="visit", date=date(2026, 3, 4), summary="Seen at home: 100% engaged",
                         author=practitioner)
    Event.objects.create(child=ada, kind="case_note", date=date(2026, 3, 5), summary="Phoned school", author=practitioner)
    Flag.objects.create(child=bo, kind=Flag._meta.get_field("kind").choices[0][0], start_date=date(2026, 3, 1),
                        recorded_by=practitioner)
    return ada, bo


def the_same(read: list, expected: list) -> bool:
    """Rows equal, and for model instances every field's value equal too (not only the pk)."""
    if read != expected:
        return False
    return all(not hasattr(row, "__dict__") or {k: v for k, v in vars(row).items() if k != "_state"}
               == {k: v for k, v in vars(other).items() if k != "_state"} for row, other in zip(read, expected, strict=True))


def test_each_queryset_reads_as_it_would_alone_in_one_round_trip(record):
    ada, _ = record
    querysets = [
        Episode.objects.filter(child=ada),
        Event.objects.filter(child=ada, summary__contains="100%"),
        Child.objects.select_related("team").only("first_name", "team__name").order_by("last_name"),
        Team.objects.values("name").order_by("name"),
        Event.objects.values_list("kind", "date").order_by("date"),
        Episode.objects.values_list("stage", flat=True).order_by("start_date", "pk"),
        Child.objects.annotate(flagged=Exists(Flag.objects.filter(child=OuterRef("pk")))).order_by("pk"),
    ]
    expected = [list(queryset.all()) for queryset in querysets]
    with CaptureQueriesContext(connection) as queries:
        read = read_together(*querysets)
    assert len(queries) == 1
    assert all(the_same(got, wanted) for got, wanted in zip(read, expected, strict=True))
    assert [child.team.name for child in read[2]] == [child.team.name for child in expected[2]]
    assert [child.flagged for child in read[6]] == [False, True]
    assert read[1][0].summary == "Seen at home: 100% engaged"


def test_a_queryset_that_can_hold_nothing_sends_nothing(record):
    ada, _ = record
    with CaptureQueriesContext(connection) as queries:
        episodes, nothing = read_together(Episode.objects.filter(child=ada), Event.objects.filter(pk__in=[]))
    assert nothing == []
    assert len(episodes) == 2
    assert len(queries) == 1


def test_prefetching_still_happens_after_the_rows_are_read(record):
    ada, bo = record
    with CaptureQueriesContext(connection) as queries:
        children, teams = read_together(
            Child.objects.order_by("pk").prefetch_related(Prefetch("events", queryset=Event.objects.order_by("date"))),
            Team.objects.order_by("name"),
        )
    assert len(queries) == 2  # the two lists together, then the prefetch
    assert [[event.summary for event in child.events.all()] for child in children] == [
        ["Seen at home: 100% engaged", "Phoned school"], []]
    assert [team.name for team in teams] == sorted(team.name for team in Team.objects.all())


def test_the_querysets_given_are_left_as_they_were(record):
    ada, _ = record
    episodes = Episode.objects.filter(child=ada)
    read_together(episodes, Event.objects.all())
    assert episodes._result_cache is None
    with CaptureQueriesContext(connection) as queries:
        assert len(list(episodes)) == 2
    assert len(queries) == 1


def test_a_queryset_already_read_is_not_read_again(record):
    events = Event.objects.order_by("date")
    list(events)
    with CaptureQueriesContext(connection) as queries:
        read, teams = read_together(events, Team.objects.all())
    assert [event.summary for event in read] == ["Seen at home: 100% engaged", "Phoned school"]
    assert len(teams) == 2
    assert len(queries) == 1


def test_one_database_at_a_time(record):
    with pytest.raises(ValueError, match="one database"):
        read_together(Team.objects.all(), Team.objects.using("elsewhere"))


def test_elsewhere_each_is_read_in_turn(record, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with CaptureQueriesContext(connection) as queries:
        teams, children = read_together(Team.objects.all(), Child.objects.all())
    assert (len(teams), len(children), len(queries)) == (2, 2, 2)
