"""The inspection readiness report: what a manager takes into the weeks before an inspection, in
the order inspectors read a council (seeds 002 and 003).

On the cover, the readiness checklist as the readiness page works it out, the latest Ofsted
overall grade and how many figures are on, near or off target. Then, for each judgement area
(help and protection, children in care, care leavers, leaders and caseloads): the dashboard's
figures against their targets, a year ago and month by month with a chart of each; how case
audits graded the practice in the 12 months; the latest self-assessed, peer review, mock and
Ofsted grades for the matching area of the framework in force; and the open actions for the area,
with the overdue ones listed. Then the front door, the children inspectors look at closely, and
caseloads team by team.

Figures are as at the latest day the nightly job worked them out on or before the report's date
(inspection/dashboards); counts of activity cover the 12 months to the report's date. Everything
is a count: no child's name, ID or date of birth is read or printed, so the report is not an
export. It still describes identifiable teams' practice and staff, so it keeps the base template's
OFFICIAL-SENSITIVE marking. A fixed number of queries whatever the number of children.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from actionplans.rules import Status, is_overdue
from actionplans.selectors import Counts, due_in_words
from judgements.models import Source

from ...charts import Chart, Series, line_chart
from ...dashboards import cards
from ...dashboards import selectors as figures_selectors
from ...dashboards.measures import (
    AMBER, CARE_LEAVERS, GREEN, HELP_PROTECTION, IN_CARE, LEADERS, PERCENT, RED, format_value,
)
from ...dashboards.quality import AREA_EVIDENCE
from ...judgement_evidence.figures import GradeCounts
from ...judgement_evidence.selectors import SOURCES_SHOWN, area_audits, audit_facts, last_twelve_months
from ...readiness import DONE, IN_PROGRESS, checklist
from ..base import Report, ReportError
from . import selectors
from .charts import care_leaver_charts

CHART_WIDTH, CHART_HEIGHT = 330, 190  # two charts side by side across a portrait page
WHERE = "The whole council"


@dataclass(frozen=True)
class AreaSpec:
    key: str  # the dashboard's area (inspection/dashboards/measures.py)
    number: int
    title: str
    judgement_areas: tuple[str, ...]  # the framework in force's area codes that judge it, in order of preference
    grades_key: str  # its code in selectors.COMPARABLE: the same area under every framework
    action_areas: frozenset[str]  # action plan recommendations' area codes that belong here


AREAS = [
    AreaSpec(HELP_PROTECTION, 1, "Help and protection", ("help_protection",), "help_protection",
             frozenset({"help_protection"})),
    # SIF judged children looked after and achieving permanence, with adoption graded within it.
    AreaSpec(IN_CARE, 2, "Children in care", ("in_care", "looked_after"), "in_care",
             frozenset({"in_care", "looked_after", "adoption"})),
    # ILACS 2018 judged care leavers within "children in care and care leavers".
    AreaSpec(CARE_LEAVERS, 3, "Care leavers", ("care_leavers", "in_care"), "care_leavers",
             frozenset({"care_leavers"})),
    AreaSpec(LEADERS, 4, "Leaders and caseloads", ("leaders", "leadership"), "leaders",
             frozenset({"leaders", "leadership"})),
]
TASK_TAGS = {DONE: "govuk-tag--green", IN_PROGRESS: "govuk-tag--yellow"}  # not yet started: red
GRADE_SOURCES = {source: Source(source).label for source in SOURCES_SHOWN}


class ReadinessReport(Report):
    kind = "readiness"
    permission = "inspection.view_managers_dashboard"
    template = "pdf/readiness.html"

    def title_for(self, parameters: dict) -> str:
        return f"Inspection readiness report, {_as_at(parameters):%-d %B %Y}"

    def context_for(self, job) -> dict:
        from ...inspections.views import readiness_facts  # the readiness page's own facts

        as_at = _as_at(job.parameters)
        period = last_twelve_months(as_at)
        days = figures_selectors.snapshot_dates()  # newest first
        figures_day = next((day for day in days if day <= as_at), None)
        figures = figures_selectors.dashboard_figures(as_at=figures_day) if figures_day else []
        axis = cards.trend_days(days, figures_day)
        facts = audit_facts(today=as_at)
        grades = selectors.grades(as_at=as_at)
        actions = selectors.open_actions()
        caseload_target = float(
            next((f.target.value for f in figures if f.measure.key == "caseload_per_worker"), None)
            or figures_selectors.targets()["caseload_per_worker"].value
        )
        areas = [
            _area(spec, figures=figures, axis=axis, facts=facts, grades=grades, actions=actions, as_at=as_at)
            for spec in AREAS
        ]
        placed = {code for spec in AREAS for code in spec.action_areas}
        cohorts = selectors.cohorts(as_at=as_at, period=period)
        return {
            "as_at": as_at,
            "period": period,
            "figures_day": figures_day,
            "year_ago_day": axis[0] if len(axis) > 1 else None,
            "tasks": [(task, TASK_TAGS.get(task.status, "govuk-tag--red"))
                      for task in checklist(readiness_facts(as_at))],
            "rag": _rag_totals(figures),
            "ofsted_overall": grades.ofsted_overall,
            "ofsted_latest": grades.ofsted_latest,
            "framework": grades.framework,
            "areas": areas,
            "other_actions": _action_summary([a for a in actions if a.area not in placed], as_at),
            "front_door": selectors.front_door(period=period),
            "cohorts": cohorts,
            "care_leaver_charts": care_leaver_charts(cohorts),
            "caseloads": selectors.caseloads(as_at=as_at, target=caseload_target),
        }


# --- Each judgement area ----------------------------------------------------------------------------


@dataclass
class FigureRow:
    label: str
    target: str  # "85% or higher", "22% or lower"
    latest: str
    counted: str  # "41 of 50 children looked after: review not overdue"
    year_ago: str
    year_ago_note: str  # the day, where the earliest figure held is not a full year before; better or worse
    rag_label: str
    tag_class: str
    chart: Chart


@dataclass
class GradeRow:
    source: str
    judgement: object  # judgements.models.Judgement or None


@dataclass
class OverdueAction:
    description: str
    plan: str
    owner: str
    target_date: date
    overdue_words: str


@dataclass
class ActionSummary:
    counts: list[dict]  # each open status with its label, tag and count
    total: int
    overdue: list[OverdueAction] = field(default_factory=list)


@dataclass
class AreaSection:
    spec: AreaSpec
    figures: list[FigureRow]
    month_headers: list[str]
    months: list[list[str]]
    audits: list[tuple[str, GradeCounts]]  # ("Overall grade", counts), and management oversight for leaders
    which_audits: str
    judgement_area: object  # judgements.models.JudgementArea or None
    grades: list[GradeRow]
    actions: ActionSummary

    @property
    def audit_total(self) -> int:
        return self.audits[0][1].total


def _area(spec: AreaSpec, *, figures, axis, facts, grades, actions, as_at) -> AreaSection:
    """One area's section from what has been read already: no queries."""
    mine = [figure for figure in figures if figure.measure.area == spec.key]
    labels = cards.axis_labels(axis)
    rows, columns = [], []
    for figure in mine:
        row, values = _figure_row(figure, axis, labels)
        rows.append(row)
        columns.append(values)
    months = [[label, *[column[i] for column in columns]] for i, label in enumerate(labels)]
    evidence = AREA_EVIDENCE[spec.key]
    audited = area_audits(facts, evidence)
    audits = [("Overall grade", audited.grades)]
    if audited.oversight is not None:
        audits.append(("Management oversight", audited.oversight))
    judgement_area = next((grades.areas[code] for code in spec.judgement_areas if code in grades.areas), None)
    grade_rows = [GradeRow(label, grades.latest.get((spec.grades_key, source)))
                  for source, label in GRADE_SOURCES.items()]
    return AreaSection(
        spec=spec, figures=rows, month_headers=["Month", *[row.label for row in rows]], months=months,
        audits=audits, which_audits=evidence.which_audits, judgement_area=judgement_area, grades=grade_rows,
        actions=_action_summary([a for a in actions if a.area in spec.action_areas], as_at),
    )


