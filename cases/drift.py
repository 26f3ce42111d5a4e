"""Drift: when a child's plan has stopped moving. Pure rules; selectors.stuck_cases gathers facts.

A case becomes a candidate for the multi-disciplinary panel (the "Top 3" meeting of seed 004)
when any rule below says so. Each rule names its reason in words a manager would use.
"""

from dataclasses import dataclass
from datetime import date, timedelta

# Events that show a plan is being worked: visits, plans, reviews, oversight.
PROGRESS_KINDS = [
    "visit", "plan", "initial_conference", "review_conference", "looked_after_review", "supervision",
    "management_oversight", "personal_education_plan", "pathway_plan", "panel_decision",
]
PLAN_STAGES = ["early_help", "child_in_need", "child_protection", "looked_after", "care_leaver"]
# What the plan is called in each stage, for the reasons shown to managers.
PLAN_NAMES = {
    "early_help": "early help plan",
    "child_in_need": "child in need plan",
    "child_protection": "child protection plan",
    "looked_after": "care plan",
    "care_leaver": "pathway plan",
}
VISIT_LONG_OVERDUE_WORKING_DAYS = 10
CHILD_PROTECTION_PLAN_LONG_YEARS = 2


@dataclass(frozen=True)
class PlanFacts:
    stage: str
    stage_label: str
    start_date: date
    last_progress: date | None
    visit_days_overdue: int = 0


def no_recorded_progress(facts: PlanFacts, *, today: date, drift_weeks: int) -> str | None:
    """Nothing recorded on an open plan for the council's drift period."""
    since = facts.last_progress or facts.start_date
    if today - since > timedelta(weeks=drift_weeks):
        weeks = (today - since).days // 7
        plan = PLAN_NAMES.get(facts.stage, facts.stage_label.lower())
        return f"No recorded progress on the {plan} for {weeks} weeks"
    return None


def visit_long_overdue(facts: PlanFacts) -> str | None:
    """A statutory visit late by more than two working weeks."""
    if facts.visit_days_overdue > VISIT_LONG_OVERDUE_WORKING_DAYS:
        return f"Visit overdue by {facts.visit_days_overdue} working days"
    return None


def long_child_protection_plan(facts: PlanFacts, *, today: date) -> str | None:
    """A child protection plan open for two years or more (Working Together asks why)."""
    if facts.stage != "child_protection":
        return None
    try:
        anniversary = facts.start_date.replace(year=facts.start_date.year + CHILD_PROTECTION_PLAN_LONG_YEARS)
    except ValueError:  # started on 29 February
        anniversary = facts.start_date.replace(year=facts.start_date.year + CHILD_PROTECTION_PLAN_LONG_YEARS, day=28)
    if today >= anniversary:
        return "Child protection plan open for two years or more"
    return None


def drift_reasons(facts: PlanFacts, *, today: date, drift_weeks: int) -> list[str]:
    reasons = [
        no_recorded_progress(facts, today=today, drift_weeks=drift_weeks),
        visit_long_overdue(facts),
        long_child_protection_plan(facts, today=today),
    ]
    return [reason for reason in reasons if reason]
