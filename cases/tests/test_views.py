"""The children list and a child's record page: who gets in, what they see, and what is logged."""

import html
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.codes import Gender
from cases.models import AccessLogEntry, Child
from inspection.roles import Role

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


def _link(page: str, rel: str) -> str:
    """The query string of the page's Next or Previous link."""
    match = re.search(rf'href="\?([^"]*)" rel="{rel}"', page)
    assert match, f"no {rel} link"
    return html.unescape(match.group(1))


def test_sixty_children_are_shown_fifty_to_a_page(client, practitioner, make_child, team_a):
    for _ in range(60):
        make_child(team_a)
    client.force_login(practitioner)

    first = client.get(LIST_URL)
    second = client.get(f"{LIST_URL}?{_link(first.content.decode(), 'next')}")
    back = client.get(f"{LIST_URL}?{_link(second.content.decode(), 'prev')}")

    assert len(rows(first)) == 50
    assert len(rows(second)) == 10
    assert {child.pk for child in rows(first)}.isdisjoint(child.pk for child in rows(second))
    assert rows(back) == rows(first)
    assert "60 children, 50 on this page" in first.content.decode()
    assert "60 children, 10 on this page" in second.content.decode()
    assert 'rel="next"' not in second.content.decode()


def test_pagination_links_keep_the_filters(client, practitioner, make_child, team_a):
    for _ in range(60):
        make_child(team_a, gender=Gender.MALE)
    client.force_login(practitioner)
    response = client.get(LIST_URL, {"gender": Gender.MALE})
    assert re.search(r'\?gender=a%29\+Male&amp;after=\d+" rel="next"', response.content.decode())


def test_a_list_longer_than_the_count_limit_says_more_than(client, practitioner, make_child, team_a, monkeypatch):
    monkeypatch.setattr("cases.selectors.children.COUNT_LIMIT", 5)
    for _ in range(6):
        make_child(team_a)
    client.force_login(practitioner)
    page = client.get(LIST_URL).content.decode()
    assert "More than 5 children" in page
    assert "Use the filters to narrow the list" in page
    monkeypatch.setattr("cases.selectors.children.COUNT_LIMIT", 6)
    assert "6 children" in client.get(LIST_URL).content.decode()


def test_filtering_by_the_allocated_workers_name(client, practitioner, make_child, make_user, team_a):
    other = make_user("other.worker", Role.PRACTITIONER, team=team_a)
    other.first_name, other.last_name = "Grace", "Okafor"
    other.save()
    theirs = make_child(team_a, worker=other.worker, last_name="Theirs")
    mine = make_child(team_a, worker=practitioner.worker, last_name="Mine")
    client.force_login(practitioner)
    assert rows(client.get(LIST_URL, {"worker": "okafor"})) == [theirs]
    assert rows(client.get(LIST_URL, {"worker": "Grace Okafor"})) == [theirs]
    assert rows(client.get(LIST_URL, {"worker": practitioner.username})) == [mine]
    assert rows(client.get(LIST_URL, {"worker": "Nobody"})) == []


@pytest.mark.parametrize("sort", ["name", "-name", "id", "-id", "dob", "-dob", "team", "-team"])
def test_every_order_pages_forwards_and_back_without_skipping_or_repeating(
        client, senior_manager, make_child, team_a, team_b, monkeypatch, sort):
    monkeypatch.setattr("cases.selectors.children.CHILDREN_PER_PAGE", 4)
    born = [date(2015, 1, 1), date(2015, 1, 1), date(2012, 6, 3)]  # ties broken by name, then ID
    for number, (surname, team) in enumerate([("Brown", team_a), ("Adams", team_b), ("Brown", None), ("Clark", team_a),
                                              ("Adams", team_a), ("Evans", None), ("Davis", team_b), ("Brown", team_b),
                                              ("Fox", team_a), ("Green", team_b)]):
        make_child(team, last_name=surname, first_name=f"Kid{number % 3}", date_of_birth=born[number % 3],
                   local_id=f"ID{number:03d}")
    client.force_login(senior_manager)
    field = sort.lstrip("-")
    name = lambda child: (child.last_name, child.first_name, child.local_id)  # noqa: E731
    keys = {
        "name": name, "id": lambda child: child.local_id,
        "dob": lambda child: (child.date_of_birth, *name(child)),
    }
    everyone = list(Child.objects.select_related("team"))
    if field == "team":
        allocated = sorted((child for child in everyone if child.team), key=name)
        allocated.sort(key=lambda child: child.team.name, reverse=sort.startswith("-"))
        expected = allocated + sorted((child for child in everyone if not child.team), key=name)
    elif field == "dob" and sort.startswith("-"):
        expected = sorted(sorted(everyone, key=name), key=lambda child: child.date_of_birth, reverse=True)
    else:
        expected = sorted(everyone, key=keys[field], reverse=sort.startswith("-"))

    pages, query = [], f"sort={sort}"
    while True:
        response = client.get(f"{LIST_URL}?{query}")
        pages.append(rows(response))
        if 'rel="next"' not in response.content.decode():
            break
        query = _link(response.content.decode(), "next")
    assert [child for page in pages for child in page] == expected
    assert [len(page) for page in pages] == [4, 4, 2]
    back = client.get(f"{LIST_URL}?{_link(response.content.decode(), 'prev')}")
    assert rows(back) == pages[1]


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