def _figure_row(figure, axis: list[date], labels: list[str]) -> tuple[FigureRow, list[str]]:
    measure = figure.measure
    percent = measure.unit == PERCENT
    unit = "%" if percent else ""
    by_day = {point.as_at: point for point in figure.trend}
    values = [float(by_day[day].value) if day in by_day and by_day[day].value is not None else None for day in axis]
    chart = line_chart(
        title=measure.label, x_labels=labels, series=[Series(WHERE, values)], unit=unit,
        target=float(figure.target.value), y_max=100 if percent else None, lower_is_better=measure.lower_is_better,
        width=CHART_WIDTH, height=CHART_HEIGHT,
    )
    shown = [format_value(measure, by_day[day].value) if day in by_day else "–" for day in axis]
    comparison = cards.comparison(figure)
    note = ""
    if comparison is not None:  # the day is in the column's heading unless this figure's first is later
        later = figure.year_ago.as_at != axis[0]
        note = f"{figure.year_ago.as_at:%-d %b %Y}; {comparison.direction}" if later else comparison.direction
    better = " or lower" if measure.lower_is_better else (" or higher" if percent else "")
    if figure.denominator:
        counted = (f"{figure.numerator:,} of {figure.denominator:,} {measure.counts}: {measure.met_label}" if percent
                   else f"{figure.numerator:,} {measure.met_label} among {figure.denominator:,} {measure.counts}")
    else:
        counted = f"No {measure.counts} counted"
    return FigureRow(
        label=measure.label, target=f"{figure.target_display}{better}", latest=figure.display, counted=counted,
        year_ago=comparison.value if comparison else "–", year_ago_note=note,
        rag_label=figure.rag_label, tag_class=cards.RAG_TAGS.get(figure.rag, cards.NO_RAG_TAG), chart=chart,
    ), shown


def _action_summary(actions: list[selectors.OpenAction], as_at: date) -> ActionSummary:
    counts = Counts.of_statuses([(action.status, action.target_date) for action in actions], as_at)
    overdue = [
        OverdueAction(action.description, action.plan, action.owner, action.target_date,
                      due_in_words(action.target_date, as_at))
        for action in actions if is_overdue(action.status, action.target_date, as_at)
    ]
    return ActionSummary(counts=[cell for cell in counts.cells if cell["status"] != Status.COMPLETE],
                         total=counts.total, overdue=overdue)


def _rag_totals(figures) -> dict[str, int]:
    totals = {GREEN: 0, AMBER: 0, RED: 0, "none": 0}
    for figure in figures:
        totals[figure.rag or "none"] += 1
    return totals


# --- Parameters -------------------------------------------------------------------------------------


def _as_at(parameters: dict) -> date:
    value = parameters.get("as_at")
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except (TypeError, ValueError):
        raise ReportError("The date for this report was not valid; ask for the readiness report again.") from None

