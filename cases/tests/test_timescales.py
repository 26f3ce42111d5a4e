"""Statutory timescales against the real England calendar (no database needed)."""

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from cases.timescales import (
    Timescale,
    assessment_due,
    child_protection_review_due,
    child_protection_visit_due,
    health_assessment_due,
    initial_conference_due,
    looked_after_review_due,
    looked_after_visit_due,
    pathway_plan_review_due,
    personal_education_plan_due,
    referral_decision_due,
)

# ---- referral decision: 1 working day -------------------------------------------------------


@pytest.mark.parametrize(
    ("referral_date", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 4)),  # Monday -> Tuesday
        (date(2024, 6, 7), date(2024, 6, 10)),  # Friday -> Monday
        (date(2024, 3, 30), date(2024, 4, 2)),  # referral on Easter Saturday
        (date(2024, 3, 28), date(2024, 4, 2)),  # Easter 2024
        (date(2025, 4, 17), date(2025, 4, 22)),  # Easter 2025
        (date(2023, 5, 5), date(2023, 5, 9)),  # coronation Monday
        (date(2024, 12, 24), date(2024, 12, 27)),  # Christmas and Boxing Day
        (date(2021, 12, 24), date(2021, 12, 29)),  # substitute days 27 and 28 Dec
        (date(2024, 12, 31), date(2025, 1, 2)),  # year end
        (date(2024, 2, 28), date(2024, 2, 29)),  # leap day
    ],
)
def test_referral_decision_due(referral_date, expected):
    assert referral_decision_due(referral_date) == expected


# ---- assessment: 45 working days ------------------------------------------------------------


@pytest.mark.parametrize(
    ("referral_date", "expected"),
    [
        (date(2023, 9, 4), date(2023, 11, 6)),  # no bank holidays: exactly nine weeks
        (date(2022, 9, 1), date(2022, 11, 4)),  # state funeral adds a day
        (date(2025, 3, 3), date(2025, 5, 8)),  # Easter 2025 and early May
        (date(2024, 12, 20), date(2025, 2, 26)),  # Christmas, Boxing Day, New Year
        (date(2024, 1, 2), date(2024, 3, 5)),  # leap day counts as a working day
    ],
)
def test_assessment_due(referral_date, expected):
    assert assessment_due(referral_date) == expected


# ---- initial child protection conference: 15 working days -----------------------------------


@pytest.mark.parametrize(
    ("strategy_discussion_date", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 24)),  # three plain weeks
        (date(2024, 3, 25), date(2024, 4, 17)),  # Easter 2024
        (date(2023, 4, 28), date(2023, 5, 23)),  # early May and the coronation
        (date(2024, 12, 16), date(2025, 1, 9)),  # year end
        (date(2024, 2, 19), date(2024, 3, 11)),  # leap year
        (date(2023, 2, 20), date(2023, 3, 13)),  # same weeks, not a leap year
    ],
)
def test_initial_conference_due(strategy_discussion_date, expected):
    assert initial_conference_due(strategy_discussion_date) == expected


# ---- child protection review: 3 months, then 6 months ---------------------------------------


@pytest.mark.parametrize(
    ("initial_conference_date", "expected"),
    [
        (date(2024, 1, 15), date(2024, 4, 15)),
        (date(2024, 10, 15), date(2025, 1, 15)),  # year end
        (date(2023, 11, 30), date(2024, 2, 29)),  # clamped to leap day
        (date(2022, 11, 30), date(2023, 2, 28)),  # clamped to 28 February
        (date(2024, 9, 25), date(2024, 12, 25)),  # calendar months are not moved off bank holidays
    ],
)
def test_first_child_protection_review_is_three_months_after_initial_conference(initial_conference_date, expected):
    assert child_protection_review_due(initial_conference_date) == expected


@pytest.mark.parametrize(
    ("last_review_date", "expected"),
    [
        (date(2024, 4, 10), date(2024, 10, 10)),
        (date(2024, 7, 20), date(2025, 1, 20)),  # year end
        (date(2023, 8, 31), date(2024, 2, 29)),  # leap year clamp
        (date(2024, 8, 31), date(2025, 2, 28)),
    ],
)
def test_later_child_protection_reviews_are_six_months_after_the_last(last_review_date, expected):
    assert child_protection_review_due(date(2023, 1, 10), last_review_date=last_review_date) == expected


