"""What is due for a child: the statutory timescales applied to hand-built facts (no database)."""

from datetime import date

from cases.due import Due, OpenEpisode, Tally, due_for_child
from cases.timescales import Timescale
from cases.working_days import add_working_days

SCHOOL_AGE_BIRTHDAY = date(2015, 3, 1)


def due_items(*episodes, tallies=None, child_last=None, born=SCHOOL_AGE_BIRTHDAY, every=10, today=date(2025, 6, 2)) -> list[Due]:
    return due_for_child(
        today=today,
        date_of_birth=born,
        episodes=list(episodes),
        episode_tallies=tallies or {},
        child_last=child_last or {},
        visit_every_working_days=every,
    )


def due_dates(items: list[Due]) -> dict[str, date]:
    return {item.what: item.due for item in items}


# --- Referral, assessment, section 47 ------------------------------------------------------------


def test_a_referral_without_a_decision_is_due_a_decision_the_next_working_day():
    [item] = due_items(OpenEpisode(pk=7, stage="referral", start_date=date(2024, 6, 7)))  # a Friday
    assert item.what == "Decision on the referral"
    assert item.due == date(2024, 6, 10)  # the Monday
    assert (item.stage, item.episode_pk, item.rule) == ("referral", 7, "referral_decision_due")
    assert item.timescale.done is None


def test_a_referral_with_a_decision_has_nothing_due():
    assert due_items(OpenEpisode(pk=1, stage="referral", start_date=date(2024, 6, 7), decision_date=date(2024, 6, 7))) == []


def test_an_assessment_is_due_45_working_days_after_the_referral_it_followed():
    episode = OpenEpisode(pk=1, stage="assessment", start_date=date(2023, 9, 20), referral_date=date(2023, 9, 4))
    [item] = due_items(episode)
    assert item.what == "Assessment completed and authorised"
    assert item.due == date(2023, 11, 6)


def test_an_assessment_with_no_referral_counts_from_its_own_start():
    [item] = due_items(OpenEpisode(pk=1, stage="assessment", start_date=date(2023, 9, 20)))
    assert item.due == add_working_days(date(2023, 9, 20), 45)
    assert item.due != date(2023, 11, 6)


def test_an_authorised_assessment_has_nothing_due():
    episode = OpenEpisode(pk=1, stage="assessment", start_date=date(2023, 9, 4), authorised_date=date(2023, 10, 1))
    assert due_items(episode) == []


def test_a_section_47_enquiry_needs_an_initial_conference_15_working_days_after_the_strategy_discussion():
    [item] = due_items(OpenEpisode(pk=1, stage="section_47", start_date=date(2024, 6, 3), conference_not_required=False))
    assert item.what == "Initial child protection conference"
    assert item.due == date(2024, 6, 24)


def test_a_section_47_enquiry_needs_no_conference_once_held_or_deemed_unnecessary():
    held = OpenEpisode(pk=1, stage="section_47", start_date=date(2024, 6, 3), conference_date=date(2024, 6, 20))
    not_needed = OpenEpisode(pk=2, stage="section_47", start_date=date(2024, 6, 3), conference_not_required=True)
    assert due_items(held) == []
    assert due_items(not_needed) == []


# --- Child protection -----------------------------------------------------------------------------

PLAN = OpenEpisode(pk=3, stage="child_protection", start_date=date(2024, 1, 15))


def test_a_new_child_protection_plan_needs_a_review_in_3_months_and_a_visit_in_10_working_days():
    assert due_dates(due_items(PLAN)) == {
        "Child protection review conference": date(2024, 4, 15),
        "Child protection visit": date(2024, 1, 29),
    }


def test_after_a_review_the_next_review_is_6_months_after_it():
    tallies = {(3, "review_conference"): Tally(last=date(2024, 4, 10), count=1)}
    assert due_dates(due_items(PLAN, tallies=tallies))["Child protection review conference"] == date(2024, 10, 10)


def test_the_next_visit_counts_from_the_last_visit_at_the_councils_frequency():
    tallies = {(3, "visit"): Tally(last=date(2024, 5, 1), count=4)}
    # 5 working days from Wednesday 1 May 2024, skipping the early May bank holiday
    assert due_dates(due_items(PLAN, tallies=tallies, every=5))["Child protection visit"] == date(2024, 5, 9)


def test_visits_and_reviews_in_another_episode_do_not_count_for_this_plan():
    tallies = {(99, "visit"): Tally(last=date(2024, 5, 1), count=1),
               (99, "review_conference"): Tally(last=date(2024, 4, 10), count=1)}
    assert due_dates(due_items(PLAN, tallies=tallies)) == due_dates(due_items(PLAN))


