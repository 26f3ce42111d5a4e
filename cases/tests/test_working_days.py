"""Working-day arithmetic against the real England calendar (no database needed)."""

import time
from datetime import date, timedelta

import pytest

from cases import working_days
from cases.working_days import add_working_days, is_working_day, next_working_day, working_days_between


def every_day(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def step_forward(start: date, n: int) -> date:
    """A slow, obviously-correct add_working_days to check the fast one against."""
    day = start
    while n:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


# ---- is_working_day -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 6, 3),  # ordinary Monday
        date(2024, 6, 7),  # ordinary Friday
        date(2024, 12, 24),  # Christmas Eve is a working day
        date(2024, 12, 27),  # Friday between Boxing Day and the weekend
        date(2024, 12, 31),  # New Year's Eve
        date(2024, 2, 29),  # leap day (Thursday)
        date(2028, 2, 29),  # leap day (Tuesday)
        date(2024, 3, 28),  # Maundy Thursday
        date(2024, 4, 2),  # Tuesday after Easter Monday
        date(2020, 5, 4),  # first Monday of May 2020: bank holiday moved to VE Day (8 May)
        date(2022, 5, 30),  # last Monday of May 2022: moved to 2 June for the Platinum Jubilee
        date(2022, 9, 20),  # day after the state funeral
        date(2023, 5, 9),  # day after the coronation bank holiday
    ],
)
def test_working_days(day):
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 6, 1),  # Saturday
        date(2024, 6, 2),  # Sunday
        date(2024, 3, 2),  # Saturday after leap day
        date(2024, 1, 1),  # New Year's Day
        date(2024, 3, 29),  # Good Friday 2024
        date(2024, 4, 1),  # Easter Monday 2024
        date(2025, 4, 18),  # Good Friday 2025
        date(2025, 4, 21),  # Easter Monday 2025
        date(2024, 5, 6),  # early May bank holiday
        date(2024, 5, 27),  # spring bank holiday
        date(2024, 8, 26),  # summer bank holiday
        date(2025, 5, 5),
        date(2025, 5, 26),
        date(2025, 8, 25),
        date(2024, 12, 25),
        date(2024, 12, 26),
        date(2020, 5, 8),  # VE Day 75 (early May bank holiday moved)
        date(2022, 6, 2),  # spring bank holiday moved for the Platinum Jubilee
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # coronation of King Charles III
        date(2021, 12, 25),  # Christmas on a Saturday...
        date(2021, 12, 27),  # ...substitute Monday
        date(2021, 12, 28),  # ...substitute Tuesday for Boxing Day
        date(2022, 12, 25),  # Christmas on a Sunday
        date(2022, 12, 26),  # Boxing Day (Monday)
        date(2022, 12, 27),  # substitute for Christmas Day
        date(2022, 1, 3),  # New Year's Day (Saturday) substitute
        date(2023, 1, 2),  # New Year's Day (Sunday) substitute
        date(2026, 12, 28),  # Boxing Day on a Saturday: substitute Monday
        date(2027, 12, 27),  # Christmas 2027 on a Saturday: substitute Monday
        date(2027, 12, 28),  # Boxing Day 2027 on a Sunday: substitute Tuesday
        date(2028, 1, 3),  # New Year's Day 2028 (Saturday) substitute
    ],
)
def test_non_working_days(day):
    assert not is_working_day(day)


@pytest.fixture
def library_without_holidays(monkeypatch):
    """Pretend the holidays package has lost every holiday."""
    monkeypatch.setattr(working_days.holidays, "country_holidays", lambda *args, **kwargs: {})
    working_days._bank_holidays.cache_clear()
    working_days._working_days_in.cache_clear()
    yield
    working_days._bank_holidays.cache_clear()
    working_days._working_days_in.cache_clear()


def test_christmas_and_good_friday_stay_closed_even_if_the_library_omits_them(library_without_holidays):
    assert not is_working_day(date(2024, 12, 25))
    assert not is_working_day(date(2024, 3, 29))  # Good Friday
    assert not is_working_day(date(2025, 4, 18))  # Good Friday
    assert is_working_day(date(2024, 4, 1))  # Easter Monday really has gone: the fixture works
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 1)


