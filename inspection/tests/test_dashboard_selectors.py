"""The dashboards' figures read back from stored snapshots: the measures and their RAG, small-number
suppression for members, targets (the council's or the default), the twelve months' trend from a
year ago, the cards built from them, the children behind a figure scoped to the user, the filter
forms and the targets service. Constant query counts at two sizes."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Team
from inspection.dashboards import cards, disclosure, drilldown, selectors
from inspection.dashboards.forms import DashboardFilterForm, DrillDownFilterForm, TargetsForm, period_label
from inspection.dashboards.measures import AMBER, GREEN, MEASURES, MEASURES_BY_KEY, RED, format_value, rag, value_of
from inspection.dashboards.targets import targets_save
from inspection.models import FigureMember, FigureSnapshot, FigureTarget

LATEST = date(2026, 11, 30)
ASSESSMENTS = MEASURES_BY_KEY["assessments_in_timescale"]
REPEAT_REFERRALS = MEASURES_BY_KEY["repeat_referrals"]
CASELOADS = MEASURES_BY_KEY["caseload_per_worker"]


# Builders shared with the view, quality and browser tests

def month_ends(last: date, count: int) -> list[date]:
    """``count`` month ends up to ``last``, newest first."""
    return [last - relativedelta(months=n, day=31) for n in range(count)]


def snapshot(measure: str, as_at: date, numerator: int, denominator: int, team: Team | None = None) -> FigureSnapshot:
    return FigureSnapshot.objects.create(measure=measure, as_at=as_at, team=team, numerator=numerator,
                                         denominator=denominator, computed_at=timezone.now())


def seed_figures(days: list[date], teams: list[Team] = (), *, council: bool = True, numerator: int = 80,
                 denominator: int = 100):
    """Every measure on every day, for the council (unless council=False) and each team, in one insert."""
    FigureSnapshot.objects.bulk_create(
        FigureSnapshot(measure=measure.key, as_at=day, team=team, numerator=numerator + index,
                       denominator=denominator, computed_at=timezone.now())
        for index, day in enumerate(sorted(days)) for measure in MEASURES for team in [*([None] if council else []), *teams]
    )


def members_of(snapshot_: FigureSnapshot, children, *, met: bool = False, detail: str = "Visit 4 working days overdue"):
    """The children behind a figure, with their names copied for the list's order as the nightly job does."""
    FigureMember.objects.bulk_create(FigureMember(snapshot=snapshot_, child=child, met=met, detail=detail,
                                                  sort_last_name=child.last_name, sort_first_name=child.first_name)
                                     for child in children)


# Measures and RAG

def test_a_percentage_to_one_decimal_place_and_none_when_nothing_counted():
    assert value_of(ASSESSMENTS, 2, 3) == Decimal("66.7")
    assert value_of(ASSESSMENTS, 0, 0) is None
    assert value_of(CASELOADS, 52, 3) == Decimal("17.3")


def test_rag_green_on_target_amber_within_tolerance_red_beyond():
    assert rag(ASSESSMENTS, Decimal(85)) == GREEN
    assert rag(ASSESSMENTS, Decimal(80)) == AMBER
    assert rag(ASSESSMENTS, Decimal("79.9")) == RED
    assert rag(ASSESSMENTS, None) is None


def test_rag_where_lower_is_better_and_with_the_councils_own_target():
    assert rag(REPEAT_REFERRALS, Decimal(22)) == GREEN
    assert rag(REPEAT_REFERRALS, Decimal(25)) == AMBER
    assert rag(REPEAT_REFERRALS, Decimal("25.1")) == RED
    assert rag(ASSESSMENTS, Decimal(80), target=Decimal(80), tolerance=Decimal(0)) == GREEN
    assert rag(ASSESSMENTS, Decimal("79.9"), target=Decimal(80), tolerance=Decimal(0)) == RED


def test_values_written_as_a_council_writes_them():
    assert format_value(ASSESSMENTS, Decimal("82.0")) == "82%"
    assert format_value(ASSESSMENTS, Decimal("82.5")) == "82.5%"
    assert format_value(CASELOADS, Decimal("17.3")) == "17.3"
    assert format_value(ASSESSMENTS, None) == "–"


