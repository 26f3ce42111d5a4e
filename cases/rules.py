"""Pure rules about children's records: no database, fully unit-tested."""

from datetime import date


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day`` (a child born on 29 February turns a year older on 1 March)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def person_name(first_name: str | None, last_name: str | None, username: str | None) -> str:
    """A login's name as Django's ``get_full_name() or get_username()`` says it, from the three
    columns, for lists that read names as columns rather than as users."""
    return f"{first_name or ''} {last_name or ''}".strip() or (username or "")


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


# --- Recording rules: each returns an error message for the officer, or None when the entry is sound.


def date_before_birth(day: date | None, date_of_birth: date) -> str | None:
    """Nothing can happen to a child before they are born (pre-birth work is recorded on the
    mother's record, not the child's)."""
    if day is not None and day < date_of_birth:
        return f"The date must be on or after the child's date of birth ({date_of_birth:%-d %B %Y})"
    return None


def date_in_future(day: date | None, today: date, what: str = "The date") -> str | None:
    """What has happened cannot be dated after today."""
    if day is not None and day > today:
        return f"{what} must be today or in the past"
    return None


def end_before_start(start: date | None, end: date | None, start_label: str = "the start date") -> str | None:
    if start is not None and end is not None and end < start:
        return f"The end date must be the same as or after {start_label}"
    return None


def date_before_episode_start(day: date | None, episode_start: date | None, stage_label: str) -> str | None:
    if day is not None and episode_start is not None and day < episode_start:
        return f"The date must be on or after the {stage_label.lower()} started ({episode_start:%-d %B %Y})"
    return None


def seen_alone_without_being_seen(child_seen: bool | None, child_seen_alone: bool | None) -> str | None:
    if child_seen_alone and child_seen is False:
        return "A child who was not seen cannot have been seen alone"
    return None


def parse_date_of_birth(text: str) -> date | None:
    """A date typed into a search box: 27/3/2015, 27-03-2015, 27.3.2015 or 2015-03-27; else None."""
    import re

    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
