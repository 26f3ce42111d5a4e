"""Each figure as a dashboard card (the figure, its target, its RAG in words and colour, a
sparkline and a year-ago comparison) and its twelve-month chart, grouped by area. No queries: the
figures come from selectors.dashboard_figures, the days from selectors.snapshot_dates.

The members' version plots and prints only what disclosure.py allows.

Each card's chart (with its data table) and sparkline are drawn once for the same figures and
kept (fragments.py), keyed on everything drawn: titles, months, values, target and scale."""

import functools
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from inspection.charts import Chart, Series, line_chart, sparkline

from . import disclosure, fragments
from .measures import AMBER, AREA_TITLES, GREEN, PERCENT, RED, format_value
from .selectors import TREND_MONTHS, Figure, TrendPoint

RAG_TAGS = {GREEN: "govuk-tag--green", AMBER: "govuk-tag--yellow", RED: "govuk-tag--red"}
NO_RAG_TAG = "govuk-tag--grey"
CHART_TEMPLATE = "includes/chart.html"
QUALITY_TEMPLATE = "inspection/dashboards/_quality.html"
# What draws each kept part (fragments.py): a release changing any of these draws it afresh.
DRAWN_BY = ("inspection.charts.base", "inspection.charts.lines", CHART_TEMPLATE)
QUALITY_DRAWN_BY = (QUALITY_TEMPLATE, "inspection/judgement_evidence/_grade_counts.html",
                    "inspection/audits/_grade_tag.html", "inspection.templatetags.audit_tags",
                    "inspection.judgement_evidence.figures", "inspection.dashboards.quality")


@dataclass(frozen=True)
class Comparison:
    """The figure a year ago (or at the earliest day held, when there is less than a year)."""

    label: str  # "A year ago (30 November 2025)" or "On 31 August 2026"
    value: str  # "78%"
    direction: str  # "better now", "worse now", "the same"


@dataclass
class Card:
    figure: Figure
    value: str
    target: str
    tag_class: str
    rag_label: str
    counted: str  # "41 of 50 children looked after", in words
    sparkline: Chart | None
    chart: Chart
    comparison: Comparison | None
    chart_html: SafeString = SafeString("")  # the chart with its data table (includes/chart.html)
    drill_counted: int | None = None  # counted in the figure, for the link to the children behind it (managers)
    drill_not_met: int | None = None
    drill_latest: bool = True  # the figure shown is the latest, the one whose children are kept


@dataclass
class Area:
    key: str
    title: str
    cards: list[Card] = field(default_factory=list)
    quality: object = None  # quality.AreaQuality on the managers' dashboard
    quality_html: SafeString = SafeString("")  # the same, as _quality.html shows it

    @property
    def off_target(self) -> int:
        return sum(card.figure.rag == RED for card in self.cards)


def trend_days(days: list[date], as_at: date | None) -> list[date]:
    """The days held in the twelve months to as_at (both ends included), oldest first."""
    if as_at is None:
        return []
    since = as_at - relativedelta(months=TREND_MONTHS)
    return sorted(day for day in days if since <= day <= as_at)


def axis_labels(days: list[date]) -> list[str]:
    """"Nov 2025" for each day; the full date where two days fall in one month."""
    months = [f"{day:%b %Y}" for day in days]
    return [f"{day:%-d %b %Y}" if months.count(month) > 1 else month for day, month in zip(days, months)]


def comparison(figure: Figure, *, members: bool = False) -> Comparison | None:
    """How the figure compares with the earliest in its trend (a year ago when a year is held)."""
    then = figure.year_ago
    if then is None or figure.as_at is None or then.value is None or figure.value is None:
        return None
    if members and (disclosure.is_small(then.denominator) or disclosure.is_small(figure.denominator)):
        return None
    # Figures are held at month ends and for the latest day, so "a year ago" is the earliest day
    # held within a month of it.
    a_year = then.as_at <= figure.as_at - relativedelta(months=TREND_MONTHS - 1)
    label = f"A year ago ({then.as_at:%-d %B %Y})" if a_year else f"On {then.as_at:%-d %B %Y}"
    change = figure.value - then.value
    if figure.measure.lower_is_better:
        change = -change
    direction = "better now" if change > 0 else "worse now" if change < 0 else "the same"
    return Comparison(label, _shown(figure, then, members=members), direction)


def _shown(figure: Figure, point: TrendPoint, *, members: bool) -> str:
    if members and figure.measure.unit == PERCENT:
        return disclosure.percent_for_members(point.value, point.denominator)
    return format_value(figure.measure, point.value)


def _plotted(figure: Figure, point: TrendPoint | None, *, members: bool) -> float | None:
    if point is None or point.value is None:
        return None
    if members:
        value = disclosure.value_for_members(point.value, point.denominator, percent=figure.measure.unit == PERCENT)
        return None if value is None else float(value)
    return float(point.value)


def card_for(figure: Figure, *, days: list[date], where: str, members: bool = False) -> Card:
    """One figure ready to show. ``days`` are the days on the chart's axis; ``where`` names the
    council or the team the figure is for, for the chart's title and table."""
    return cards_for([figure], days=days, where=where, members=members)[0]


