"""Caseloads (what is late and due, per child and per worker) and stuck cases for the panel."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.codes import CategoryOfAbuse, Disability, Ethnicity, Gender
from cases.models import Child, CouncilSettings, Episode, Event, EventKind, Stage
from cases.selectors import caseload_rows, due_for_children, stuck_cases, worker_counts_for_team
from cases.timescales import child_protection_visit_due
from cases.working_days import working_days_between
from inspection.roles import Role

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 12)  # a Wednesday


def plan(child, user, start: date, **fields) -> Episode:
    return Episode.objects.create(child=child, stage=Stage.CHILD_PROTECTION, start_date=start,
                                  initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user, **fields)


def visit(child, episode, user, day: date) -> Event:
    return Event.objects.create(child=child, episode=episode, kind=EventKind.VISIT, date=day, child_seen=True, author=user)


@pytest.fixture
def caseload(make_child, team_a, practitioner):
    """Five of the practitioner's children, from most to least urgent."""
    worker = practitioner.worker
    long_late = make_child(team_a, last_name="Evans", worker=worker)
    plan(long_late, practitioner, date(2024, 1, 15))  # no visit since: due 29 January
    a_little_late = make_child(team_a, last_name="Adams", worker=worker)
    visit(a_little_late, plan(a_little_late, practitioner, date(2024, 5, 1)), practitioner, date(2024, 5, 20))
    due_today = make_child(team_a, last_name="Brown", worker=worker)
    Episode.objects.create(child=due_today, stage=Stage.REFERRAL, start_date=date(2024, 6, 11), recorded_by=practitioner)
    due_soon = make_child(team_a, last_name="Clark", worker=worker)
    plan(due_soon, practitioner, date(2024, 6, 10))
    nothing_due = make_child(team_a, last_name="Aaron", worker=worker)
    return [long_late, a_little_late, due_today, due_soon, nothing_due]


def rows_for(children) -> list[dict]:
    # Read the children back as the views do (dates of birth as dates, workers joined).
    return caseload_rows(children=Child.objects.filter(pk__in=[c.pk for c in children]).select_related("worker__user"),
                         today=TODAY)


def test_caseload_rows_put_the_latest_work_first_then_the_work_due_soonest(caseload):
    rows = rows_for(reversed(caseload))
    assert [row["child"].last_name for row in rows] == ["Evans", "Adams", "Brown", "Clark", "Aaron"]


def test_a_caseload_row_gives_the_late_items_and_how_late_the_worst_is(caseload):
    evans = rows_for(caseload)[0]
    assert evans["stages"] == ["Child protection plan"]
    assert [item.what for item in evans["late"]] == ["Child protection visit", "Child protection review conference"]
    assert evans["worst_overdue"] == working_days_between(date(2024, 1, 29), TODAY)
    assert evans["next"].due == date(2024, 1, 29)
    assert evans["soon"] == []


def test_a_caseload_row_gives_what_is_due_soon_but_not_yet_late(caseload):
    rows = {row["child"].last_name: row for row in rows_for(caseload)}
    clark = rows["Clark"]
    assert clark["late"] == [] and clark["worst_overdue"] == 0
    assert [item.what for item in clark["soon"]] == ["Child protection visit"]
    assert clark["soon"][0].due == child_protection_visit_due(date(2024, 6, 10))
    assert rows["Brown"]["next"].due == TODAY and rows["Brown"]["late"] == []
    assert rows["Adams"]["worst_overdue"] == working_days_between(child_protection_visit_due(date(2024, 5, 20)), TODAY)


def test_a_child_with_nothing_open_has_an_empty_row_at_the_end(caseload):
    aaron = rows_for(caseload)[-1]
    assert (aaron["child"].last_name, aaron["stages"], aaron["next"], aaron["late"]) == ("Aaron", [], None, [])


def test_worker_counts_give_each_workers_children_late_and_due_soon(caseload, make_user, make_child, team_a, practitioner):
    colleague = make_user("colleague", Role.PRACTITIONER, team_a)
    unallocated = make_child(team_a, last_name="Unallocated")
    plan(unallocated, practitioner, date(2024, 1, 15))
    counts = worker_counts_for_team(rows=rows_for([*caseload, unallocated]), team=team_a)
    summary = [(entry["worker"], entry["children"], entry["late"], entry["soon"]) for entry in counts]
    assert summary == [
        (practitioner.worker, 5, 2, 2),  # late: Evans and Adams; soon: Brown and Clark
        (colleague.worker, 0, 0, 0),
        (None, 1, 1, 0),  # the unallocated child comes last
    ]


# --- A fixed number of queries for any number of children ----------------------------------------


def many_children(how_many: int, user, team, prefix: str) -> list[Child]:
    Child.objects.bulk_create(
        Child(local_id=f"{prefix}{n:05d}", first_name="Sam", last_name=f"Bulk{n}", date_of_birth=date(2012, 1, 1),
              gender=Gender.MALE, ethnicity=Ethnicity.WBRI, disability=Disability.NO, team=team)
        for n in range(how_many)
    )
    children = list(Child.objects.filter(local_id__startswith=prefix))
    Episode.objects.bulk_create(
        Episode(child=child, stage=Stage.CHILD_PROTECTION if n % 3 else Stage.LOOKED_AFTER,
                start_date=date(2024, 1, 8), recorded_by=user)
        for n, child in enumerate(children) if n % 2 == 0
    )
    Event.objects.bulk_create(
        Event(child_id=episode.child_id, episode=episode, kind=EventKind.VISIT, date=date(2024, 2, 1) + timedelta(days=d),
              author=user)
        for episode in Episode.objects.filter(child__in=children) for d in (0, 14)
    )
    return children


