"""The figures on the dashboards, what each one counts, and how it is judged against its target.
Pure: no ORM.

Each figure is a share of children (per cent) except caseloads, an average. Figures over a period
("flows") count what happened in the twelve months to the day they are worked out; snapshots
count the children open on that day. The default targets are the council's starting point (near
the latest England averages from the DfE's Characteristics of children in need and Children looked
after in England statistics); senior managers change them on the targets page.

RAG: a figure that meets its target is green; one within the tolerance of it is amber; beyond,
red. A figure with nothing counted has no RAG.
"""

from dataclasses import dataclass
from decimal import Decimal

# The judgement-area groups of inspection/judgement_evidence/areas.py, so the dashboard can set the
# quality evidence for the same area beside each figure.
HELP_PROTECTION, IN_CARE, CARE_LEAVERS, LEADERS = "help_protection", "in_care", "care_leavers", "leaders"
AREA_TITLES = {
    HELP_PROTECTION: "Help and protection",
    IN_CARE: "Children in care",
    CARE_LEAVERS: "Care leavers",
    LEADERS: "Caseloads",
}

PERCENT, AVERAGE = "percent", "average"
FLOW, SNAPSHOT = "flow", "snapshot"
GREEN, AMBER, RED = "green", "amber", "red"
RAG_LABELS = {GREEN: "On target", AMBER: "Near target", RED: "Off target"}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str  # as a heading: "Assessments completed within 45 working days"
    area: str
    kind: str  # FLOW (the twelve months to the day) or SNAPSHOT (on the day)
    counts: str  # what the denominator is, in words, for the drill-down and the data table
    met_label: str  # what the numerator is, in words: "within 45 working days"
    target: Decimal
    tolerance: Decimal
    lower_is_better: bool = False
    unit: str = PERCENT
    source: str = ""  # the rule behind it

    @property
    def unit_symbol(self) -> str:
        return "%" if self.unit == PERCENT else ""


MEASURES: list[Measure] = [
    Measure("assessments_in_timescale", "Assessments completed within 45 working days", HELP_PROTECTION, FLOW,
            "assessments authorised in the 12 months", "within 45 working days of the referral",
            Decimal(85), Decimal(5), source="Working Together to Safeguard Children 2018, chapter 1"),
    Measure("repeat_referrals", "Re-referrals within 12 months", HELP_PROTECTION, FLOW,
            "referrals in the 12 months", "within 12 months of a previous referral",
            Decimal(22), Decimal(3), lower_is_better=True,
            source="DfE children in need census: referrals within 12 months of a previous referral"),
    Measure("repeat_child_protection_plans", "Second or subsequent child protection plans", HELP_PROTECTION, FLOW,
            "child protection plans started in the 12 months", "the child's second or later plan",
            Decimal(22), Decimal(3), lower_is_better=True,
            source="DfE children in need census: plans starting in the year that were a second or subsequent plan"),
    Measure("child_protection_visits", "Child protection visits in timescale", HELP_PROTECTION, SNAPSHOT,
            "children on a child protection plan", "visit not overdue",
            Decimal(95), Decimal(5), source="The council's visiting standard (cases/timescales.py)"),
    Measure("looked_after_reviews", "Looked-after reviews on time", IN_CARE, SNAPSHOT,
            "children looked after", "review not overdue",
            Decimal(95), Decimal(5), source="Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33"),
    Measure("placement_stability", "Three or more placements in 12 months", IN_CARE, SNAPSHOT,
            "children looked after", "three or more placements in the last 12 months",
            Decimal(10), Decimal(2), lower_is_better=True,
            source="DfE children looked after statistics: placement stability"),
    Measure("health_assessments", "Health assessments in date", IN_CARE, SNAPSHOT,
            "children looked after", "health assessment in date",
            Decimal(90), Decimal(5), source="Promoting the health and well-being of looked-after children, 2015"),
    Measure("personal_education_plans", "Personal education plans in date", IN_CARE, SNAPSHOT,
            "children looked after of school age", "personal education plan in date",
            Decimal(95), Decimal(5), source="Promoting the education of looked-after children, 2018"),
    Measure("care_leavers_in_touch", "Care leavers the council is in touch with", CARE_LEAVERS, SNAPSHOT,
            "care leavers", "in touch", Decimal(90), Decimal(5),
            source="DfE children looked after statistics: care leavers aged 17 to 21"),
    Measure("care_leavers_suitable_accommodation", "Care leavers in suitable accommodation", CARE_LEAVERS, SNAPSHOT,
            "care leavers", "in suitable accommodation", Decimal(90), Decimal(5),
            source="DfE children looked after statistics: care leavers aged 17 to 21"),
    Measure("care_leavers_in_education_employment", "Care leavers in education, employment or training",
            CARE_LEAVERS, SNAPSHOT, "care leavers", "in education, employment or training", Decimal(60), Decimal(5),
            source="DfE children looked after statistics: care leavers aged 17 to 21"),
    Measure("caseload_per_worker", "Average caseload per social worker", LEADERS, SNAPSHOT,
            "social workers with cases", "children allocated", Decimal(18), Decimal(4), lower_is_better=True,
            unit=AVERAGE, source="The council's caseload standard"),
]
MEASURES_BY_KEY = {measure.key: measure for measure in MEASURES}


def value_of(measure: Measure, numerator: int, denominator: int) -> Decimal | None:
    """The figure: a percentage to one decimal place, or an average caseload; None with nothing counted."""
    if not denominator:
        return None
    if measure.unit == PERCENT:
        return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"))
    return (Decimal(numerator) / denominator).quantize(Decimal("0.1"))


def rag(measure: Measure, value: Decimal | None, *, target: Decimal | None = None,
        tolerance: Decimal | None = None) -> str | None:
    """Green on or better than the target; amber within the tolerance of it; red beyond."""
    if value is None:
        return None
    target = measure.target if target is None else target
    tolerance = measure.tolerance if tolerance is None else tolerance
    shortfall = (value - target) if measure.lower_is_better else (target - value)
    if shortfall <= 0:
        return GREEN
    if shortfall <= tolerance:
        return AMBER
    return RED


def format_value(measure: Measure, value: Decimal | None) -> str:
    """"82.5%", "17.3", or "–" when nothing was counted."""
    if value is None:
        return "–"
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    return f"{text}{measure.unit_symbol}"
