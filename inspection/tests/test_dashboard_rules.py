"""The dashboards' pure per-child rules: each met and not met, with the detail a manager reads."""

from datetime import date

import pytest

from cases.codes import ActivityStatus, InTouch
from cases.timescales import Timescale
from inspection.dashboards import rules


class TestAssessmentInTimescale:
    # Referral Monday 1 December 2025: 45 working days, skipping Christmas Day, Boxing Day and New
    # Year's Day, end on Thursday 5 February 2026 (Monday 2 February without the bank holidays).
    REFERRAL = date(2025, 12, 1)

    def test_on_the_45th_working_day_counting_the_bank_holidays_is_in_time(self):
        assert rules.assessment_in_timescale(referral_date=self.REFERRAL, authorised_date=date(2026, 2, 5)) == (
            True, "authorised in 45 working days")

    def test_bank_holidays_are_not_working_days(self):
        # 3 February would be the 46th working day if the bank holidays were counted.
        met, detail = rules.assessment_in_timescale(referral_date=self.REFERRAL, authorised_date=date(2026, 2, 3))
        assert met
        assert detail == "authorised in 43 working days"

    def test_the_next_working_day_is_late(self):
        assert rules.assessment_in_timescale(referral_date=self.REFERRAL, authorised_date=date(2026, 2, 6)) == (
            False, "authorised in 46 working days, 1 working day late")

    def test_a_week_late(self):
        met, detail = rules.assessment_in_timescale(referral_date=self.REFERRAL, authorised_date=date(2026, 2, 12))
        assert not met
        assert detail == "authorised in 50 working days, 5 working days late"


class TestRepeatReferral:
    def test_a_referral_within_12_months_of_a_previous_one_is_a_repeat(self):
        assert rules.repeat_referral(referral_date=date(2026, 3, 3), earlier_referrals=[date(2025, 3, 3)]) == (
            True, "previous referral 3 March 2025")

    def test_the_latest_earlier_referral_is_named(self):
        met, detail = rules.repeat_referral(
            referral_date=date(2026, 3, 3), earlier_referrals=[date(2025, 6, 1), date(2025, 11, 20), date(2024, 1, 1)])
        assert met and detail == "previous referral 20 November 2025"

    def test_a_previous_referral_more_than_12_months_before_is_not_a_repeat(self):
        assert rules.repeat_referral(referral_date=date(2026, 3, 3), earlier_referrals=[date(2025, 3, 2)]) == (
            False, "no referral in the 12 months before")

    def test_the_referral_itself_and_later_ones_do_not_make_it_a_repeat(self):
        met, _ = rules.repeat_referral(referral_date=date(2026, 3, 3),
                                       earlier_referrals=[date(2026, 3, 3), date(2026, 5, 1)])
        assert not met

    def test_a_first_referral(self):
        assert rules.repeat_referral(referral_date=date(2026, 3, 3), earlier_referrals=[])[0] is False

    def test_earlier_referrals_an_imported_annex_a_counted(self):
        met, detail = rules.repeat_referral(referral_date=date(2026, 3, 3), earlier_referrals=[], earlier_not_held=2)
        assert met and "imported" in detail


class TestRepeatChildProtectionPlan:
    def test_any_earlier_plan_makes_a_second_plan_however_long_ago(self):
        assert rules.repeat_child_protection_plan(plan_start=date(2026, 1, 10), earlier_plans=[date(2019, 4, 2)]) == (
            True, "2nd plan; previous plan started 2 April 2019")

    def test_third_plan(self):
        met, detail = rules.repeat_child_protection_plan(
            plan_start=date(2026, 1, 10), earlier_plans=[date(2019, 4, 2), date(2022, 8, 15), date(2026, 1, 10)])
        assert met and detail == "3rd plan; previous plan started 15 August 2022"

    def test_a_first_plan(self):
        assert rules.repeat_child_protection_plan(plan_start=date(2026, 1, 10), earlier_plans=[date(2026, 1, 10)]) == (
            False, "first plan")

    def test_earlier_plans_an_imported_annex_a_counted(self):
        assert rules.repeat_child_protection_plan(plan_start=date(2026, 1, 10), earlier_plans=[], earlier_not_held=1) == (
            True, "2nd plan (earlier plans from an imported record)")


