"""The figures of a committee paper, as elected members may see them: performance against target
per area (a table and a line chart each), case audit grade totals and action plan progress. Pure:
given the dashboard's Figures, the audit grades and the plans' counts, no queries.

Members see aggregates only, with small numbers suppressed (inspection/dashboards/disclosure.py):
a count of 1 to 4 is "fewer than 5", a percentage worked out from fewer than five children is
"not shown (fewer than 5 children)", and a chart leaves such a month out of its line. Where one
count in a row of counts with a total is hidden, the next smallest is withheld too, so that the
hidden number cannot be worked out by subtraction."""

from dataclasses import dataclass
from datetime import date

from inspection.charts import Chart, Series, line_chart

from ..dashboards import disclosure
from ..dashboards.measures import AREA_TITLES, PERCENT, RAG_LABELS, format_value
from ..dashboards.selectors import Figure, TrendPoint

NO_FIGURE = "no figure"
NOT_RATED = "not rated (too few to show)"
WITHHELD = "withheld"
WITHHELD_NOTE = "Withheld: not shown, so that a number under 5 cannot be worked out from the total."


def _long(day: date) -> str:
    return f"{day:%-d %B %Y}"


# --- one figure, as members may see it -----------------------------------------------------------


def value_for_members(figure_or_point, measure) -> str:
    """The latest figure (or a trend point) in words members may see."""
    value, denominator = figure_or_point.value, figure_or_point.denominator
    if measure.unit == PERCENT:
        return disclosure.percent_for_members(value, denominator)
    if value is None or denominator == 0:
        return f"no {measure.counts} counted"
    if disclosure.is_small(denominator):
        return f"not shown (fewer than {disclosure.SMALL_NUMBER} {measure.counts})"
    return format_value(measure, value)


def target_in_words(figure: Figure) -> str:
    """"85% or more", "22% or less", "18 or fewer"."""
    measure = figure.measure
    text = format_value(measure, figure.target.value)
    if measure.lower_is_better:
        return f"{text} or {'less' if measure.unit == PERCENT else 'fewer'}"
    return f"{text} or more"


def rating_in_words(figure: Figure) -> str:
    """On target / near target / off target, in words, unless the figure itself is not shown."""
    if disclosure.is_small(figure.denominator):
        return NOT_RATED
    return RAG_LABELS[figure.rag] if figure.rag else NO_FIGURE


def _plotted(point: TrendPoint, measure) -> float | None:
    value = disclosure.value_for_members(point.value, point.denominator, percent=measure.unit == PERCENT)
    return float(value) if value is not None else None


# --- performance against target, per area ---------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    label: str
    target: str
    latest: str
    year_ago: str
    rating: str
    rag: str  # green / amber / red, or "" when not rated: for the colour beside the words on screen


@dataclass(frozen=True)
class AreaFigures:
    key: str
    title: str
    rows: list[FigureRow]
    chart: Chart


@dataclass(frozen=True)
class Performance:
    as_at: date | None  # the day of the figures, None when the council holds none
    year_ago_on: date | None  # the day the "a year ago" column is from
    areas: list[AreaFigures]

    @property
    def as_at_words(self) -> str:
        return _long(self.as_at) if self.as_at else ""

    @property
    def year_ago_words(self) -> str:
        return _long(self.year_ago_on) if self.year_ago_on else ""


def performance(figures: list[Figure]) -> Performance:
    """The dashboard's figures grouped by area, each area a table and a line chart, with
    disclosure applied. No figures held (or none on the day): no areas."""
    as_at = figures[0].as_at if figures else None
    if as_at is None or not any(figure.trend for figure in figures):
        return Performance(as_at=as_at, year_ago_on=None, areas=[])
    firsts = [figure.year_ago.as_at for figure in figures if figure.year_ago]
    year_ago_on = min(firsts) if firsts else None
    areas = []
    for key, title in AREA_TITLES.items():
        members = [figure for figure in figures if figure.measure.area == key]
        if not members:
            continue
        rows = [FigureRow(
            label=figure.measure.label,
            target=target_in_words(figure),
            latest=value_for_members(figure, figure.measure),
            year_ago=value_for_members(figure.year_ago, figure.measure) if figure.year_ago else NO_FIGURE,
            rating=rating_in_words(figure),
            rag="" if disclosure.is_small(figure.denominator) else (figure.rag or ""),
        ) for figure in members]
        areas.append(AreaFigures(key=key, title=title, rows=rows, chart=area_chart(title, members, as_at)))
    return Performance(as_at=as_at, year_ago_on=year_ago_on, areas=areas)


