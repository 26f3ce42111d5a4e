"""Writes for the self-assessment tool: start a self-assessment, save a scored version (with the
grades it proposes and its shortfalls, all or nothing), and keep the library of indicators.

A saved version is never changed: later edits to the library or the rules do not rewrite it. So
re-wording an indicator that a saved version scored retires it and adds the new wording in its
place; the earlier versions keep the words they were scored against."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from ..frameworks import Kind
from ..models import Framework, Indicator, IndicatorScore, JudgementArea, SelfAssessment, SelfAssessmentVersion, Shortfall
from ..rules import Confidence, Score, is_shortfall, propose_grade


@dataclass(frozen=True)
class ScoreInput:
    """One indicator as scored on the form: grade 1 to 4 or None (not scored)."""

    grade: int | None
    confidence: str = Confidence.MEDIUM
    evidence: str = ""


@transaction.atomic
def self_assessment_start(*, actor, framework: Framework, title: str) -> SelfAssessment:
    return SelfAssessment.objects.create(framework=framework, title=title, created_by=actor)


@transaction.atomic
def version_save(*, actor, self_assessment: SelfAssessment, scores: dict[int, ScoreInput], note: str = "") -> SelfAssessmentVersion:
    """Save the next version: one score row for every active indicator of the framework (blank
    where not scored), the grade each area's scores propose, and a shortfall for every indicator
    scored 3 or 4. Everything is written in one transaction, so an error leaves nothing behind."""
    # Lock the self-assessment so two people saving at once get consecutive numbers, not a clash.
    SelfAssessment.objects.select_for_update().get(pk=self_assessment.pk)
    indicators = list(
        Indicator.objects.filter(area__framework_id=self_assessment.framework_id, active=True).select_related("area")
    )
    if not indicators:
        raise ValidationError("This framework has no active indicators of good to score: add some first.")
    known = {indicator.pk for indicator in indicators}
    unknown = set(scores) - known
    if unknown:
        raise ValidationError("Some indicators scored are not active indicators of this framework; reload the page and score again.")
    for indicator_pk, given in scores.items():
        if given.grade is not None and given.grade not in (1, 2, 3, 4):
            raise ValidationError(f"{given.grade!r} is not a score.")
        if given.confidence not in {value for value, _ in Confidence.CHOICES}:
            raise ValidationError(f"{given.confidence!r} is not a level of confidence.")
    latest = self_assessment.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = SelfAssessmentVersion.objects.create(
        self_assessment=self_assessment, number=latest + 1, note=note, saved_by=actor,
        proposed=proposals(indicators, scores),
    )
    rows, shortfalls = [], []
    for indicator in indicators:
        given = scores.get(indicator.pk, ScoreInput(None))
        rows.append(IndicatorScore(version=version, indicator=indicator, grade=given.grade, evidence=given.evidence,
                                   confidence=given.confidence))
        if is_shortfall(given.grade):
            shortfalls.append(Shortfall(version=version, area=indicator.area, indicator=indicator, grade=given.grade,
                                        evidence=given.evidence))
    IndicatorScore.objects.bulk_create(rows)
    Shortfall.objects.bulk_create(shortfalls)
    return version


def proposals(indicators: list[Indicator], scores: dict[int, ScoreInput]) -> dict[str, dict]:
    """Area code -> the grade its scored indicators propose (judgements.rules.propose_grade), for
    every area with an active indicator, in the framework's order."""
    by_area: dict[str, list[Score]] = {}
    for indicator in sorted(indicators, key=lambda indicator: (indicator.area.order, indicator.order, indicator.pk)):
        area_scores = by_area.setdefault(indicator.area.code, [])
        given = scores.get(indicator.pk)
        if given is not None and given.grade is not None:
            area_scores.append(Score(given.grade, given.confidence))
    proposed = {}
    for code, area_scores in by_area.items():
        proposal = propose_grade(area_scores)
        proposed[code] = {"grade": None if proposal.grade is None else int(proposal.grade),
                          "confidence": proposal.confidence, "reason": proposal.reason}
    return proposed


# --- the library of indicators

@transaction.atomic
def indicator_create(*, actor, area: JudgementArea, text: str, source: str = "", order: int | None = None) -> Indicator:
    if area.kind == Kind.OVERALL:
        raise ValidationError("Overall effectiveness comes from the other judgements: add indicators to those.")
    if order is None:
        order = (area.indicators.aggregate(last=Max("order"))["last"] or 0) + 1
    return Indicator.objects.create(area=area, text=text, source=source, order=order)


@dataclass(frozen=True)
class Edited:
    indicator: Indicator
    replaced: bool  # the wording changed on an indicator already scored: the old one was retired


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, text: str, source: str, order: int) -> Edited:
    """Change an indicator's wording, source or order. New wording for an indicator a saved version
    has scored is added as a new indicator in its place, and the old one retired, so saved
    versions still read as they were scored."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if text != indicator.text and indicator.scores.exists():
        was_active = indicator.active
        indicator.active = False
        indicator.save(update_fields=["active"])
        replacement = Indicator.objects.create(area=indicator.area, text=text, source=source, order=order, active=was_active)
        return Edited(replacement, replaced=True)
    indicator.text, indicator.source, indicator.order = text, source, order
    indicator.save(update_fields=["text", "source", "order"])
    return Edited(indicator, replaced=False)


@transaction.atomic
def indicator_set_active(*, actor, indicator: Indicator, active: bool) -> Indicator:
    """Retire an indicator (earlier versions keep it; new versions do not score it) or restore it."""
    indicator.active = active
    indicator.save(update_fields=["active"])
    return indicator