class TestThreeOrMorePlacements:
    AS_AT = date(2026, 3, 31)  # the twelve months run from 1 April 2025

    def test_the_placement_open_at_the_start_and_two_that_started_in_the_year_make_three(self):
        placements = [(date(2024, 1, 1), date(2025, 6, 1)), (date(2025, 6, 1), date(2025, 12, 1)), (date(2025, 12, 1), None)]
        assert rules.three_or_more_placements(placements=placements, as_at=self.AS_AT) == (
            True, "3 placements since 1 April 2025")

    def test_two_placements_are_not_three(self):
        placements = [(date(2024, 1, 1), date(2025, 6, 1)), (date(2025, 6, 1), None)]
        assert rules.three_or_more_placements(placements=placements, as_at=self.AS_AT) == (
            False, "2 placements since 1 April 2025")

    def test_placements_that_ended_before_the_year_or_start_after_the_day_are_not_counted(self):
        placements = [(date(2023, 1, 1), date(2025, 3, 31)), (date(2025, 4, 1), None), (date(2026, 4, 1), None),
                      (date(2024, 5, 1), date(2025, 1, 1))]
        assert rules.three_or_more_placements(placements=placements, as_at=self.AS_AT) == (
            False, "1 placement since 1 April 2025")

    def test_a_placement_that_started_on_the_first_day_of_the_year_counts_once(self):
        placements = [(date(2025, 4, 1), date(2025, 5, 1)), (date(2025, 5, 1), date(2025, 9, 1)), (date(2025, 9, 1), None)]
        assert rules.three_or_more_placements(placements=placements, as_at=self.AS_AT)[0] is True

    def test_placements_an_imported_annex_a_counted(self):
        met, detail = rules.three_or_more_placements(placements=[(date(2025, 10, 1), None)], as_at=self.AS_AT,
                                                     earlier_not_held=2)
        assert met and detail == "3 placements since 1 April 2025"

    def test_no_placement_recorded(self):
        assert rules.three_or_more_placements(placements=[], as_at=self.AS_AT) == (False, "no placement recorded")


class TestDeadlineKept:
    def test_not_yet_due(self):
        assert rules.deadline_kept(Timescale(due=date(2026, 3, 12)), as_at=date(2026, 3, 12), what="visit") == (
            True, "visit due 12 March 2026")

    def test_overdue_in_working_days_skipping_the_bank_holidays(self):
        # Due Thursday 2 April 2026; Good Friday and Easter Monday are not working days.
        assert rules.deadline_kept(Timescale(due=date(2026, 4, 2)), as_at=date(2026, 4, 10), what="review") == (
            False, "review 4 working days overdue")

    def test_overdue_over_a_weekend_only(self):
        assert rules.deadline_kept(Timescale(due=date(2026, 3, 13)), as_at=date(2026, 3, 15), what="visit") == (
            False, "visit overdue since 13 March 2026")


class TestCareLeavers:
    def test_in_touch(self):
        assert rules.care_leaver_in_touch(InTouch.YES) == (True, "in touch")

    @pytest.mark.parametrize("code, words", [
        (InTouch.NO, "not in touch"), (InTouch.REFUSED, "refuses contact"), (InTouch.DIED, "died"),
        (InTouch.NO_LONGER_REQUIRED, "no longer requires services"), (InTouch.RETURNED_HOME, "returned home"),
        ("", "in touch not recorded"),
    ])
    def test_not_in_touch(self, code, words):
        assert rules.care_leaver_in_touch(code) == (False, words)

    def test_suitable_accommodation(self):
        assert rules.care_leaver_suitably_accommodated(True) == (True, "suitable accommodation")
        assert rules.care_leaver_suitably_accommodated(False) == (False, "accommodation not suitable")
        assert rules.care_leaver_suitably_accommodated(None) == (False, "suitability of accommodation not recorded")

    @pytest.mark.parametrize("code", ["F1", "P1", "F2", "P2", "F3", "P3"])
    def test_education_employment_or_training(self, code):
        activity = next(choice for choice in ActivityStatus if choice.value.startswith(code))
        met, detail = rules.care_leaver_in_education_employment_or_training(activity)
        assert met
        assert detail.startswith(("full time", "part time"))

    def test_not_in_education_employment_or_training(self):
        assert rules.care_leaver_in_education_employment_or_training(ActivityStatus.G6) == (
            False, "not in education, employment or training (pregnancy or parenting)")

    def test_no_activity_recorded(self):
        assert rules.care_leaver_in_education_employment_or_training("") == (False, "main activity not recorded")


def test_ordinals():
    assert [rules.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


def test_the_twelve_months_to_a_day():
    assert rules.twelve_months_to(date(2025, 6, 16)) == date(2024, 6, 17)
    assert rules.twelve_months_to(date(2024, 2, 29)) == date(2023, 3, 1)