def cards_for(figures: list[Figure], *, days: list[date], where: str, members: bool = False) -> list[Card]:
    """Each figure ready to show, its charts drawn or read from the cache in one cache call."""
    labels = axis_labels(days)
    plotted = []
    for figure in figures:
        by_day = {point.as_at: point for point in figure.trend}
        plotted.append([_plotted(figure, by_day.get(day), members=members) for day in days])
    drawn = fragments.kept("charts", sources=DRAWN_BY, wanted=[
        (_drawn_from(figure, labels, values, where), functools.partial(_draw, figure, labels, values, where))
        for figure, values in zip(figures, plotted)
    ])
    return [_card(figure, drawings, members=members) for figure, drawings in zip(figures, drawn)]


@dataclass(frozen=True)
class Drawings:
    chart: Chart
    chart_html: SafeString  # the chart with its data table, as includes/chart.html shows it
    sparkline: Chart | None


def _drawn_from(figure: Figure, labels: list[str], values: list[float | None], where: str) -> tuple:
    """Everything a figure's charts show."""
    measure = figure.measure
    return (measure.label, measure.unit, measure.lower_is_better, where, tuple(labels), tuple(values),
            float(figure.target.value))


def _draw(figure: Figure, labels: list[str], values: list[float | None], where: str) -> Drawings:
    """The twelve-month chart (rendered with its data table) and, with two days or more, the sparkline."""
    measure = figure.measure
    target = float(figure.target.value)
    unit = "%" if measure.unit == PERCENT else ""
    chart = line_chart(
        title=f"{measure.label}: {where}", x_labels=labels, series=[Series(where[:1].upper() + where[1:], values)],
        unit=unit, target=target, y_max=100 if unit else None, lower_is_better=measure.lower_is_better,
    )
    spark = sparkline(
        title=f"{measure.label}: the trend", values=values, target=target, unit=unit, x_labels=labels,
        lower_is_better=measure.lower_is_better,
    ) if len(labels) > 1 else None
    return Drawings(chart, render_to_string(CHART_TEMPLATE, {"chart": chart}), spark)


def _card(figure: Figure, drawn: Drawings, *, members: bool) -> Card:
    measure = figure.measure
    percent = measure.unit == PERCENT
    if members:
        value = (disclosure.percent_for_members(figure.value, figure.denominator) if percent
                 else _average_for_members(figure))
        counted = f"Counted: {disclosure.count_for_members(figure.denominator)} {measure.counts}"
    else:
        value = figure.display
        counted = (f"{figure.numerator:,} of {figure.denominator:,} {measure.counts}: {measure.met_label}" if percent
                   else f"{figure.numerator:,} {measure.met_label} among {figure.denominator:,} {measure.counts}")
    shown_rag = figure.rag
    if members and value.startswith("not shown"):
        shown_rag = None
    return Card(
        figure=figure, value=value, target=format_value(measure, figure.target.value),
        tag_class=RAG_TAGS.get(shown_rag, NO_RAG_TAG),
        rag_label=figure.rag_label if shown_rag else "No figure",
        counted=counted, sparkline=drawn.sparkline, chart=drawn.chart, chart_html=drawn.chart_html,
        comparison=comparison(figure, members=members),
    )


def _average_for_members(figure: Figure) -> str:
    """An average caseload is about workers, not children, but a handful of workers is still
    suppressed: it could identify a worker's caseload."""
    if figure.value is None:
        return "no social workers counted"
    if disclosure.is_small(figure.denominator):
        return "not shown (fewer than 5 social workers)"
    return format_value(figure.measure, figure.value)


def areas_of(cards: list[Card]) -> list[Area]:
    """Cards grouped by area, in the order of AREA_TITLES."""
    grouped = {key: Area(key, title) for key, title in AREA_TITLES.items()}
    for card in cards:
        grouped[card.figure.measure.area].cards.append(card)
    return [area for area in grouped.values() if area.cards]


def add_quality(areas: list[Area], evidence: dict, *, team=None) -> None:
    """Set beside each area its quality evidence (quality.quality_evidence), rendered once for the
    same evidence and team and kept (fragments.py): one cache call for every area."""
    shown = [area for area in areas if evidence.get(area.key)]
    rendered = fragments.kept("quality", sources=QUALITY_DRAWN_BY, wanted=[
        ((evidence[area.key], team.name if team else None),
         functools.partial(render_to_string, QUALITY_TEMPLATE, {"quality": evidence[area.key], "team": team}))
        for area in shown
    ])
    for area, html in zip(shown, rendered):
        area.quality, area.quality_html = evidence[area.key], html


def rag_totals(cards: list[Card]) -> dict[str, int]:
    """How many figures are on target, near it, off it, and without a figure."""
    totals = {GREEN: 0, AMBER: 0, RED: 0, "none": 0}
    for card in cards:
        key = card.figure.rag if card.tag_class != NO_RAG_TAG else "none"
        totals[key] += 1
    return totals