# ---- add_working_days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 6, 3), 1, date(2024, 6, 4)),  # Monday -> Tuesday
        (date(2024, 6, 7), 1, date(2024, 6, 10)),  # Friday -> Monday
        (date(2024, 6, 1), 1, date(2024, 6, 3)),  # Saturday -> Monday
        (date(2024, 6, 3), 5, date(2024, 6, 10)),  # one week
        (date(2024, 6, 3), 10, date(2024, 6, 17)),  # two weeks
        # Easter
        (date(2024, 3, 28), 1, date(2024, 4, 2)),  # Good Friday 29 Mar, Easter Monday 1 Apr
        (date(2024, 3, 27), 2, date(2024, 4, 2)),
        (date(2024, 3, 30), 1, date(2024, 4, 2)),  # Easter Saturday
        (date(2024, 3, 25), 20, date(2024, 4, 24)),
        (date(2025, 4, 17), 1, date(2025, 4, 22)),  # Good Friday 18 Apr, Easter Monday 21 Apr
        (date(2025, 4, 16), 3, date(2025, 4, 23)),
        # May and August bank holidays
        (date(2024, 5, 3), 1, date(2024, 5, 7)),  # early May
        (date(2024, 5, 24), 1, date(2024, 5, 28)),  # spring
        (date(2024, 8, 23), 1, date(2024, 8, 27)),  # summer
        (date(2025, 8, 22), 1, date(2025, 8, 26)),
        (date(2022, 6, 1), 1, date(2022, 6, 6)),  # Platinum Jubilee Thursday and Friday
        # one-off bank holidays
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # state funeral 19 Sep 2022
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # coronation 8 May 2023
        (date(2023, 4, 28), 5, date(2023, 5, 9)),  # both May 2023 Mondays
        # Christmas and New Year, including substitute days
        (date(2024, 12, 24), 1, date(2024, 12, 27)),
        (date(2024, 12, 19), 10, date(2025, 1, 7)),
        (date(2025, 12, 19), 10, date(2026, 1, 7)),
        (date(2025, 12, 19), 20, date(2026, 1, 21)),
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # 27 and 28 Dec 2021 substitutes
        (date(2021, 12, 23), 3, date(2021, 12, 30)),
        (date(2022, 12, 23), 1, date(2022, 12, 28)),  # 26 and 27 Dec 2022
        (date(2022, 12, 30), 1, date(2023, 1, 3)),  # 2 Jan 2023 substitute
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Boxing Day 2026 substitute on 28 Dec
        (date(2026, 12, 24), 2, date(2026, 12, 30)),
        (date(2027, 12, 24), 1, date(2027, 12, 29)),  # 27 and 28 Dec 2027 substitutes
        # year ends
        (date(2023, 12, 29), 1, date(2024, 1, 2)),
        (date(2024, 12, 31), 1, date(2025, 1, 2)),
        (date(2024, 12, 20), 45, date(2025, 2, 26)),
        # leap years
        (date(2024, 2, 28), 1, date(2024, 2, 29)),
        (date(2024, 2, 28), 2, date(2024, 3, 1)),
        (date(2028, 2, 28), 1, date(2028, 2, 29)),
        (date(2028, 2, 28), 2, date(2028, 3, 1)),
        (date(2023, 2, 28), 1, date(2023, 3, 1)),
        (date(2024, 1, 2), 45, date(2024, 3, 5)),
        # several years at once
        (date(2023, 12, 31), 507, date(2025, 12, 31)),
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize("start", [date(2024, 6, 3), date(2024, 6, 1), date(2024, 3, 29), date(2022, 12, 25)])
def test_adding_zero_working_days_returns_the_start_even_on_a_non_working_day(start):
    assert add_working_days(start, 0) == start


@pytest.mark.parametrize("n", [-1, -45])
def test_adding_negative_working_days_is_refused(n):
    with pytest.raises(ValueError):
        add_working_days(date(2024, 6, 3), n)


