"""Records due for retention review, and the decision for each: who may see them, which children
are listed (closed, past the period, not reviewed since, restricted only to named workers), the
team filter, the access log, a constant number of queries, and recording decisions."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import AccessLogEntry, Episode, RetentionReview, Stage
from cases.retention import add_years
from cases.selectors import access_log_verify
from inspection.roles import Role

pytestmark = pytest.mark.django_db

LIST_URL = reverse("retention_review")
TODAY = timezone.localdate()
KEEP, DESTROY, ARCHIVE = (RetentionReview.Decision.KEEP, RetentionReview.Decision.DESTROY,
                          RetentionReview.Decision.ARCHIVE)


def years_ago(years: int, days: int = 0) -> date:
    return add_years(TODAY, -years) - timedelta(days=days)


@pytest.fixture
def close(practitioner):
    """A child's record with one episode, ended ``closed`` (None: still open)."""

    def make(child, *, stage=Stage.CHILD_IN_NEED, started: date, closed: date | None):
        Episode.objects.create(child=child, stage=stage, start_date=started, end_date=closed,
                               recorded_by=practitioner)
        return child

    return make


@pytest.fixture
def council(make_child, close, team_a, team_b):
    """Children due for review and children who are not, in two teams."""
    return {
        # Closed ten years ago, now 30: due since six years after closing (they were 26 then).
        "due_a": close(make_child(team_a, date_of_birth=years_ago(30), last_name="Adams"),
                       started=years_ago(11), closed=years_ago(10)),
        # Closed 8 years ago aged 17; 25th birthday was a year ago.
        "due_b": close(make_child(team_b, date_of_birth=years_ago(26), last_name="Brown"),
                       started=years_ago(9), closed=years_ago(8)),
        # Looked after, now 80, closed 60 years ago: past the 75th birthday.
        "due_looked_after": close(make_child(team_b, date_of_birth=years_ago(80), last_name="Cole"),
                                  stage=Stage.LOOKED_AFTER, started=years_ago(70), closed=years_ago(62)),
        # Closed 10 years ago but only 20 now: kept until the 25th birthday.
        "too_young": close(make_child(team_a, date_of_birth=years_ago(20), last_name="Dean"),
                           started=years_ago(11), closed=years_ago(10)),
        # 30 now, but looked after: kept until the 75th birthday.
        "looked_after": close(make_child(team_a, date_of_birth=years_ago(30), last_name="Evans"),
                              stage=Stage.LOOKED_AFTER, started=years_ago(14), closed=years_ago(12)),
        # 40 now, closed only three years ago.
        "recently_closed": close(make_child(team_a, date_of_birth=years_ago(40), last_name="Ford"),
                                 started=years_ago(4), closed=years_ago(3)),
        # 30 now, an episode still open.
        "open": close(make_child(team_a, date_of_birth=years_ago(30), last_name="Gray"),
                      started=years_ago(11), closed=None),
        # No episodes: no case record.
        "no_episodes": make_child(team_a, date_of_birth=years_ago(30), last_name="Hill"),
    }


def listed(response) -> list:
    assert response.status_code == 200
    return [row.child for row in response.context["page"].object_list]


def decide_url(child) -> str:
    return reverse("retention_review_decide", args=[child.pk])


# --- who may see the list


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={LIST_URL}"


@pytest.mark.parametrize("fixture_name", ["practitioner", "team_manager", "auditor", "elected_member", "administrator"])
def test_other_roles_are_refused_the_list_and_nothing_is_logged(client, request, fixture_name, council):
    client.force_login(request.getfixturevalue(fixture_name))
    response = client.get(LIST_URL)
    assert response.status_code == 403
    assert council["due_a"].local_id not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_senior_managers_see_closed_records_past_their_period_closed_longest_ago_first(client, senior_manager, council):
    client.force_login(senior_manager)
    response = client.get(LIST_URL)
    assert listed(response) == [council["due_looked_after"], council["due_a"], council["due_b"]]
    page = response.content.decode()
    assert "3 records due for review" in page
    assert council["due_a"].local_id in page and council["due_a"].full_name in page
    assert "Child in need" in page and "Looked after" in page
    assert f"{years_ago(10):%-d %b %Y}" in page  # closed on
    assert f"{add_years(years_ago(10), 6):%-d %b %Y}" in page and "6 years after the case closed" in page
    assert f"{add_years(council['due_b'].date_of_birth, 25):%-d %b %Y}" in page and "25th birthday" in page
    assert "75th birthday (was looked after)" in page
    assert "Children in Care" in page
    assert decide_url(council["due_a"]) in page