def test_every_area_has_figures_and_every_key_is_unique():
    assert len(MEASURES_BY_KEY) == len(MEASURES) == 12
    assert {measure.area for measure in MEASURES} == {"help_protection", "in_care", "care_leavers", "leaders"}


# Disclosure for members

@pytest.mark.parametrize("count, shown", [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (1204, "1,204")])
def test_counts_of_one_to_four_are_suppressed(count, shown):
    assert disclosure.count_for_members(count) == shown


def test_a_percentage_from_fewer_than_five_children_is_not_shown():
    assert disclosure.percent_for_members(Decimal("75.0"), 4) == disclosure.NOT_SHOWN
    assert disclosure.percent_for_members(Decimal("82.5"), 40) == "83%"
    assert disclosure.percent_for_members(None, 0) == "no children counted"


def test_members_charts_plot_nothing_from_fewer_than_five():
    assert disclosure.value_for_members(Decimal("75.0"), 4, percent=True) is None
    assert disclosure.value_for_members(Decimal("82.5"), 40, percent=True) == Decimal(83)
    assert disclosure.value_for_members(Decimal("17.3"), 40, percent=False) == Decimal("17.3")


# Selectors

@pytest.mark.django_db
def test_snapshot_dates_newest_first_and_council_wide_only(team_a):
    snapshot(ASSESSMENTS.key, date(2026, 10, 31), 1, 2)
    snapshot(ASSESSMENTS.key, LATEST, 1, 2)
    snapshot(ASSESSMENTS.key, date(2026, 12, 31), 1, 2, team=team_a)  # a team's day alone does not count
    assert selectors.snapshot_dates() == [LATEST, date(2026, 10, 31)]
    assert selectors.latest_date() == LATEST


@pytest.mark.django_db
def test_targets_are_the_councils_where_set_else_the_default():
    FigureTarget.objects.create(measure=ASSESSMENTS.key, target=Decimal(90), tolerance=Decimal(2))
    goals = selectors.targets()
    assert goals[ASSESSMENTS.key] == selectors.Target(Decimal(90), Decimal(2), True)
    assert goals[CASELOADS.key] == selectors.Target(CASELOADS.target, CASELOADS.tolerance, False)


@pytest.mark.django_db
def test_figures_with_a_trend_from_a_year_ago_to_the_day(team_a):
    for day in month_ends(LATEST, 14):  # 31 October 2025 is more than a year before: left out
        snapshot(ASSESSMENTS.key, day, 81 if day == LATEST else 70, 100)
    snapshot(ASSESSMENTS.key, LATEST, 9, 10, team=team_a)
    FigureTarget.objects.create(measure=ASSESSMENTS.key, target=Decimal(85), tolerance=Decimal(3))
    council = selectors.figure_for(selectors.dashboard_figures(), ASSESSMENTS.key)
    assert council.value == Decimal("81.0")
    assert council.rag == RED  # 4 points short, beyond the council's 3
    assert [point.as_at for point in council.trend][0] == date(2025, 11, 30)
    assert len(council.trend) == 13
    assert council.year_ago.as_at == date(2025, 11, 30)
    team = selectors.figure_for(selectors.dashboard_figures(team=team_a), ASSESSMENTS.key)
    assert (team.numerator, team.denominator, team.rag) == (9, 10, GREEN)
    assert team.year_ago is None


@pytest.mark.django_db
def test_an_earlier_day_shows_that_days_figures_and_no_later_ones():
    for index, day in enumerate(sorted(month_ends(LATEST, 3))):
        snapshot(ASSESSMENTS.key, day, 80 + index, 100)
    figure = selectors.figure_for(selectors.dashboard_figures(as_at=date(2026, 10, 31)), ASSESSMENTS.key)
    assert figure.value == Decimal("81.0")
    assert [point.as_at for point in figure.trend] == [date(2026, 9, 30), date(2026, 10, 31)]


@pytest.mark.django_db
def test_no_figures_held_is_every_figure_without_a_value():
    figures = selectors.dashboard_figures()
    assert len(figures) == 12
    assert all(figure.value is None and figure.rag is None and figure.rag_label == "No figure" for figure in figures)


