"""Action plan rules: due dates in working days, what an action's status means today, and what
completing one needs. Pure functions, no database.

Sources: the written statement of action is due within 70 working days of the inspection
report's publication (s137 Education and Inspections Act 2006; seed 001); after an ILACS focused
visit with areas for priority action, a draft is due in 20 working days and the final plan in 70.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cases.working_days import add_working_days, working_days_between

FINAL_DUE_WORKING_DAYS = 70
DRAFT_DUE_WORKING_DAYS = 20
REMINDER_WORKING_DAYS = 10  # owners are reminded of actions due within this many working days


class Status:
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETE = "complete"

    CHOICES = [(NOT_STARTED, "Not started"), (ON_TRACK, "On track"), (AT_RISK, "At risk"), (OFF_TRACK, "Off track"),
               (COMPLETE, "Complete")]
    LABELS = dict(CHOICES)
    # RAG: red, amber, green; complete shown apart (blue), not started grey.
    RAG = {NOT_STARTED: "grey", ON_TRACK: "green", AT_RISK: "amber", OFF_TRACK: "red", COMPLETE: "blue"}
    TAG = {NOT_STARTED: "govuk-tag--grey", ON_TRACK: "govuk-tag--green", AT_RISK: "govuk-tag--yellow",
           OFF_TRACK: "govuk-tag--red", COMPLETE: "govuk-tag--blue"}


@dataclass(frozen=True)
class DueDates:
    draft: date | None
    final: date


def due_dates(published: date, *, priority_actions: bool = False) -> DueDates:
    """When the plan is due, from the date the report (or review) was published."""
    return DueDates(
        draft=add_working_days(published, DRAFT_DUE_WORKING_DAYS) if priority_actions else None,
        final=add_working_days(published, FINAL_DUE_WORKING_DAYS),
    )


def is_overdue(status: str, target: date | None, today: date) -> bool:
    return status != Status.COMPLETE and target is not None and target < today


def effective_status(status: str, target: date | None, today: date) -> str:
    """The status to count and show today: an action past its target date and not complete is
    off track, whatever was last reported."""
    return Status.OFF_TRACK if is_overdue(status, target, today) else status


def due_soon(status: str, target: date | None, today: date, within: int = REMINDER_WORKING_DAYS) -> bool:
    """Not complete, not yet overdue, and due within ``within`` working days of today."""
    if status == Status.COMPLETE or target is None or target < today:
        return False
    return working_days_between(today, target) <= within


def needs_reminder(status: str, target: date | None, today: date) -> bool:
    return is_overdue(status, target, today) or due_soon(status, target, today)


def completion_problem(status: str, evidence_of_impact: str) -> str | None:
    """Why the action cannot have this status yet, or None: an action is complete only with
    evidence of the difference it made."""
    if status == Status.COMPLETE and not (evidence_of_impact or "").strip():
        return "Describe the evidence of impact before marking the action complete"
    return None


def rag_counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many actions have each status (every status present, 0 where none)."""
    counts = Counter(statuses)
    return {status: counts.get(status, 0) for status, _ in Status.CHOICES}
