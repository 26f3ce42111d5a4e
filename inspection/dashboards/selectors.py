"""Reads for the dashboards: the stored figures (inspection/models/dashboards.py), their targets
and trends. A fixed number of queries whatever the number of children: the figures were counted
by the nightly job (services.figures_refresh), not here."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from ..models import FigureSnapshot, FigureTarget
from .measures import MEASURES, MEASURES_BY_KEY, RAG_LABELS, Measure, format_value, rag, value_of

TREND_MONTHS = 12


@dataclass(frozen=True)
class Target:
    value: Decimal
    tolerance: Decimal
    set_by_council: bool  # False: the default from measures.py


@dataclass(frozen=True)
class TrendPoint:
    as_at: date
    numerator: int
    denominator: int
    value: Decimal | None


@dataclass(frozen=True)
class Figure:
    measure: Measure
    as_at: date | None
    numerator: int
    denominator: int
    value: Decimal | None
    target: Target
    rag: str | None
    trend: list[TrendPoint]  # oldest first, ending with as_at

    @property
    def display(self) -> str:
        return format_value(self.measure, self.value)

    @property
    def target_display(self) -> str:
        return format_value(self.measure, self.target.value)

    @property
    def rag_label(self) -> str:
        return RAG_LABELS.get(self.rag, "No figure")

    @property
    def year_ago(self) -> TrendPoint | None:
        """The first point of the trend, when the trend has more than one."""
        return self.trend[0] if len(self.trend) > 1 else None


def snapshot_dates() -> list[date]:
    """The days figures are held for, newest first: one query."""
    return list(FigureSnapshot.objects.filter(team__isnull=True).values_list("as_at", flat=True)
                .distinct().order_by("-as_at"))


def latest_date() -> date | None:
    """The day of the latest figures: one query."""
    return FigureSnapshot.objects.filter(team__isnull=True).order_by("-as_at").values_list("as_at", flat=True).first()


def targets() -> dict[str, Target]:
    """Every measure's target: the council's where set, else the default. One query."""
    chosen = {row.measure: row for row in FigureTarget.objects.all()}
    result = {}
    for measure in MEASURES:
        row = chosen.get(measure.key)
        result[measure.key] = (Target(row.target, row.tolerance, True) if row
                               else Target(measure.target, measure.tolerance, False))
    return result


def dashboard_figures(*, team=None, as_at: date | None = None) -> list[Figure]:
    """Every figure for the council (team None) or one team, as at a day figures are held for
    (default the latest), with the twelve months' trend before it: from the same day a year
    earlier, so the first point is the year-ago comparison. Three queries (two with as_at)."""
    as_at = as_at or latest_date()
    goals = targets()
    rows: dict[str, dict[date, tuple[int, int]]] = {}
    if as_at is not None:
        snapshots = FigureSnapshot.objects.filter(
            as_at__gte=as_at - relativedelta(months=TREND_MONTHS), as_at__lte=as_at,
        )
        snapshots = snapshots.filter(team=team) if team is not None else snapshots.filter(team__isnull=True)
        # Plain values, not model instances: some 160 rows on every dashboard request.
        for key, day, numerator, denominator in snapshots.order_by().values_list(
                "measure", "as_at", "numerator", "denominator"):
            rows.setdefault(key, {})[day] = (numerator, denominator)
    figures = []
    for measure in MEASURES:
        by_date = rows.get(measure.key, {})
        trend = [
            TrendPoint(day, numerator, denominator, value_of(measure, numerator, denominator))
            for day, (numerator, denominator) in sorted(by_date.items())
        ]
        numerator, denominator = by_date.get(as_at, (0, 0))
        value = value_of(measure, numerator, denominator)
        goal = goals[measure.key]
        figures.append(Figure(
            measure=measure, as_at=as_at, numerator=numerator, denominator=denominator, value=value, target=goal,
            rag=rag(measure, value, target=goal.value, tolerance=goal.tolerance), trend=trend,
        ))
    return figures


def figure_for(figures: list[Figure], key: str) -> Figure:
    return next(figure for figure in figures if figure.measure.key == key)


def measure_or_none(key: str) -> Measure | None:
    return MEASURES_BY_KEY.get(key)