# ---- child protection visits: every N working days ------------------------------------------


@pytest.mark.parametrize(
    ("last_visit_date", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 17)),
        (date(2024, 3, 25), date(2024, 4, 10)),  # Easter 2024
        (date(2024, 12, 19), date(2025, 1, 7)),  # Christmas and New Year
        (date(2024, 2, 19), date(2024, 3, 4)),  # leap day counts
    ],
)
def test_child_protection_visit_due_defaults_to_ten_working_days(last_visit_date, expected):
    assert child_protection_visit_due(last_visit_date) == expected


@pytest.mark.parametrize(
    ("last_visit_date", "every", "expected"),
    [
        (date(2024, 3, 28), 5, date(2024, 4, 8)),  # Easter 2024
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # coronation
        (date(2025, 4, 17), 15, date(2025, 5, 13)),  # Easter 2025 and early May
    ],
)
def test_child_protection_visit_due_uses_the_council_setting(last_visit_date, every, expected):
    assert child_protection_visit_due(last_visit_date, every_working_days=every) == expected


@pytest.mark.parametrize("every", [0, -3])
def test_child_protection_visit_interval_must_be_at_least_one_working_day(every):
    with pytest.raises(ValueError):
        child_protection_visit_due(date(2024, 6, 3), every_working_days=every)


# ---- looked-after reviews: 20 working days, 3 months, then 6 months -------------------------


@pytest.mark.parametrize(
    ("became_looked_after", "expected"),
    [
        (date(2024, 6, 3), date(2024, 7, 1)),  # four plain weeks
        (date(2024, 3, 25), date(2024, 4, 24)),  # Easter 2024
        (date(2023, 4, 24), date(2023, 5, 24)),  # early May and the coronation
        (date(2025, 12, 19), date(2026, 1, 21)),  # Christmas and New Year
        (date(2024, 2, 12), date(2024, 3, 11)),  # leap year
    ],
)
def test_first_looked_after_review_is_twenty_working_days(became_looked_after, expected):
    assert looked_after_review_due(became_looked_after) == expected


def test_first_looked_after_review_ignores_a_stray_last_review_date():
    assert looked_after_review_due(date(2024, 3, 25), last_review_date=date(2024, 3, 1)) == date(2024, 4, 24)


@pytest.mark.parametrize(
    ("last_review_date", "expected"),
    [
        (date(2024, 4, 24), date(2024, 7, 24)),
        (date(2024, 10, 31), date(2025, 1, 31)),  # year end
        (date(2023, 11, 30), date(2024, 2, 29)),  # leap year clamp
    ],
)
def test_second_looked_after_review_is_three_months_after_the_first(last_review_date, expected):
    assert looked_after_review_due(date(2024, 1, 2), reviews_held=1, last_review_date=last_review_date) == expected


@pytest.mark.parametrize(
    ("reviews_held", "last_review_date", "expected"),
    [
        (2, date(2024, 7, 24), date(2025, 1, 24)),  # year end
        (5, date(2024, 8, 31), date(2025, 2, 28)),  # clamped to 28 February
        (3, date(2023, 8, 31), date(2024, 2, 29)),  # clamped to leap day
    ],
)
def test_later_looked_after_reviews_are_six_months_after_the_last(reviews_held, last_review_date, expected):
    assert (
        looked_after_review_due(date(2022, 1, 4), reviews_held=reviews_held, last_review_date=last_review_date)
        == expected
    )


def test_looked_after_review_needs_the_last_review_date_once_one_is_held():
    with pytest.raises(ValueError):
        looked_after_review_due(date(2024, 1, 2), reviews_held=1)


def test_looked_after_review_count_cannot_be_negative():
    with pytest.raises(ValueError):
        looked_after_review_due(date(2024, 1, 2), reviews_held=-1)


# ---- looked-after visits: 1 week, 6 weeks, 3 months once permanent a year -------------------


@pytest.mark.parametrize(
    ("placement_start", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 10)),
        (date(2024, 3, 28), date(2024, 4, 4)),  # calendar days: Easter does not move it
        (date(2024, 12, 27), date(2025, 1, 3)),  # year end
        (date(2024, 2, 26), date(2024, 3, 4)),  # leap year
        (date(2023, 2, 26), date(2023, 3, 5)),
    ],
)
def test_first_looked_after_visit_is_within_a_week(placement_start, expected):
    assert looked_after_visit_due(placement_start) == expected


