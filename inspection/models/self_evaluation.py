"""The council's annual self-evaluation (ILACS): what it knows about the quality and impact of
practice, how it knows, and its plans. Every save is a new version; versions are compared."""

from django.conf import settings
from django.db import models

from .audits import AuditSample


class SelfEvaluation(models.Model):
    title = models.CharField(max_length=200, help_text="For example, Self-evaluation 2026 to 2027")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class SelfEvaluationVersion(models.Model):
    """One saved version. Never changed once saved: the next save makes the next version."""

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    quality_and_impact = models.TextField(
        "What we know about the quality and impact of social work practice",
    )
    how_we_know = models.TextField("How we know it")
    plans = models.TextField("Our plans to maintain or improve practice")
    audit_samples = models.ManyToManyField(AuditSample, blank=True, related_name="self_evaluations",
                                           verbose_name="Audit evidence")
    other_evidence = models.TextField(
        "Other evidence", blank=True, help_text="Reports, figures and documents, one per line, with where to find them.",
    )
    figures = models.JSONField(default=dict, help_text="Key figures from the live records, taken when this version was saved.")
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["self_evaluation", "-number"]
        constraints = [models.UniqueConstraint(fields=["self_evaluation", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.self_evaluation}, version {self.number}"
