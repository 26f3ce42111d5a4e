"""Bad input to every form of the action plans (property tests, property_testing): plans,
recommendations, actions, progress updates with evidence files, an action raised from an audit
finding, and the list of actions' filters. Whatever is typed, the page answers; a form shown again
has saved nothing anywhere; an accepted one saved what was typed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from access_matrix import OWN_TEAM
from actionplans.filters import ActionFilterForm
from actionplans.forms import ActionForm, ActionFromOriginForm, PlanForm, ProgressForm, RecommendationForm
from actionplans.models import Action, ActionPlan, ProgressUpdate, Recommendation
from inspection.roles import Role
from inspection.tests.test_access_matrix import council  # noqa: F401 - the fixture: two teams, a user per role, records
from property_testing import FIRST_CHOICE, FormSpec, exercise

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS_AGO, NEXT_MONTH = TODAY - timedelta(days=10), TODAY + timedelta(days=30)
A_DATE = (str(DAYS_AGO.day), str(DAYS_AGO.month), str(DAYS_AGO.year))
TARGET = (str(NEXT_MONTH.day), str(NEXT_MONTH.month), str(NEXT_MONTH.year))


def newest(model):
    return lambda: model.objects.order_by("-pk").first()


def senior(council):
    return council.users[Role.SENIOR_MANAGER.value]


def a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("re-audit.pdf", b"%PDF-1.7\n%re-audit summary\n", content_type="application/pdf")


def test_starting_a_plan(council):
    exercise(FormSpec(
        "actionplans:plan_create", PlanForm, lambda: reverse("actionplans:plan_create"), senior(council),
        good={"source": FIRST_CHOICE, "title": "ILACS 2027: written statement of action", "published_on": A_DATE},
        saved=newest(ActionPlan),
    ))


def test_changing_a_plan(council):
    plan = council.plan["action plan"]
    exercise(FormSpec(
        "actionplans:plan_edit", PlanForm, lambda: reverse("actionplans:plan_edit", args=[plan.pk]), senior(council),
        good={"summary": "What the plan sets out to change."}, saved=lambda: ActionPlan.objects.get(pk=plan.pk),
    ))


def test_adding_a_recommendation(council):
    plan = council.plan["action plan"]
    exercise(FormSpec(
        "actionplans:recommendation_create", RecommendationForm,
        lambda: reverse("actionplans:recommendation_create", args=[plan.pk]), senior(council),
        good={"kind": FIRST_CHOICE, "text": "Improve the quality of plans", "priority": FIRST_CHOICE},
        saved=newest(Recommendation),
    ))


def test_changing_a_recommendation(council):
    recommendation = council.plan["recommendation"]
    exercise(FormSpec(
        "actionplans:recommendation_edit", RecommendationForm,
        lambda: reverse("actionplans:recommendation_edit", args=[recommendation.pk]), senior(council),
        good={"text": "Improve the quality and timeliness of plans"},
        saved=lambda: Recommendation.objects.get(pk=recommendation.pk),
    ))


def test_adding_an_action(council):
    recommendation = council.plan["recommendation"]
    exercise(FormSpec(
        "actionplans:action_create", ActionForm,
        lambda: reverse("actionplans:action_create", args=[recommendation.pk]), senior(council),
        good={"description": "Re-audit plans", "target_date": TARGET, "status": FIRST_CHOICE},
        foreign={"owner": [str(council.practitioner.pk), str(council.users[Role.ELECTED_MEMBER.value].pk)]},
        saved=newest(Action),
    ))


def test_changing_an_action(council):
    action = council.plan["action"]
    exercise(FormSpec(
        "actionplans:action_edit", ActionForm, lambda: reverse("actionplans:action_edit", args=[action.pk]),
        senior(council), good={"measure_of_success": "9 in 10 plans are SMART at re-audit"},
        foreign={"owner": [str(council.practitioner.pk)]}, saved=lambda: Action.objects.get(pk=action.pk),
    ))


def test_reporting_progress_with_evidence(council):
    action = council.plan["action"]
    exercise(FormSpec(
        "actionplans:progress_add", ProgressForm, lambda: reverse("actionplans:progress_add", args=[action.pk]),
        council.users[Role.TEAM_MANAGER.value], good={"date": A_DATE, "note": "Re-audit done in May"},
        files={"files": (a_pdf, "re-audit", "pdf")}, saved=newest(ProgressUpdate),
    ))


def test_raising_an_action_from_an_audit_finding(council):
    finding = council.findings[OWN_TEAM]
    council.plan  # noqa: B018 - a plan and recommendation to raise it on
    exercise(FormSpec(
        "actionplans:action_from_origin", ActionFromOriginForm,
        lambda: reverse("actionplans:action_from_origin", args=["inspection.finding", finding.pk]), senior(council),
        good={"recommendation": FIRST_CHOICE, "target_date": TARGET}, saved=newest(Action),
        foreign={"recommendation": ["new", "0", "999999"], "plan": ["0", "999999"]},
    ))


def test_the_list_of_actions_filters(council):
    council.plan  # noqa: B018 - an action to list
    exercise(FormSpec(
        "actionplans:action_list (filters)", ActionFilterForm, lambda: reverse("actionplans:action_list"),
        senior(council), method="get", good={"due_from": "2026-01-01"}, numbers=("page",),
    ))