# --- Looked after ---------------------------------------------------------------------------------

CARE = OpenEpisode(pk=5, stage="looked_after", start_date=date(2024, 1, 8))


def test_a_newly_looked_after_child_has_review_visit_health_assessment_and_pep_due():
    assert due_dates(due_items(CARE)) == {
        "Looked-after review": date(2024, 2, 5),  # 20 working days
        "Looked-after visit": date(2024, 1, 15),  # within a week of the placement
        "Health assessment": date(2024, 2, 5),  # 20 working days
        "Personal education plan": date(2024, 2, 5),  # 20 working days
    }


def test_the_second_looked_after_review_is_3_months_after_the_first_then_every_6_months():
    first = {(5, "looked_after_review"): Tally(last=date(2024, 2, 1), count=1)}
    later = {(5, "looked_after_review"): Tally(last=date(2024, 5, 1), count=2)}
    assert due_dates(due_items(CARE, tallies=first))["Looked-after review"] == date(2024, 5, 1)
    assert due_dates(due_items(CARE, tallies=later))["Looked-after review"] == date(2024, 11, 1)


def test_a_visit_is_due_a_week_after_the_current_placement_started_ignoring_visits_before_it():
    moved = OpenEpisode(pk=5, stage="looked_after", start_date=date(2024, 1, 8), placement_start=date(2024, 3, 1))
    tallies = {(5, "visit"): Tally(last=date(2024, 2, 20), count=3)}
    assert due_dates(due_items(moved, tallies=tallies))["Looked-after visit"] == date(2024, 3, 8)


def test_a_visit_in_the_current_placement_makes_the_next_due_6_weeks_later():
    moved = OpenEpisode(pk=5, stage="looked_after", start_date=date(2024, 1, 8), placement_start=date(2024, 3, 1))
    tallies = {(5, "visit"): Tally(last=date(2024, 3, 5), count=4)}
    assert due_dates(due_items(moved, tallies=tallies))["Looked-after visit"] == date(2024, 4, 16)


def test_a_visit_on_the_day_the_placement_started_counts():
    moved = OpenEpisode(pk=5, stage="looked_after", start_date=date(2024, 1, 8), placement_start=date(2024, 3, 1))
    tallies = {(5, "visit"): Tally(last=date(2024, 3, 1), count=4)}
    assert due_dates(due_items(moved, tallies=tallies))["Looked-after visit"] == date(2024, 4, 12)


def test_after_a_health_assessment_the_next_is_a_year_later_for_a_child_of_five_or_more():
    last = {"health_assessment": date(2024, 2, 1)}
    assert due_dates(due_items(CARE, child_last=last))["Health assessment"] == date(2025, 2, 1)


def test_after_a_health_assessment_the_next_is_6_months_later_for_a_child_under_five():
    last = {"health_assessment": date(2024, 2, 1)}
    items = due_items(CARE, child_last=last, born=date(2021, 6, 1))
    assert due_dates(items)["Health assessment"] == date(2024, 8, 1)


def test_a_child_below_school_age_has_no_personal_education_plan_due():
    assert "Personal education plan" not in due_dates(due_items(CARE, born=date(2022, 1, 1)))


def test_a_pep_is_due_once_the_child_has_started_reception_and_not_before():
    # Born 1 Sep 2020: four on 1 Sep 2024, reception from that day. Born 2 Sep 2020: from Sep 2025.
    assert "Personal education plan" in due_dates(due_items(CARE, born=date(2020, 9, 1), today=date(2024, 9, 1)))
    assert "Personal education plan" not in due_dates(due_items(CARE, born=date(2020, 9, 2), today=date(2024, 9, 1)))


def test_after_a_spring_term_pep_the_next_is_due_by_the_end_of_the_summer_term():
    tallies = {(5, "personal_education_plan"): Tally(last=date(2024, 2, 10), count=1)}
    assert due_dates(due_items(CARE, tallies=tallies))["Personal education plan"] == date(2024, 8, 31)


# --- Care leavers ---------------------------------------------------------------------------------


def test_a_care_leaver_with_no_pathway_plan_needs_one_from_the_day_they_became_a_care_leaver():
    [item] = due_items(OpenEpisode(pk=8, stage="care_leaver", start_date=date(2024, 3, 4)))
    assert (item.what, item.due) == ("Pathway plan review", date(2024, 3, 4))


