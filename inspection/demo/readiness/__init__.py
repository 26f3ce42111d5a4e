"""The demo council's inspection history and its readiness work, so that every page of the product
has something to show: inspection records (the last ILACS standard inspection, about two years
and nine months ago, requiring improvement; a focused visit a year ago; the SIF inspection of 2016;
a mock inspection three months ago) with their judgement sets; a self-assessment in two versions
with its proposed grades and shortfalls; the action plan answering the last inspection, and two
smaller plans from the self-assessment's shortfalls and the mock inspection's audit findings; a
self-evaluation in two versions; and a draft committee paper for the scrutiny committee.

Written through the services that officers' forms use (the limiting rules, the 70-working-day due
date, evidence of impact before an action is complete), with the seeded senior manager as the
actor (and each action's owner reporting its progress). Inspection records have no service (their
form saves them), so they are checked with ``full_clean`` and saved with their history user.

Deterministic: the same random stream and ``as_of`` date give the same records; dates are
reckoned from ``as_of``, and the timestamps of saved versions are set to the days they stand for.
A few dozen rows and a constant number of queries however many children there are.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from actionplans.models import Action, ActionPlan, ProgressEvidence, ProgressUpdate, Recommendation
from inspection.models import CommitteeReport, Inspection, SelfEvaluation, SelfEvaluationVersion
from judgements.models import (
    EvidenceLink, IndicatorScore, Judgement, JudgementSet, SelfAssessment, SelfAssessmentVersion, Shortfall,
)

from .committee import clear_committee_papers, seed_committee_paper
from .inspections import History, seed_inspections
from .plans import seed_plans
from .self_assessment import seed_self_assessment, seed_self_evaluation

SENIOR_MANAGER = "senior.manager"


@dataclass
class Readiness:
    history: History | None = None
    self_assessment: SelfAssessment | None = None
    plans: list[ActionPlan] | None = None
    self_evaluation: SelfEvaluation | None = None
    committee_paper: CommitteeReport | None = None


def clear_readiness() -> None:
    """Every inspection record, judgement set, self-assessment, action plan and self-evaluation,
    and their history (for --replace, before the logins that recorded them are deleted)."""
    clear_committee_papers()
    for model in (ProgressEvidence, ProgressUpdate, Action, Recommendation, ActionPlan, Inspection, EvidenceLink,
                  Judgement, JudgementSet, Shortfall, IndicatorScore, SelfAssessmentVersion, SelfAssessment,
                  SelfEvaluationVersion, SelfEvaluation):
        model._base_manager.all().delete()
    for model in (ProgressUpdate, Action, Recommendation, ActionPlan, Inspection, Judgement, JudgementSet):
        model.history.all().delete()


def seed_readiness(*, rng: random.Random, as_of: date) -> Readiness:
    """Seed what is not there yet: the inspections, judgements, self-assessment and action plans
    only when the council has none of them (otherwise all are left alone), and the self-evaluation
    only when there is none. Nothing before ILACS could have been inspected (an ``as_of`` before
    about October 2020) and nothing without the senior manager's login."""
    actor = get_user_model().objects.filter(username=SENIOR_MANAGER).first()
    made = Readiness()
    if actor is None:
        return made
    recorded = (Inspection, JudgementSet, SelfAssessment, ActionPlan)
    if not any(model.objects.exists() for model in recorded):
        made.history = seed_inspections(rng=rng, as_of=as_of, actor=actor)
        if made.history is not None:
            made.self_assessment = seed_self_assessment(rng=rng, as_of=as_of, actor=actor)
            made.plans = seed_plans(rng=rng, as_of=as_of, actor=actor, history=made.history,
                                    self_assessment=made.self_assessment)
    if not SelfEvaluation.objects.exists():
        made.self_evaluation = seed_self_evaluation(as_of=as_of, actor=actor)
    made.committee_paper = seed_committee_paper(as_of=as_of, actor=actor)
    return made
