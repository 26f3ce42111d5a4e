"""Reads for judgement sets: the list, the grade history by area, one set with its evidence, the
framework in force on a date. Judgement sets are council-wide (no child's record is in them), so
every user allowed to see judgements sees every set."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from ..frameworks import COMPARABLE_AREAS, FRAMEWORKS, Kind
from ..models import Framework, Judgement, JudgementArea, JudgementSet
from ..rules import breaks_rule


def framework_in_force(on: date) -> str | None:
    """The code of the framework Ofsted inspected under on a date, or None before the SIF."""
    for spec in FRAMEWORKS.values():
        starts = date.fromisoformat(spec.in_force_from)
        ends = date.fromisoformat(spec.in_force_to) if spec.in_force_to else None
        if starts <= on and (ends is None or on <= ends):
            return spec.code
    return None


def frameworks() -> list[Framework]:
    """Every framework, the newest first (the order people choose from)."""
    return list(Framework.objects.order_by("-in_force_from"))


def framework_areas(framework: Framework) -> list[JudgementArea]:
    return list(framework.areas.select_related("parent").order_by("order"))


def judgement_sets():
    """Every set, newest first, with its framework, recorder and judgements: a constant number
    of queries however many sets there are."""
    return JudgementSet.objects.select_related("framework", "created_by").prefetch_related(
        Prefetch("judgements", queryset=Judgement.objects.select_related("area__parent").order_by("area__order")),
    )


def judgement_set_detail(*, pk: int) -> JudgementSet:
    """One set with its judgements and their evidence links."""
    return get_object_or_404(judgement_sets().prefetch_related("judgements__links"), pk=pk)


def last_change(judgement_set: JudgementSet):
    """The latest saved version of the set (who saved it and when), from its history."""
    return judgement_set.history.select_related("history_user").order_by("-history_date").first()


def rule_check(judgement_set: JudgementSet) -> str | None:
    """The limiting rule the set's grades break, in words, or None if they follow the rules."""
    grades = judgement_set.grades()
    overall = grades.pop("overall", None)
    return breaks_rule(judgement_set.framework.code, overall, grades)


# --- shaping a framework's areas for display

@dataclass
class AreaRow:
    """One judgement area as shown: graded judgements sit within their key judgement (indented);
    a separate judgement (the SIF LSCB review) is shown apart."""

    area: JudgementArea
    judgement: Judgement | None = None
    cells: list = field(default_factory=list)  # grades across sets, for the history table

    @property
    def within(self) -> bool:
        return self.area.kind == Kind.GRADED

    @property
    def separate(self) -> bool:
        return self.area.kind == Kind.SEPARATE


@dataclass
class AreaRows:
    judged: list[AreaRow]
    separate: list[AreaRow]

    def __iter__(self):
        return iter(self.judged + self.separate)


def _split(rows: list[AreaRow]) -> AreaRows:
    return AreaRows(judged=[row for row in rows if not row.separate], separate=[row for row in rows if row.separate])


def area_rows(judgement_set: JudgementSet) -> AreaRows:
    """The set's judgements in the framework's order (prefetch the judgements and their areas)."""
    judgements = sorted(judgement_set.judgements.all(), key=lambda judgement: judgement.area.order)
    return _split([AreaRow(area=judgement.area, judgement=judgement) for judgement in judgements])


@dataclass
class GradeHistory:
    """One framework's sets in date order (columns) and its areas (rows): the trend across sets."""

    framework: Framework
    sets: list[JudgementSet]
    rows: AreaRows


def grade_history(sets: list[JudgementSet]) -> list[GradeHistory]:
    """A grade history per framework that has sets, the newest framework first. The sets come
    with their judgements prefetched (``judgement_sets()``); the areas take one query."""
    by_framework: dict[int, list[JudgementSet]] = {}
    for judgement_set in sets:
        by_framework.setdefault(judgement_set.framework_id, []).append(judgement_set)
    areas: dict[int, list[JudgementArea]] = {}
    for area in JudgementArea.objects.filter(framework_id__in=by_framework).select_related("parent").order_by("order"):
        areas.setdefault(area.framework_id, []).append(area)
    histories = []
    for framework_sets in by_framework.values():
        columns = sorted(framework_sets, key=lambda judgement_set: (judgement_set.judged_on, judgement_set.pk))
        grades = [judgement_set.grades() for judgement_set in columns]
        rows = [AreaRow(area=area, cells=[set_grades.get(area.code) for set_grades in grades])
                for area in areas.get(columns[0].framework_id, [])]
        histories.append(GradeHistory(framework=columns[0].framework, sets=columns, rows=_split(rows)))
    return sorted(histories, key=lambda history: history.framework.in_force_from, reverse=True)


@dataclass
class TrendRow:
    label: str
    cells: list  # a grade, or None, per set; "n/a" where the set's framework does not judge it


@dataclass
class GradeTrend:
    """Every set in date order, across frameworks, with the areas they share (COMPARABLE_AREAS)."""

    sets: list[JudgementSet]
    rows: list[TrendRow]


NOT_JUDGED = "n/a"


def grade_trend(sets: list[JudgementSet]) -> GradeTrend | None:
    """One grade history across frameworks, when the sets span more than one (sets come with
    their judgements and framework prefetched: no further queries)."""
    if len({judgement_set.framework_id for judgement_set in sets}) < 2:
        return None
    columns = sorted(sets, key=lambda judgement_set: (judgement_set.judged_on, judgement_set.pk))
    grades = [(judgement_set.framework.code, judgement_set.grades()) for judgement_set in columns]
    rows = []
    for label, codes in COMPARABLE_AREAS:
        cells = [set_grades.get(codes[framework]) if framework in codes else NOT_JUDGED
                 for framework, set_grades in grades]
        if any(cell not in (None, NOT_JUDGED) for cell in cells):
            rows.append(TrendRow(label, cells))
    return GradeTrend(sets=columns, rows=rows)
