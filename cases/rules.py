"""Pure rules about children's records: no database, fully unit-tested."""

from datetime import date


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day`` (a child born on 29 February turns a year older on 1 March)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def birth_date_range_for_ages(day: date, youngest: int | None, oldest: int | None) -> tuple[date | None, date | None]:
    """The (earliest, latest) dates of birth of children aged ``youngest``..``oldest`` on ``day``.

    Either bound may be None for an open range. Used to filter by age in the database.
    """
    latest = _years_before(day, youngest) if youngest is not None else None
    earliest = None
    if oldest is not None:
        # Born after this date means not yet ``oldest + 1`` on ``day``.
        earliest = _years_before(day, oldest + 1)
        earliest = date.fromordinal(earliest.toordinal() + 1)
    return earliest, latest


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def page_window(current: int, last: int, around: int = 2) -> list[int | None]:
    """Page numbers to show in pagination: 1, last, and ``around`` either side of ``current``.

    ``None`` stands for a gap (shown as an ellipsis). ``page_window(6, 20)`` is
    ``[1, None, 4, 5, 6, 7, 8, None, 20]``.
    """
    wanted = {1, last, *range(max(1, current - around), min(last, current + around) + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(wanted):
        if number - previous == 2:  # a gap of one page: show the page rather than an ellipsis
            numbers.append(previous + 1)
        elif number - previous > 2:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers
