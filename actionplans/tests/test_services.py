"""Writes for action plans: who may make them, the history each one keeps (and whose name is on
it), the completion date, progress with evidence all or nothing, and links to what raised an
action."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from actionplans import services
from actionplans.models import Action, ActionPlan, ProgressEvidence, ProgressUpdate, Recommendation
from actionplans.rules import Status

from .plan_support import freeze_today, make_action, make_finding, make_plan, make_recommendation, make_shortfall

pytestmark = pytest.mark.django_db


def test_a_plan_is_saved_with_its_due_dates_and_history(senior_manager):
    plan = services.plan_save(actor=senior_manager, plan=ActionPlan(title="Plan", source="inspection",
                                                                     published_on=date(2014, 6, 30)))
    assert plan.final_due == date(2014, 10, 7) and plan.created_by == senior_manager
    plan.approved_on = date(2014, 9, 1)
    services.plan_save(actor=senior_manager, plan=plan)
    history = list(plan.history.order_by("history_date"))
    assert [record.history_type for record in history] == ["+", "~"]
    assert {record.history_user for record in history} == {senior_manager}
    assert history[-1].history_change_reason == "Plan saved"


def test_only_those_who_may_record_plans_save_them(team_manager, elected_member, senior_manager):
    plan = make_plan(senior_manager)
    for user in (team_manager, elected_member):
        with pytest.raises(PermissionDenied):
            services.plan_save(actor=user, plan=ActionPlan(title="x", source="other"))
        with pytest.raises(PermissionDenied):
            services.recommendation_save(actor=user, recommendation=Recommendation(plan=plan, text="x"))
    assert ActionPlan.objects.count() == 1 and not Recommendation.objects.exists()


def test_recommendations_are_numbered_in_each_plan(senior_manager):
    first, second = make_plan(senior_manager), make_plan(senior_manager)
    numbers = [services.recommendation_save(actor=senior_manager, recommendation=Recommendation(plan=plan, text="x")).number
               for plan in (first, first, second, first)]
    assert numbers == [1, 2, 1, 3]
    assert Recommendation.objects.first().history.get().history_user == senior_manager


def test_an_action_is_completed_only_with_evidence_and_the_date_is_kept(senior_manager, monkeypatch):
    freeze_today(monkeypatch, date(2026, 9, 1))
    recommendation = make_recommendation(make_plan(senior_manager))
    action = Action(recommendation=recommendation, description="Audit", target_date=date(2026, 9, 30),
                    status=Status.COMPLETE)
    with pytest.raises(ValidationError) as refused:
        services.action_save(actor=senior_manager, action=action)
    assert refused.value.message_dict == {"status": ["Describe the evidence of impact before marking the action complete"]}
    assert not Action.objects.exists()
    action.evidence_of_impact = "Re-audit: 9 of 10 plans SMART."
    services.action_save(actor=senior_manager, action=action)
    assert action.completed_on == date(2026, 9, 1)
    action.status = Status.ON_TRACK
    services.action_save(actor=senior_manager, action=action)
    assert action.completed_on is None
    history = list(action.history.order_by("history_date"))
    assert len(history) == 2 and all(record.history_user == senior_manager for record in history)


def test_progress_with_files_keeps_the_update_the_evidence_and_the_status(senior_manager, team_manager):
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager, owner=team_manager)
    files = [SimpleUploadedFile("a.pdf", b"one"), SimpleUploadedFile("b.pdf", b"two")]
    update = services.progress_add(actor=team_manager, action=action, date=date(2026, 6, 1), note="Done",
                                   status=Status.COMPLETE, evidence_of_impact="  Fewer repeat referrals.  ", files=files)
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.evidence_of_impact) == (Status.COMPLETE, date(2026, 6, 1),
                                                                              "Fewer repeat referrals.")
    assert [evidence.name for evidence in update.evidence.all()] == ["a.pdf", "b.pdf"]
    assert update.evidence.first().file.read() == b"one"
    assert update.history.get().history_user == team_manager
    assert action.history.first().history_change_reason == "Progress reported by manager"


def test_progress_that_breaks_the_completion_rule_saves_nothing(senior_manager, team_manager):
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager, owner=team_manager)
    with pytest.raises(ValidationError):
        services.progress_add(actor=team_manager, action=action, date=date(2026, 6, 1), note="Done",
                              status=Status.COMPLETE, files=[SimpleUploadedFile("a.pdf", b"one")])
    assert not ProgressUpdate.objects.exists() and not ProgressEvidence.objects.exists()
    action.refresh_from_db()
    assert action.status == Status.ON_TRACK and action.history.count() == 1


def test_only_the_owner_or_those_who_change_actions_report_progress(senior_manager, team_manager, auditor, elected_member):
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager, owner=team_manager)
    assert services.can_update(team_manager, action) and services.can_update(senior_manager, action)
    assert not services.can_update(auditor, action) and not services.can_update(elected_member, action)
    with pytest.raises(PermissionDenied):
        services.progress_add(actor=auditor, action=action, date=date(2026, 6, 1), note="x", status=Status.ON_TRACK)


def test_an_action_raised_by_a_finding_links_back_to_it(senior_manager, auditor, child_a, audit_template):
    finding = make_finding(auditor, child_a, audit_template)
    recommendation = make_recommendation(make_plan(senior_manager))
    action = services.action_raise(actor=senior_manager, origin=finding, recommendation=recommendation,
                                   action=Action(description="Coach on SMART plans", target_date=date(2026, 9, 30)))
    assert action.origin == finding and action.recommendation == recommendation
    assert services.actions_raised_by(finding) == [action]


def test_an_action_raised_by_a_shortfall_can_bring_a_new_recommendation(senior_manager):
    shortfall = make_shortfall(senior_manager)
    plan = make_plan(senior_manager)
    make_recommendation(plan)
    action = services.action_raise(
        actor=senior_manager, origin=shortfall, action=Action(description="x", target_date=date(2026, 9, 30)),
        recommendation=Recommendation(plan=plan, text="Help and protection", area="help_protection"))
    assert action.recommendation.number == 2 and action.recommendation.pk and action.origin == shortfall


def test_raising_an_action_is_all_or_nothing(senior_manager, team_manager):
    shortfall = make_shortfall(senior_manager)
    plan = make_plan(senior_manager)
    with pytest.raises(ValidationError):
        services.action_raise(
            actor=senior_manager, origin=shortfall,
            action=Action(description="x", target_date=date(2026, 9, 30), status=Status.COMPLETE),
            recommendation=Recommendation(plan=plan, text="New", area="help_protection"))
    assert not Recommendation.objects.exists() and not Action.objects.exists()
    with pytest.raises(PermissionDenied):
        services.action_raise(actor=team_manager, origin=shortfall,
                              action=Action(description="x", target_date=date(2026, 9, 30)),
                              recommendation=Recommendation(plan=plan, text="New"))
    assert not Recommendation.objects.exists()
