"""compute(as_at) on hand-built records: each figure met and not met with exact counts, as-at
dates (later events and episodes not counted), the team each child counts under, team figures
adding up to the council's, and the same number of queries however many children there are."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.codes import ActivityStatus, InTouch, PlacementProvider, PlacementType
from cases.models import CouncilSettings, Episode, Event, Placement
from inspection.annex_a import carried
from inspection.dashboards.compute import compute
from inspection.dashboards.measures import MEASURES
from inspection.roles import Role

pytestmark = pytest.mark.django_db

AS_AT = date(2026, 3, 31)  # a Tuesday; the twelve months run from 1 April 2025


@pytest.fixture
def by(senior_manager):
    return senior_manager


def episode(child, stage, start, end=None, *, by, **fields):
    return Episode.objects.create(child=child, stage=stage, start_date=start, end_date=end, recorded_by=by, **fields)


def event(child, kind, on, *, by, episode=None, **fields):
    return Event.objects.create(child=child, kind=kind, date=on, author=by, episode=episode, **fields)


def placement(stay, start, end=None, *, by):
    return Placement.objects.create(episode=stay, start_date=start, end_date=end, recorded_by=by,
                                    placement_type=PlacementType.U1, provider=PlacementProvider.PR1)


def counts(key: str, as_at: date = AS_AT) -> tuple[int, int]:
    figure = compute(as_at).figures[key]
    return figure.council.numerator, figure.council.denominator


def members(key: str, as_at: date = AS_AT) -> dict[int, tuple[bool, str]]:
    """Each child counted: whether the standard was met for them (for re-referrals, second plans and
    three or more placements, the children in the numerator did not meet it), and why."""
    return {member.child_id: (member.met, member.detail) for member in compute(as_at).figures[key].members}


class TestAssessments:
    def test_timed_from_the_referral_with_bank_holidays_not_counted(self, make_child, team_a, by):
        on_time, late = make_child(team_a), make_child(team_a)
        for child, authorised in ((on_time, date(2026, 2, 5)), (late, date(2026, 2, 6))):
            referral = episode(child, "referral", date(2025, 12, 1), date(2025, 12, 2), by=by)
            episode(child, "assessment", date(2025, 12, 3), authorised, by=by, stepped_from=referral,
                    authorised_date=authorised)
        assert members("assessments_in_timescale") == {
            on_time.pk: (True, "authorised in 45 working days"),
            late.pk: (False, "authorised in 46 working days, 1 working day late"),
        }

    def test_an_assessment_with_no_referral_is_timed_from_its_own_start(self, make_child, team_a, by):
        child = make_child(team_a)
        episode(child, "assessment", date(2025, 12, 1), date(2026, 2, 5), by=by, authorised_date=date(2026, 2, 5))
        assert counts("assessments_in_timescale") == (1, 1)

    def test_only_assessments_authorised_in_the_twelve_months_to_the_day(self, make_child, team_a, by):
        for authorised in (date(2025, 3, 31), date(2025, 4, 1), date(2026, 3, 31), date(2026, 4, 1)):
            episode(make_child(team_a), "assessment", date(2025, 3, 1), authorised, by=by, authorised_date=authorised)
        episode(make_child(team_a), "assessment", date(2026, 3, 1), by=by)  # still open: not counted
        assert counts("assessments_in_timescale")[1] == 2
        assert counts("assessments_in_timescale", date(2026, 4, 1))[1] == 2


class TestRepeatReferrals:
    def test_a_referral_within_12_months_of_the_last_is_a_re_referral(self, make_child, team_a, by):
        child = make_child(team_a)
        episode(child, "referral", date(2024, 5, 1), date(2024, 5, 1), by=by)
        episode(child, "referral", date(2025, 4, 20), date(2025, 4, 21), by=by)  # within 12 months of May 2024
        a_year_and_a_day = make_child(team_a)
        episode(a_year_and_a_day, "referral", date(2025, 2, 28), date(2025, 2, 28), by=by)  # before the twelve months
        episode(a_year_and_a_day, "referral", date(2026, 3, 1), date(2026, 3, 2), by=by)
        a_year = make_child(team_a)
        episode(a_year, "referral", date(2025, 3, 1), date(2025, 3, 1), by=by)
        episode(a_year, "referral", date(2026, 3, 1), date(2026, 3, 2), by=by)
        figure = compute(AS_AT).figures["repeat_referrals"]
        assert (figure.council.numerator, figure.council.denominator) == (2, 3)
        assert sorted((m.child_id, m.met, m.detail) for m in figure.members) == sorted([
            (child.pk, False, "previous referral 1 May 2024"),
            (a_year_and_a_day.pk, True, "no referral in the 12 months before"),
            (a_year.pk, False, "previous referral 1 March 2025"),
        ])

    def test_a_referral_after_the_day_is_not_counted_nor_does_it_make_an_earlier_one_a_repeat(
            self, make_child, team_a, by):
        child = make_child(team_a)
        episode(child, "referral", date(2026, 3, 1), date(2026, 3, 2), by=by)
        episode(child, "referral", date(2026, 4, 2), by=by)
        assert counts("repeat_referrals") == (0, 1)
        assert counts("repeat_referrals", date(2026, 4, 30)) == (1, 2)

    def test_earlier_referrals_an_imported_annex_a_counted(self, make_child, team_a, by):
        episode(make_child(team_a), "referral", date(2026, 1, 5), date(2026, 1, 6), by=by,
                history_not_held={carried.REFERRALS_12_MONTHS: 2, carried.IMPORTED_AS_AT: "2026-01-10"})
        assert counts("repeat_referrals") == (1, 1)


class TestRepeatChildProtectionPlans:
    def test_second_and_first_plans(self, make_child, team_a, by):
        second = make_child(team_a)
        episode(second, "child_protection", date(2019, 4, 2), date(2020, 1, 1), by=by)
        episode(second, "child_protection", date(2025, 9, 1), by=by)
        first = make_child(team_a)
        episode(first, "child_protection", date(2025, 10, 1), by=by)
        episode(make_child(team_a), "child_protection", date(2026, 4, 1), by=by)  # after the day
        assert members("repeat_child_protection_plans") == {
            second.pk: (False, "2nd plan; previous plan started 2 April 2019"),
            first.pk: (True, "first plan"),
        }

    def test_a_plan_started_before_the_twelve_months_is_not_counted(self, make_child, team_a, by):
        child = make_child(team_a)
        episode(child, "child_protection", date(2024, 1, 1), date(2024, 6, 1), by=by)
        episode(child, "child_protection", date(2025, 3, 31), by=by)
        assert counts("repeat_child_protection_plans") == (0, 0)


class TestChildProtectionVisits:
    def test_visit_in_date_and_overdue(self, make_child, team_a, by):
        visited, overdue = make_child(team_a), make_child(team_a)
        plan = episode(visited, "child_protection", date(2026, 1, 5), by=by)
        event(visited, "visit", date(2026, 3, 20), episode=plan, by=by)
        plan = episode(overdue, "child_protection", date(2026, 1, 5), by=by)
        event(overdue, "visit", date(2026, 3, 2), episode=plan, by=by)  # due 16 March
        event(overdue, "visit", date(2026, 4, 1), episode=plan, by=by)  # after the day: not counted
        assert members("child_protection_visits") == {
            visited.pk: (True, "visit due 7 April 2026"),
            overdue.pk: (False, "visit 11 working days overdue"),
        }
        assert members("child_protection_visits", date(2026, 4, 1))[overdue.pk][0] is True

    def test_the_councils_visiting_standard_applies(self, make_child, team_a, by):
        settings = CouncilSettings.current()
        settings.child_protection_visit_working_days = 25
        settings.save()
        child = make_child(team_a)
        plan = episode(child, "child_protection", date(2026, 1, 5), by=by)
        event(child, "visit", date(2026, 3, 2), episode=plan, by=by)  # 10 working days: overdue on 16 March
        assert counts("child_protection_visits") == (1, 1)

    def test_plans_open_on_the_day_only(self, make_child, team_a, by):
        episode(make_child(team_a), "child_protection", date(2026, 4, 1), by=by)  # opened after the day
        episode(make_child(team_a), "child_protection", date(2025, 1, 1), date(2026, 3, 30), by=by)  # ended before
        ends_on_the_day = make_child(team_a)
        episode(ends_on_the_day, "child_protection", date(2026, 3, 25), date(2026, 3, 31), by=by)
        assert set(members("child_protection_visits")) == {ends_on_the_day.pk}


class TestLookedAfter:
    def test_reviews(self, make_child, team_b, by):
        reviewed, first_due_later, overdue = make_child(team_b), make_child(team_b), make_child(team_b)
        stay = episode(reviewed, "looked_after", date(2025, 6, 2), by=by)
        event(reviewed, "looked_after_review", date(2025, 6, 20), episode=stay, by=by)
        event(reviewed, "looked_after_review", date(2025, 9, 15), episode=stay, by=by)  # next by 15 March 2026...
        event(reviewed, "looked_after_review", date(2026, 3, 10), episode=stay, by=by)  # ...held 10 March
        episode(first_due_later, "looked_after", date(2026, 3, 10), by=by)  # first review due 9 April
        stay = episode(overdue, "looked_after", date(2026, 1, 1), by=by)  # first review was due 29 January
        event(overdue, "looked_after_review", date(2026, 4, 1), episode=stay, by=by)  # after the day
        result = members("looked_after_reviews")
        assert {child: met for child, (met, _) in result.items()} == {
            reviewed.pk: True, first_due_later.pk: True, overdue.pk: False}
        assert result[first_due_later.pk][1] == "review due 9 April 2026"

    def test_health_assessments(self, make_child, team_b, by):
        in_date, never, out_of_date = (make_child(team_b, date_of_birth=date(2015, 3, 1)) for _ in range(3))
        episode(in_date, "looked_after", date(2025, 1, 6), by=by)
        event(in_date, "health_assessment", date(2025, 6, 1), by=by)  # aged 10: next within 12 months
        episode(never, "looked_after", date(2026, 1, 5), by=by)  # initial assessment due in 20 working days
        event(never, "health_assessment", date(2026, 4, 1), by=by)  # after the day
        episode(out_of_date, "looked_after", date(2024, 1, 8), by=by)
        event(out_of_date, "health_assessment", date(2025, 3, 1), by=by)
        result = members("health_assessments")
        assert {child: met for child, (met, _) in result.items()} == {
            in_date.pk: True, never.pk: False, out_of_date.pk: False}
        assert result[in_date.pk][1] == "health assessment due 1 June 2026"

    def test_personal_education_plans_for_children_of_school_age(self, make_child, team_b, by):
        planned, overdue = (make_child(team_b, date_of_birth=date(2015, 3, 1)) for _ in range(2))
        too_young = make_child(team_b, date_of_birth=date(2023, 6, 1))  # starts school September 2027
        for child in (planned, overdue, too_young):
            episode(child, "looked_after", date(2025, 1, 6), by=by)
        event(planned, "personal_education_plan", date(2026, 1, 15), episode=planned.episodes.get(), by=by)
        event(overdue, "personal_education_plan", date(2025, 6, 1), episode=overdue.episodes.get(), by=by)  # due 31 Dec
        assert members("personal_education_plans") == {
            planned.pk: (True, "personal education plan due 31 August 2026"),
            overdue.pk: (False, "personal education plan 63 working days overdue"),
        }

    def test_three_or_more_placements_in_the_twelve_months(self, make_child, team_b, by):
        moved, settled = make_child(team_b), make_child(team_b)
        stay = episode(moved, "looked_after", date(2024, 1, 1), by=by)
        placement(stay, date(2024, 1, 1), date(2025, 6, 1), by=by)  # open when the twelve months began
        placement(stay, date(2025, 6, 1), date(2025, 12, 1), by=by)
        placement(stay, date(2025, 12, 1), by=by)
        stay = episode(settled, "looked_after", date(2024, 1, 1), by=by)
        placement(stay, date(2024, 1, 1), date(2026, 3, 1), by=by)
        placement(stay, date(2026, 3, 1), date(2026, 4, 2), by=by)
        placement(stay, date(2026, 4, 2), by=by)  # after the day
        assert members("placement_stability") == {
            moved.pk: (False, "3 placements since 1 April 2025"),
            settled.pk: (True, "2 placements since 1 April 2025"),
        }

    def test_placements_in_an_earlier_period_of_care_in_the_year_count(self, make_child, team_b, by):
        child = make_child(team_b)
        earlier = episode(child, "looked_after", date(2025, 5, 1), date(2025, 7, 1), by=by)
        placement(earlier, date(2025, 5, 1), date(2025, 6, 1), by=by)
        placement(earlier, date(2025, 6, 1), date(2025, 7, 1), by=by)
        now = episode(child, "looked_after", date(2025, 10, 1), by=by)
        placement(now, date(2025, 10, 1), by=by)
        assert counts("placement_stability") == (1, 1)


class TestCareLeavers:
    def test_in_touch_accommodation_and_activity(self, make_child, by):
        from cases.models import Team

        leaving = Team.objects.create(name="Leaving Care")
        doing_well = make_child(leaving, date_of_birth=date(2006, 5, 1))
        struggling = make_child(leaving, date_of_birth=date(2006, 5, 1))
        episode(doing_well, "care_leaver", date(2024, 5, 1), by=by, in_touch=InTouch.YES, accommodation_suitable=True,
                activity=ActivityStatus.F3)
        episode(struggling, "care_leaver", date(2024, 5, 1), by=by, in_touch=InTouch.NO, accommodation_suitable=None,
                activity=ActivityStatus.G5)
        episode(make_child(leaving), "care_leaver", date(2026, 4, 1), by=by, in_touch=InTouch.YES)  # after the day
        assert counts("care_leavers_in_touch") == (1, 2)
        assert members("care_leavers_suitable_accommodation")[struggling.pk] == (
            False, "suitability of accommodation not recorded")
        assert members("care_leavers_in_education_employment") == {
            doing_well.pk: (True, "full time in training or employment"),
            struggling.pk: (False, "not in education, employment or training (other)"),
        }


class TestCaseloads:
    def test_children_per_worker_holding_any_by_the_workers_team(self, make_child, make_user, team_a, team_b, by):
        first = make_user("worker.one", Role.PRACTITIONER, team_a).worker
        second = make_user("worker.two", Role.PRACTITIONER, team_b).worker
        make_user("worker.three", Role.PRACTITIONER, team_b)  # holds no case: not counted
        for _ in range(3):
            episode(make_child(team_a), "child_in_need", date(2025, 1, 1), by=by, worker=first)
        child = make_child(team_a)
        episode(child, "child_protection", date(2025, 1, 1), by=by, worker=second)
        episode(child, "looked_after", date(2025, 6, 1), by=by, worker=second)  # the same child once
        episode(make_child(team_a), "referral", date(2026, 3, 1), by=by, worker=second)  # front door: not counted
        episode(make_child(team_a), "child_in_need", date(2025, 1, 1), date(2026, 1, 1), by=by, worker=second)  # closed
        episode(make_child(team_a), "child_in_need", date(2025, 1, 1), by=by)  # no worker
        figure = compute(AS_AT).figures["caseload_per_worker"]
        assert (figure.council.numerator, figure.council.denominator) == (4, 2)
        assert (figure.teams[team_a.pk].numerator, figure.teams[team_a.pk].denominator) == (3, 1)
        assert (figure.teams[team_b.pk].numerator, figure.teams[team_b.pk].denominator) == (1, 1)
        assert figure.members == []


class TestTeams:
    def test_a_child_counts_under_the_team_of_the_episode_that_brings_them_in(self, make_child, team_a, team_b, by):
        moved = make_child(team_a)  # the child's team is now A; the plan was held by B
        episode(moved, "child_protection", date(2026, 1, 5), by=by, team=team_b)
        own_team = make_child(team_a)
        episode(own_team, "child_protection", date(2026, 1, 5), by=by)
        unallocated = make_child(None)
        episode(unallocated, "child_protection", date(2026, 1, 5), by=by)
        teams = {member.child_id: member.team_id for member in compute(AS_AT).figures["child_protection_visits"].members}
        assert teams == {moved.pk: team_b.pk, own_team.pk: team_a.pk, unallocated.pk: None}

    def test_the_teams_add_up_to_the_council(self, make_child, make_user, team_a, team_b, by):
        _varied_council(make_child, make_user, team_a, team_b, by, size=3)
        computed = compute(AS_AT)
        for measure in MEASURES:
            figure = computed.figures[measure.key]
            assert figure.council.denominator, measure.key
            assert sum(tally.numerator for tally in figure.teams.values()) == figure.council.numerator, measure.key
            assert sum(tally.denominator for tally in figure.teams.values()) == figure.council.denominator, measure.key


def _varied_council(make_child, make_user, team_a, team_b, by, *, size: int, prefix: str = "w"):
    """``size`` children of each kind, some in each team and some in none: every figure counts someone."""
    workers = [make_user(f"{prefix}.{team.pk}.{number}", Role.PRACTITIONER, team).worker
               for team in (team_a, team_b) for number in range(2)]
    for number in range(size):
        team = (team_a, team_b, None)[number % 3]
        worker = workers[number % len(workers)]
        child = make_child(team)
        referral = episode(child, "referral", date(2025, 5, 1), date(2025, 5, 2), by=by, team=team)
        episode(child, "referral", date(2025, 9, 1), date(2025, 9, 2), by=by, team=team)
        episode(child, "assessment", date(2025, 5, 2), date(2025, 7, 1), by=by, team=team, stepped_from=referral,
                authorised_date=date(2025, 7, 1 + number % 20))
        episode(child, "child_protection", date(2025, 7, 2), date(2025, 10, 1), by=by, team=team)
        stay = episode(child, "looked_after", date(2025, 10, 1), by=by, team=team, worker=worker)
        placement(stay, date(2025, 10, 1), date(2026, 1, 1), by=by)
        placement(stay, date(2026, 1, 1), by=by)
        event(child, "looked_after_review", date(2025, 10, 20), episode=stay, by=by)
        event(child, "health_assessment", date(2025, 10, 15 + number % 10), by=by)
        event(child, "personal_education_plan", date(2026, 1, 10), episode=stay, by=by)
        event(child, "visit", date(2026, 3, 1), episode=stay, by=by)
        on_plan = make_child(team)
        plan = episode(on_plan, "child_protection", date(2026, 1, 5), by=by, team=team, worker=worker)
        event(on_plan, "visit", date(2026, 3, 10 + number % 15), episode=plan, by=by)
        event(on_plan, "review_conference", date(2026, 3, 1), episode=plan, by=by)
        leaver = make_child(team, date_of_birth=date(2006, 1, 1))
        episode(leaver, "care_leaver", date(2024, 1, 1), by=by, team=team, worker=worker,
                in_touch=(InTouch.YES, InTouch.NO)[number % 2], accommodation_suitable=bool(number % 2),
                activity=(ActivityStatus.F1, ActivityStatus.G4)[number % 2])
        event(leaver, "pathway_plan", date(2026, 1, 1), by=by)


def test_the_same_number_of_queries_whatever_the_number_of_children(make_child, make_user, team_a, team_b, by):
    CouncilSettings.current()
    _varied_council(make_child, make_user, team_a, team_b, by, size=2, prefix="small")
    with CaptureQueriesContext(connection) as small:
        compute(AS_AT)
    _varied_council(make_child, make_user, team_a, team_b, by, size=12, prefix="large")
    with CaptureQueriesContext(connection) as large:
        computed = compute(AS_AT)
    assert computed.figures["child_protection_visits"].council.denominator == 14
    assert len(small.captured_queries) == len(large.captured_queries) == 10
