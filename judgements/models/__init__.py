"""Judgements: frameworks and their areas, judgement sets, the self-assessment tool, national outcomes."""

from .benchmarks import NationalOutcome
from .frameworks import Framework, JudgementArea
from .self_assessment import Indicator, IndicatorScore, SelfAssessment, SelfAssessmentVersion, Shortfall
from .sets import EvidenceLink, Judgement, JudgementSet, Source

__all__ = [
    "EvidenceLink", "Framework", "Indicator", "IndicatorScore", "Judgement", "JudgementArea", "JudgementSet",
    "NationalOutcome", "SelfAssessment", "SelfAssessmentVersion", "Shortfall", "Source",
]
