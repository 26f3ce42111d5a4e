"""Caseloads: my caseload and a team's caseload, who may see them, and the query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import CategoryOfAbuse, Disability, Ethnicity, Gender
from cases.models import Child, CouncilSettings, Episode, Event, EventKind, Stage
from cases.summaries import case_summaries_refresh
from inspection.roles import Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - timedelta(days=150)
MINE_URL = reverse("caseload:mine")
# Measured: 18 queries for the team caseload page (session, user, permissions, the teams, scope, a
# page in two parts, the kept per-worker counts and the restricted records added to them, the
# workers' names, the page's deadlines and open stages, when they were worked out), whatever the
# number of children or workers.
TEAM_CASELOAD_MAX_QUERIES = 18


def team_url(team) -> str:
    return reverse("caseload:team", args=[team.pk])


def late_protection_plan(child, user):
    """A child protection plan started long ago with no visit: its visit is late."""
    return Episode.objects.create(
        child=child, stage=Stage.CHILD_PROTECTION, start_date=LONG_AGO,
        initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user,
    )


def listed(response) -> list:
    return [row["child"] for row in response.context["rows"]]


@pytest.fixture
def allocated(make_child, team_a, practitioner):
    """Two children allocated to the practitioner (one with late work) and one unallocated child."""
    late = make_child(team_a, first_name="Lena", last_name="Late", worker=practitioner.worker)
    late_protection_plan(late, practitioner)
    calm = make_child(team_a, first_name="Cal", last_name="Calm", worker=practitioner.worker)
    unallocated = make_child(team_a, first_name="Una", last_name="Unallocated")
    case_summaries_refresh()  # as the morning job (or a recording through the services) would
    return late, calm, unallocated


# --- who gets in --------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["mine", "team"])
def test_signed_out_visitor_is_sent_to_sign_in_from_caseloads(client, team_a, url_name):
    url = MINE_URL if url_name == "mine" else team_url(team_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={url}"


@pytest.mark.parametrize("fixture_name", ["elected_member", "administrator"])
def test_roles_without_casework_are_refused_caseloads(client, request, fixture_name, team_a, allocated):
    client.force_login(request.getfixturevalue(fixture_name))
    for url in (MINE_URL, team_url(team_a)):
        response = client.get(url)
        assert response.status_code == 403
        assert "Lena" not in response.content.decode()


def test_practitioner_in_another_team_gets_not_found_for_the_teams_caseload(client, practitioner_b, team_a, allocated):
    client.force_login(practitioner_b)
    response = client.get(team_url(team_a))
    assert response.status_code == 404
    assert "Lena" not in response.content.decode()


def test_practitioner_in_another_team_does_not_see_the_other_teams_children_in_their_caseload(
    client, practitioner_b, child_b, allocated
):
    child_b.worker = practitioner_b.worker
    child_b.save()
    client.force_login(practitioner_b)
    response = client.get(MINE_URL)
    assert listed(response) == [child_b]
    assert "Lena" not in response.content.decode()
    nav = [team.name for team in response.context["teams"]]
    assert nav == ["Children in Care"]


# --- my caseload --------------------------------------------------------------------------------


def test_my_caseload_lists_my_children_late_work_first_with_the_late_count(client, practitioner, allocated):
    late, calm, unallocated = allocated
    client.force_login(practitioner)
    response = client.get(MINE_URL)
    assert response.status_code == 200
    assert listed(response) == [late, calm]
    assert (response.context["total"], response.context["late_count"]) == (2, 1)
    page = response.content.decode()
    assert '<span class="los-count">1</span> with late work' in page
    assert "Child protection visit: late by" in page
    assert "Una" not in page


def test_a_user_who_is_not_a_worker_is_told_they_have_no_caseload(client, make_user, allocated):
    client.force_login(make_user("auditor.no.worker", Role.AUDITOR, worker=False))
    response = client.get(MINE_URL)
    assert response.status_code == 200
    assert listed(response) == []
    assert "You are not set up as a worker, so you have no caseload." in response.content.decode()


def test_a_worker_with_no_children_is_told_none_are_allocated(client, auditor, allocated):
    client.force_login(auditor)
    page = client.get(MINE_URL).content.decode()
    assert "No children are allocated here." in page
    assert "Lena" not in page


# --- team caseload ------------------------------------------------------------------------------


def test_team_manager_sees_the_team_caseload_with_counts_per_worker(client, team_manager, practitioner, allocated, child_b):
    late, calm, unallocated = allocated
    case_summaries_refresh()  # the team's caseload reads what the morning job keeps
    client.force_login(team_manager)
    response = client.get(team_url(practitioner.worker.team))
    assert response.status_code == 200
    assert set(listed(response)) == {late, calm, unallocated}
    counts = {str(entry["worker"]): (entry["children"], entry["late"]) for entry in response.context["worker_counts"]}
    assert counts == {"Practitioner Tester": (2, 1), "Manager Tester": (0, 0), "None": (1, 0)}
    page = response.content.decode()
    assert "Caseloads by worker" in page
    assert "Not allocated to a worker" in page
    # Each child's line names their worker (or says no one), as the worker's name reads elsewhere.
    workers_named = {row["child"].pk: row["worker_text"] for row in response.context["rows"]}
    assert workers_named == {late.pk: str(practitioner.worker), calm.pk: str(practitioner.worker),
                             unallocated.pk: "Not allocated"}
    assert f'<td class="govuk-table__cell">{practitioner.worker}</td>' in page
    assert "Baker" not in page


def test_senior_manager_can_open_any_teams_caseload(client, senior_manager, team_b, child_b):
    client.force_login(senior_manager)
    response = client.get(team_url(team_b))
    assert response.status_code == 200
    assert listed(response) == [child_b]


def test_an_unknown_team_is_not_found(client, team_manager):
    client.force_login(team_manager)
    assert client.get(reverse("caseload:team", args=[987654])).status_code == 404


# --- query count --------------------------------------------------------------------------------


def add_children(team, user, how_many: int, start: int) -> None:
    """Children in bulk; every third on a child protection plan, half of those visited lately."""
    children = Child.objects.bulk_create(
        Child(
            local_id=f"B{start + n:06d}", first_name="Bulk", last_name=f"Child{start + n:06d}", date_of_birth="2014-05-05",
            gender=Gender.MALE, ethnicity=Ethnicity.WBRI, disability=Disability.NO, team=team,
            worker=user.worker if n % 2 else None,
        )
        for n in range(how_many)
    )
    plans = Episode.objects.bulk_create(
        Episode(child=child, stage=Stage.CHILD_PROTECTION, start_date=LONG_AGO,
                initial_category=CategoryOfAbuse.NEGLECT, recorded_by=user)
        for child in children[::3]
    )
    Event.objects.bulk_create(
        Event(child=plan.child, episode=plan, kind=EventKind.VISIT, date=TODAY - timedelta(days=2), author=user)
        for plan in plans[::2]
    )


def test_team_caseload_query_count_does_not_grow_with_the_number_of_children(
    client, team_manager, practitioner, team_a, django_assert_max_num_queries
):
    CouncilSettings.current()  # created once, outside the requests being counted
    add_children(team_a, practitioner, 160, start=0)  # more than a page with work due: every third
    case_summaries_refresh()
    client.force_login(team_manager)
    with CaptureQueriesContext(connection) as few:
        response = client.get(team_url(team_a))
    assert response.context["total"] == 160

    add_children(team_a, practitioner, 840, start=160)
    case_summaries_refresh()
    with django_assert_max_num_queries(TEAM_CASELOAD_MAX_QUERIES):
        with CaptureQueriesContext(connection) as many:
            response = client.get(team_url(team_a))
    assert response.status_code == 200
    assert response.context["total"] == 1000
    assert len(response.context["rows"]) == 50  # a page; the rest are a "Next" away
    assert response.context["late_count"] > 0
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


def test_a_team_smaller_than_a_page_reads_the_children_with_nothing_due_too(client, team_manager, practitioner, team_a):
    """A page that runs on from the children with work due into those with none reads both parts,
    one query more, still within the page's limit."""
    CouncilSettings.current()
    add_children(team_a, practitioner, 10, start=0)
    case_summaries_refresh()
    client.force_login(team_manager)
    with CaptureQueriesContext(connection) as small:
        response = client.get(team_url(team_a))
    assert [row["next"] is None for row in response.context["rows"]] == [False] * 4 + [True] * 6
    assert len(small) <= TEAM_CASELOAD_MAX_QUERIES


def test_my_caseload_query_count_does_not_grow_and_it_is_read_fifty_at_a_time(client, practitioner, team_a):
    CouncilSettings.current()
    add_children(team_a, practitioner, 10, start=0)  # every other one allocated to the practitioner
    case_summaries_refresh()
    client.force_login(practitioner)
    with CaptureQueriesContext(connection) as few:
        first = client.get(MINE_URL)
    assert first.context["total"] == 5
    add_children(team_a, practitioner, 200, start=10)
    case_summaries_refresh()
    with CaptureQueriesContext(connection) as many:
        response = client.get(MINE_URL)
    assert len(response.context["rows"]) == 50 and response.context["total"] == 105
    assert response.context["late_count"] == Child.objects.filter(
        worker=practitioner.worker, case_summary__next_due__lt=TODAY).count() > 0
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
    assert 'rel="next"' in response.content.decode()
