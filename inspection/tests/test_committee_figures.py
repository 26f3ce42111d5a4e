"""The committee paper's pure parts, without the database: the narrative numbered as committee
papers number it (inspection/committee/paper.py) and the figures as members may see them, small
numbers suppressed (inspection/committee/figures.py)."""

from datetime import date
from decimal import Decimal

from inspection.committee import figures, paper
from inspection.dashboards.measures import MEASURES_BY_KEY, rag, value_of
from inspection.dashboards.selectors import Figure, Target, TrendPoint

# --- the narrative ---------------------------------------------------------------------------------


def test_paragraphs_are_numbered_within_their_section_with_bullets_kept_with_the_paragraph_above():
    text = "First paragraph\nstill the first.\n\nThey look at:\n- help\n* protection\n\n• care\n\nLast."
    assert paper.paragraphs(text, 3) == [
        paper.Paragraph("3.1", "First paragraph still the first."),
        paper.Paragraph("3.2", "They look at:", ("help", "protection", "care")),
        paper.Paragraph("3.3", "Last."),
    ]


def test_bullets_with_nothing_above_make_a_paragraph_and_a_wrapped_bullet_stays_one():
    assert paper.paragraphs("- one\nwrapped on\n- two", 4) == [paper.Paragraph("4.1", "", ("one wrapped on", "two"))]


def test_an_empty_section_says_none_rather_than_vanishing():
    assert paper.section(6, "  \n\n ").paragraphs == [paper.Paragraph("6.1", "None.")]
    assert paper.section(6, "").title == "6. Legal implications"


def test_recommendations_are_numbered_i_ii_iii():
    assert paper.recommendations("Members note the report.\n\n- Members agree the plan.\nMembers ask for more.") == [
        ("i)", "Members note the report."), ("ii)", "Members agree the plan."), ("iii)", "Members ask for more.")]
    assert [paper.roman(n) for n in (1, 4, 9, 14, 40)] == ["i", "iv", "ix", "xiv", "xl"]


def test_the_supporting_information_keeps_no_none_so_the_figures_follow_it():
    class Report:
        purpose, supporting_information = "To update members.", ""
        policy_implications = financial_implications = legal_implications = other_implications = ""
        priorities_implications = risk_analysis = equality_and_diversity = ""

    sections = paper.narrative(Report())
    assert sections[3].paragraphs == [] and sections[3].next_number == 1
    assert sections[1].paragraphs == [paper.Paragraph("1.1", "To update members.")]
    assert sorted(sections) == [1, 3, 4, 5, 6, 7, 8, 9, 10]


# --- one figure -------------------------------------------------------------------------------------


DAYS = [date(2025, 11, 30), date(2026, 4, 30), date(2026, 10, 31)]


def figure(key: str, points: list[tuple[int, int]], target=None) -> Figure:
    """A Figure as the dashboard selector builds it, one (numerator, denominator) per day in DAYS."""
    measure = MEASURES_BY_KEY[key]
    goal = Target(Decimal(target if target is not None else measure.target), measure.tolerance, False)
    trend = [TrendPoint(day, n, d, value_of(measure, n, d)) for day, (n, d) in zip(DAYS, points)]
    numerator, denominator = points[-1] if points else (0, 0)
    value = value_of(measure, numerator, denominator)
    return Figure(measure=measure, as_at=DAYS[-1], numerator=numerator, denominator=denominator, value=value,
                  target=goal, rag=rag(measure, value, target=goal.value, tolerance=goal.tolerance), trend=trend)


def test_a_figure_from_fewer_than_5_children_is_not_shown_nor_rated_nor_plotted():
    small = figure("health_assessments", [(3, 4), (2, 3), (1, 1)])
    result = figures.performance([small, figure("looked_after_reviews", [(90, 100), (95, 100), (99, 100)])])
    row = result.areas[0].rows[0]
    assert (row.latest, row.year_ago, row.rating, row.rag) == (
        "not shown (fewer than 5 children)", "not shown (fewer than 5 children)", "not rated (too few to show)", "")
    chart = result.areas[0].chart
    assert "Health assessments in date" not in chart.summary  # no line at all
    assert chart.headers == ["Month", "Looked-after reviews on time"]


