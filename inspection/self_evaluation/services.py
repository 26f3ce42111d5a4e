"""Writes for the self-evaluation: every save is a new, numbered version with a snapshot of the
key figures at that moment."""

from django.db import transaction
from django.db.models import Max

from ..models import SelfEvaluation, SelfEvaluationVersion
from . import selectors

TEXT_FIELDS = ("quality_and_impact", "how_we_know", "plans", "other_evidence")


@transaction.atomic
def self_evaluation_start(*, actor, title: str) -> SelfEvaluation:
    return SelfEvaluation.objects.create(title=title, created_by=actor)


@transaction.atomic
def version_save(*, actor, self_evaluation: SelfEvaluation, texts: dict[str, str], audit_samples) -> SelfEvaluationVersion:
    # Lock the parent so two people saving at once get consecutive numbers, not a clash.
    SelfEvaluation.objects.select_for_update().get(pk=self_evaluation.pk)
    latest = self_evaluation.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = SelfEvaluationVersion.objects.create(
        self_evaluation=self_evaluation, number=latest + 1, saved_by=actor, figures=selectors.key_figures(),
        **{name: texts.get(name, "") for name in TEXT_FIELDS},
    )
    version.audit_samples.set(audit_samples)
    return version
