"""Actions: adding and changing them (owners who can report progress, dates in order, complete
only with evidence of impact), an action's record (what raised it, progress, change history for
those who may change actions), and raising an action from an audit finding or a self-assessment
shortfall."""

from datetime import date

import pytest

from actionplans.models import Action, Recommendation
from actionplans.rules import Status

from .plan_support import (
    freeze_today, make_action, make_finding, make_plan, make_recommendation, make_shortfall, make_update,
)

pytestmark = pytest.mark.django_db


def _action_post(**extra):
    data = {"description": "Re-audit every child protection plan", "owner": "", "owner_role": "Head of Service",
            "lead_agency": "", "start_date_0": "1", "start_date_1": "5", "start_date_2": "2026",
            "target_date_0": "30", "target_date_1": "9", "target_date_2": "2026",
            "measure_of_success": "9 in 10 plans are SMART", "evidence_of_impact": "", "status": "not_started"}
    data.update(extra)
    return data


@pytest.fixture
def recommendation(senior_manager):
    return make_recommendation(make_plan(senior_manager))


# --- adding and changing an action


def test_the_owner_list_holds_people_who_can_report_progress(client, senior_manager, team_manager, auditor,
                                                             practitioner, elected_member, recommendation):
    client.force_login(senior_manager)
    form = client.get(f"/action-plans/recommendations/{recommendation.pk}/actions/new/").context["form"]
    owners = set(form.fields["owner"].queryset)
    assert owners == {senior_manager, team_manager, auditor}
    page = client.get(f"/action-plans/recommendations/{recommendation.pk}/actions/new/").content.decode()
    assert "Manager Tester (Team manager, Child Protection 1)" in page


def test_a_departed_owner_stays_on_their_action_s_form(client, senior_manager, team_manager, recommendation):
    action = make_action(recommendation, senior_manager, owner=team_manager)
    team_manager.is_active = False
    team_manager.save()
    client.force_login(senior_manager)
    form = client.get(f"/action-plans/actions/{action.pk}/edit/").context["form"]
    assert team_manager in form.fields["owner"].queryset
    fresh = client.get(f"/action-plans/recommendations/{recommendation.pk}/actions/new/").context["form"]
    assert team_manager not in fresh.fields["owner"].queryset


def test_a_senior_manager_adds_an_action_with_an_owner_and_dates(client, senior_manager, team_manager, recommendation):
    client.force_login(senior_manager)
    response = client.post(f"/action-plans/recommendations/{recommendation.pk}/actions/new/",
                           _action_post(owner=team_manager.pk, lead_agency="Police"))
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/action-plans/actions/{action.pk}/"
    assert (action.owner, action.start_date, action.target_date, action.lead_agency) == (
        team_manager, date(2026, 5, 1), date(2026, 9, 30), "Police")
    assert action.created_by == senior_manager and action.history.get().history_user == senior_manager


def test_save_and_add_another_returns_to_a_blank_action_form(client, senior_manager, recommendation):
    client.force_login(senior_manager)
    response = client.post(f"/action-plans/recommendations/{recommendation.pk}/actions/new/",
                           _action_post(add_another="1"))
    assert response["Location"] == f"/action-plans/recommendations/{recommendation.pk}/actions/new/"


def test_a_target_before_the_start_is_shown_back_and_nothing_saved(client, senior_manager, recommendation):
    client.force_login(senior_manager)
    response = client.post(f"/action-plans/recommendations/{recommendation.pk}/actions/new/",
                           _action_post(target_date_0="1", target_date_1="4", target_date_2="2026", description=""))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "The target date must be the same as or after the start date" in page and "Enter the action" in page
    assert not Action.objects.exists()


def test_completing_without_evidence_of_impact_is_refused_and_nothing_saved(client, senior_manager, recommendation):
    action = make_action(recommendation, senior_manager, status=Status.ON_TRACK)
    client.force_login(senior_manager)
    response = client.post(f"/action-plans/actions/{action.pk}/edit/", _action_post(status="complete"))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert page.count("Describe the evidence of impact before marking the action complete") == 2  # summary + field
    action.refresh_from_db()
    assert action.status == Status.ON_TRACK and action.history.count() == 1


def test_completing_with_evidence_records_the_date(client, senior_manager, recommendation, monkeypatch):
    freeze_today(monkeypatch, date(2026, 9, 1))
    action = make_action(recommendation, senior_manager, status=Status.ON_TRACK)
    client.force_login(senior_manager)
    response = client.post(f"/action-plans/actions/{action.pk}/edit/", _action_post(
        status="complete", evidence_of_impact="Re-audit in August: 9 of 10 plans SMART."))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.COMPLETE and action.completed_on == date(2026, 9, 1)


# --- an action's record


def test_the_record_shows_progress_evidence_and_history_to_those_who_may_change(client, senior_manager, team_manager,
                                                                                recommendation):
    action = make_action(recommendation, senior_manager, owner=team_manager)
    update = make_update(action, team_manager, note="Audit tool agreed with the principal social worker")
    client.force_login(senior_manager)
    client.post(f"/action-plans/actions/{action.pk}/edit/", _action_post(status="at_risk", owner=team_manager.pk))
    page = client.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert "Audit tool agreed with the principal social worker" in page and "Reported by Manager Tester" in page
    assert f"/action-plans/evidence/{update.evidence.get().token}/" in page
    assert "Change history" in page and "Changed: " in page and "Status" in page and "Senior Tester" in page
    client.force_login(team_manager)
    page = client.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert "Change history" not in page and "Report progress" in page and "Change the action" not in page