@pytest.mark.django_db
def test_figures_take_the_same_queries_for_two_teams_and_twenty(make_user):
    teams = [Team.objects.create(name=f"Team {n}") for n in range(20)]
    seed_figures(month_ends(LATEST, 13), teams[:2])
    with CaptureQueriesContext(connection) as few:
        selectors.dashboard_figures(team=teams[0], as_at=LATEST)
    seed_figures(month_ends(LATEST, 13), teams[2:], council=False)
    with CaptureQueriesContext(connection) as many:
        selectors.dashboard_figures(team=teams[0], as_at=LATEST)
    assert len(few) == len(many) == 2


# Cards

def test_the_trend_axis_runs_a_year_to_the_day_with_month_labels():
    days = month_ends(LATEST, 20) + [date(2026, 12, 3)]
    axis = cards.trend_days(days, LATEST)
    assert axis[0] == date(2025, 11, 30) and axis[-1] == LATEST and len(axis) == 13
    assert cards.axis_labels([date(2026, 10, 31), date(2026, 11, 30)]) == ["Oct 2026", "Nov 2026"]
    assert cards.axis_labels([date(2026, 11, 30), date(2026, 11, 3)]) == ["30 Nov 2026", "3 Nov 2026"]


def _figure(measure, value, denominator, trend):
    points = [selectors.TrendPoint(day, 0, den, val) for day, val, den in trend]
    return selectors.Figure(measure=measure, as_at=LATEST, numerator=0, denominator=denominator, value=value,
                            target=selectors.Target(measure.target, measure.tolerance, False),
                            rag=rag(measure, value), trend=points)


def test_the_comparison_says_better_or_worse_the_right_way_round():
    year_ago = date(2025, 11, 30)
    rising = _figure(ASSESSMENTS, Decimal(90), 50, [(year_ago, Decimal(80), 50), (LATEST, Decimal(90), 50)])
    assert cards.comparison(rising) == cards.Comparison("A year ago (30 November 2025)", "80%", "better now")
    more_referrals = _figure(REPEAT_REFERRALS, Decimal(25), 50, [(date(2026, 8, 31), Decimal(20), 50),
                                                                 (LATEST, Decimal(25), 50)])
    assert cards.comparison(more_referrals) == cards.Comparison("On 31 August 2026", "20%", "worse now")


def test_a_cards_drawings_are_drawn_once_and_drawn_again_when_anything_drawn_changes(monkeypatch):
    drawn = []
    original = cards.line_chart

    def counting(**kwargs):
        drawn.append(kwargs["title"])
        return original(**kwargs)

    monkeypatch.setattr(cards, "line_chart", counting)
    days = [date(2026, 9, 30), date(2026, 10, 31), LATEST]
    trend = [(day, Decimal(70 + n), 50) for n, day in enumerate(days)]
    # A title no other test draws, so the cache starts without it.
    figure = _figure(dataclasses.replace(ASSESSMENTS, label=f"Drawn once {id(drawn)}"), Decimal(72), 50, trend)
    first = cards.card_for(figure, days=days, where="Team North")
    again = cards.card_for(figure, days=days, where="Team North")
    assert len(drawn) == 1
    assert again.chart == first.chart and again.sparkline == first.sparkline and again.chart_html == first.chart_html
    # The chart with its data table, as includes/chart.html shows it.
    assert again.chart_html == render_to_string("includes/chart.html", {"chart": first.chart})
    assert "Show the figures as a table" in again.chart_html and "<td" in again.chart_html
    assert "Team North" in again.chart_html and "72%" in again.chart_html
    moved = dataclasses.replace(figure, target=selectors.Target(Decimal(90), Decimal(5), True))
    assert "target 90%" in cards.card_for(moved, days=days, where="Team North").chart.caption
    cards.card_for(figure, days=days, where="Team South")
    newer = _figure(figure.measure, Decimal(73), 50, trend[:-1] + [(LATEST, Decimal(73), 50)])
    assert "73%" in cards.card_for(newer, days=days, where="Team North").chart_html
    assert len(drawn) == 4  # a new target, another team and a new figure are each drawn afresh


