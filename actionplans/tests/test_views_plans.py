"""Plans and recommendations: the list with due dates, approval and RAG counts; starting and
correcting a plan (due dates worked out, bad dates shown back, nothing saved); the overview with
RAG counts per recommendation and per judgement area; adding and changing recommendations."""

from datetime import date

import pytest

from actionplans.models import ActionPlan, Recommendation
from actionplans.rules import Status

from .plan_support import freeze_today, make_action, make_plan, make_recommendation

pytestmark = pytest.mark.django_db


def _plan_post(**extra):
    data = {"source": "focused_visit", "title": "Focused visit, March 2026: action plan",
            "published_on_0": "1", "published_on_1": "4", "published_on_2": "2026", "priority_actions": "on",
            "summary": "", "approved_by": ""}
    data.update(extra)
    return data


# --- the list


def test_the_list_shows_due_dates_in_working_days_approval_and_rag_counts(client, senior_manager, team_manager,
                                                                         monkeypatch):
    freeze_today(monkeypatch, date(2026, 7, 1))
    waiting = make_plan(senior_manager, title="Waiting plan", published_on=date(2026, 4, 1))  # final due Tue 14 July 2026
    recommendation = make_recommendation(waiting)
    make_action(recommendation, senior_manager, status=Status.ON_TRACK, target=date(2026, 6, 1))  # overdue: off track
    make_action(recommendation, senior_manager, status=Status.AT_RISK, target=date(2026, 12, 1))
    make_action(recommendation, senior_manager, status=Status.COMPLETE, target=date(2026, 6, 1))
    make_plan(senior_manager, title="Late plan", published_on=date(2026, 1, 2))  # due Wed 15 April 2026
    make_plan(senior_manager, title="Sent plan", published_on=date(2026, 1, 2), submitted_on=date(2026, 4, 1),
              approved_on=date(2026, 3, 20), approved_by="Cabinet")
    client.force_login(team_manager)
    page = client.get("/action-plans/").content.decode()
    assert "14 Jul 2026" in page and "Due in 9 working days" in page
    assert "Overdue by 54 working days" in page
    assert "20 Mar 2026" in page and "Cabinet" in page and "Not yet approved" in page
    assert "1 off track" in page and "1 at risk" in page and "1 complete" in page and "3 actions" in page
    assert "on track" not in page.split("Waiting plan")[1].split("</tr>")[0].replace("Off track", "")


def test_the_list_says_when_there_are_no_plans(client, elected_member):
    client.force_login(elected_member)
    page = client.get("/action-plans/").content.decode()
    assert "No action plans yet." in page and "Start an action plan" not in page


# --- starting and correcting a plan


