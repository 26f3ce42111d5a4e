"""The access log search and the stuck-cases list for the panel: who sees what, and the filters."""

import html
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.codes import CategoryOfAbuse, Disability, Ethnicity, Gender
from cases.models import AccessLogEntry, Child, CouncilSettings, Episode, Event, EventKind, Stage
from cases.summaries import case_summaries_refresh
from inspection.roles import Role

pytestmark = pytest.mark.django_db

LOG_URL = reverse("access_log")
STUCK_URL = reverse("stuck_cases")
TODAY = timezone.localdate()
VIEWED, EXPORTED, BROKE_GLASS = (AccessLogEntry.Action.VIEWED_CHILD, AccessLogEntry.Action.EXPORTED,
                                 AccessLogEntry.Action.BROKE_GLASS)
# Measured: 10 queries for the stuck-cases page (session, user, permissions, scope, the page, the
# count, when it was worked out, the council's settings, navigation), whatever the number of
# drifting cases.
STUCK_CASES_MAX_QUERIES = 14


def noon(days_ago: int) -> datetime:
    return timezone.make_aware(datetime.combine(TODAY - timedelta(days=days_ago), time(12, 0)))


def log(user, action, child=None, days_ago: int = 0, detail: str = "") -> AccessLogEntry:
    entry = services.access_log_record(actor=user, action=action, child=child, detail=detail)
    AccessLogEntry.objects.filter(pk=entry.pk).update(at=noon(days_ago))
    return entry


def shown(response) -> list:
    return list(response.context["page"].object_list)


@pytest.fixture
def entries(practitioner, practitioner_b, child_a, child_b):
    return {
        "a_viewed": log(practitioner, VIEWED, child_a, days_ago=10),
        "a_export": log(practitioner, EXPORTED, days_ago=5, detail="Children list"),
        "b_viewed": log(practitioner_b, VIEWED, child_b, days_ago=3),
        "b_export": log(practitioner_b, EXPORTED, days_ago=2, detail="Children list"),
        "a_glass": log(practitioner, BROKE_GLASS, child_a, days_ago=1, detail="Reason given: police"),
    }


# --- access log: who gets in --------------------------------------------------------------------


def test_signed_out_visitor_is_sent_to_sign_in_from_the_access_log(client):
    response = client.get(LOG_URL)
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={LOG_URL}"


@pytest.mark.parametrize("fixture_name", ["practitioner", "auditor", "elected_member", "administrator"])
def test_roles_without_the_access_log_permission_are_refused_it(client, request, fixture_name, entries, child_a):
    client.force_login(request.getfixturevalue(fixture_name))
    response = client.get(LOG_URL)
    assert response.status_code == 403
    assert child_a.local_id not in response.content.decode()


def test_team_manager_sees_entries_about_their_teams_children_and_members_only(client, team_manager, entries, child_b):
    client.force_login(team_manager)
    response = client.get(LOG_URL)
    assert response.status_code == 200
    assert shown(response) == [entries["a_glass"], entries["a_export"], entries["a_viewed"]]
    page = response.content.decode()
    assert "3 entries" in page
    assert "Reason given: police" in page
    assert child_b.local_id not in page


def test_manager_of_the_other_team_does_not_see_the_first_teams_entries(client, make_user, team_b, entries):
    client.force_login(make_user("manager.b", Role.TEAM_MANAGER, team_b, managed=(team_b,)))
    assert shown(client.get(LOG_URL)) == [entries["b_export"], entries["b_viewed"]]


def test_senior_manager_sees_every_entry_newest_first(client, senior_manager, entries):
    client.force_login(senior_manager)
    response = client.get(LOG_URL)
    assert shown(response) == [entries[key] for key in ("a_glass", "b_export", "b_viewed", "a_export", "a_viewed")]


# --- access log: filters ------------------------------------------------------------------------


def test_filtering_by_child_id(client, senior_manager, entries, child_a):
    client.force_login(senior_manager)
    response = client.get(LOG_URL, {"child": child_a.local_id.lower()})
    assert shown(response) == [entries["a_glass"], entries["a_viewed"]]


def test_filtering_by_username(client, senior_manager, entries):
    client.force_login(senior_manager)
    assert shown(client.get(LOG_URL, {"user": "practitioner.b"})) == [entries["b_export"], entries["b_viewed"]]


def test_filtering_by_action(client, senior_manager, entries):
    client.force_login(senior_manager)
    assert shown(client.get(LOG_URL, {"action": EXPORTED})) == [entries["b_export"], entries["a_export"]]
    assert shown(client.get(LOG_URL, {"action": BROKE_GLASS})) == [entries["a_glass"]]


def test_filtering_by_date_range_includes_both_ends(client, senior_manager, entries):
    client.force_login(senior_manager)
    response = client.get(LOG_URL, {"from_date": str(TODAY - timedelta(days=5)), "to_date": str(TODAY - timedelta(days=2))})
    assert shown(response) == [entries["b_export"], entries["b_viewed"], entries["a_export"]]