@pytest.mark.parametrize(
    ("last_visit_date", "expected"),
    [
        (date(2024, 11, 20), date(2025, 1, 1)),  # year end; not moved off New Year's Day
        (date(2024, 1, 20), date(2024, 3, 2)),  # leap year
        (date(2023, 1, 20), date(2023, 3, 3)),
    ],
)
def test_looked_after_visits_are_six_weeks_apart(last_visit_date, expected):
    assert looked_after_visit_due(date(2023, 1, 2), last_visit_date=last_visit_date) == expected


def test_visits_stay_six_weekly_after_a_year_if_the_placement_is_not_permanent():
    assert looked_after_visit_due(date(2022, 5, 1), last_visit_date=date(2024, 5, 1)) == date(2024, 6, 12)


def test_permanent_placement_stays_six_weekly_during_its_first_year():
    due = looked_after_visit_due(
        date(2024, 1, 10), last_visit_date=date(2024, 12, 1), permanent_since=date(2024, 3, 1)
    )
    assert due == date(2025, 1, 12)


@pytest.mark.parametrize(
    ("last_visit_date", "expected"),
    [
        (date(2025, 1, 9), date(2025, 2, 20)),  # a day short of a year: 6 weeks
        (date(2025, 1, 10), date(2025, 4, 10)),  # exactly a year: 3 months
        (date(2025, 11, 30), date(2026, 2, 28)),  # clamped to 28 February
    ],
)
def test_permanent_placement_moves_to_three_monthly_after_a_year(last_visit_date, expected):
    due = looked_after_visit_due(
        date(2024, 1, 10), last_visit_date=last_visit_date, permanent_since=date(2024, 3, 1)
    )
    assert due == expected


@pytest.mark.parametrize(
    ("last_visit_date", "expected"),
    [
        (date(2025, 2, 27), date(2025, 4, 10)),  # not yet a year: 6 weeks
        (date(2025, 2, 28), date(2025, 5, 28)),  # a year from 29 Feb is 28 Feb: 3 months
    ],
)
def test_permanent_placement_starting_on_a_leap_day(last_visit_date, expected):
    due = looked_after_visit_due(
        date(2024, 2, 29), last_visit_date=last_visit_date, permanent_since=date(2024, 6, 1)
    )
    assert due == expected


# ---- health assessments: 6 months under 5, otherwise 12 months ------------------------------


@pytest.mark.parametrize(
    ("date_of_birth", "last_assessment_date", "expected"),
    [
        (date(2021, 6, 15), date(2024, 6, 15), date(2024, 12, 15)),  # aged 3
        (date(2019, 6, 15), date(2024, 6, 14), date(2024, 12, 14)),  # day before fifth birthday
        (date(2019, 6, 15), date(2024, 6, 15), date(2025, 6, 15)),  # on fifth birthday
        (date(2012, 3, 1), date(2024, 2, 29), date(2025, 2, 28)),  # aged 11, leap day clamp
        (date(2020, 1, 1), date(2023, 8, 31), date(2024, 2, 29)),  # aged 3, clamped to leap day
        (date(2022, 1, 1), date(2024, 7, 1), date(2025, 1, 1)),  # year end; not moved off a bank holiday
        (date(2020, 2, 29), date(2025, 2, 27), date(2025, 8, 27)),  # leap-day child still 4
        (date(2020, 2, 29), date(2025, 2, 28), date(2026, 2, 28)),  # leap-day child turns 5 on 28 Feb
    ],
)
def test_health_assessment_due(date_of_birth, last_assessment_date, expected):
    assert health_assessment_due(date_of_birth, last_assessment_date=last_assessment_date) == expected


def test_health_assessment_date_must_be_named():
    with pytest.raises(TypeError):
        health_assessment_due(date(2020, 1, 1), date(2024, 1, 1))  # type: ignore[misc]


# ---- personal education plans: termly -------------------------------------------------------


