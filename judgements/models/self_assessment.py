"""The self-assessment tool (seed 004): an editable library of indicators of good per area; a
self-assessment scored indicator by indicator, kept as versions; shortfalls for the action plan."""

from django.conf import settings
from django.db import models

from ..grades import Grade
from ..rules import Confidence
from .frameworks import Framework, JudgementArea


class Indicator(models.Model):
    """An indicator of good practice in one judgement area, worded by the council."""

    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="indicators")
    text = models.TextField("Indicator")
    source = models.CharField(max_length=200, blank=True, help_text="Where it comes from, for example Ofsted's evaluation criteria.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Retired indicators stay in earlier versions but are not scored again.")

    class Meta:
        ordering = ["area__framework", "area__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class SelfAssessment(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="self_assessments")
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class SelfAssessmentVersion(models.Model):
    """The self-assessment as saved at one time: every indicator's score, and the grade proposed
    for each area (kept as saved, so later rule or library changes do not rewrite history)."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.CharField("What changed", max_length=300, blank=True)
    proposed = models.JSONField(default=dict, blank=True)  # area code -> {"grade", "confidence", "reason"}
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["self_assessment", "-number"]
        constraints = [models.UniqueConstraint(fields=["self_assessment", "number"], name="one_version_number_each")]

    def __str__(self) -> str:
        return f"{self.self_assessment}, version {self.number}"


class IndicatorScore(models.Model):
    version = models.ForeignKey(SelfAssessmentVersion, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    grade = models.PositiveSmallIntegerField("Score", choices=Grade.choices, null=True, blank=True)
    evidence = models.TextField(blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.CHOICES, default=Confidence.MEDIUM)

    class Meta:
        ordering = ["indicator__area__order", "indicator__order", "indicator__pk"]
        constraints = [models.UniqueConstraint(fields=["version", "indicator"], name="one_score_per_indicator")]


class Shortfall(models.Model):
    """An indicator scored requires improvement or inadequate in a saved version: a finding for
    the action plan (taken up by the action plans app)."""

    version = models.ForeignKey(SelfAssessmentVersion, on_delete=models.CASCADE, related_name="shortfalls")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "area__order", "indicator__order"]

    def __str__(self) -> str:
        return f"{self.area}: {self.indicator}"