def test_filters_combine(client, team_manager, entries):
    client.force_login(team_manager)
    response = client.get(LOG_URL, {"user": "practitioner", "action": VIEWED, "from_date": str(TODAY - timedelta(days=30))})
    assert shown(response) == [entries["a_viewed"]]


def test_a_to_date_before_the_from_date_shows_the_error_and_no_entries(client, senior_manager, entries):
    client.force_login(senior_manager)
    response = client.get(LOG_URL, {"from_date": str(TODAY), "to_date": str(TODAY - timedelta(days=7))})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The 'to' date must be the same as or after the 'from' date" in page
    assert shown(response) == []
    assert "No entries match." in page


# --- stuck cases --------------------------------------------------------------------------------


def drifting_plan(child, user, weeks: int = 20) -> Episode:
    return Episode.objects.create(
        child=child, stage=Stage.CHILD_PROTECTION, start_date=TODAY - timedelta(weeks=weeks),
        initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user,
    )


def test_signed_out_visitor_is_sent_to_sign_in_from_stuck_cases(client):
    response = client.get(STUCK_URL)
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={STUCK_URL}"


@pytest.mark.parametrize("fixture_name", ["practitioner", "auditor", "elected_member", "administrator"])
def test_roles_without_oversight_are_refused_stuck_cases(client, request, fixture_name, practitioner, child_a):
    drifting_plan(child_a, practitioner)
    client.force_login(request.getfixturevalue(fixture_name))
    response = client.get(STUCK_URL)
    assert response.status_code == 403
    assert "Ahmed" not in response.content.decode()


def test_team_manager_sees_a_drifting_plan_in_their_team_with_its_reason_and_a_panel_link(
    client, team_manager, practitioner, practitioner_b, child_a, child_b
):
    drifting_plan(child_a, practitioner)
    drifting_plan(child_b, practitioner_b)
    case_summaries_refresh()  # the page reads what the morning job keeps
    client.force_login(team_manager)
    response = client.get(STUCK_URL)
    assert response.status_code == 200
    assert [row["child"] for row in response.context["rows"]] == [child_a]
    page = response.content.decode()
    assert "No recorded progress on the child protection plan for 20 weeks" in page
    assert "Visit overdue by" in page
    assert f'href="{reverse("cases:event_add", args=[child_a.pk, EventKind.PANEL_DECISION])}"' in page
    assert "Record panel decision" in page
    assert "Baker" not in page


def test_a_plan_with_recent_progress_is_not_stuck(client, team_manager, practitioner, child_a):
    plan = drifting_plan(child_a, practitioner)
    Event.objects.create(child=child_a, episode=plan, kind=EventKind.VISIT, date=TODAY, author=practitioner)
    case_summaries_refresh()
    client.force_login(team_manager)
    response = client.get(STUCK_URL)
    assert response.context["rows"] == []
    assert "No cases are drifting." in response.content.decode()


def test_senior_manager_sees_drifting_plans_in_every_team(client, senior_manager, practitioner, practitioner_b, child_a, child_b):
    drifting_plan(child_a, practitioner, weeks=30)
    drifting_plan(child_b, practitioner_b, weeks=20)
    case_summaries_refresh()
    client.force_login(senior_manager)
    rows = client.get(STUCK_URL).context["rows"]
    assert [row["child"] for row in rows] == [child_a, child_b]


def add_drifting_children(team, user, how_many: int, start: int) -> None:
    children = Child.objects.bulk_create(
        Child(
            local_id=f"S{start + n:06d}", first_name="Stuck", last_name=f"Child{start + n:06d}", date_of_birth="2013-02-02",
            gender=Gender.FEMALE, ethnicity=Ethnicity.WBRI, disability=Disability.NO, team=team,
        )
        for n in range(how_many)
    )
    plans = Episode.objects.bulk_create(
        Episode(child=child, stage=Stage.CHILD_PROTECTION, start_date=TODAY - timedelta(weeks=30),
                initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user)
        for child in children
    )
    Event.objects.bulk_create(
        Event(child=plan.child, episode=plan, kind=kind, date=TODAY - timedelta(weeks=16), author=user)
        for plan in plans[::2] for kind in (EventKind.VISIT, EventKind.PANEL_DECISION)
    )


def test_stuck_cases_query_count_does_not_grow_with_the_number_of_drifting_cases(
    client, team_manager, practitioner, team_a, django_assert_max_num_queries
):
    CouncilSettings.current()  # created once, outside the requests being counted
    add_drifting_children(team_a, practitioner, 5, start=0)
    case_summaries_refresh()
    client.force_login(team_manager)
    with CaptureQueriesContext(connection) as few:
        response = client.get(STUCK_URL)
    assert response.context["total"] == 5

    add_drifting_children(team_a, practitioner, 195, start=5)
    case_summaries_refresh()
    with django_assert_max_num_queries(STUCK_CASES_MAX_QUERIES):
        with CaptureQueriesContext(connection) as many:
            response = client.get(STUCK_URL)
    assert response.context["total"] == 200
    assert len(response.context["rows"]) == 50
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