def test_a_members_card_suppresses_a_figure_from_fewer_than_five():
    small = _figure(ASSESSMENTS, Decimal(75), 4, [(date(2026, 10, 31), Decimal(50), 4), (LATEST, Decimal(75), 4)])
    card = cards.card_for(small, days=[date(2026, 10, 31), LATEST], where="the whole council", members=True)
    assert card.value == disclosure.NOT_SHOWN
    assert card.rag_label == "No figure" and card.tag_class == cards.NO_RAG_TAG
    assert card.comparison is None
    assert card.counted == "Counted: fewer than 5 assessments authorised in the 12 months"
    assert "75" not in str(card.chart.svg) and all(row[1] == "–" for row in card.chart.rows)
    managers = cards.card_for(small, days=[date(2026, 10, 31), LATEST], where="the whole council")
    assert managers.value == "75%" and managers.chart.rows[-1][1] == "75%"


def test_members_see_whole_percentages_and_caseloads_from_five_workers_or_more():
    figure = _figure(ASSESSMENTS, Decimal("82.5"), 40, [(LATEST, Decimal("82.5"), 40)])
    assert cards.card_for(figure, days=[LATEST], where="x", members=True).value == "83%"
    few_workers = _figure(CASELOADS, Decimal("17.3"), 3, [(LATEST, Decimal("17.3"), 3)])
    assert cards.card_for(few_workers, days=[LATEST], where="x", members=True).value.startswith("not shown")


# The children behind a figure

@pytest.mark.django_db
def test_a_team_manager_sees_only_their_teams_children_whatever_team_is_asked_for(
        team_manager, senior_manager, team_a, team_b, make_child):
    mine = [make_child(team_a) for _ in range(3)]
    theirs = [make_child(team_b) for _ in range(2)]
    counted = snapshot(ASSESSMENTS.key, LATEST, 0, 5)
    members_of(counted, mine[:2] + theirs)
    members_of(counted, mine[2:], met=True, detail="")
    listed = drilldown.members_visible_to(user=team_manager, snapshot=counted)
    assert {member.child for member in listed} == set(mine[:2])
    assert not drilldown.members_visible_to(user=team_manager, snapshot=counted, team=team_b).exists()
    assert {m.child for m in drilldown.members_visible_to(user=team_manager, snapshot=counted, show=drilldown.ALL)} == set(mine)
    assert drilldown.member_counts(user=team_manager, as_at=LATEST) == {ASSESSMENTS.key: drilldown.MemberCounts(3, 2)}
    assert drilldown.member_counts(user=senior_manager, as_at=LATEST, team=team_b) == {
        ASSESSMENTS.key: drilldown.MemberCounts(2, 2)}


@pytest.mark.django_db
def test_a_restricted_childs_record_is_not_listed(senior_manager, team_a, make_child):
    hidden = make_child(team_a, restricted=True)
    counted = snapshot(ASSESSMENTS.key, LATEST, 0, 1)
    members_of(counted, [hidden])
    assert not drilldown.members_visible_to(user=senior_manager, snapshot=counted).exists()


@pytest.mark.django_db
def test_across_the_council_a_restricted_record_is_listed_only_to_those_it_names(
    senior_manager, auditor, make_user, team_a, team_b, make_child
):
    from django.contrib.auth import get_user_model

    from inspection.roles import Role

    open_a, open_b = make_child(team_a), make_child(team_b)
    named, closed = make_child(team_a, restricted=True), make_child(team_b, restricted=True)
    other_manager = make_user("senior.two", Role.SENIOR_MANAGER)
    named.named_workers.add(other_manager.worker)
    counted = snapshot(ASSESSMENTS.key, LATEST, 0, 4)
    members_of(counted, [open_a, open_b, named, closed])
    for user, expected in ((senior_manager, {open_a, open_b}), (other_manager, {open_a, open_b, named})):
        fresh = get_user_model().objects.get(pk=user.pk)  # as a request has it
        listed = drilldown.members_visible_to(user=fresh, snapshot=counted)
        assert {member.child for member in listed} == expected
        page = drilldown.members_page(user=fresh, snapshot=counted)
        assert page.count == len(expected) and {member.child for member in page.page.object_list} == expected


