"""A plan, its recommendations, the owned and dated actions that answer them, and the progress
reported on each action. History is kept on every change (django-simple-history).

Links to what raised a plan or an action (an inspection, an audit finding, a self-assessment
shortfall) are generic (content type and id), so this app depends on nothing but cases and the
judgement areas: the inspection and judgements apps point at plans, not the other way round.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from .. import rules
from ..rules import Status


class PlanSource(models.TextChoices):
    INSPECTION = "inspection", "Ofsted inspection report"
    FOCUSED_VISIT = "focused_visit", "Ofsted focused visit"
    SAFEGUARDING_BOARD = "safeguarding_board", "Safeguarding board review"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    AUDIT = "audit", "Case audit findings"
    OTHER = "other", "Other"


class ActionPlan(models.Model):
    title = models.CharField(max_length=200)
    source = models.CharField("What the plan responds to", max_length=20, choices=PlanSource.choices)
    published_on = models.DateField(
        "Date the report was published", null=True, blank=True,
        help_text="The plan is due 70 working days after this date (a draft in 20 after areas for priority action).",
    )
    priority_actions = models.BooleanField("The report set areas for priority action", default=False)
    draft_due = models.DateField(null=True, blank=True, editable=False)
    final_due = models.DateField(null=True, blank=True, editable=False)
    submitted_on = models.DateField("Date the plan was sent to Ofsted", null=True, blank=True)
    approved_on = models.DateField("Date the plan was approved", null=True, blank=True)
    approved_by = models.CharField("Approved by", max_length=200, blank=True,
                                   help_text="For example, Cabinet or the Children's Scrutiny Committee.")
    summary = models.TextField(blank=True)
    # What raised the plan, when it is a record in Line of Sight (an inspection, a self-assessment version).
    raised_by_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    raised_by_id = models.PositiveBigIntegerField(null=True, blank=True)
    raised_by = GenericForeignKey("raised_by_type", "raised_by_id")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-created_at", "-pk"]
        indexes = [models.Index(fields=["raised_by_type", "raised_by_id"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.published_on:
            due = rules.due_dates(self.published_on, priority_actions=self.priority_actions)
            self.draft_due, self.final_due = due.draft, due.final
        else:
            self.draft_due = self.final_due = None
        super().save(*args, **kwargs)


class RecommendationKind(models.TextChoices):
    AREA_FOR_IMPROVEMENT = "improvement", "Area for improvement"
    PRIORITY_ACTION = "priority_action", "Area for priority action"
    RECOMMENDATION = "recommendation", "Recommendation"
    FINDING = "finding", "Finding"


class Recommendation(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=RecommendationKind.choices,
                            default=RecommendationKind.AREA_FOR_IMPROVEMENT)
    text = models.TextField("Recommendation")
    area = models.CharField(
        "Judgement area", max_length=30, blank=True,
        help_text="The judgement area's code (judgements/frameworks.py), e.g. help_protection.",
    )
    priority = models.PositiveSmallIntegerField(
        choices=[(1, "High"), (2, "Medium"), (3, "Low")], default=2,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_recommendation_number_per_plan")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class Action(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("Action")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="owned_actions")
    owner_role = models.CharField("Owner's role", max_length=150, blank=True)
    lead_agency = models.CharField("Lead partner agency", max_length=150, blank=True)
    start_date = models.DateField(null=True, blank=True)
    target_date = models.DateField()
    measure_of_success = models.TextField("How we will know it has worked", blank=True)
    evidence_of_impact = models.TextField("Evidence of impact", blank=True)
    status = models.CharField(max_length=15, choices=Status.CHOICES, default=Status.NOT_STARTED, db_index=True)
    completed_on = models.DateField(null=True, blank=True)
    # What raised the action, when it is a record here: an audit finding, a self-assessment shortfall.
    origin_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "target_date", "pk"]
        indexes = [models.Index(fields=["owner", "status", "target_date"]),
                   models.Index(fields=["origin_type", "origin_id"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=Status.COMPLETE) | ~models.Q(evidence_of_impact=""),
                name="complete_actions_have_evidence_of_impact",
                violation_error_message="Describe the evidence of impact before marking the action complete",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def effective_status(self, today) -> str:
        return rules.effective_status(self.status, self.target_date, today)


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    note = models.TextField("Progress")
    status = models.CharField("Status after this update", max_length=15, choices=Status.CHOICES)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y}: {self.note[:60]}"


def evidence_upload_path(evidence: "ProgressEvidence", filename: str) -> str:
    return f"action-evidence/{evidence.token}/{filename}"


class ProgressEvidence(models.Model):
    """A document attached to a progress update (served only through an access-checked view)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=evidence_upload_path)
    name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
