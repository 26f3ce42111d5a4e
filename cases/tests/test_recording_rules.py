"""The recording rules that keep a child's record sound: each returns a message, or None when fine."""

from datetime import date

import pytest

from cases.rules import (
    date_before_birth,
    date_before_episode_start,
    date_in_future,
    end_before_start,
    parse_date_of_birth,
    seen_alone_without_being_seen,
)

BORN = date(2015, 3, 1)
TODAY = date(2024, 6, 12)


# --- Nothing before the child was born ------------------------------------------------------------


def test_a_date_the_day_before_birth_is_refused_with_the_date_of_birth_in_words():
    assert date_before_birth(date(2015, 2, 28), BORN) == (
        "The date must be on or after the child's date of birth (1 March 2015)"
    )


def test_a_date_on_the_day_of_birth_is_allowed():
    assert date_before_birth(BORN, BORN) is None


def test_a_date_after_birth_is_allowed():
    assert date_before_birth(date(2020, 1, 1), BORN) is None


def test_no_date_yet_is_not_a_date_before_birth():
    assert date_before_birth(None, BORN) is None


def test_a_child_born_on_a_leap_day_can_have_things_recorded_that_day_but_not_the_day_before():
    leap_born = date(2024, 2, 29)
    assert date_before_birth(date(2024, 2, 29), leap_born) is None
    assert "29 February 2024" in date_before_birth(date(2024, 2, 28), leap_born)


def test_the_date_of_birth_in_the_message_has_no_leading_zero_on_the_day():
    assert "(5 January 2010)" in date_before_birth(date(2009, 12, 31), date(2010, 1, 5))


# --- Nothing that happened can be in the future -------------------------------------------------


def test_today_is_not_in_the_future():
    assert date_in_future(TODAY, TODAY) is None


def test_yesterday_is_not_in_the_future():
    assert date_in_future(date(2024, 6, 11), TODAY) is None


def test_tomorrow_is_in_the_future():
    assert date_in_future(date(2024, 6, 13), TODAY) == "The date must be today or in the past"


def test_the_future_message_names_what_was_dated():
    assert date_in_future(date(2025, 1, 1), TODAY, "The end date") == "The end date must be today or in the past"


def test_no_date_is_not_in_the_future():
    assert date_in_future(None, TODAY) is None


def test_the_leap_day_after_today_is_in_the_future():
    assert date_in_future(date(2024, 2, 29), date(2024, 2, 28)) is not None
    assert date_in_future(date(2024, 2, 29), date(2024, 2, 29)) is None


# --- Ends after starts ----------------------------------------------------------------------------


def test_an_end_the_day_before_the_start_is_refused():
    assert end_before_start(date(2024, 3, 10), date(2024, 3, 9)) == (
        "The end date must be the same as or after the start date"
    )


def test_an_end_on_the_same_day_as_the_start_is_allowed():
    assert end_before_start(date(2024, 3, 10), date(2024, 3, 10)) is None


def test_an_end_after_the_start_is_allowed():
    assert end_before_start(date(2024, 3, 10), date(2024, 3, 11)) is None


def test_the_end_message_names_what_it_must_follow():
    message = end_before_start(date(2024, 3, 10), date(2024, 3, 1), "the date they went missing")
    assert message == "The end date must be the same as or after the date they went missing"


@pytest.mark.parametrize("start, end", [(None, date(2024, 1, 1)), (date(2024, 1, 1), None), (None, None)])
def test_a_missing_start_or_end_cannot_be_out_of_order(start, end):
    assert end_before_start(start, end) is None


def test_an_end_on_1_march_after_a_leap_day_start_is_allowed_and_28_february_is_not():
    assert end_before_start(date(2024, 2, 29), date(2024, 3, 1)) is None
    assert end_before_start(date(2024, 2, 29), date(2024, 2, 28)) is not None


# --- Events within their episode ----------------------------------------------------------------


def test_an_event_the_day_before_the_episode_started_is_refused_naming_the_stage_in_lower_case():
    message = date_before_episode_start(date(2024, 4, 30), date(2024, 5, 1), "Child protection plan")
    assert message == "The date must be on or after the child protection plan started (1 May 2024)"


def test_an_event_on_the_day_the_episode_started_is_allowed():
    assert date_before_episode_start(date(2024, 5, 1), date(2024, 5, 1), "Looked after") is None


def test_an_event_after_the_episode_started_is_allowed():
    assert date_before_episode_start(date(2024, 5, 2), date(2024, 5, 1), "Looked after") is None


@pytest.mark.parametrize("day, start", [(None, date(2024, 5, 1)), (date(2024, 5, 1), None)])
def test_without_both_dates_there_is_nothing_to_compare(day, start):
    assert date_before_episode_start(day, start, "Looked after") is None


# --- Seen alone means seen -----------------------------------------------------------------------


def test_a_child_not_seen_cannot_have_been_seen_alone():
    assert seen_alone_without_being_seen(False, True) == "A child who was not seen cannot have been seen alone"


@pytest.mark.parametrize(
    "child_seen, child_seen_alone",
    [
        (True, True),
        (True, False),
        (False, False),
        (None, True),  # whether the child was seen is not known: nothing contradicts
        (None, None),
        (False, None),
        (True, None),
    ],
)
def test_other_combinations_of_seen_and_seen_alone_are_allowed(child_seen, child_seen_alone):
    assert seen_alone_without_being_seen(child_seen, child_seen_alone) is None


# --- Dates of birth typed into a search box ------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("27/3/2015", date(2015, 3, 27)),
        ("27/03/2015", date(2015, 3, 27)),
        ("27-03-2015", date(2015, 3, 27)),
        ("27.3.2015", date(2015, 3, 27)),
        ("2015-03-27", date(2015, 3, 27)),
        ("2015-3-7", date(2015, 3, 7)),
        ("  1/1/2015  ", date(2015, 1, 1)),
        ("29/02/2024", date(2024, 2, 29)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_day_month_year_and_iso_dates_are_understood(text, expected):
    assert parse_date_of_birth(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2015",  # no 31 February
        "29/02/2023",  # not a leap year
        "2023-02-29",
        "2015/13/01",  # year first with slashes, and no 13th month
        "2015-13-01",  # no 13th month
        "32/01/2015",
        "0/1/2015",
        "Ahmed",
        "1/1/15",  # a two-digit year is ambiguous
        "",
        "   ",
        "27/3/2015 Ahmed",
        "27 3 2015",
    ],
)
def test_impossible_dates_and_other_text_are_not_dates_of_birth(text):
    assert parse_date_of_birth(text) is None