def test_a_pathway_plan_is_reviewed_6_months_after_the_last_clamped_to_the_end_of_february():
    items = due_items(OpenEpisode(pk=8, stage="care_leaver", start_date=date(2023, 3, 4)),
                      child_last={"pathway_plan": date(2023, 8, 31)})
    assert due_dates(items) == {"Pathway plan review": date(2024, 2, 29)}


# --- Several episodes, sorting, holidays ----------------------------------------------------------


def test_stages_with_no_statutory_deadline_have_nothing_due():
    assert due_items(OpenEpisode(pk=1, stage="child_in_need", start_date=date(2024, 1, 1)),
                     OpenEpisode(pk=2, stage="early_help", start_date=date(2024, 1, 1))) == []


def test_items_from_every_open_episode_come_soonest_first():
    referral = OpenEpisode(pk=1, stage="referral", start_date=date(2024, 4, 22))
    items = due_items(PLAN, CARE, referral)
    dates = [item.due for item in items]
    assert dates == sorted(dates)
    assert items[0].what == "Looked-after visit" and items[-1].what == "Decision on the referral"
    assert {item.episode_pk for item in items} == {1, 3, 5}


def test_items_due_the_same_day_are_in_alphabetical_order():
    items = due_items(CARE)
    same_day = [item.what for item in items if item.due == date(2024, 2, 5)]
    assert same_day == ["Health assessment", "Looked-after review", "Personal education plan"]


def test_a_referral_on_the_thursday_before_easter_is_due_a_decision_on_the_tuesday_after():
    [item] = due_items(OpenEpisode(pk=1, stage="referral", start_date=date(2024, 3, 28)))
    assert item.due == date(2024, 4, 2)


def test_a_child_protection_visit_across_easter_skips_good_friday_and_easter_monday():
    tallies = {(3, "visit"): Tally(last=date(2024, 3, 25), count=1)}
    assert due_dates(due_items(PLAN, tallies=tallies))["Child protection visit"] == date(2024, 4, 10)


def test_an_initial_conference_across_christmas_and_new_year_skips_the_bank_holidays():
    items = due_items(OpenEpisode(pk=1, stage="section_47", start_date=date(2024, 12, 16)))
    assert due_dates(items) == {"Initial child protection conference": date(2025, 1, 9)}


# --- Lateness of a due item ---------------------------------------------------------------------


def late_referral_decision() -> Due:
    return Due(what="Decision on the referral", stage="referral", episode_pk=1,
               timescale=Timescale(due=date(2024, 6, 10)))


def test_a_due_item_is_not_late_on_its_due_date():
    item = late_referral_decision()
    assert not item.timescale.is_late(date(2024, 6, 10))
    assert item.timescale.days_overdue(date(2024, 6, 10)) == 0


def test_a_due_item_still_undone_after_its_due_date_is_late_by_working_days():
    item = late_referral_decision()
    assert item.due == date(2024, 6, 10)
    assert item.timescale.is_late(date(2024, 6, 14))
    assert item.timescale.days_overdue(date(2024, 6, 14)) == 4
    assert item.timescale.days_overdue(date(2024, 6, 17)) == 5  # the weekend does not count


def test_a_child_who_came_into_care_as_a_baby_is_due_a_pep_once_they_start_school():
    episode = OpenEpisode(pk=3, stage="looked_after", start_date=date(2021, 1, 8))
    born = date(2020, 6, 1)  # turns 4 on 1 June 2024: reception from 1 September 2024
    before_school = due_dates(due_items(episode, born=born, today=date(2024, 8, 30)))
    at_school = due_dates(due_items(episode, born=born, today=date(2024, 9, 2)))
    assert "Personal education plan" not in before_school
    assert at_school["Personal education plan"] == add_working_days(date(2024, 9, 1), 20)


def test_a_child_coming_back_into_care_needs_a_new_initial_health_assessment():
    episode = OpenEpisode(pk=4, stage="looked_after", start_date=date(2025, 3, 3))
    items = due_dates(due_items(episode, child_last={"health_assessment": date(2025, 1, 10)}))
    assert items["Health assessment"] == add_working_days(date(2025, 3, 3), 20)


def test_school_starts_on_the_first_of_september_on_or_after_the_fourth_birthday():
    from cases.due import starts_school

    assert starts_school(date(2015, 9, 1)) == date(2019, 9, 1)
    assert starts_school(date(2015, 9, 2)) == date(2020, 9, 1)
    assert starts_school(date(2016, 8, 31)) == date(2020, 9, 1)
    assert starts_school(date(2016, 2, 29)) == date(2020, 9, 1)
