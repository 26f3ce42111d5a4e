"""The safeguarding board's timescales: notification (5 working days), rapid review (15 working
days), decision on a serious case review (one month), completion (six months), the annual
report against the board's target; attendance rates."""

from datetime import date

import pytest

from lscb.rules import (
    ReviewKind, annual_report_due, annual_report_timeliness, attendance_rate, review_deadlines, working_days_taken,
)


def test_a_practice_review_counts_working_days_across_christmas():
    # Aware on Monday 22 December 2025: day 5 skips Christmas, Boxing Day and the weekend, and
    # is Wednesday 31 December. Notified on Tuesday 30 December: the rapid review is due 15
    # working days later, over New Year's Day, on Wednesday 21 January 2026.
    notification, rapid = review_deadlines(
        ReviewKind.PRACTICE_REVIEW, incident_known=date(2025, 12, 22), notified=date(2025, 12, 30),
        decided=date(2026, 1, 22), published=None,
    )[:2]
    assert notification.due == date(2025, 12, 31) and notification.on_time() is True
    assert rapid.due == date(2026, 1, 21) and rapid.on_time() is False
    assert rapid.status(date(2026, 2, 1)) == "Late"


def test_a_serious_case_review_decision_is_due_a_month_after_notification():
    deadlines = review_deadlines(ReviewKind.SERIOUS_CASE_REVIEW, incident_known=None, notified=date(2015, 1, 31),
                                 decided=None, published=None)
    [decision] = deadlines
    assert decision.what == "Decision within one month of notification"
    assert decision.due == date(2015, 2, 28)  # a month after 31 January is the end of February
    assert decision.status(date(2015, 2, 28)) == "Due"
    assert decision.status(date(2015, 3, 2)) == "Overdue"


def test_completion_is_due_six_months_after_the_decision():
    *_, completion = review_deadlines(ReviewKind.SERIOUS_CASE_REVIEW, incident_known=None, notified=date(2015, 3, 2),
                                      decided=date(2015, 3, 20), published=date(2015, 9, 21))
    assert completion.due == date(2015, 9, 20)
    assert completion.status(date(2016, 1, 1)) == "Late"


def test_a_learning_review_has_no_completion_deadline():
    deadlines = review_deadlines(ReviewKind.LEARNING_REVIEW, incident_known=None, notified=date(2015, 3, 2),
                                 decided=date(2015, 3, 20), published=None)
    assert [deadline.what for deadline in deadlines] == ["Decision within one month of notification"]


def test_working_days_taken():
    assert working_days_taken(date(2025, 12, 22), date(2025, 12, 30)) == 4  # 23, 24, 29 and 30 December
    assert working_days_taken(None, date(2025, 12, 30)) is None


@pytest.mark.parametrize(("published", "today", "status"), [
    (date(2026, 9, 30), date(2026, 12, 1), "On time"),  # six months after 31 March is 30 September
    (date(2026, 10, 1), date(2026, 12, 1), "Late"),
    (None, date(2026, 9, 30), "Due"),
    (None, date(2026, 10, 1), "Overdue"),
])
def test_annual_report_timeliness(published, today, status):
    assert annual_report_due(date(2026, 3, 31)) == date(2026, 9, 30)
    assert annual_report_timeliness(date(2026, 3, 31), published, today) == status


def test_a_board_can_set_its_own_annual_report_target():
    assert annual_report_due(date(2026, 3, 31), months=3) == date(2026, 6, 30)


@pytest.mark.parametrize(("statuses", "rate"), [
    ([], None),
    (["present", "deputy", "apologies", "absent"], 0.5),
    (["present", "present"], 1.0),
])
def test_attendance_rate_counts_deputies(statuses, rate):
    assert attendance_rate(statuses) == rate
