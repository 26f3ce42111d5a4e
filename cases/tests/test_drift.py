"""Drift: when an open plan has stopped moving (pure rules, no database)."""

from datetime import date, timedelta

import pytest

from cases.drift import (
    PlanFacts,
    drift_reasons,
    long_child_protection_plan,
    no_recorded_progress,
    visit_long_overdue,
)

TODAY = date(2024, 6, 12)


def facts(stage="child_protection", label="Child protection plan", start=date(2024, 1, 3), last=None, overdue=0):
    return PlanFacts(stage=stage, stage_label=label, start_date=start, last_progress=last, visit_days_overdue=overdue)


# --- No recorded progress -------------------------------------------------------------------------


def test_progress_exactly_the_drift_period_ago_is_not_drift():
    last = TODAY - timedelta(weeks=12)
    assert no_recorded_progress(facts(last=last), today=TODAY, drift_weeks=12) is None


def test_progress_one_day_more_than_the_drift_period_ago_is_drift():
    last = TODAY - timedelta(weeks=12, days=1)
    assert no_recorded_progress(facts(last=last), today=TODAY, drift_weeks=12) == (
        "No recorded progress on the child protection plan for 12 weeks"
    )


def test_the_message_counts_whole_weeks_since_the_last_progress():
    last = TODAY - timedelta(weeks=15, days=6)
    assert no_recorded_progress(facts(last=last), today=TODAY, drift_weeks=12).endswith("for 15 weeks")


def test_a_plan_with_no_progress_ever_counts_from_its_start_date():
    on_the_line = facts(start=TODAY - timedelta(weeks=12))
    just_over = facts(start=TODAY - timedelta(weeks=12, days=1))
    assert no_recorded_progress(on_the_line, today=TODAY, drift_weeks=12) is None
    assert no_recorded_progress(just_over, today=TODAY, drift_weeks=12) is not None


def test_recent_progress_on_an_old_plan_is_not_drift():
    old_plan = facts(start=date(2020, 1, 1), last=TODAY - timedelta(days=3))
    assert no_recorded_progress(old_plan, today=TODAY, drift_weeks=12) is None


def test_the_councils_drift_period_decides():
    last = TODAY - timedelta(weeks=8, days=1)
    assert no_recorded_progress(facts(last=last), today=TODAY, drift_weeks=8) is not None
    assert no_recorded_progress(facts(last=last), today=TODAY, drift_weeks=12) is None


def test_the_message_names_the_plan_in_lower_case():
    plan = facts(stage="child_in_need", label="Child in need", start=date(2023, 1, 1))
    message = no_recorded_progress(plan, today=TODAY, drift_weeks=12)
    assert "child in need" in message and "Child in need" not in message


# --- Visits long overdue -------------------------------------------------------------------------


@pytest.mark.parametrize("overdue", [0, 1, 10])
def test_a_visit_up_to_ten_working_days_late_is_not_long_overdue(overdue):
    assert visit_long_overdue(facts(overdue=overdue)) is None


@pytest.mark.parametrize("overdue", [11, 40])
def test_a_visit_more_than_ten_working_days_late_is_long_overdue(overdue):
    assert visit_long_overdue(facts(overdue=overdue)) == f"Visit overdue by {overdue} working days"


# --- Long child protection plans ----------------------------------------------------------------


def test_a_child_protection_plan_is_long_on_its_second_anniversary_and_not_the_day_before():
    plan = facts(start=date(2022, 6, 12))
    assert long_child_protection_plan(plan, today=date(2024, 6, 11)) is None
    assert long_child_protection_plan(plan, today=date(2024, 6, 12)) == "Child protection plan open for two years or more"


def test_a_plan_started_on_29_february_is_long_from_28_february_two_years_later():
    plan = facts(start=date(2024, 2, 29))
    assert long_child_protection_plan(plan, today=date(2026, 2, 27)) is None
    assert long_child_protection_plan(plan, today=date(2026, 2, 28)) is not None
    assert long_child_protection_plan(plan, today=date(2026, 3, 1)) is not None


def test_a_plan_started_on_29_february_is_long_on_29_february_four_years_later_anyway():
    plan = facts(start=date(2020, 2, 29))
    assert long_child_protection_plan(plan, today=date(2022, 2, 28)) is not None


@pytest.mark.parametrize("stage, label", [("looked_after", "Looked after"), ("child_in_need", "Child in need")])
def test_only_child_protection_plans_are_long_after_two_years(stage, label):
    assert long_child_protection_plan(facts(stage=stage, label=label, start=date(2019, 1, 1)), today=TODAY) is None


# --- All the reasons together ------------------------------------------------------------------


def test_a_plan_moving_well_has_no_reasons():
    assert drift_reasons(facts(last=TODAY - timedelta(days=5)), today=TODAY, drift_weeks=12) == []


def test_a_plan_can_drift_for_every_reason_at_once_in_a_fixed_order():
    plan = facts(start=date(2021, 1, 4), last=date(2024, 1, 2), overdue=25)
    assert drift_reasons(plan, today=TODAY, drift_weeks=12) == [
        "No recorded progress on the child protection plan for 23 weeks",
        "Visit overdue by 25 working days",
        "Child protection plan open for two years or more",
    ]


def test_only_the_reasons_that_apply_are_given():
    plan = facts(start=date(2021, 1, 4), last=TODAY - timedelta(days=1), overdue=11)
    assert drift_reasons(plan, today=TODAY, drift_weeks=12) == [
        "Visit overdue by 11 working days",
        "Child protection plan open for two years or more",
    ]