def test_a_senior_manager_starts_a_plan_and_its_due_dates_are_worked_out(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post("/action-plans/new/", _plan_post())
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/action-plans/{plan.pk}/"
    # Published Wednesday 1 April 2026: Good Friday, Easter Monday and the May bank holidays step over.
    assert plan.draft_due == date(2026, 5, 1) and plan.final_due == date(2026, 7, 14)
    assert plan.created_by == senior_manager and plan.history.get().history_user == senior_manager
    page = client.get(response["Location"]).content.decode()
    assert "Friday 1 May 2026" in page and "Tuesday 14 July 2026" in page


def test_a_link_may_choose_what_the_plan_responds_to(client, senior_manager):
    client.force_login(senior_manager)
    form = client.get("/action-plans/new/?source=safeguarding_board").context["form"]
    assert form["source"].value() == "safeguarding_board"
    assert not client.get("/action-plans/new/?source=nonsense").context["form"]["source"].value()


def test_the_edit_page_shows_the_due_dates_and_records_approval(client, senior_manager):
    plan = make_plan(senior_manager, published_on=date(2026, 4, 1))
    client.force_login(senior_manager)
    page = client.get(f"/action-plans/{plan.pk}/edit/").content.decode()
    assert "Final plan due" in page and "Tuesday 14 July 2026" in page
    response = client.post(f"/action-plans/{plan.pk}/edit/", _plan_post(
        source="inspection", priority_actions="", approved_on_0="8", approved_on_1="7", approved_on_2="2026",
        approved_by="Cabinet", submitted_on_0="10", submitted_on_1="7", submitted_on_2="2026"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.approved_on, plan.approved_by, plan.submitted_on) == (date(2026, 7, 8), "Cabinet", date(2026, 7, 10))
    assert plan.draft_due is None and plan.history.count() == 2


def test_bad_plan_dates_are_shown_back_and_nothing_is_saved(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post("/action-plans/new/", _plan_post(
        title="", submitted_on_0="1", submitted_on_1="3", submitted_on_2="2026",
        approved_on_0="2", approved_on_1="3", approved_on_2="2026"))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and "<title>Error: " in page
    assert "The date the plan was sent must be the same as or after the date the report was published" in page
    assert "Enter who approved the plan" in page and "Enter the title of the plan" in page
    assert not ActionPlan.objects.exists()


def test_future_publication_is_refused(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post("/action-plans/new/", _plan_post(published_on_2="2099"))
    assert "The date the report was published must be today or in the past" in response.content.decode()
    assert not ActionPlan.objects.exists()


# --- the overview


def test_the_overview_counts_actions_per_recommendation_and_per_judgement_area(client, senior_manager, team_manager,
                                                                               elected_member, monkeypatch):
    freeze_today(monkeypatch, date(2026, 7, 1))
    plan = make_plan(senior_manager)
    first = make_recommendation(plan, text="Strengthen management oversight", area="leaders")
    second = make_recommendation(plan, text="Improve plans for children in need of help", area="help_protection")
    third = make_recommendation(plan, text="Sharper performance reports", area="leaders")
    make_action(first, senior_manager, description="Monthly oversight audit", status=Status.ON_TRACK,
                target=date(2026, 6, 30), owner=team_manager)  # overdue
    make_action(first, senior_manager, description="Supervision policy", status=Status.COMPLETE, target=date(2026, 6, 1))
    make_action(second, senior_manager, description="Plan training", status=Status.AT_RISK, target=date(2026, 8, 1))
    make_action(third, senior_manager, description="New dashboard", status=Status.NOT_STARTED, target=date(2026, 9, 1))
    client.force_login(elected_member)
    response = client.get(f"/action-plans/{plan.pk}/")
    overview = response.context["overview"]
    assert [block.counts.by_status for block in overview.blocks] == [
        {"not_started": 0, "on_track": 0, "at_risk": 0, "off_track": 1, "complete": 1},
        {"not_started": 0, "on_track": 0, "at_risk": 1, "off_track": 0, "complete": 0},
        {"not_started": 1, "on_track": 0, "at_risk": 0, "off_track": 0, "complete": 0},
    ]
    by_area = {area.code: (area.name, area.recommendations, area.counts.by_status) for area in overview.by_area}
    assert by_area["leaders"] == ("The impact of leaders on social work practice with children and families", 2,
                                  {"not_started": 1, "on_track": 0, "at_risk": 0, "off_track": 1, "complete": 1})
    assert by_area["help_protection"][2]["at_risk"] == 1
    assert overview.counts.total == 4 and overview.counts.overdue == 1
    page = response.content.decode()
    assert "1 action is past its target date" in page and "overdue by 1 working day" in page
    assert "Monthly oversight audit" in page and "Manager Tester" in page
    assert "Add an action" not in page and "Add a recommendation" not in page  # members read only


def test_the_overview_offers_writes_to_those_allowed(client, senior_manager):
    plan = make_plan(senior_manager)
    recommendation = make_recommendation(plan)
    client.force_login(senior_manager)
    page = client.get(f"/action-plans/{plan.pk}/").content.decode()
    assert f"/action-plans/recommendations/{recommendation.pk}/actions/new/" in page
    assert f"/action-plans/{plan.pk}/recommendations/new/" in page and f"/action-plans/{plan.pk}/edit/" in page


def test_an_unknown_plan_is_not_found(client, senior_manager):
    client.force_login(senior_manager)
    assert client.get("/action-plans/999/").status_code == 404


# --- recommendations


def test_recommendations_are_numbered_in_turn_with_a_judgement_area(client, senior_manager):
    plan = make_plan(senior_manager)
    client.force_login(senior_manager)
    page = client.get(f"/action-plans/{plan.pk}/recommendations/new/").content.decode()
    assert '<option value="help_protection">The experiences and progress of children who need help and protection' in page
    assert "(SIF, ILACS 2018, ILACS 2023, ILACS 2026)" in page and '<option value="lscb">' in page
    data = {"kind": "improvement", "text": "Improve the timeliness of assessments", "area": "help_protection",
            "priority": "1"}
    response = client.post(f"/action-plans/{plan.pk}/recommendations/new/", {**data, "add_another": "1"})
    assert response["Location"] == f"/action-plans/{plan.pk}/recommendations/new/"
    response = client.post(f"/action-plans/{plan.pk}/recommendations/new/", {**data, "text": "Stable placements",
                                                                              "area": "in_care"})
    assert response["Location"] == f"/action-plans/{plan.pk}/#recommendation-2"
    assert list(plan.recommendations.values_list("number", "area", "priority")) == [
        (1, "help_protection", 1), (2, "in_care", 1)]


def test_a_recommendation_is_corrected_and_bad_input_is_shown_back(client, senior_manager):
    plan = make_plan(senior_manager)
    recommendation = make_recommendation(plan)
    client.force_login(senior_manager)
    response = client.post(f"/action-plans/recommendations/{recommendation.pk}/edit/",
                           {"kind": "improvement", "text": "", "area": "nonsense", "priority": "2"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and "Enter the recommendation" in page
    assert "nonsense is not one of" in page
    recommendation.refresh_from_db()
    assert recommendation.text == "Improve the quality of child protection plans"
    response = client.post(f"/action-plans/recommendations/{recommendation.pk}/edit/",
                           {"kind": "priority_action", "text": "Changed text", "area": "", "priority": "1"})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.area, recommendation.number) == ("Changed text", "", 1)
    assert recommendation.history.count() == 2
    assert Recommendation.objects.count() == 1