def test_the_navigation_offers_retention_review_only_to_those_who_may_use_it(client, senior_manager, administrator,
                                                                            team_manager):
    for user, offered in ((senior_manager, True), (administrator, False), (team_manager, False)):
        client.force_login(user)
        assert (f'href="{LIST_URL}"' in client.get(reverse("home")).content.decode()) is offered, user


def test_a_restricted_record_is_listed_only_to_its_named_workers(client, make_user, make_child, close, team_a,
                                                                senior_manager, council):
    hidden = close(make_child(team_a, date_of_birth=years_ago(40), restricted=True, last_name="Secret"),
                   started=years_ago(20), closed=years_ago(19))
    client.force_login(senior_manager)
    assert hidden not in listed(client.get(LIST_URL))
    named = make_user("named.senior", Role.SENIOR_MANAGER, team_a)
    hidden.named_workers.add(named.worker)
    client.force_login(named)
    assert hidden in listed(client.get(LIST_URL))


# --- filtering by team


def test_filtering_by_team(client, senior_manager, council, team_b):
    client.force_login(senior_manager)
    response = client.get(LIST_URL, {"team": team_b.pk})
    assert listed(response) == [council["due_looked_after"], council["due_b"]]
    assert "2 records due for review in Children in Care" in response.content.decode()


