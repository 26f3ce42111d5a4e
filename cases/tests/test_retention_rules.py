"""When a closed child's record falls due for retention review (cases/retention.py). Pure."""

import random
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from cases.retention import (
    RetentionPeriods, add_years, due_by, explained, latest_start, review_due,
)

PERIODS = RetentionPeriods()


def due(born, closed, looked_after=False, adoption=None, periods=PERIODS):
    return review_due(date_of_birth=born, closed_on=closed, looked_after=looked_after, adoption_order_on=adoption,
                      periods=periods)


def test_the_defaults_are_six_years_the_25th_and_75th_birthdays_and_100_years():
    assert PERIODS == RetentionPeriods(years_after_closure=6, until_age=25, looked_after_until_age=75,
                                       adoption_years=100)


def test_the_periods_come_from_the_settings():
    settings = SimpleNamespace(CASE_RETENTION_YEARS_AFTER_CLOSURE=10, CASE_RETENTION_UNTIL_AGE=26,
                               CASE_RETENTION_LOOKED_AFTER_UNTIL_AGE=80, CASE_RETENTION_ADOPTION_YEARS=110)
    assert RetentionPeriods.from_settings(settings) == RetentionPeriods(10, 26, 80, 110)
    assert RetentionPeriods.from_settings(SimpleNamespace()) == PERIODS


def test_the_project_settings_give_the_defaults(settings):
    assert RetentionPeriods.from_settings(settings) == PERIODS


# --- one child


def test_a_child_in_need_closed_young_is_due_on_their_25th_birthday():
    result = due(date(2010, 5, 17), closed=date(2014, 2, 1))
    assert result.on == date(2035, 5, 17)
    assert result.because == "25th birthday"


def test_a_case_closed_at_22_is_due_six_years_after_it_closed():
    result = due(date(2000, 5, 17), closed=date(2022, 8, 31))
    assert result.on == date(2028, 8, 31)
    assert result.because == "6 years after the case closed"


def test_a_child_ever_looked_after_is_due_on_their_75th_birthday():
    result = due(date(2010, 5, 17), closed=date(2028, 5, 17), looked_after=True)
    assert result.on == date(2085, 5, 17)
    assert result.because == "75th birthday (was looked after)"


def test_an_adopted_child_is_due_100_years_after_the_adoption_order():
    result = due(date(2010, 5, 17), closed=date(2013, 1, 10), looked_after=True, adoption=date(2013, 1, 10))
    assert result.on == date(2113, 1, 10)
    assert result.because == "100 years after the adoption order"


def test_a_longer_local_period_is_used_when_set():
    longer = RetentionPeriods(years_after_closure=35)
    assert due(date(2010, 5, 17), closed=date(2014, 2, 1), periods=longer).on == date(2049, 2, 1)


def test_a_child_born_on_29_february_is_due_on_1_march_in_other_years():
    assert due(date(2008, 2, 29), closed=date(2009, 1, 1)).on == date(2033, 3, 1)
    assert due(date(2008, 2, 29), closed=date(2009, 1, 1), periods=RetentionPeriods(until_age=24)).on == date(2032, 2, 29)


@pytest.mark.parametrize("day, years, expected", [
    (date(2020, 2, 29), 1, date(2021, 3, 1)),
    (date(2020, 2, 29), 4, date(2024, 2, 29)),
    (date(2021, 6, 30), 6, date(2027, 6, 30)),
    (date(2021, 6, 30), 0, date(2021, 6, 30)),
])
def test_adding_years(day, years, expected):
    assert add_years(day, years) == expected


# --- the limits the database filters on


@pytest.mark.parametrize("today", [date(2026, 11, 29), date(2024, 2, 29), date(2025, 3, 1), date(2025, 2, 28),
                                   date(2028, 2, 28), date(2028, 3, 1)])
@pytest.mark.parametrize("years", [0, 1, 4, 6, 25, 75, 100])
def test_latest_start_is_the_last_day_that_has_reached_the_years_by_today(today, years):
    limit = latest_start(today, years)
    assert add_years(limit, years) <= today
    assert add_years(limit + timedelta(days=1), years) > today


def test_the_limits_pick_out_exactly_the_children_the_rule_says_are_due():
    """The database filters with due_by; the page shows review_due. They must agree for any child."""
    rng = random.Random(11)
    for _ in range(3000):
        today = date(2026, 1, 1) + timedelta(days=rng.randrange(1500))
        born = date(1930, 1, 1) + timedelta(days=rng.randrange(90 * 365))
        closed = born + timedelta(days=rng.randrange(25 * 365))
        looked_after = rng.random() < 0.4
        adoption = born + timedelta(days=rng.randrange(8 * 365)) if looked_after and rng.random() < 0.3 else None
        limits = due_by(today, PERIODS)
        by_limits = (closed <= limits.closed_on
                     and born <= (limits.born_looked_after if looked_after else limits.born)
                     and (adoption is None or adoption <= limits.adoption_order_on))
        assert by_limits == (due(born, closed, looked_after, adoption).on <= today), (today, born, closed,
                                                                                      looked_after, adoption)


def test_the_periods_are_explained_with_their_sources():
    words = explained(RetentionPeriods(until_age=21, looked_after_until_age=75))
    assert words[0].startswith("6 years after the case closed")
    assert "21st birthday" in words[1]
    assert "regulation 50" in words[2]
    assert "100 years after an adoption order" in words[3]
