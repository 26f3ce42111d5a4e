"""Reads for the self-assessment tool. Each read is a fixed number of queries, however many
indicators a framework has (tests hold them to it)."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch
from django.http import Http404
from django.utils import timezone

from ..frameworks import Kind
from ..grades import Grade
from ..models import Framework, Indicator, IndicatorScore, JudgementArea, SelfAssessment, SelfAssessmentVersion, Shortfall


def frameworks() -> list[Framework]:
    return list(Framework.objects.order_by("-in_force_from"))


def framework_in_force(choices: list[Framework]) -> Framework | None:
    """The framework in force today (the newest if none is), for the library's first view."""
    today = timezone.localdate()
    for framework in choices:
        if framework.in_force_from <= today and (framework.in_force_to is None or today <= framework.in_force_to):
            return framework
    return choices[0] if choices else None


def scored_areas(framework: Framework) -> list[JudgementArea]:
    """The areas indicators belong to (every area but overall effectiveness), in order."""
    return list(framework.areas.exclude(kind=Kind.OVERALL).order_by("order"))


def library(framework: Framework) -> list[JudgementArea]:
    """The framework's areas, each with ``.library`` (every indicator, retired ones last) and
    ``.scored_count`` (how many the area's indicators were scored in saved versions)."""
    areas = (
        framework.areas.exclude(kind=Kind.OVERALL).order_by("order")
        .prefetch_related(Prefetch(
            "indicators", to_attr="library",
            queryset=Indicator.objects.annotate(times_scored=Count("scores")).order_by("-active", "order", "pk"),
        ))
    )
    return list(areas)


def self_assessments() -> list[SelfAssessment]:
    return list(
        SelfAssessment.objects.select_related("framework", "created_by")
        .annotate(latest_number=Max("versions__number"), latest_saved_at=Max("versions__saved_at"))
    )


def self_assessment_get(pk: int) -> SelfAssessment:
    try:
        return SelfAssessment.objects.select_related("framework").get(pk=pk)
    except SelfAssessment.DoesNotExist:
        raise Http404("No such self-assessment.") from None


def versions(self_assessment: SelfAssessment) -> list[SelfAssessmentVersion]:
    """Newest first."""
    return list(self_assessment.versions.select_related("saved_by").order_by("-number"))


@dataclass
class AreaView:
    area: JudgementArea
    proposal: dict | None
    scores: list[IndicatorScore] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)

    @property
    def scored(self) -> int:
        return sum(1 for score in self.scores if score.grade is not None)


def version_by_area(self_assessment: SelfAssessment, version: SelfAssessmentVersion) -> list[AreaView]:
    """The version's proposed grade, scores and shortfalls, area by area (three queries)."""
    views = {area.pk: AreaView(area, version.proposed.get(area.code)) for area in scored_areas(self_assessment.framework)}
    for score in version.scores.select_related("indicator"):
        views[score.indicator.area_id].scores.append(score)
    for shortfall in version.shortfalls.select_related("indicator"):
        views[shortfall.area_id].shortfalls.append(shortfall)
    return [view for view in views.values() if view.scores]


def unscored_since(self_assessment: SelfAssessment, version: SelfAssessmentVersion) -> int:
    """Active indicators added to the library after this version was saved (not yet scored)."""
    return (
        Indicator.objects.filter(area__framework_id=self_assessment.framework_id, active=True)
        .exclude(scores__version=version).count()
    )


@dataclass
class ScoringSheet:
    areas: list[tuple[JudgementArea, list[Indicator]]]  # every active indicator, area by area
    latest: dict[int, IndicatorScore]  # the latest version's scores by indicator, to start from
    next_number: int

    @property
    def indicator_count(self) -> int:
        return sum(len(indicators) for _area, indicators in self.areas)


def scoring_sheet(self_assessment: SelfAssessment) -> ScoringSheet:
    """What the scoring form shows (four queries)."""
    areas = (
        self_assessment.framework.areas.exclude(kind=Kind.OVERALL).order_by("order")
        .prefetch_related(Prefetch("indicators", to_attr="active_indicators",
                                   queryset=Indicator.objects.filter(active=True).order_by("order", "pk")))
    )
    latest_number = self_assessment.versions.aggregate(latest=Max("number"))["latest"] or 0
    latest = IndicatorScore.objects.filter(version__self_assessment=self_assessment, version__number=latest_number)
    return ScoringSheet(
        areas=[(area, area.active_indicators) for area in areas if area.active_indicators],
        latest={score.indicator_id: score for score in latest}, next_number=latest_number + 1,
    )


