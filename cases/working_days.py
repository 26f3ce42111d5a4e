"""Working-day arithmetic for statutory timescales in England.

Definition used
---------------
The Statutory Instrument 2007/462 style definition: "a working day is any
day other than a Saturday, Sunday, Christmas Day, Good Friday or a bank
holiday in England and Wales". The same wording (with "a bank holiday under
the Banking and Financial Dealings Act 1971") is used across children's
social care legislation, for example the Care Planning, Placement and Case
Review (England) Regulations 2010, regulation 2(1).

Bank holidays come from the ``holidays`` package
(``holidays.country_holidays("GB", subdiv="ENG")``), which includes the
substitute ("observed") days when Christmas, Boxing Day or New Year's Day fall
at a weekend, and one-off days such as the state funeral of Queen Elizabeth II
(19 September 2022) and the coronation of King Charles III (8 May 2023).
Christmas Day and Good Friday are added explicitly as well, so they stay
non-working days even if the library ever left them out.

Counting convention: day 1 is the first working day *after* the start date,
so ``add_working_days(start, 0) == start`` and
``working_days_between(start, add_working_days(start, n)) == n``.

Speed: each year's working days are built once (cached with
``functools.lru_cache``) as a sorted tuple, and lookups use ``bisect``.
"""

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter

SATURDAY = 5


@lru_cache(maxsize=None)
def _bank_holidays(year: int) -> frozenset[date]:
    """England bank holidays in ``year``, always including Christmas Day and Good Friday."""
    found = set(holidays.country_holidays("GB", subdiv="ENG", years=year))
    found.add(date(year, 12, 25))  # Christmas Day
    found.add(easter(year) - timedelta(days=2))  # Good Friday
    return frozenset(found)


@lru_cache(maxsize=None)
def _working_days_in(year: int) -> tuple[date, ...]:
    """All working days of ``year``, in order."""
    closed = _bank_holidays(year)
    first = date(year, 1, 1)
    length = (date(year + 1, 1, 1) - first).days
    every_day = (first + timedelta(days=offset) for offset in range(length))
    return tuple(day for day in every_day if day.weekday() < SATURDAY and day not in closed)


def is_working_day(day: date) -> bool:
    """True unless ``day`` is a Saturday, Sunday or England bank holiday."""
    return day.weekday() < SATURDAY and day not in _bank_holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself when ``n`` is 0)."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    if n == 0:
        return start
    year = start.year
    days = _working_days_in(year)
    position = bisect_right(days, start) + n - 1
    while position >= len(days):
        position -= len(days)
        year += 1
        days = _working_days_in(year)
    return days[position]


def _working_days_up_to(day: date) -> int:
    """How many working days of ``day``'s year fall on or before ``day``."""
    return bisect_right(_working_days_in(day.year), day)


def working_days_between(start: date, end: date) -> int:
    """Working days ``d`` with ``start < d <= end``; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start)
    whole_years = sum(len(_working_days_in(year)) for year in range(start.year, end.year))
    return whole_years + _working_days_up_to(end) - _working_days_up_to(start)


def next_working_day(day: date) -> date:
    """The first working day on or after ``day``."""
    year = day.year
    days = _working_days_in(year)
    position = bisect_left(days, day)
    while position >= len(days):
        year += 1
        days = _working_days_in(year)
        position = 0
    return days[position]