def area_chart(title: str, figures: list[Figure], as_at: date) -> Chart:
    """One line per figure of the area over the twelve months, months worked out from fewer than
    five children left out (a figure never shown has no line). The target line is drawn when the
    area's figures share one target."""
    days = sorted({point.as_at for figure in figures for point in figure.trend})
    labels = [f"{day:%b %y}" for day in days]
    series = []
    for figure in figures:
        by_day = {point.as_at: point for point in figure.trend}
        values = [_plotted(by_day[day], figure.measure) if day in by_day else None for day in days]
        if any(value is not None for value in values):  # a figure never shown has no line (the table says why)
            series.append(Series(label=figure.measure.label, values=values))
    targets = {figure.target.value for figure in figures}
    percent = all(figure.measure.unit == PERCENT for figure in figures)
    unit = "%" if percent else ""
    return line_chart(
        title=f"{title}: the 12 months to {_long(as_at)}",
        x_labels=labels, series=series, unit=unit,
        target=float(targets.pop()) if len(targets) == 1 else None,
        y_max=100 if percent else None,
        lower_is_better=all(figure.measure.lower_is_better for figure in figures),
    )


# --- counts in a row, with a total ----------------------------------------------------------------


def counts_for_members(counts: list[int]) -> list[str]:
    """Each count as members may see it. When exactly one is hidden (1 to 4), the smallest of the
    others that is shown is withheld too, so the total cannot give the hidden one away."""
    shown = [disclosure.count_for_members(count) for count in counts]
    hidden = [position for position, count in enumerate(counts) if disclosure.is_small(count)]
    if len(hidden) == 1:
        others = sorted((count, position) for position, count in enumerate(counts)
                        if position not in hidden and count >= disclosure.SMALL_NUMBER)
        if others:
            shown[others[0][1]] = WITHHELD
    return shown


def share_for_members(part: int, whole: int) -> str:
    """A whole-number share, unless the part, the rest or the whole is a small number."""
    if whole == 0:
        return "none counted"
    if any(disclosure.is_small(count) for count in (part, whole - part, whole)):
        return "not shown (fewer than 5)"
    return f"{(200 * part + whole) // (2 * whole)}%"


# --- case audits ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeRow:
    grade: str
    count: str
    share: str


@dataclass(frozen=True)
class AuditGrades:
    period: str  # "1 November 2025 to 31 October 2026"
    rows: list[GradeRow]
    total: str
    total_count: int
    good_or_better: str

    @property
    def any_withheld(self) -> bool:
        return any(row.count == WITHHELD for row in self.rows)

    @property
    def good_or_better_sentence(self) -> str:
        """"82% were graded good or better.", or nothing when the share is not shown."""
        return f"{self.good_or_better} were graded good or better." if self.good_or_better.endswith("%") else ""


def audit_grades(*, labels: list[str], counts: tuple[int, ...] | list[int], period: str) -> AuditGrades:
    """Case audits by final grade over the twelve months (outstanding first)."""
    counts = list(counts)
    total = sum(counts)
    shown = counts_for_members(counts)
    rows = []
    for label, count, text in zip(labels, counts, shown):
        numeric = text == disclosure.count_for_members(count) and not disclosure.is_small(count)
        share = share_for_members(count, total) if numeric and count else ("0%" if count == 0 and total else "–")
        rows.append(GradeRow(grade=label, count=text, share=share))
    good = counts[0] + counts[1] if len(counts) >= 2 else 0
    return AuditGrades(period=period, rows=rows, total=disclosure.count_for_members(total), total_count=total,
                       good_or_better=share_for_members(good, total))


# --- action plans ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanProgress:
    title: str
    cells: list[str]  # one per status, in actionplans.rules.Status.CHOICES order
    total: str
    overdue: str


@dataclass(frozen=True)
class ActionPlanProgress:
    headings: list[str]  # the statuses' labels
    plans: list[PlanProgress]
    totals: PlanProgress | None
    finished_plans: int  # plans whose every action is complete, not listed

    @property
    def any_withheld(self) -> bool:
        rows = self.plans + ([self.totals] if self.totals else [])
        return any(WITHHELD in row.cells for row in rows)


def action_plan_progress(*, statuses: list[tuple[str, str]], complete: str,
                         plans: list[tuple[str, dict[str, int], int]]) -> ActionPlanProgress:
    """Each plan with actions still to finish: its actions by status and how many are overdue;
    then every listed plan together. ``statuses``: (status, label) in order; ``plans``: (title,
    counts by status, overdue count)."""
    keys = [status for status, _ in statuses]
    listed, finished = [], 0
    totals = {key: 0 for key in keys}
    overdue_total = 0
    for title, by_status, overdue in plans:
        total = sum(by_status.get(key, 0) for key in keys)
        if total == 0:
            continue
        if by_status.get(complete, 0) == total:
            finished += 1
            continue
        listed.append(PlanProgress(title=title, cells=counts_for_members([by_status.get(key, 0) for key in keys]),
                                   total=disclosure.count_for_members(total),
                                   overdue=disclosure.count_for_members(overdue)))
        for key in keys:
            totals[key] += by_status.get(key, 0)
        overdue_total += overdue
    together = None
    if len(listed) > 1:
        together = PlanProgress(title="All these plans", cells=counts_for_members([totals[key] for key in keys]),
                                total=disclosure.count_for_members(sum(totals.values())),
                                overdue=disclosure.count_for_members(overdue_total))
    return ActionPlanProgress(headings=[label for _, label in statuses], plans=listed, totals=together,
                              finished_plans=finished)