def test_add_working_days_matches_stepping_day_by_day():
    for start in every_day(date(2021, 12, 1), date(2022, 1, 31)):
        for n in range(0, 30):
            assert add_working_days(start, n) == step_forward(start, n), (start, n)


def test_add_working_days_is_fast():
    starts = [date(2024, 1, 1) + timedelta(days=offset % 730) for offset in range(10_000)]
    began = time.perf_counter()
    for start in starts:
        add_working_days(start, 45)
    assert time.perf_counter() - began < 1.0


# ---- working_days_between -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 3), 0),
        (date(2024, 6, 3), date(2024, 6, 4), 1),
        (date(2024, 6, 7), date(2024, 6, 10), 1),  # over a weekend
        (date(2024, 6, 8), date(2024, 6, 9), 0),  # Saturday to Sunday
        (date(2024, 3, 28), date(2024, 4, 2), 1),  # over Easter
        (date(2024, 3, 28), date(2024, 4, 1), 0),
        (date(2024, 3, 30), date(2024, 4, 2), 1),
        (date(2021, 12, 24), date(2021, 12, 29), 1),
        (date(2022, 9, 16), date(2022, 9, 20), 1),
        (date(2024, 2, 28), date(2024, 3, 1), 2),  # leap day counts
        (date(2023, 2, 28), date(2023, 3, 1), 1),
        (date(2024, 1, 1), date(2024, 12, 31), 254),  # 262 weekdays less 8 bank holidays
        (date(2024, 12, 31), date(2025, 12, 31), 253),  # 261 weekdays less 8 bank holidays
        (date(2023, 12, 31), date(2025, 12, 31), 507),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 4, 2), date(2024, 3, 28), -1),
        (date(2024, 6, 10), date(2024, 6, 7), -1),
        (date(2025, 12, 31), date(2023, 12, 31), -507),
        (date(2024, 6, 9), date(2024, 6, 8), 0),
    ],
)
def test_working_days_between_counts_backwards_when_end_is_before_start(start, end, expected):
    assert working_days_between(start, end) == expected


def test_adding_then_counting_gives_back_the_same_number_for_every_day_of_two_years():
    for start in every_day(date(2023, 1, 1), date(2024, 12, 31)):
        previous = start
        for n in (0, 1, 2, 3, 5, 10, 15, 20, 45, 100, 260):
            end = add_working_days(start, n)
            assert working_days_between(start, end) == n, (start, n)
            assert working_days_between(end, start) == -n, (start, n)
            if n:
                assert is_working_day(end), (start, n)
                assert end > previous, (start, n)
            previous = end


# ---- next_working_day -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 3)),  # already a working day
        (date(2024, 12, 31), date(2024, 12, 31)),
        (date(2024, 2, 29), date(2024, 2, 29)),
        (date(2024, 6, 1), date(2024, 6, 3)),  # Saturday
        (date(2024, 6, 2), date(2024, 6, 3)),  # Sunday
        (date(2024, 3, 29), date(2024, 4, 2)),  # Good Friday
        (date(2025, 4, 18), date(2025, 4, 22)),
        (date(2024, 5, 27), date(2024, 5, 28)),
        (date(2022, 9, 19), date(2022, 9, 20)),
        (date(2023, 5, 8), date(2023, 5, 9)),
        (date(2021, 12, 25), date(2021, 12, 29)),
        (date(2022, 12, 31), date(2023, 1, 3)),  # across the year end
        (date(2027, 12, 25), date(2027, 12, 29)),
        (date(2028, 1, 1), date(2028, 1, 4)),
    ],
)
def test_next_working_day(day, expected):
    assert next_working_day(day) == expected


def test_next_working_day_agrees_with_adding_one_from_a_non_working_day():
    for day in every_day(date(2023, 1, 1), date(2024, 12, 31)):
        expected = day if is_working_day(day) else add_working_days(day, 1)
        assert next_working_day(day) == expected, day