@pytest.mark.parametrize(
    ("last_pep_date", "expected"),
    [
        (date(2024, 1, 1), date(2024, 8, 31)),  # spring -> end of summer
        (date(2024, 2, 29), date(2024, 8, 31)),
        (date(2024, 3, 31), date(2024, 8, 31)),
        (date(2024, 4, 1), date(2024, 12, 31)),  # summer -> end of autumn
        (date(2024, 8, 31), date(2024, 12, 31)),
        (date(2024, 9, 1), date(2025, 3, 31)),  # autumn -> end of next spring
        (date(2024, 12, 31), date(2025, 3, 31)),
        (date(2027, 12, 25), date(2028, 3, 31)),
    ],
)
def test_personal_education_plan_due(last_pep_date, expected):
    assert personal_education_plan_due(last_pep_date) == expected


# ---- pathway plans: 6 months ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_review_date", "expected"),
    [
        (date(2024, 3, 15), date(2024, 9, 15)),
        (date(2024, 7, 1), date(2025, 1, 1)),  # year end
        (date(2023, 8, 31), date(2024, 2, 29)),  # clamped to leap day
        (date(2024, 8, 31), date(2025, 2, 28)),  # clamped to 28 February
        (date(2024, 12, 31), date(2025, 6, 30)),  # clamped to 30 June
    ],
)
def test_pathway_plan_review_due(last_review_date, expected):
    assert pathway_plan_review_due(last_review_date) == expected


# ---- Timescale ------------------------------------------------------------------------------

DUE = date(2024, 3, 27)  # Wednesday before Easter 2024


@pytest.mark.parametrize(
    ("done", "today", "late", "overdue"),
    [
        (date(2024, 3, 26), date(2024, 6, 1), False, 0),  # done early
        (DUE, date(2024, 6, 1), False, 0),  # done on the day
        (date(2024, 4, 3), date(2024, 6, 1), True, 3),  # 28 Mar, 2 Apr, 3 Apr
        (date(2024, 4, 1), date(2024, 6, 1), True, 1),  # Good Friday and Easter Monday don't count
        (None, DUE, False, 0),  # due today
        (None, date(2024, 3, 28), True, 1),
        (None, date(2024, 4, 2), True, 2),
        (None, date(2024, 3, 20), False, 0),
    ],
)
def test_timescale_lateness(done, today, late, overdue):
    timescale = Timescale(due=DUE, done=done)
    assert timescale.is_late(today) is late
    assert timescale.days_overdue(today) == overdue


def test_work_due_on_a_saturday_done_on_the_sunday_is_late_by_no_working_days():
    timescale = Timescale(due=date(2024, 3, 30), done=date(2024, 3, 31))
    assert timescale.is_late(date(2024, 4, 10))
    assert timescale.days_overdue(date(2024, 4, 10)) == 0


def test_days_overdue_across_the_year_end():
    timescale = Timescale(due=date(2024, 12, 20), done=None)
    assert timescale.days_overdue(date(2025, 1, 3)) == 7  # 23, 24, 27, 30, 31 Dec, 2, 3 Jan


@pytest.mark.parametrize(
    ("due", "done", "today", "working_days", "expected"),
    [
        (date(2024, 4, 2), None, date(2024, 3, 28), 1, True),  # next working day after Easter
        (date(2024, 4, 3), None, date(2024, 3, 28), 1, False),
        (date(2024, 4, 3), None, date(2024, 3, 28), 2, True),
        (date(2024, 3, 30), None, date(2024, 3, 28), 1, True),  # due on the Saturday
        (date(2024, 3, 28), None, date(2024, 3, 28), 0, True),  # due today
        (date(2024, 4, 2), None, date(2024, 3, 28), 0, False),
        (date(2025, 1, 2), None, date(2024, 12, 24), 2, False),  # only 27 and 30 Dec
        (date(2025, 1, 2), None, date(2024, 12, 24), 4, True),  # 27, 30, 31 Dec and 2 Jan
        (date(2024, 4, 2), date(2024, 3, 29), date(2024, 3, 28), 5, False),  # already done
        (date(2024, 3, 27), None, date(2024, 3, 28), 5, False),  # already late
    ],
)
def test_timescale_due_within(due, done, today, working_days, expected):
    assert Timescale(due=due, done=done).due_within(today, working_days) is expected


def test_timescale_is_frozen_and_done_defaults_to_none():
    timescale = Timescale(due=DUE)
    assert timescale.done is None
    with pytest.raises(FrozenInstanceError):
        timescale.done = DUE  # type: ignore[misc]
