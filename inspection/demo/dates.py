"""Date arithmetic for the demo seeder, on proleptic ordinals (ints) for speed.

Working days here are Monday to Friday; bank holidays are ignored, so a gap of N seeded working
days is never more than N working days by the statutory count (cases/working_days.py).
"""

from datetime import date

YEAR = 365


def weekday(day: int) -> int:
    """Monday 0 ... Sunday 6 (date.fromordinal(1) is a Monday)."""
    return (day - 1) % 7


def add_working_days(day: int, count: int) -> int:
    """``count`` weekdays after ``day`` (day 1 is the first weekday after it)."""
    if count <= 0:
        return day
    if weekday(day) >= 5:  # from a weekend, count as from the Friday before
        day -= weekday(day) - 4
    weeks, rest = divmod(count, 5)
    day += weeks * 7
    while rest:
        day += 1
        if weekday(day) < 5:
            rest -= 1
    while not is_open(day):  # landing on Christmas or New Year: the next open day
        day += 1
    return day


CLOSED = {(12, 25), (12, 26), (1, 1)}  # no visits or meetings on these (other bank holidays are ignored)


def is_open(day: int) -> bool:
    if weekday(day) >= 5:
        return False
    value = date.fromordinal(day)
    return (value.month, value.day) not in CLOSED


def on_a_weekday(day: int, low: int, high: int) -> int:
    """The nearest open weekday to ``day`` within [low, high] (a Saturday goes back to Friday, a
    Sunday on to Monday); ``day`` itself if there is none."""
    if weekday(day) < 5 and is_open(day):
        return day
    for moved in (day - 1, day + 1, day - 2, day + 2, day + 3, day - 3, day + 4):
        if low <= moved <= high and is_open(moved):
            return moved
    return day


def add_months(day: int, months: int) -> int:
    """Calendar months later, clamped to the end of a shorter month (like relativedelta)."""
    value = date.fromordinal(day)
    month_index = value.year * 12 + value.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (value.day, 30, 29, 28):
        try:
            return date(year, month, min(value.day, last)).toordinal()
        except ValueError:
            continue
    raise AssertionError("unreachable")


def birthday(born: int, years: int) -> int:
    return add_months(born, 12 * years)


def next_term_window(day: int) -> tuple[int, int]:
    """The school term after the one ``day`` falls in: (first day, last day).

    Terms as cases/timescales.py counts them: autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar,
    summer 1 Apr-31 Aug (PEP meetings are held by mid-July).
    """
    value = date.fromordinal(day)
    if value.month <= 3:
        return date(value.year, 4, 15).toordinal(), date(value.year, 7, 15).toordinal()
    if value.month <= 8:
        return date(value.year, 9, 8).toordinal(), date(value.year, 12, 15).toordinal()
    return date(value.year + 1, 1, 8).toordinal(), date(value.year + 1, 3, 25).toordinal()


def to_date(day: int | None) -> date | None:
    return None if day is None else date.fromordinal(day)
