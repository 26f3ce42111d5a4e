"""Reads for action plans: due dates in words, the database filter that matches the rule for a
status today, judgement areas from the frameworks, the plan list's and overview's RAG counts, my
actions, owners, and what raised an action."""

from datetime import date

import pytest

from actionplans import origins, selectors
from actionplans.models import Action
from actionplans.rules import Status, effective_status
from judgements.frameworks import FRAMEWORKS

from .plan_support import make_action, make_finding, make_plan, make_recommendation, make_shortfall

pytestmark = pytest.mark.django_db


# --- wording


@pytest.mark.parametrize(("due", "today", "words"), [
    (date(2026, 7, 14), date(2026, 7, 1), "due in 9 working days"),
    (date(2026, 7, 2), date(2026, 7, 1), "due in 1 working day"),
    (date(2026, 7, 1), date(2026, 7, 1), "due today"),
    (date(2026, 7, 4), date(2026, 7, 3), "due by the end of today"),  # due Saturday, asked on Friday
    (date(2026, 6, 30), date(2026, 7, 1), "overdue by 1 working day"),
    (date(2026, 4, 2), date(2026, 4, 7), "overdue by 1 working day"),  # across Good Friday and Easter Monday
    (date(2026, 1, 2), date(2026, 7, 1), "overdue by 124 working days"),
    (None, date(2026, 7, 1), ""),
])
def test_due_dates_in_words_count_working_days(due, today, words):
    assert selectors.due_in_words(due, today) == words


# --- what a status means today, in the database


def test_the_status_filter_matches_the_rule_for_every_status_and_date(senior_manager):
    today = date(2026, 7, 1)
    recommendation = make_recommendation(make_plan(senior_manager))
    for status, _label in Status.CHOICES:
        for target in (date(2026, 6, 30), today, date(2026, 7, 2)):
            make_action(recommendation, senior_manager, status=status, target=target)
    for status, _label in Status.CHOICES:
        filtered = set(Action.objects.filter(selectors.effective_status_q(status, today)).values_list("pk", flat=True))
        expected = {action.pk for action in Action.objects.all()
                    if effective_status(action.status, action.target_date, today) == status}
        assert filtered == expected, status
    # Reported off track on any date (3), and the three other open statuses past their target date (3).
    assert Action.objects.filter(selectors.effective_status_q(Status.OFF_TRACK, today)).count() == 6


# --- judgement areas


def test_area_choices_list_each_code_once_with_the_frameworks_that_judge_it():
    choices = dict(selectors.area_choices())
    every_code = {area.code for spec in FRAMEWORKS.values() for area in spec.areas}
    assert set(choices) == every_code and len(selectors.area_choices()) == len(every_code)
    assert choices["in_care"] == "The experiences and progress of children in care (ILACS 2018, ILACS 2023, ILACS 2026)"
    assert choices["lscb"].endswith("(SIF)") and choices["help_protection"].endswith("(SIF, ILACS 2018, ILACS 2023, ILACS 2026)")
    assert selectors.area_choices()[0][0] == "leaders"  # the framework in force first
    assert selectors.area_name("") == "No judgement area given" and selectors.area_name("gone") == "gone"


# --- counts


def test_plan_rows_count_each_plan_s_actions_by_status_today(senior_manager):
    today = date(2026, 7, 1)
    first = make_plan(senior_manager, title="First", published_on=date(2026, 4, 1))
    second = make_plan(senior_manager, title="Second", published_on=date(2026, 5, 1), submitted_on=date(2026, 6, 1))
    recommendation = make_recommendation(first)
    make_action(recommendation, senior_manager, status=Status.ON_TRACK, target=date(2026, 6, 1))
    make_action(recommendation, senior_manager, status=Status.ON_TRACK, target=date(2026, 8, 1))
    rows = {row.plan.title: row for row in selectors.plan_rows(today=today)}
    assert rows["First"].counts.by_status == {"not_started": 0, "on_track": 1, "at_risk": 0, "off_track": 1, "complete": 0}
    assert rows["First"].counts.overdue == 1 and rows["First"].final_words == "due in 9 working days"
    assert rows["Second"].counts.total == 0 and rows["Second"].final_words == ""  # sent: no countdown


