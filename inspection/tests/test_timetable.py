"""Inspection timetables in working days, the action plan deadline and the next-inspection forecast."""

from datetime import date

import pytest

from inspection import timetable


def _dates(milestones):
    return {milestone.what: (milestone.starts, milestone.ends) for milestone in milestones}


def test_a_sif_inspection_runs_four_weeks_with_the_council_auditing_in_week_two():
    # Blackburn with Darwen's SIF inspection began on Monday 25 September 2017 (seed 002).
    plan = _dates(timetable.on_site_timetable(timetable.SIF, date(2017, 9, 25)))
    assert plan["The council is told inspectors arrive tomorrow"] == (date(2017, 9, 22), None)
    assert plan["Week 1: inspectors on site and choose the cases to track"] == (date(2017, 9, 25), date(2017, 9, 29))
    assert plan["Week 2: the council audits the cases inspectors chose"] == (date(2017, 10, 2), date(2017, 10, 6))
    assert plan["Weeks 3 and 4: inspectors on site"] == (date(2017, 10, 9), date(2017, 10, 20))
    assert plan["Feedback to the council"] == (date(2017, 10, 20), None)


def test_a_timetable_steps_over_bank_holidays():
    # On site from Tuesday 29 August 2023: the bank holiday Monday before does not count for notice.
    plan = _dates(timetable.on_site_timetable(timetable.ILACS_SHORT, date(2023, 8, 29)))
    assert plan["The council is told of the inspection"] == (date(2023, 8, 21), None)
    assert plan["Inspectors on site"] == (date(2023, 8, 29), date(2023, 9, 4))


def test_an_ilacs_standard_inspection_is_two_weeks_on_site_after_five_working_days_notice():
    plan = _dates(timetable.on_site_timetable(timetable.ILACS_STANDARD, date(2026, 3, 2)))
    assert plan["The council is told of the inspection"] == (date(2026, 2, 23), None)
    assert plan["Week 2 on site"] == (date(2026, 3, 9), date(2026, 3, 13))


def test_the_action_plan_is_due_70_working_days_after_publication():
    # Seed 001 gives 7 October 2014 as Herefordshire's deadline: 70 working days (over the August
    # bank holiday) from a publication on Monday 30 June 2014.
    [due] = timetable.action_plan_due(date(2014, 6, 30))
    assert due.starts == date(2014, 10, 7)


def test_after_a_focused_visit_with_priority_actions_a_draft_is_due_in_20_and_the_final_in_70():
    draft, final = timetable.action_plan_due(date(2025, 12, 19), priority_actions=True)
    assert draft.starts == date(2026, 1, 21)  # over Christmas, Boxing Day and New Year
    assert final.starts == date(2026, 4, 1)  # the day before Good Friday


@pytest.mark.parametrize("overall, what", [(1, "short"), (2, "short"), (3, "standard"), (4, "Monitoring visits")])
def test_the_forecast_follows_the_last_overall_grade(overall, what):
    forecast = timetable.next_inspection(overall=overall, published=date(2024, 5, 10))
    assert what in forecast.what
    assert forecast.earliest <= forecast.expected <= forecast.latest


def test_a_good_council_expects_its_short_inspection_around_the_three_year_anniversary():
    forecast = timetable.next_inspection(overall=2, published=date(2024, 5, 10))
    assert (forecast.earliest, forecast.expected, forecast.latest) == (date(2026, 11, 10), date(2027, 5, 10), date(2027, 11, 10))


def test_an_unknown_grade_is_refused():
    with pytest.raises(ValueError):
        timetable.next_inspection(overall=5, published=date(2024, 5, 10))