def queries_for_due(children) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        found = due_for_children(children=children)
    return len(queries), found


def test_due_for_children_takes_as_many_queries_for_1000_children_as_for_10(practitioner, team_a):
    CouncilSettings.current()  # the settings row exists, as it does in use
    few_queries, few = queries_for_due(many_children(10, practitioner, team_a, "F"))
    many_queries, many = queries_for_due(many_children(1000, practitioner, team_a, "M"))
    assert (len(few), len(many)) == (10, 1000)
    assert sum(1 for items in many.values() if items) == 500
    assert many_queries == few_queries


def test_due_for_1000_children_stays_within_a_fixed_number_of_queries(practitioner, team_a, django_assert_max_num_queries):
    CouncilSettings.current()
    children = many_children(1000, practitioner, team_a, "M")
    with django_assert_max_num_queries(8):
        found = due_for_children(children=children)
    visits = [item for items in found.values() for item in items if item.what == "Child protection visit"]
    assert visits and all(item.due == child_protection_visit_due(date(2024, 2, 15)) for item in visits)


# --- Stuck cases ----------------------------------------------------------------------------------


def test_a_plan_with_nothing_recorded_for_13_weeks_is_stuck_with_no_recorded_progress(child_a, practitioner):
    stuck = plan(child_a, practitioner, TODAY - timedelta(weeks=20))
    visit(child_a, stuck, practitioner, TODAY - timedelta(weeks=13))
    [row] = stuck_cases(user=practitioner, today=TODAY)
    assert row["child"] == child_a
    assert "No recorded progress on the child protection plan for 13 weeks" in row["reasons"]
    assert row["since"] == TODAY - timedelta(weeks=13)
    assert row["last_panel"] is None


def test_a_plan_with_a_recent_visit_is_not_stuck(child_a, practitioner):
    moving = plan(child_a, practitioner, TODAY - timedelta(weeks=26))
    visit(child_a, moving, practitioner, TODAY - timedelta(days=3))
    assert stuck_cases(user=practitioner, today=TODAY) == []


def test_a_plan_open_for_two_years_is_stuck_even_with_recent_visits(child_a, practitioner):
    long_plan = plan(child_a, practitioner, date(2022, 6, 12))
    visit(child_a, long_plan, practitioner, TODAY - timedelta(days=3))
    [row] = stuck_cases(user=practitioner, today=TODAY)
    assert row["reasons"] == ["Child protection plan open for two years or more"]


def test_a_visit_long_overdue_is_a_reason(child_a, practitioner):
    late = plan(child_a, practitioner, date(2024, 1, 15))
    visit(child_a, late, practitioner, date(2024, 5, 1))
    Event.objects.create(child=child_a, episode=late, kind=EventKind.SUPERVISION, date=TODAY, author=practitioner)
    [row] = stuck_cases(user=practitioner, today=TODAY)
    overdue = working_days_between(child_protection_visit_due(date(2024, 5, 1)), TODAY)
    assert row["reasons"] == [f"Visit overdue by {overdue} working days"]


def test_an_ended_plan_is_not_stuck(child_a, practitioner):
    plan(child_a, practitioner, date(2020, 1, 6), end_date=date(2021, 1, 4))
    assert stuck_cases(user=practitioner, today=TODAY) == []


def test_stuck_cases_show_the_longest_stuck_first_with_the_last_panel_date(make_child, team_a, practitioner):
    recent, older = make_child(team_a, last_name="Recent"), make_child(team_a, last_name="Older")
    plan(recent, practitioner, TODAY - timedelta(weeks=14))
    plan(older, practitioner, TODAY - timedelta(weeks=30))
    Event.objects.create(child=older, kind=EventKind.PANEL_DECISION, date=date(2024, 3, 1), author=practitioner)
    rows = stuck_cases(user=practitioner, today=TODAY)
    assert [row["child"].last_name for row in rows] == ["Older", "Recent"]
    assert rows[0]["last_panel"] == date(2024, 3, 1)


def test_stuck_cases_are_only_those_the_user_may_see(child_a, practitioner, practitioner_b):
    plan(child_a, practitioner, TODAY - timedelta(weeks=20))
    assert [row["child"] for row in stuck_cases(user=practitioner, today=TODAY)] == [child_a]
    assert stuck_cases(user=practitioner_b, today=TODAY) == []


def test_a_caseload_lines_late_tags_are_escaped_and_none_says_none():
    from cases.due import Due
    from cases.selectors.caseloads import caseload_row
    from cases.timescales import Timescale

    today = date(2026, 3, 16)
    child = Child(pk=7, local_id="C7", first_name="Ava", last_name="Ahmed", date_of_birth=date(2015, 3, 1))
    late = Due(what="Visit <b>", stage="child_protection", episode_pk=1,
               timescale=Timescale(due=date(2026, 3, 2), done=None))
    row = caseload_row(child, [late], ["Child protection"], today=today)
    assert str(row["late_html"]) == ('<strong class="govuk-tag govuk-tag--red los-tag-block">'
                                     f'Visit &lt;b&gt;: {row["late_labels"][0].split(": ", 1)[1]}</strong>')
    assert caseload_row(child, [], [], today=today)["late_html"] == "None"
