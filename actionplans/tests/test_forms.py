"""The action plan forms' own checks: plan dates in order and not in the future, approval names
who approved, an action's target after its start and completion only with evidence of impact, the
multi-file evidence field and its 20 MB limit, and the choice of recommendation when raising an
action from a finding."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from actionplans.forms import (
    ActionForm, ActionFromOriginForm, MultipleFileField, PlanForm, ProgressForm, RecommendationForm,
)
from actionplans.models import Action, ActionPlan
from actionplans.rules import Status

from .plan_support import make_action, make_plan, make_recommendation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 1)


def _date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)} if day else {}


def _plan(**dates):
    data = {"source": "inspection", "title": "Plan", "summary": "", "approved_by": dates.pop("approved_by", "")}
    for name, day in dates.items():
        data.update(_date(name, day))
    return PlanForm(data, instance=ActionPlan(), today=TODAY)


def test_a_plan_with_only_a_title_and_source_is_valid():
    assert _plan().is_valid()


@pytest.mark.parametrize(("dates", "field", "message"), [
    ({"published_on": date(2026, 7, 2)}, "published_on", "The date the report was published must be today or in the past"),
    ({"published_on": date(2026, 4, 1), "submitted_on": date(2026, 3, 31)}, "submitted_on",
     "The date the plan was sent must be the same as or after the date the report was published"),
    ({"published_on": date(2026, 4, 1), "approved_on": date(2026, 3, 31), "approved_by": "Cabinet"}, "approved_on",
     "The date the plan was approved must be the same as or after the date the report was published"),
    ({"approved_on": date(2026, 5, 1)}, "approved_by", "Enter who approved the plan, for example Cabinet"),
    ({"submitted_on": date(2026, 7, 2)}, "submitted_on", "The date the plan was sent must be today or in the past"),
])
def test_plan_dates_are_checked(dates, field, message):
    form = _plan(**dates)
    assert not form.is_valid() and form.errors[field] == [message]


def test_priority_actions_need_a_publication_date():
    form = PlanForm({"source": "focused_visit", "title": "Plan", "priority_actions": "on"}, instance=ActionPlan(),
                    today=TODAY)
    assert not form.is_valid() and "to work out when the draft plan is due" in form.errors["published_on"][0]


def test_the_recommendation_area_must_be_a_known_code(senior_manager):
    recommendation = make_recommendation(make_plan(senior_manager))
    data = {"kind": "improvement", "text": "x", "priority": "2"}
    assert RecommendationForm({**data, "area": "care_leavers"}, instance=recommendation).is_valid()
    assert RecommendationForm({**data, "area": ""}, instance=recommendation).is_valid()
    assert not RecommendationForm({**data, "area": "DROP TABLE"}, instance=recommendation).is_valid()


def _action(recommendation, **extra):
    data = {"description": "Audit", "owner": "", "owner_role": "", "lead_agency": "", "measure_of_success": "",
            "evidence_of_impact": "", "status": Status.ON_TRACK, **_date("start_date", date(2026, 5, 1)),
            **_date("target_date", date(2026, 9, 30))}
    data.update(extra)
    return ActionForm(data, instance=Action(recommendation=recommendation))


def test_an_action_s_target_date_is_not_before_its_start(senior_manager):
    recommendation = make_recommendation(make_plan(senior_manager))
    form = _action(recommendation, **_date("target_date", date(2026, 4, 30)))
    assert not form.is_valid() and form.errors["target_date"] == ["The target date must be the same as or after the start date"]
    assert _action(recommendation, **_date("target_date", date(2026, 5, 1))).is_valid()


def test_an_action_is_complete_only_with_evidence_of_impact_on_that_field(senior_manager):
    recommendation = make_recommendation(make_plan(senior_manager))
    form = _action(recommendation, status=Status.COMPLETE, evidence_of_impact="   ")
    assert not form.is_valid()
    assert form.errors == {"evidence_of_impact": ["Describe the evidence of impact before marking the action complete"]}
    assert _action(recommendation, status=Status.COMPLETE, evidence_of_impact="Fewer re-referrals").is_valid()


def test_an_action_needs_a_target_date(senior_manager):
    recommendation = make_recommendation(make_plan(senior_manager))
    form = _action(recommendation, target_date_0="", target_date_1="", target_date_2="")
    assert not form.is_valid() and form.errors["target_date"] == ["Enter the target date"]


def test_the_multiple_file_field_cleans_every_file():
    field = MultipleFileField(required=False)
    files = [SimpleUploadedFile("a.txt", b"a"), SimpleUploadedFile("b.txt", b"b")]
    assert [upload.name for upload in field.clean(files)] == ["a.txt", "b.txt"]
    assert field.clean(None) == [] and field.widget.allow_multiple_selected


def _progress(action, files=(), **extra):
    data = {**_date("date", TODAY), "note": "Progress", "status": Status.ON_TRACK, "evidence_of_impact": ""}
    data.update(extra)
    return ProgressForm(data, MultiValueDict({"files": list(files)}), action=action, today=TODAY)


def test_progress_files_are_each_smaller_than_the_limit_and_documents(senior_manager, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager)
    ok = SimpleUploadedFile("ok.pdf", b"%PDF-" + b"x" * 1019)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 1020)
    program = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 This program cannot be run in DOS mode.")
    assert _progress(action, [ok]).is_valid()
    form = _progress(action, [ok, big, program])
    assert not form.is_valid()
    assert form.errors["files"][0] == "big.pdf must be smaller than 1 KB"
    assert form.errors["files"][1].startswith("minutes.pdf must be a PDF, Word document (.docx), Excel workbook (.xlsx)")


def test_progress_completion_uses_the_evidence_already_recorded(senior_manager):
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager)
    assert "evidence_of_impact" in _progress(action, status=Status.COMPLETE).errors
    action.evidence_of_impact = "Already recorded"
    assert _progress(action, status=Status.COMPLETE).is_valid()


def test_raising_from_a_finding_offers_recommendations_grouped_by_plan(senior_manager):
    first = make_plan(senior_manager, title="First plan", published_on=date(2026, 1, 5))
    second = make_plan(senior_manager, title="Second plan", published_on=date(2026, 3, 5))
    one = make_recommendation(first, text="One")
    two = make_recommendation(second, text="Two")
    form = ActionFromOriginForm(instance=Action(), area_code="in_care")
    choices = form.fields["recommendation"].choices
    assert choices[1] == ("Second plan", [(str(two.pk), "1. Two")])
    assert choices[2] == ("First plan", [(str(one.pk), "1. One")])
    assert choices[-1][1] == [("new", "Add a new recommendation (below)")]
    assert form.fields["area"].initial == "in_care" and "status" not in form.fields