# --- comparing two versions

@dataclass
class ScoreChange:
    indicator: Indicator
    old: IndicatorScore | None
    new: IndicatorScore | None

    @property
    def old_grade(self) -> int | None:
        return self.old.grade if self.old else None

    @property
    def new_grade(self) -> int | None:
        return self.new.grade if self.new else None

    @property
    def pair(self) -> tuple[IndicatorScore | None, IndicatorScore | None]:
        return self.old, self.new

    @property
    def evidence_changed(self) -> bool:
        return (self.old.evidence if self.old else "").strip() != (self.new.evidence if self.new else "").strip()

    @property
    def confidence_changed(self) -> bool:
        return bool(self.old and self.new and self.old.grade is not None and self.new.grade is not None
                    and self.old.confidence != self.new.confidence)

    @property
    def changes(self) -> list[tuple[str, str]]:
        """What changed, as (kind, words): colour is never the only sign."""
        changes = describe_change(self.old_grade, self.new_grade, in_old=self.old is not None, in_new=self.new is not None)
        if self.confidence_changed:
            changes.append(("changed", f"Confidence {self.old.confidence} to {self.new.confidence}"))
        if self.evidence_changed:
            changes.append(("changed", "Evidence changed"))
        return changes

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def describe_change(old: int | None, new: int | None, *, in_old: bool = True, in_new: bool = True) -> list[tuple[str, str]]:
    """A grade's change as (kind, words): grades run from 1 (outstanding) to 4 (inadequate), so a
    lower number is better."""
    if not in_old:
        return [("changed", "Not in the earlier version")]
    if not in_new:
        return [("changed", "Not in the later version")]
    if old == new:
        return []
    if old is None:
        return [("changed", f"Newly scored: {Grade(new).label.lower()}")]
    if new is None:
        return [("changed", "Score removed")]
    words = f"{Grade(old).label.lower()} to {Grade(new).label.lower()}"
    return [("better", f"Better: {words}")] if new < old else [("worse", f"Worse: {words}")]


@dataclass
class AreaChange:
    area: JudgementArea
    old: dict | None
    new: dict | None
    rows: list[ScoreChange]

    @property
    def proposal_change(self) -> list[tuple[str, str]]:
        old_grade = (self.old or {}).get("grade")
        new_grade = (self.new or {}).get("grade")
        return describe_change(old_grade, new_grade, in_old=self.old is not None, in_new=self.new is not None)

    @property
    def changed_rows(self) -> int:
        return sum(1 for row in self.rows if row.changed)


def version_pair(self_assessment: SelfAssessment, old_number, new_number) -> tuple[SelfAssessmentVersion, SelfAssessmentVersion]:
    try:
        wanted = {int(old_number), int(new_number)}
    except (TypeError, ValueError):
        raise Http404("Choose two versions that exist.") from None
    found = {version.number: version for version in self_assessment.versions.select_related("saved_by").filter(number__in=wanted)}
    if set(found) != wanted:
        raise Http404("Choose two versions that exist.")
    return found[int(old_number)], found[int(new_number)]


def compare(self_assessment: SelfAssessment, old: SelfAssessmentVersion, new: SelfAssessmentVersion) -> list[AreaChange]:
    """Two versions side by side, area by area (two queries)."""
    scores: dict[int, dict[int, IndicatorScore]] = {old.pk: {}, new.pk: {}}
    indicators: dict[int, Indicator] = {}
    for score in IndicatorScore.objects.filter(version__in=[old, new]).select_related("indicator"):
        scores[score.version_id][score.indicator_id] = score
        indicators[score.indicator_id] = score.indicator
    areas = []
    for area in scored_areas(self_assessment.framework):
        in_area = sorted((indicator for indicator in indicators.values() if indicator.area_id == area.pk),
                         key=lambda indicator: (indicator.order, indicator.pk))
        rows = [ScoreChange(indicator, scores[old.pk].get(indicator.pk), scores[new.pk].get(indicator.pk)) for indicator in in_area]
        if rows or area.code in old.proposed or area.code in new.proposed:
            areas.append(AreaChange(area, old.proposed.get(area.code), new.proposed.get(area.code), rows))
    return areas