def test_members_read_the_record_without_evidence_documents(client, senior_manager, elected_member, team_manager,
                                                            recommendation):
    action = make_action(recommendation, senior_manager, owner=team_manager)
    update = make_update(action, team_manager)
    client.force_login(elected_member)
    page = client.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert "re-audit summary.pdf" in page and str(update.evidence.get().token) not in page
    assert "Evidence documents are available to officers." in page and "Report progress" not in page


def test_an_overdue_action_says_so_in_words(client, senior_manager, team_manager, recommendation, monkeypatch):
    freeze_today(monkeypatch, date(2026, 10, 5))  # Monday; target Wednesday 30 September
    action = make_action(recommendation, senior_manager, status=Status.ON_TRACK, owner=team_manager)
    client.force_login(team_manager)
    page = client.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert "Off track" in page and "overdue by 3 working days" in page and "Last reported as on track." in page


# --- what raised an action


@pytest.fixture
def finding(auditor, child_a, audit_template):
    return make_finding(auditor, child_a, audit_template, text="Plans for Ava are not SMART")


def test_an_action_is_raised_from_an_audit_finding_on_an_existing_recommendation(client, senior_manager, team_manager,
                                                                                 finding, recommendation):
    client.force_login(senior_manager)
    url = f"/action-plans/actions/new-from/inspection.finding/{finding.pk}/"
    page = client.get(url).content.decode()
    assert "Case audit finding" in page and "Plans for Ava are not SMART" in page
    assert f'<option value="{recommendation.pk}">1. Improve the quality' in page
    response = client.post(url, _action_post(recommendation=recommendation.pk, owner=team_manager.pk,
                                             description="Coach team managers on SMART plans"))
    action = Action.objects.get()
    assert response["Location"] == f"/action-plans/actions/{action.pk}/"
    assert action.origin == finding and action.recommendation == recommendation and action.owner == team_manager
    page = client.get(url).content.decode()
    assert "1 action already answers this case audit finding" in page


def test_the_finding_s_text_is_shown_on_the_action_only_to_those_who_see_audits(client, senior_manager, elected_member,
                                                                               finding, recommendation):
    action = make_action(recommendation, senior_manager)
    action.origin = finding
    action.save()
    client.force_login(senior_manager)
    assert "Case audit finding: Plans for Ava are not SMART" in client.get(f"/action-plans/actions/{action.pk}/").content.decode()
    client.force_login(elected_member)
    page = client.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert "Case audit finding" in page and "Ava" not in page


def test_an_action_from_a_shortfall_can_start_a_new_recommendation_in_its_area(client, senior_manager, recommendation):
    shortfall = make_shortfall(senior_manager, area="care_leavers")
    plan = recommendation.plan
    client.force_login(senior_manager)
    url = f"/action-plans/actions/new-from/judgements.shortfall/{shortfall.pk}/"
    response = client.get(url)
    assert response.context["form"].fields["area"].initial == "care_leavers"
    assert str(shortfall.indicator)[:40] in response.content.decode()
    response = client.post(url, _action_post(recommendation="new", plan=plan.pk, new_text="Care leavers in touch",
                                             area="care_leavers"))
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.origin == shortfall
    assert (action.recommendation.plan, action.recommendation.number, action.recommendation.text,
            action.recommendation.area, action.recommendation.kind) == (plan, 2, "Care leavers in touch", "care_leavers",
                                                                         "improvement")


def test_a_new_recommendation_needs_a_plan_and_text_and_nothing_is_saved_without(client, senior_manager, finding,
                                                                                recommendation):
    client.force_login(senior_manager)
    url = f"/action-plans/actions/new-from/inspection.finding/{finding.pk}/"
    page = client.post(url, _action_post(recommendation="new")).content.decode()
    assert "Choose the plan to add the new recommendation to" in page and "Enter the new recommendation" in page
    page = client.post(url, _action_post(recommendation=recommendation.pk, new_text="Both")).content.decode()
    assert "Leave this blank when you choose an existing recommendation" in page
    page = client.post(url, _action_post(recommendation="")).content.decode()
    assert "Choose a recommendation, or add a new one" in page
    assert not Action.objects.exists() and Recommendation.objects.count() == 1


@pytest.mark.parametrize("key", ["auth.user", "cases.child", "actionplans.action", "nonsense", "inspection.nothing"])
def test_only_findings_and_shortfalls_may_raise_an_action(client, senior_manager, key):
    client.force_login(senior_manager)
    assert client.get(f"/action-plans/actions/new-from/{key}/{senior_manager.pk}/").status_code == 404


def test_a_missing_finding_is_not_found(client, senior_manager):
    client.force_login(senior_manager)
    assert client.get("/action-plans/actions/new-from/inspection.finding/999/").status_code == 404


def test_raising_from_a_finding_needs_leave_to_read_audits(client, make_user, finding):
    from django.contrib.auth.models import Permission

    planner = make_user("planner", None)
    planner.user_permissions.set(Permission.objects.filter(
        content_type__app_label="actionplans", codename__in=["add_action", "change_actionplan", "view_action"]))
    client.force_login(planner)
    assert client.get(f"/action-plans/actions/new-from/inspection.finding/{finding.pk}/").status_code == 403
    planner.user_permissions.add(Permission.objects.get(content_type__app_label="inspection", codename="view_caseaudit"))
    client.force_login(planner)
    # A finding about a child the planner may not see is not found.
    assert client.get(f"/action-plans/actions/new-from/inspection.finding/{finding.pk}/").status_code == 404
    planner.user_permissions.add(*Permission.objects.filter(content_type__app_label="cases",
                                                            codename__in=["view_child", "view_all_children"]))
    client.force_login(planner)
    assert client.get(f"/action-plans/actions/new-from/inspection.finding/{finding.pk}/").status_code == 200