def test_a_team_that_is_not_in_the_list_is_shown_back_as_an_error_and_nothing_is_logged(client, senior_manager,
                                                                                        council):
    client.force_login(senior_manager)
    response = client.get(LIST_URL, {"team": "99999"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a team from the list" in page
    assert "<title>Error:" in page
    assert response.context["page"] is None
    assert not AccessLogEntry.objects.exists()


# --- the access log


def test_viewing_the_list_is_written_to_the_access_log(client, senior_manager, council, team_b):
    client.force_login(senior_manager)
    client.get(LIST_URL, {"team": team_b.pk})
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.child) == (senior_manager, AccessLogEntry.Action.VIEWED_LIST, None)
    assert entry.detail == "Records due for retention review: Children in Care, page 1 of 1 (2 of 2 children)"
    assert access_log_verify().intact


def test_an_empty_list_names_nobody_and_is_not_logged(client, senior_manager):
    client.force_login(senior_manager)
    response = client.get(LIST_URL)
    assert "No records are due for review." in response.content.decode()
    assert not AccessLogEntry.objects.exists()


# --- reviewed records leave the list


def review(child, user, decision, years=None, reason="Reviewed"):
    return services.retention_review_record(actor=user, child=child, decision=decision, reason=reason,
                                            keep_years=years)


def test_a_record_kept_for_a_further_period_leaves_the_list_until_its_next_review(client, senior_manager, council):
    kept = review(council["due_a"], senior_manager, KEEP, years=2)
    client.force_login(senior_manager)
    assert council["due_a"] not in listed(client.get(LIST_URL))
    RetentionReview.objects.filter(pk=kept.pk).update(next_review_on=TODAY)  # the further period has ended
    assert council["due_a"] in listed(client.get(LIST_URL))


def test_a_record_marked_for_destruction_or_archiving_leaves_the_list(client, senior_manager, council):
    review(council["due_a"], senior_manager, DESTROY)
    review(council["due_b"], senior_manager, ARCHIVE)
    client.force_login(senior_manager)
    assert listed(client.get(LIST_URL)) == [council["due_looked_after"]]


# --- size


def test_the_list_runs_the_same_number_of_queries_for_a_few_records_and_for_many(client, senior_manager, make_child,
                                                                                 close, team_a, council):
    client.force_login(senior_manager)
    client.get(LIST_URL)  # the session and the council's first reads out of the way
    with CaptureQueriesContext(connection) as few:
        assert len(listed(client.get(LIST_URL))) == 3
    for number in range(60):
        close(make_child(team_a, date_of_birth=years_ago(30, days=number)), started=years_ago(12),
              closed=years_ago(11, days=number))
    with CaptureQueriesContext(connection) as many:
        assert len(listed(client.get(LIST_URL))) == 50
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
    assert len(many) <= 12, len(many)  # measured 11: session, user, permissions, worker, teams, count, page, log
    response = client.get(LIST_URL, {"page": 2})
    assert len(listed(response)) == 13
    assert "page 2 of 2 (13 of 63 children)" in AccessLogEntry.objects.order_by("-sequence").first().detail


# --- recording a decision


def test_signed_out_visitor_is_sent_to_sign_in_from_a_decision(client, council):
    url = decide_url(council["due_a"])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/account/sign-in/?next={url}"


@pytest.mark.parametrize("fixture_name", ["practitioner", "team_manager", "auditor", "elected_member"])
def test_other_roles_may_not_record_a_decision(client, request, fixture_name, council):
    client.force_login(request.getfixturevalue(fixture_name))
    assert client.get(decide_url(council["due_a"])).status_code == 403
    assert client.post(decide_url(council["due_a"]), {"decision": DESTROY, "reason": "x"}).status_code == 403
    assert not RetentionReview.objects.exists()


def test_a_restricted_record_is_not_found_for_those_not_named(client, senior_manager, make_child, close, team_a):
    hidden = close(make_child(team_a, date_of_birth=years_ago(40), restricted=True), started=years_ago(20),
                   closed=years_ago(19))
    client.force_login(senior_manager)
    assert client.get(decide_url(hidden)).status_code == 404
    assert client.post(decide_url(hidden), {"decision": DESTROY, "reason": "x"}).status_code == 404
    assert not RetentionReview.objects.exists()


def test_the_decision_page_shows_the_record_and_is_logged_as_a_view_of_it(client, senior_manager, council):
    child = council["due_b"]
    client.force_login(senior_manager)
    page = client.get(decide_url(child)).content.decode()
    assert f"{child.full_name} ({child.local_id})" in page
    assert f"Since {add_years(child.date_of_birth, 25):%-d %B %Y}" in page
    assert "Record the decision" in page
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.child, entry.detail) == (
        senior_manager, AccessLogEntry.Action.VIEWED_CHILD, child, "Retention review")


def test_keeping_a_record_for_a_further_period_is_saved_with_who_and_when(client, senior_manager, council):
    client.force_login(senior_manager)
    response = client.post(decide_url(council["due_a"]),
                           {"decision": KEEP, "keep_years": "3", "reason": "A claim is still open"}, follow=True)
    assert response.redirect_chain[-1][0] == LIST_URL
    assert (f"Decision recorded for {council['due_a'].full_name} ({council['due_a'].local_id}): kept, back for "
            f"review on {add_years(TODAY, 3):%-d %B %Y}.") in response.content.decode()
    saved = RetentionReview.objects.get()
    assert (saved.child, saved.decision, saved.keep_years, saved.next_review_on, saved.decided_by, saved.reason) == (
        council["due_a"], KEEP, 3, add_years(TODAY, 3), senior_manager, "A claim is still open")
    assert timezone.now() - saved.decided_at < timedelta(minutes=1)
    assert council["due_a"] not in listed(response)


