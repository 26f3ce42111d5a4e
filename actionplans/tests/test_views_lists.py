"""The list of every action (filters by owner, status today, judgement area, due dates and plan;
50 a page), "my actions" (overdue first, then due within 10 working days), and the fixed number
of queries behind the plan overview, the action list and my actions at two sizes of data."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.rules import Status

from .plan_support import freeze_today, make_action, make_plan, make_recommendation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 1)  # a Wednesday
MAX_QUERIES = 12  # session, user, permissions, then the page's own reads


@pytest.fixture
def actions(senior_manager, team_manager, auditor, monkeypatch):
    freeze_today(monkeypatch, TODAY)
    plan = make_plan(senior_manager, title="Inspection plan")
    other_plan = make_plan(senior_manager, title="Audit plan", source="audit")
    leaders = make_recommendation(plan, text="Oversight", area="leaders")
    help_protection = make_recommendation(plan, text="Plans", area="help_protection")
    unfiled = make_recommendation(other_plan, text="Recording", area="")
    return {
        "overdue": make_action(leaders, senior_manager, description="Overdue oversight audit", status=Status.ON_TRACK,
                               target=date(2026, 6, 30), owner=team_manager),
        "soon": make_action(help_protection, senior_manager, description="Plan training soon", status=Status.AT_RISK,
                            target=date(2026, 7, 10), owner=team_manager),
        "later": make_action(help_protection, senior_manager, description="Later plan audit", status=Status.NOT_STARTED,
                             target=date(2026, 12, 1), owner=team_manager),
        "done": make_action(leaders, senior_manager, description="Done supervision policy", status=Status.COMPLETE,
                            target=date(2026, 6, 1), owner=team_manager),
        "auditor": make_action(unfiled, senior_manager, description="Auditor's recording guide", status=Status.OFF_TRACK,
                               target=date(2026, 8, 1), owner=auditor),
    }


def _listed(client, query=""):
    response = client.get(f"/action-plans/actions/{query}")
    return [row.action.description for row in response.context["rows"]], response


def test_every_action_soonest_first(client, elected_member, actions):
    client.force_login(elected_member)
    listed, response = _listed(client)
    assert listed == ["Done supervision policy", "Overdue oversight audit", "Plan training soon",
                      "Auditor's recording guide", "Later plan audit"]
    assert "5 actions" in response.content.decode()


@pytest.mark.parametrize(("query", "expected"), [
    ("?status=off_track", {"Overdue oversight audit", "Auditor's recording guide"}),  # overdue counts as off track
    ("?status=on_track", set()),
    ("?status=at_risk", {"Plan training soon"}),
    ("?status=complete", {"Done supervision policy"}),
    ("?area=leaders", {"Overdue oversight audit", "Done supervision policy"}),
    ("?area=none", {"Auditor's recording guide"}),
    ("?due_from=2026-07-01&due_to=2026-08-01", {"Plan training soon", "Auditor's recording guide"}),
    ("?due_to=2026-06-30", {"Overdue oversight audit", "Done supervision policy"}),
    ("?status=off_track&area=leaders", {"Overdue oversight audit"}),
])
def test_actions_filter_by_status_today_area_and_due_dates(client, senior_manager, actions, query, expected):
    client.force_login(senior_manager)
    assert set(_listed(client, query)[0]) == expected


def test_actions_filter_by_owner_and_plan(client, senior_manager, auditor, actions):
    client.force_login(senior_manager)
    assert _listed(client, f"?owner={auditor.pk}")[0] == ["Auditor's recording guide"]
    plan = actions["auditor"].recommendation.plan
    assert _listed(client, f"?plan={plan.pk}")[0] == ["Auditor's recording guide"]
    page = client.get("/action-plans/actions/").content.decode()
    assert f'<option value="{auditor.pk}">Auditor Tester</option>' in page  # owners by name


def test_a_backwards_date_range_is_shown_back(client, senior_manager, actions):
    client.force_login(senior_manager)
    listed, response = _listed(client, "?due_from=2026-08-01&due_to=2026-07-01")
    page = response.content.decode()
    assert listed == [] and "There is a problem" in page and "<title>Error: " in page
    assert "The &#x27;due by&#x27; date must be the same as or after the &#x27;due from&#x27; date" in page


def test_the_list_pages_at_50(client, senior_manager, monkeypatch):
    freeze_today(monkeypatch, TODAY)
    recommendation = make_recommendation(make_plan(senior_manager))
    for number in range(51):
        make_action(recommendation, senior_manager, description=f"Action {number:02}", target=TODAY + timedelta(days=number))
    client.force_login(senior_manager)
    first, response = _listed(client)
    assert len(first) == 50 and "51 actions" in response.content.decode() and "?page=2" in response.content.decode()
    assert _listed(client, "?page=2")[0] == ["Action 50"]


def test_my_actions_put_overdue_first_then_due_soon(client, team_manager, actions):
    client.force_login(team_manager)
    response = client.get("/action-plans/actions/mine/")
    mine = response.context["mine"]
    assert [row.action.description for row in mine.overdue] == ["Overdue oversight audit"]
    assert [row.action.description for row in mine.due_soon] == ["Plan training soon"]
    assert [row.action.description for row in mine.later] == ["Later plan audit"]
    assert [row.action.description for row in mine.complete] == ["Done supervision policy"]
    page = response.content.decode()
    assert page.index("Overdue oversight audit") < page.index("Plan training soon") < page.index("Later plan audit")
    assert "Auditor's recording guide" not in page
    assert "3 open actions: 1 overdue and 1 due within 10 working days." in page
    assert f"/action-plans/actions/{actions['overdue'].pk}/progress/" in page


def test_my_actions_when_there_are_none(client, senior_manager):
    client.force_login(senior_manager)
    assert "You do not own any actions." in client.get("/action-plans/actions/mine/").content.decode()


# --- a fixed number of queries whatever the size


def _grow(senior_manager, owner, plans: int, recommendations: int, actions: int):
    for p in range(plans):
        plan = make_plan(senior_manager, title=f"Plan {p}")
        for r in range(recommendations):
            recommendation = make_recommendation(plan, area=["leaders", "help_protection", ""][r % 3])
            for a in range(actions):
                make_action(recommendation, senior_manager, owner=owner, target=TODAY + timedelta(days=a - 3),
                            status=[Status.ON_TRACK, Status.COMPLETE, Status.AT_RISK][a % 3])


@pytest.mark.parametrize("path", ["/action-plans/", "/action-plans/{plan}/", "/action-plans/actions/",
                                  "/action-plans/actions/?status=off_track&area=leaders", "/action-plans/actions/mine/"])
def test_pages_take_the_same_queries_at_two_sizes(client, senior_manager, team_manager, django_assert_max_num_queries,
                                                  monkeypatch, path):
    freeze_today(monkeypatch, TODAY)
    client.force_login(team_manager)
    _grow(senior_manager, team_manager, plans=1, recommendations=1, actions=1)
    plan = make_plan(senior_manager, title="Measured")
    make_action(make_recommendation(plan), senior_manager, owner=team_manager)
    url = path.format(plan=plan.pk)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) <= MAX_QUERIES
    _grow(senior_manager, team_manager, plans=3, recommendations=4, actions=5)
    for r in range(6):
        recommendation = make_recommendation(plan, area=["leaders", "in_care", ""][r % 3])
        for a in range(6):
            make_action(recommendation, senior_manager, owner=team_manager, target=TODAY + timedelta(days=a - 2))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