def test_the_overview_puts_areas_in_framework_order_and_unfiled_last(senior_manager):
    plan = make_plan(senior_manager)
    for area in ("", "in_care", "leaders"):
        make_action(make_recommendation(plan, area=area), senior_manager)
    overview = selectors.plan_overview(plan=plan, today=date(2026, 7, 1))
    assert [area.code for area in overview.by_area] == ["leaders", "in_care", ""]
    assert overview.by_area[-1].name == "No judgement area given"
    assert [block.recommendation.number for block in overview.blocks] == [1, 2, 3]


def test_my_actions_are_only_the_user_s(senior_manager, team_manager, auditor):
    recommendation = make_recommendation(make_plan(senior_manager))
    make_action(recommendation, senior_manager, owner=team_manager, description="Mine")
    make_action(recommendation, senior_manager, owner=auditor, description="Not mine")
    mine = selectors.my_actions(user=team_manager, today=date(2026, 7, 1))
    assert [row.action.description for row in mine.later] == ["Mine"] and mine.open_count == 1


def test_action_rows_say_overdue_and_due_soon(senior_manager):
    recommendation = make_recommendation(make_plan(senior_manager))
    late = selectors.action_row(make_action(recommendation, senior_manager, target=date(2026, 6, 29)), date(2026, 7, 1))
    assert (late.status, late.label, late.tag, late.overdue, late.due_words) == (
        "off_track", "Off track", "govuk-tag--red", True, "overdue by 2 working days")
    soon = selectors.action_row(make_action(recommendation, senior_manager, target=date(2026, 7, 15)), date(2026, 7, 1))
    assert soon.due_soon and not soon.overdue and soon.status == "on_track"
    done = selectors.action_row(make_action(recommendation, senior_manager, target=date(2026, 6, 1),
                                            status=Status.COMPLETE), date(2026, 7, 1))
    assert done.status == "complete" and not done.overdue and done.due_words == ""


# --- owners


def test_owners_are_active_people_who_may_report_progress(senior_manager, team_manager, auditor, practitioner,
                                                          elected_member, administrator, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="x")
    assert set(selectors.owner_candidates()) == {senior_manager, team_manager, auditor, superuser}
    practitioner_kept = selectors.owner_candidates(keep=practitioner.pk)
    assert practitioner in practitioner_kept and len(list(practitioner_kept)) == 5  # no duplicates from the joins
    assert selectors.owner_label(team_manager) == "Manager Tester (Team manager, Child Protection 1)"
    assert selectors.owner_label(superuser) == "root"


# --- origins


def test_origins_are_resolved_only_from_the_allow_list(senior_manager, auditor, child_a, audit_template):
    from django.http import Http404

    finding = make_finding(auditor, child_a, audit_template)
    origin = origins.resolve("inspection.finding", finding.pk, user=senior_manager)
    assert origin.record == finding and origin.kind.label == "Case audit finding" and origin.area_code == ""
    shortfall = make_shortfall(senior_manager, area="in_care")
    assert origins.resolve("judgements.shortfall", shortfall.pk, user=senior_manager).area_code == "in_care"
    for key, pk in (("auth.user", senior_manager.pk), ("inspection.finding", 999), ("inspection.caseaudit", 1)):
        with pytest.raises(Http404):
            origins.resolve(key, pk, user=senior_manager)
    child_a.restricted = True  # a finding about a restricted record is not found by those it is closed to
    child_a.save(update_fields=["restricted"])
    with pytest.raises(Http404):
        origins.resolve("inspection.finding", finding.pk, user=senior_manager)


def test_what_raised_an_action_is_described_with_its_kind(senior_manager, auditor, child_a, audit_template):
    finding = make_finding(auditor, child_a, audit_template, text="Supervision is not recorded")
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager)
    assert selectors.action_origin(action) is None
    action.origin = finding
    action.save()
    described = selectors.action_origin(selectors.action_detail(pk=action.pk))
    assert described == {"label": "Case audit finding", "view_permission": "inspection.view_caseaudit",
                         "text": "Supervision is not recorded", "url": "", "missing": False}
    finding.delete()
    assert selectors.action_origin(selectors.action_detail(pk=action.pk))["missing"] is True