def test_marking_for_destruction_keeps_no_further_period_even_if_years_were_typed(client, senior_manager, council):
    client.force_login(senior_manager)
    response = client.post(decide_url(council["due_b"]), {"decision": DESTROY, "keep_years": "4",
                                                           "reason": "Period passed"}, follow=True)
    assert ": marked for destruction by the records team." in response.content.decode()
    saved = RetentionReview.objects.get()
    assert (saved.decision, saved.keep_years, saved.next_review_on, saved.decided_by) == (
        DESTROY, None, None, senior_manager)


@pytest.mark.parametrize("data, errors", [
    ({}, ["Choose what should happen to this record", "Enter the reason for the decision"]),
    ({"decision": KEEP, "reason": "Claim open"}, ["Enter how many more years to keep the record"]),
    ({"decision": KEEP, "keep_years": "0", "reason": "Claim open"}, ["Keep it for at least 1 year"]),
    ({"decision": KEEP, "keep_years": "two", "reason": "Claim open"}, ["Enter the number of years as a whole number"]),
    ({"decision": KEEP, "keep_years": "30", "reason": "Claim open"}, ["Keep it for 25 years at most"]),
    ({"decision": "shred", "reason": "x"}, ["Select a valid choice"]),
    ({"decision": DESTROY, "reason": "   "}, ["Enter the reason for the decision"]),
])
def test_bad_input_is_shown_back_with_its_errors_and_nothing_is_saved(client, senior_manager, council, data, errors):
    client.force_login(senior_manager)
    response = client.post(decide_url(council["due_a"]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error:" in page
    for error in errors:
        assert error in page
    if data.get("reason", "").strip():
        assert data["reason"] in page  # what was typed is kept
    assert not RetentionReview.objects.exists()


def test_an_open_record_has_no_form_and_a_decision_posted_for_it_is_refused(client, senior_manager, council):
    client.force_login(senior_manager)
    page = client.get(decide_url(council["open"])).content.decode()
    assert "Still open" in page and "Record the decision" not in page
    response = client.post(decide_url(council["open"]), {"decision": DESTROY, "reason": "Mistake"})
    assert response.status_code == 200
    assert "This child&#x27;s case is still open" in response.content.decode()
    assert not RetentionReview.objects.exists()


def test_a_record_without_episodes_cannot_be_reviewed(senior_manager, council):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no episodes"):
        review(council["no_episodes"], senior_manager, DESTROY)
    assert not RetentionReview.objects.exists()


def test_a_closed_record_not_yet_due_may_be_reviewed_early_and_says_when_it_is_due(client, senior_manager, council):
    child = council["too_young"]
    client.force_login(senior_manager)
    page = client.get(decide_url(child)).content.decode()
    assert f"Not yet due: on {add_years(child.date_of_birth, 25):%-d %B %Y}" in page
    client.post(decide_url(child), {"decision": KEEP, "keep_years": "10", "reason": "Sibling still open"})
    assert RetentionReview.objects.get().next_review_on == add_years(TODAY, 10)


def test_earlier_decisions_are_shown_newest_first(client, senior_manager, council):
    review(council["due_a"], senior_manager, KEEP, years=1, reason="First look")
    review(council["due_a"], senior_manager, KEEP, years=2, reason="Second look")
    client.force_login(senior_manager)
    page = client.get(decide_url(council["due_a"])).content.decode()
    assert page.index("Second look") < page.index("First look")


def test_a_decision_made_from_a_teams_list_returns_to_that_teams_list(client, senior_manager, council, team_b):
    client.force_login(senior_manager)
    page = client.get(LIST_URL, {"team": team_b.pk}).content.decode()
    url = f"{decide_url(council['due_b'])}?team={team_b.pk}"
    assert f'href="{url}"' in page
    response = client.post(url, {"decision": ARCHIVE, "reason": "Period passed"})
    assert response["Location"] == f"{LIST_URL}?team={team_b.pk}"
    assert client.post(f"{decide_url(council['due_a'])}?team=javascript:x",
                       {"decision": ARCHIVE, "reason": "Period passed"})["Location"] == LIST_URL
