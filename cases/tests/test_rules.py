"""Pure rules about children's records: ages, age ranges as dates of birth, and pagination windows."""

from datetime import date, timedelta

import pytest

from cases.rules import age_on, birth_date_range_for_ages, page_window

ONE_DAY = timedelta(days=1)


# --- age_on -------------------------------------------------------------------------------------


def test_a_child_is_a_year_older_on_their_birthday():
    assert age_on(date(2015, 6, 15), date(2025, 6, 15)) == 10


def test_a_child_is_not_yet_older_the_day_before_their_birthday():
    assert age_on(date(2015, 6, 15), date(2025, 6, 14)) == 9


def test_a_child_born_today_is_aged_nought():
    assert age_on(date(2026, 1, 15), date(2026, 1, 15)) == 0


def test_a_child_born_on_new_years_eve_is_still_younger_on_new_years_day():
    assert age_on(date(2014, 12, 31), date(2025, 1, 1)) == 10
    assert age_on(date(2014, 12, 31), date(2024, 12, 31)) == 10
    assert age_on(date(2014, 12, 31), date(2024, 12, 30)) == 9


def test_a_child_born_on_29_february_turns_older_on_1_march_in_a_common_year():
    born = date(2012, 2, 29)
    assert age_on(born, date(2013, 2, 28)) == 0
    assert age_on(born, date(2013, 3, 1)) == 1
    assert age_on(born, date(2015, 2, 28)) == 2
    assert age_on(born, date(2015, 3, 1)) == 3


def test_a_child_born_on_29_february_turns_older_on_29_february_in_a_leap_year():
    born = date(2012, 2, 29)
    assert age_on(born, date(2016, 2, 28)) == 3
    assert age_on(born, date(2016, 2, 29)) == 4


def test_a_child_born_on_1_march_turns_older_on_1_march_even_after_a_leap_day():
    assert age_on(date(2015, 3, 1), date(2024, 2, 29)) == 8
    assert age_on(date(2015, 3, 1), date(2024, 3, 1)) == 9


# --- birth_date_range_for_ages ------------------------------------------------------------------


def test_a_closed_age_range_gives_the_dates_of_birth_of_the_youngest_and_oldest_children():
    day = date(2026, 1, 15)
    earliest, latest = birth_date_range_for_ages(day, 5, 7)

    assert (earliest, latest) == (date(2018, 1, 16), date(2021, 1, 15))
    # The latest date of birth is exactly the youngest age; a day later is a year too young.
    assert age_on(latest, day) == 5
    assert age_on(latest + ONE_DAY, day) == 4
    # The earliest date of birth is still the oldest age; a day earlier is a year too old.
    assert age_on(earliest, day) == 7
    assert age_on(earliest - ONE_DAY, day) == 8


def test_a_range_with_only_a_youngest_age_has_no_earliest_date_of_birth():
    day = date(2026, 1, 15)
    earliest, latest = birth_date_range_for_ages(day, 16, None)

    assert earliest is None
    assert age_on(latest, day) == 16
    assert age_on(latest + ONE_DAY, day) == 15


def test_a_range_with_only_an_oldest_age_has_no_latest_date_of_birth():
    day = date(2026, 1, 15)
    earliest, latest = birth_date_range_for_ages(day, None, 4)

    assert latest is None
    assert age_on(earliest, day) == 4
    assert age_on(earliest - ONE_DAY, day) == 5


def test_no_ages_gives_no_dates_of_birth():
    assert birth_date_range_for_ages(date(2026, 1, 15), None, None) == (None, None)


def test_a_range_of_a_single_age_nought_covers_babies_born_up_to_today():
    day = date(2026, 1, 15)
    earliest, latest = birth_date_range_for_ages(day, 0, 0)

    assert latest == day
    assert age_on(earliest, day) == 0
    assert age_on(earliest - ONE_DAY, day) == 1


