"""Action plan rules: the 70 (and 20) working-day due dates across bank holidays, overdue and
due-soon, effective status, completion needing evidence of impact, RAG counts."""

from datetime import date

import pytest

from actionplans.rules import (
    Status, completion_problem, due_dates, due_soon, effective_status, is_overdue, needs_reminder, rag_counts,
)


@pytest.mark.parametrize(("published", "priority", "draft", "final"), [
    # Herefordshire's SIF report (seed 001): published Monday 30 June 2014; 70 working days with
    # the August bank holiday (25 August 2014) in between.
    (date(2014, 6, 30), False, None, date(2014, 10, 7)),
    # Across Christmas, Boxing Day and New Year's Day 2025-26 (Friday 19 December 2025): the draft
    # after priority actions 20 working days on, the final plan 70.
    (date(2025, 12, 19), True, date(2026, 1, 21), date(2026, 4, 1)),
    # Across Good Friday, Easter Monday, early May and spring bank holidays 2026 (3 and 6 April,
    # 4 and 25 May): published Wednesday 1 April; counted by hand, day 70 is Tuesday 14 July.
    (date(2026, 4, 1), False, None, date(2026, 7, 14)),
    # From Friday 24 April 2026: day 20 is Tuesday 26 May (after the spring bank holiday), day 70
    # Tuesday 4 August.
    (date(2026, 4, 24), True, date(2026, 5, 26), date(2026, 8, 4)),
    # Published on Saturday 6 June 2026: day 1 is Monday 8 June; the August bank holiday (31
    # August) pushes day 70 to Monday 14 September.
    (date(2026, 6, 6), False, None, date(2026, 9, 14)),
])
def test_due_dates_count_working_days_across_bank_holidays(published, priority, draft, final):
    due = due_dates(published, priority_actions=priority)
    assert (due.draft, due.final) == (draft, final)


def test_no_draft_is_due_without_priority_actions():
    assert due_dates(date(2026, 4, 1)).draft is None


@pytest.mark.parametrize(("status", "target", "today", "overdue"), [
    (Status.ON_TRACK, date(2026, 3, 1), date(2026, 3, 2), True),
    (Status.ON_TRACK, date(2026, 3, 2), date(2026, 3, 2), False),  # due today is not overdue
    (Status.COMPLETE, date(2026, 3, 1), date(2026, 3, 2), False),
    (Status.NOT_STARTED, None, date(2026, 3, 2), False),
])
def test_overdue(status, target, today, overdue):
    assert is_overdue(status, target, today) is overdue
    assert (effective_status(status, target, today) == Status.OFF_TRACK) is (overdue or status == Status.OFF_TRACK)


@pytest.mark.parametrize(("target", "expected"), [
    (date(2026, 3, 16), True),   # 10 working days after Monday 2 March 2026
    (date(2026, 3, 17), False),  # 11
    (date(2026, 3, 2), True),    # today
    (date(2026, 2, 27), False),  # overdue is not "due soon"
])
def test_due_soon_is_within_ten_working_days(target, expected):
    assert due_soon(Status.ON_TRACK, target, date(2026, 3, 2)) is expected
    assert due_soon(Status.COMPLETE, target, date(2026, 3, 2)) is False


def test_reminders_are_for_overdue_or_due_soon():
    today = date(2026, 3, 2)
    assert needs_reminder(Status.AT_RISK, date(2026, 2, 1), today)
    assert needs_reminder(Status.AT_RISK, date(2026, 3, 10), today)
    assert not needs_reminder(Status.AT_RISK, date(2026, 6, 1), today)
    assert not needs_reminder(Status.COMPLETE, date(2026, 2, 1), today)


@pytest.mark.parametrize(("status", "evidence", "problem"), [
    (Status.COMPLETE, "", True),
    (Status.COMPLETE, "   ", True),
    (Status.COMPLETE, "Re-audit in June: 9 of 10 plans now SMART.", False),
    (Status.ON_TRACK, "", False),
])
def test_an_action_is_complete_only_with_evidence_of_impact(status, evidence, problem):
    assert (completion_problem(status, evidence) is not None) is problem


def test_rag_counts_include_every_status():
    assert rag_counts([Status.ON_TRACK, Status.ON_TRACK, Status.OFF_TRACK]) == {
        Status.NOT_STARTED: 0, Status.ON_TRACK: 2, Status.AT_RISK: 0, Status.OFF_TRACK: 1, Status.COMPLETE: 0,
    }
