"""Figures for the evidence pages (pure): percentages, audit grade counts, the two timescale
rules worked out from dates, and where a grade sits among the councils."""

from datetime import date

import pytest

from cases.working_days import add_working_days
from inspection.judgement_evidence.figures import (
    GradeCounts,
    Measure,
    assessment_on_time,
    conference_on_time,
    percent,
    position,
)
from judgements.grades import Grade


@pytest.mark.parametrize("part, whole, expected", [(1, 3, 33), (2, 3, 67), (1, 8, 13), (1, 200, 1), (0, 5, 0), (5, 5, 100), (3, 0, None)])
def test_percent_rounds_half_up_and_is_none_with_nothing_to_divide(part, whole, expected):
    assert percent(part, whole) == expected


def test_grade_counts_leave_out_ungraded_and_give_the_share_good_or_better():
    counts = GradeCounts.of([1, 2, 2, 3, 4, 4, None, 0])
    assert counts.counts == (1, 2, 1, 2)
    assert (counts.total, counts.good_or_better, counts.good_or_better_percent) == (6, 3, 50)
    assert counts.rows()[1] == (Grade.GOOD, 2, 33)
    assert GradeCounts.of([]).good_or_better_percent is None


def test_a_measure_gives_its_share():
    assert Measure("Visits", 3, 4, "today").percent == 75
    assert Measure("Visits", 0, 0, "today").percent is None


def test_an_assessment_is_on_time_up_to_and_including_the_45th_working_day():
    referral = date(2025, 1, 6)
    due = add_working_days(referral, 45)
    assert due == date(2025, 3, 10)
    assert assessment_on_time(referral_date=referral, authorised_date=due)
    assert not assessment_on_time(referral_date=referral, authorised_date=date(2025, 3, 11))


def test_an_initial_conference_is_on_time_up_to_the_15th_working_day_across_bank_holidays():
    # Good Friday 18 April, Easter Monday 21 April and the 5 May bank holiday are not working days.
    strategy = date(2025, 4, 14)
    assert conference_on_time(strategy_discussion_date=strategy, conference_date=date(2025, 5, 8))
    assert not conference_on_time(strategy_discussion_date=strategy, conference_date=date(2025, 5, 9))


SIF = (3, 51, 68, 30)


def test_position_in_the_national_distribution():
    good = position(SIF, Grade.GOOD)
    assert (good.same, good.better, good.worse) == (34, 2, 64)
    assert good.sentence() == "good, like 34% of councils; 2% were judged better"
    inadequate = position(SIF, Grade.INADEQUATE)
    assert (inadequate.same, inadequate.better, inadequate.worse) == (20, 80, 0)
    assert position(SIF, Grade.OUTSTANDING).sentence() == "outstanding, like 2% of councils; none were judged better"
    assert position(SIF, None) is None
    assert position((0, 0, 0, 0), Grade.GOOD) is None
