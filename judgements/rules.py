"""The limiting rules between judgements, and the grade a self-assessment proposes: pure
functions, no database. Forms, services, imports and reports all call these.

Limiting rules (SIF framework and evaluation schedule; ILACS framework):
* Inadequate in any key judgement makes overall effectiveness inadequate.
* Graded judgements (SIF adoption performance, care leavers) inform their key judgement but do
  not limit overall effectiveness on their own.
* Requires improvement in a key judgement does not cap overall effectiveness: a council can be
  good overall with one key judgement requiring improvement (Blackburn with Darwen, SIF 2017).
* A separate judgement (the SIF LSCB review) plays no part.
* ILACS 2026 makes no overall effectiveness judgement.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .frameworks import FRAMEWORKS, Kind
from .grades import Grade


def _label(grade: int) -> str:
    return Grade(grade).label.lower()


def check_overall(framework_code: str, overall: int | None, grades: Mapping[str, int | None]) -> None:
    """Raise ValidationError, in plain English, if ``overall`` breaks a limiting rule of the
    framework given the area ``grades`` (area code -> grade, blank for not yet graded)."""
    try:
        framework = FRAMEWORKS[framework_code]
    except KeyError:
        raise ValidationError(f"There is no inspection framework {framework_code!r}.", code="unknown_framework") from None
    for code, grade in grades.items():
        try:
            area = framework.area(code)
        except KeyError:
            raise ValidationError(f"{framework.short_name} has no judgement “{code}”.", code="unknown_area") from None
        if grade is not None and grade not in Grade.values:
            raise ValidationError(f"{grade!r} is not a grade for {area.name.lower()}.", code="unknown_grade")
    if overall is None:
        return
    if not framework.has_overall:
        raise ValidationError(f"{framework.short_name} makes no overall effectiveness judgement: leave it blank.",
                              code="no_overall")
    if overall not in Grade.values:
        raise ValidationError(f"{overall!r} is not a grade for overall effectiveness.", code="unknown_grade")
    inadequate = [framework.area(code).name for code in framework.codes(Kind.KEY)
                  if grades.get(code) == Grade.INADEQUATE]
    if inadequate and overall != Grade.INADEQUATE:
        raise ValidationError(
            f"Overall effectiveness must be inadequate when a key judgement is inadequate "
            f"(“{inadequate[0]}” is inadequate), not {_label(overall)}.",
            code="key_judgement_inadequate",
        )


def breaks_rule(framework_code: str, overall: int | None, grades: Mapping[str, int | None]) -> str | None:
    """The rule a set of grades breaks, in words, or None."""
    try:
        check_overall(framework_code, overall, grades)
    except ValidationError as error:
        return error.messages[0]
    return None


# --- the self-assessment tool

class Confidence:
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    CHOICES = [(HIGH, "High: strong, recent evidence"), (MEDIUM, "Medium: some evidence"),
               (LOW, "Low: little evidence yet")]


@dataclass(frozen=True)
class Score:
    """One indicator of good, scored on the four-point scale: 1 we exceed it (outstanding),
    2 we meet it (good), 3 we partly meet it (requires improvement), 4 we do not meet it and
    children may be at risk (inadequate)."""

    grade: int
    confidence: str = Confidence.MEDIUM


@dataclass(frozen=True)
class Proposal:
    grade: int | None
    confidence: str | None
    reason: str


GOOD_SHARE = 0.8  # at least this share of indicators met for "good"
INADEQUATE_SHARE = 0.25  # more than this share not met makes "inadequate"


def propose_grade(scores: Sequence[Score]) -> Proposal:
    """The grade an area's scored indicators point to, with the rule that decided it:

    * inadequate: any indicator not met with high confidence, or more than a quarter not met;
    * outstanding: every indicator met and at least half exceeded;
    * good: at least four in five met and none not met;
    * requires improvement: otherwise.

    Confidence is the lowest that a third or more of the scores share (so one low-confidence
    score does not make the whole area low)."""
    if not scores:
        return Proposal(None, None, "No indicators scored yet.")
    total = len(scores)
    met = sum(1 for score in scores if score.grade <= Grade.GOOD)
    exceeded = sum(1 for score in scores if score.grade == Grade.OUTSTANDING)
    not_met = [score for score in scores if score.grade == Grade.INADEQUATE]
    confidence = _confidence(scores)
    if any(score.confidence == Confidence.HIGH for score in not_met):
        return Proposal(Grade.INADEQUATE, confidence, "An indicator is not met, with high confidence in the evidence.")
    if len(not_met) > total * INADEQUATE_SHARE:
        return Proposal(Grade.INADEQUATE, confidence,
                        f"{_of(len(not_met), total)} {_be(len(not_met))} not met (more than a quarter).")
    if met == total and exceeded * 2 >= total:
        return Proposal(Grade.OUTSTANDING, confidence,
                        f"Every indicator is met and {exceeded} of {total} {_be(exceeded)} exceeded.")
    if met >= total * GOOD_SHARE and not not_met:
        return Proposal(Grade.GOOD, confidence, f"{_of(met, total)} {_be(met)} met and none is not met.")
    reason = f"{_of(met, total)} {_be(met)} met"
    reason += f" and {len(not_met)} not met." if not_met else " (fewer than four in five)."
    return Proposal(Grade.REQUIRES_IMPROVEMENT, confidence, reason)


def _of(count: int, total: int) -> str:
    return f"{count} of {total} indicator{'' if total == 1 else 's'}"


def _be(count: int) -> str:
    return "is" if count == 1 else "are"


def _confidence(scores: Sequence[Score]) -> str:
    for level in (Confidence.LOW, Confidence.MEDIUM):
        if sum(1 for score in scores if score.confidence == level) * 3 >= len(scores):
            return level
    return Confidence.HIGH


def is_shortfall(grade: int | None) -> bool:
    """An indicator scored requires improvement or inadequate: a finding for the action plan."""
    return grade is not None and grade >= Grade.REQUIRES_IMPROVEMENT