def test_caseloads_have_no_children_behind_them():
    assert not drilldown.has_children(CASELOADS)
    assert drilldown.has_children(ASSESSMENTS)


# Forms

@pytest.mark.django_db
def test_the_filter_defaults_to_the_users_own_team_and_falls_back_on_a_bad_choice(team_a, team_b):
    days = [LATEST, date(2026, 10, 31)]
    form = DashboardFilterForm({}, days=days, teams=[team_a, team_b], default_team=team_a)
    assert (form.chosen_team, form.chosen_day) == (team_a, LATEST)
    everyone = DashboardFilterForm({"team": "", "period": "2026-10-31"}, days=days, teams=[team_a, team_b], default_team=team_a)
    assert (everyone.chosen_team, everyone.chosen_day) == (None, date(2026, 10, 31))
    bad = DashboardFilterForm({"team": "999", "period": "2020-01-01"}, days=days, teams=[team_a, team_b], default_team=team_a)
    assert not bad.is_valid()
    assert bad.errors == {"team": ["Select a team from the list"], "period": ["Select a date from the list"]}
    assert (bad.chosen_team, bad.chosen_day) == (team_a, LATEST)
    assert period_label(LATEST, latest=True) == "30 November 2026 (latest)"
    assert [label for _, label in form.fields["period"].choices] == ["30 November 2026 (latest)", "31 October 2026"]
    drill = DrillDownFilterForm({"team": str(team_b.pk), "show": "all"}, teams=[team_a, team_b], default_team=team_a)
    assert (drill.chosen_team, drill.chosen_show) == (team_b, drilldown.ALL)


def _targets_data(**changes) -> dict:
    data = {}
    for measure in MEASURES:
        data[f"{measure.key}_target"] = str(measure.target)
        data[f"{measure.key}_tolerance"] = str(measure.tolerance)
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_targets_form_checks_ranges_with_clear_messages():
    form = TargetsForm(_targets_data(assessments_in_timescale_target="101", repeat_referrals_tolerance="-1",
                                     caseload_per_worker_target="many", health_assessments_target="90.25",
                                     personal_education_plans_target=""),
                       current=selectors.targets())
    assert not form.is_valid()
    assert form.errors["assessments_in_timescale_target"] == [
        "The target for assessments completed within 45 working days must be 100 or less"]
    assert form.errors["repeat_referrals_tolerance"] == ["The amber range for re-referrals within 12 months must be 0 or more"]
    assert form.errors["caseload_per_worker_target"] == [
        "Enter the target for average caseload per social worker as a number of children, like 18"]
    assert form.errors["health_assessments_target"] == ["The target for health assessments in date can have at most 1 decimal place"]
    assert form.errors["personal_education_plans_target"] == ["Enter the target for personal education plans in date"]


# Targets service

@pytest.mark.django_db
def test_saving_targets_writes_only_those_changed_with_who_changed_them(senior_manager):
    form = TargetsForm(_targets_data(assessments_in_timescale_target="88.5"), current=selectors.targets())
    assert form.is_valid(), form.errors
    assert targets_save(actor=senior_manager, chosen=form.chosen()) == ["assessments_in_timescale"]
    row = FigureTarget.objects.get()
    assert (row.measure, row.target, row.tolerance, row.updated_by) == (ASSESSMENTS.key, Decimal("88.5"), Decimal(5), senior_manager)
    assert row.history.get().history_user == senior_manager
    again = TargetsForm(_targets_data(assessments_in_timescale_target="88.5"), current=selectors.targets())
    assert again.is_valid()
    assert targets_save(actor=senior_manager, chosen=again.chosen()) == []
    assert FigureTarget.objects.count() == 1 and row.history.count() == 1


def test_every_measure_key_fits_the_stored_column():
    """PostgreSQL refuses a key longer than the column (SQLite would not notice)."""
    from inspection.dashboards.measures import MEASURES
    from inspection.models import FigureSnapshot, FigureTarget

    longest = max(len(measure.key) for measure in MEASURES)
    assert longest <= FigureSnapshot._meta.get_field("measure").max_length
    assert longest <= FigureTarget._meta.get_field("measure").max_length
