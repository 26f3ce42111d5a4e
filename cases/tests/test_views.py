"""The children list and a child's record page: who gets in, what they see, and what is logged."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import Gender
from cases.models import AccessLogEntry

pytestmark = pytest.mark.django_db

LIST_URL = reverse("cases:child_list")


def detail_url(child) -> str:
    return reverse("cases:child_detail", args=[child.pk])


def rows(response) -> list:
    return list(response.context["page"].object_list)


def aged(years: int) -> date:
    """A date of birth that makes a child exactly ``years`` old today (birthday on 1 January)."""
    return date(timezone.localdate().year - years, 1, 1)


# --- who gets in --------------------------------------------------------------------------------


def test_signed_out_visitor_is_sent_to_sign_in_from_the_children_list(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/children/"


def test_signed_out_visitor_is_sent_to_sign_in_from_a_childs_record(client, child_a):
    response = client.get(detail_url(child_a))
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next=/children/{child_a.pk}/"
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("fixture_name", ["elected_member", "administrator"])
def test_roles_without_casework_are_refused_the_children_list(client, request, fixture_name, child_a):
    client.force_login(request.getfixturevalue(fixture_name))
    response = client.get(LIST_URL)
    assert response.status_code == 403
    assert b"Ahmed" not in response.content


@pytest.mark.parametrize("fixture_name", ["elected_member", "administrator"])
def test_roles_without_casework_are_refused_a_childs_record_and_nothing_is_logged(client, request, fixture_name, child_a):
    client.force_login(request.getfixturevalue(fixture_name))
    response = client.get(detail_url(child_a))
    assert response.status_code == 403
    assert b"Ahmed" not in response.content
    assert not AccessLogEntry.objects.exists()


def test_practitioner_in_another_team_gets_not_found_for_a_childs_record_and_nothing_is_logged(
    client, practitioner_b, child_a
):
    client.force_login(practitioner_b)
    response = client.get(detail_url(child_a))
    assert response.status_code == 404
    assert b"Ahmed" not in response.content
    assert not AccessLogEntry.objects.exists()


def test_practitioner_in_another_team_does_not_see_the_child_in_their_list(client, practitioner_b, child_a, child_b):
    client.force_login(practitioner_b)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert rows(response) == [child_b]
    assert "Baker, Jack" in response.content.decode()
    assert "Ahmed" not in response.content.decode()


# --- happy path ---------------------------------------------------------------------------------


def test_practitioner_sees_their_teams_child_in_the_list_with_name_and_id(client, practitioner, child_a, child_b):
    client.force_login(practitioner)
    response = client.get(LIST_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ahmed, Ava" in page
    assert child_a.local_id in page
    assert detail_url(child_a) in page
    assert "Baker" not in page


def test_opening_a_childs_record_shows_it_and_logs_exactly_one_view(client, practitioner, child_a):
    client.force_login(practitioner)
    response = client.get(detail_url(child_a))
    assert response.status_code == 200
    assert "Ava Ahmed" in response.content.decode()
    assert child_a.local_id in response.content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.child, entry.action) == (practitioner, child_a, AccessLogEntry.Action.VIEWED_CHILD)


def test_team_manager_sees_who_has_looked_at_the_record(client, team_manager, practitioner, child_a):
    client.force_login(practitioner)
    client.get(detail_url(child_a))
    client.force_login(team_manager)
    response = client.get(detail_url(child_a))
    page = response.content.decode()
    assert "Who has looked at this record" in page
    assert "Practitioner Tester" in page
    assert "Manager Tester" in page


def test_practitioner_does_not_see_who_has_looked_at_the_record(client, practitioner, child_a):
    client.force_login(practitioner)
    response = client.get(detail_url(child_a))
    assert response.status_code == 200
    assert "Who has looked at this record" not in response.content.decode()


# --- filters ------------------------------------------------------------------------------------


def test_searching_by_surname_finds_only_matching_children(client, practitioner, child_a, make_child, team_a):
    make_child(team_a, first_name="Ben", last_name="Olsen")
    client.force_login(practitioner)
    response = client.get(LIST_URL, {"q": "ahmed"})
    assert rows(response) == [child_a]
    assert "Olsen" not in response.content.decode()


def test_searching_by_first_and_last_name_needs_both_words_to_match(client, practitioner, child_a, make_child, team_a):
    make_child(team_a, first_name="Ava", last_name="Olsen")
    client.force_login(practitioner)
    assert rows(client.get(LIST_URL, {"q": "Ava Ahmed"})) == [child_a]


def test_searching_by_child_id_matches_the_whole_id_only(client, practitioner, child_a, make_child, team_a):
    make_child(team_a, local_id=child_a.local_id + "9")
    client.force_login(practitioner)
    assert rows(client.get(LIST_URL, {"q": child_a.local_id})) == [child_a]
    assert rows(client.get(LIST_URL, {"q": child_a.local_id[:-1]})) == []


def test_filtering_by_gender(client, practitioner, child_a, make_child, team_a):
    boy = make_child(team_a, first_name="Omar", last_name="Khan", gender=Gender.MALE)
    client.force_login(practitioner)
    assert rows(client.get(LIST_URL, {"gender": Gender.MALE})) == [boy]
    assert rows(client.get(LIST_URL, {"gender": Gender.FEMALE})) == [child_a]


def test_filtering_by_age_range_includes_both_ends(client, practitioner, make_child, team_a):
    three, eight, ten, fourteen = (make_child(team_a, date_of_birth=aged(n)) for n in (3, 8, 10, 14))
    client.force_login(practitioner)
    assert rows(client.get(LIST_URL, {"age_from": 8, "age_to": 10})) == [eight, ten]
    assert rows(client.get(LIST_URL, {"age_from": 10})) == [ten, fourteen]
    assert rows(client.get(LIST_URL, {"age_to": 3})) == [three]


def test_an_age_range_the_wrong_way_round_shows_an_error_and_no_children(client, practitioner, child_a):
    client.force_login(practitioner)
    response = client.get(LIST_URL, {"age_from": 10, "age_to": 5})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Aged to must be the same as or older than aged from" in page
    assert rows(response) == []
    assert "No children match these filters" in page
    assert "Ahmed" not in page


def test_sorting_by_name_descending(client, practitioner, make_child, team_a):
    for surname in ("Brown", "Adams", "Clark"):
        make_child(team_a, last_name=surname)
    client.force_login(practitioner)
    response = client.get(LIST_URL, {"sort": "-name"})
    assert [child.last_name for child in rows(response)] == ["Clark", "Brown", "Adams"]
    page = response.content.decode()
    assert page.index("Clark, ") < page.index("Brown, ") < page.index("Adams, ")


def test_default_order_is_by_surname(client, practitioner, make_child, team_a):
    for surname in ("Brown", "Adams", "Clark"):
        make_child(team_a, last_name=surname)
    client.force_login(practitioner)
    assert [child.last_name for child in rows(client.get(LIST_URL))] == ["Adams", "Brown", "Clark"]


# --- pagination and queries ---------------------------------------------------------------------


def test_sixty_children_are_shown_fifty_to_a_page(client, practitioner, make_child, team_a):
    for _ in range(60):
        make_child(team_a)
    client.force_login(practitioner)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert len(rows(first)) == 50
    assert len(rows(second)) == 10
    assert {child.pk for child in rows(first)}.isdisjoint(child.pk for child in rows(second))
    assert "60 children, showing 1 to 50" in first.content.decode()
    assert "60 children, showing 51 to 60" in second.content.decode()


def test_pagination_links_keep_the_filters(client, practitioner, make_child, team_a):
    for _ in range(60):
        make_child(team_a, gender=Gender.MALE)
    client.force_login(practitioner)
    response = client.get(LIST_URL, {"gender": Gender.MALE})
    assert "?gender=a%29+Male&amp;page=2" in response.content.decode()


def test_list_page_query_count_does_not_grow_with_the_number_of_children(client, practitioner, make_child, team_a):
    worker = practitioner.worker
    for _ in range(5):
        make_child(team_a, worker=worker)
    client.force_login(practitioner)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL).status_code == 200

    for _ in range(55):
        make_child(team_a, worker=worker)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST_URL)
    assert len(rows(response)) == 50
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