@pytest.mark.parametrize(
    "day",
    [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2025, 2, 28), date(2025, 3, 1), date(2026, 12, 31)],
)
@pytest.mark.parametrize("youngest, oldest", [(0, 0), (1, 1), (3, 4), (0, 17), (16, 25)])
def test_the_range_holds_exactly_the_children_of_those_ages_round_leap_days(day, youngest, oldest):
    earliest, latest = birth_date_range_for_ages(day, youngest, oldest)

    assert age_on(latest, day) == youngest
    assert age_on(latest + ONE_DAY, day) == youngest - 1
    assert age_on(earliest, day) == oldest
    assert age_on(earliest - ONE_DAY, day) == oldest + 1
    # Every date of birth from a year before the range to a year after it: inside the range
    # exactly when the child's age is within the bounds.
    born = earliest - timedelta(days=400)
    while born <= latest + timedelta(days=400):
        assert (earliest <= born <= latest) == (youngest <= age_on(born, day) <= oldest), born
        born += ONE_DAY


# --- page_window --------------------------------------------------------------------------------


def test_a_single_page_shows_just_that_page():
    assert page_window(1, 1) == [1]


def test_two_or_three_pages_show_every_page_with_no_gaps():
    assert page_window(1, 2) == [1, 2]
    assert page_window(2, 3) == [1, 2, 3]


def test_the_docstring_example_shows_gaps_either_side_of_the_window():
    assert page_window(6, 20) == [1, None, 4, 5, 6, 7, 8, None, 20]


def test_on_the_first_page_the_window_runs_forward_then_jumps_to_the_last():
    assert page_window(1, 20) == [1, 2, 3, None, 20]


def test_on_the_last_page_the_window_runs_back_from_a_jump_after_the_first():
    assert page_window(20, 20) == [1, None, 18, 19, 20]


def test_a_window_touching_page_one_has_no_gap_at_the_start():
    assert page_window(4, 20) == [1, 2, 3, 4, 5, 6, None, 20]


def test_a_window_touching_the_last_page_has_no_gap_at_the_end():
    assert page_window(17, 20) == [1, None, 15, 16, 17, 18, 19, 20]


def test_a_narrower_window_shows_fewer_neighbours():
    assert page_window(5, 10, around=0) == [1, None, 5, None, 10]
    assert page_window(5, 10, around=1) == [1, None, 4, 5, 6, None, 10]


def test_every_window_is_in_order_starts_at_one_ends_at_the_last_and_never_has_two_gaps_together():
    for last in range(1, 15):
        for current in range(1, last + 1):
            window = page_window(current, last)
            numbers = [number for number in window if number is not None]
            assert numbers == sorted(set(numbers))
            assert numbers[0] == 1 and numbers[-1] == last and current in numbers
            assert window[0] is not None and window[-1] is not None
            assert all(not (a is None and b is None) for a, b in zip(window, window[1:]))


def test_a_gap_of_a_single_page_shows_that_page_rather_than_an_ellipsis():
    assert page_window(5, 20) == [1, 2, 3, 4, 5, 6, 7, None, 20]
    assert page_window(16, 20) == [1, None, 14, 15, 16, 17, 18, 19, 20]
    for last in range(1, 15):
        for current in range(1, last + 1):
            window = page_window(current, last)
            for before, gap, after in zip(window, window[1:], window[2:]):
                if gap is None:
                    assert after - before > 2


@pytest.mark.parametrize(("first", "last", "username", "expected"), [
    ("Ava", "Ahmed", "ava.a", "Ava Ahmed"),
    ("", "Ahmed", "ava.a", "Ahmed"),
    ("Ava", "", "ava.a", "Ava"),
    ("", "", "ava.a", "ava.a"),
    (None, None, None, ""),
])
def test_a_persons_name_reads_as_djangos_full_name_or_username(first, last, username, expected):
    from django.contrib.auth.models import User

    from cases.rules import person_name

    assert person_name(first, last, username) == expected
    if username is not None:
        user = User(first_name=first, last_name=last, username=username)
        assert person_name(first, last, username) == (user.get_full_name() or user.get_username())