def test_figures_in_words_with_their_targets_and_ratings():
    result = figures.performance([
        figure("assessments_in_timescale", [(75, 100), (80, 100), (84, 100)]),
        figure("repeat_referrals", [(30, 100), (25, 100), (21, 100)]),
        figure("caseload_per_worker", [(200, 10), (190, 10), (17, 1)]),
    ])
    assert (result.as_at, result.year_ago_on) == (date(2026, 10, 31), date(2025, 11, 30))
    assert result.as_at_words == "31 October 2026"
    help_rows = next(area for area in result.areas if area.key == "help_protection").rows
    assert [(r.target, r.latest, r.year_ago, r.rating) for r in help_rows] == [
        ("85% or more", "84%", "75%", "Near target"), ("22% or less", "21%", "30%", "On target")]
    caseload = next(area for area in result.areas if area.key == "leaders").rows[0]
    assert (caseload.target, caseload.latest, caseload.year_ago) == (
        "18 or fewer", "not shown (fewer than 5 social workers with cases)", "20")


def test_no_figures_held_means_no_areas():
    assert figures.performance([]).areas == []
    nothing_held = figure("assessments_in_timescale", [])
    assert figures.performance([nothing_held]).areas == []


def test_the_chart_leaves_out_months_from_fewer_than_5_children():
    mixed = figure("assessments_in_timescale", [(3, 4), (80, 100), (90, 100)])
    chart = figures.area_chart("Help and protection", [mixed], date(2026, 10, 31))
    assert chart.title == "Help and protection: the 12 months to 31 October 2026"
    assert chart.rows == [["Nov 25", "–"], ["Apr 26", "80%"], ["Oct 26", "90%"]]


# --- counts in a row --------------------------------------------------------------------------------


def test_one_hidden_count_takes_the_next_smallest_with_it():
    assert figures.counts_for_members([1, 8, 6, 0]) == ["fewer than 5", "8", "withheld", "0"]
    assert figures.counts_for_members([1, 2, 9, 0]) == ["fewer than 5", "fewer than 5", "9", "0"]
    assert figures.counts_for_members([12, 0, 1234]) == ["12", "0", "1,234"]
    assert figures.counts_for_members([3, 0]) == ["fewer than 5", "0"]  # its total is small too


def test_audit_grades_with_a_share_only_where_nothing_small_could_be_worked_out():
    grades = figures.audit_grades(labels=["Outstanding", "Good", "Requires improvement", "Inadequate"],
                                  counts=(1, 8, 6, 0), period="1 November 2025 to 31 October 2026")
    assert [(row.grade, row.count, row.share) for row in grades.rows] == [
        ("Outstanding", "fewer than 5", "–"), ("Good", "8", "53%"), ("Requires improvement", "withheld", "–"),
        ("Inadequate", "0", "0%")]
    assert (grades.total, grades.good_or_better, grades.any_withheld) == ("15", "60%", True)
    assert grades.good_or_better_sentence == "60% were graded good or better."
    few = figures.audit_grades(labels=["Outstanding", "Good", "Requires improvement", "Inadequate"],
                               counts=(0, 3, 0, 0), period="")
    assert (few.total, few.good_or_better, few.good_or_better_sentence) == ("fewer than 5", "not shown (fewer than 5)", "")


def test_action_plan_progress_lists_unfinished_plans_with_a_total_row():
    statuses = [("not_started", "Not started"), ("on_track", "On track"), ("complete", "Complete")]
    progress = figures.action_plan_progress(statuses=statuses, complete="complete", plans=[
        ("Inspection 2026", {"not_started": 5, "on_track": 7, "complete": 2}, 0),
        ("Mock 2026", {"not_started": 6, "on_track": 5, "complete": 9}, 6),
        ("Focused visit 2025", {"complete": 4}, 0),
        ("Empty plan", {}, 0),
    ])
    assert progress.headings == ["Not started", "On track", "Complete"] and progress.finished_plans == 1
    assert [(plan.title, plan.cells, plan.total, plan.overdue) for plan in progress.plans] == [
        ("Inspection 2026", ["withheld", "7", "fewer than 5"], "14", "0"),
        ("Mock 2026", ["6", "5", "9"], "20", "6"),
    ]
    assert (progress.totals.cells, progress.totals.total, progress.totals.overdue) == (["11", "12", "11"], "34", "6")
    assert progress.any_withheld