def test_the_filters_carry_no_form_token_into_the_address_and_show_errors_on_their_field(client, practitioner, child_a):
    client.force_login(practitioner)
    page = client.get(LIST_URL, {"age_from": 10, "age_to": 5}).content.decode()
    filters = page[page.index('<form method="get"'):page.index("</form>", page.index('<form method="get"'))]
    assert "csrfmiddlewaretoken" not in filters  # a GET form would put it in the address and the logs
    assert ('<p id="id_age_to_1_error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
            "Aged to must be the same as or older than aged from</p>") in filters
    assert 'aria-describedby="id_age_to_1_error" aria-invalid="true" id="id_age_to"' in filters
    assert 'href="#id_age_to"' in page  # the error summary links to the field


def test_the_team_filter_lists_the_teams_in_sight_from_one_plain_query(client, team_manager, team_a, team_b, child_a):
    """The team choices are read by an ordinary query, not a server-side cursor (three round
    trips on PostgreSQL for a dozen teams), and still hold only the teams the user sees."""
    client.force_login(team_manager)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("cases:child_list"), {"team": team_a.pk})
    assert page.status_code == 200
    assert not [query["sql"] for query in queries.captured_queries if "DECLARE" in query["sql"].upper()]
    choices = [label for _, label in page.context["filter"].form.fields["team"].choices]
    assert choices[0] == "Any team" and team_a.name in choices and team_b.name not in choices
    assert [child.pk for child in page.context["page"].object_list] == [child_a.pk]


def test_who_has_looked_lists_the_newest_twenty_views_in_local_time(client, team_manager, practitioner, child_a):
    from django.template.defaultfilters import date as date_filter
    from django.utils import timezone

    from cases import services

    services.access_log_record(actor=team_manager, action=AccessLogEntry.Action.VIEWED_CHILD, child=child_a)
    for _ in range(20):
        services.access_log_record(actor=practitioner, action=AccessLogEntry.Action.VIEWED_CHILD, child=child_a)
    client.force_login(team_manager)
    listed = client.get(detail_url(child_a)).content.decode().split("Who has looked at this record")[1].split("</ul>")[0]
    # The manager's view now, then nineteen of the practitioner's twenty: the older ones are not shown.
    assert listed.count("<li>") == 20
    assert listed.count("Practitioner Tester") == 19 and listed.count("Manager Tester") == 1
    newest = AccessLogEntry.objects.filter(child=child_a).order_by("-at", "-pk").first()
    first = listed.split("<li>")[1].split("</li>")[0]
    assert first == f"Manager Tester, {date_filter(timezone.localtime(newest.at), 'j M Y H:i')}"


def test_who_has_looked_names_a_login_without_a_name_and_marks_emergency_access(
    client, team_manager, make_user, child_a
):
    from cases import services
    from inspection.roles import Role

    nameless = make_user("no.name", Role.PRACTITIONER, child_a.team)
    nameless.first_name = nameless.last_name = ""
    nameless.save()
    services.access_log_record(actor=nameless, action=AccessLogEntry.Action.VIEWED_CHILD, child=child_a)
    services.access_log_record(actor=team_manager, action=AccessLogEntry.Action.BROKE_GLASS, child=child_a,
                               detail="Police at the door")
    client.force_login(team_manager)
    listed = client.get(detail_url(child_a)).content.decode().split("Who has looked at this record")[1].split("</ul>")[0]
    assert "<li>no.name, " in listed
    assert listed.count("(emergency access)") == 1


def test_a_list_line_shows_the_childs_details_team_and_worker_as_the_record_does(
    client, practitioner, make_child, team_a
):
    from datetime import date

    from django.template.defaultfilters import date as date_filter
    from django.utils import timezone

    from cases.codes import Ethnicity, Gender
    from cases.rules import age_on

    allocated = make_child(team_a, first_name="Ava", last_name="Ahmed", date_of_birth=date(2014, 9, 3),
                           gender=Gender.MALE, ethnicity=Ethnicity.WBRI, worker=practitioner.worker)
    client.force_login(practitioner)
    page = client.get(LIST_URL).content.decode()
    line = page.split(f'href="/children/{allocated.pk}/"')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0].strip() for cell in line.split('<td class="govuk-table__cell')[1:]]
    assert ">Ahmed, Ava</a>" in line
    assert cells == [
        f'los-nowrap">{allocated.local_id}', f'los-nowrap">{date_filter(allocated.date_of_birth, "j M Y")}',
        f'">{age_on(allocated.date_of_birth, timezone.localdate())}', f'">{allocated.get_gender_display()}',
        f'">{allocated.get_ethnicity_display()}', f'">{team_a.name}', f'">{practitioner.worker}',
    ]
