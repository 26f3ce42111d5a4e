"""Inspection app models. This issue brings report jobs; inspections and audits follow."""

import uuid

from django.conf import settings
from django.db import models


# Reports that are not PDFs, by kind.
EXTENSIONS = {"annex_a": "xlsx"}


def report_upload_path(job: "ReportJob", filename: str) -> str:
    return f"reports/{job.created_at:%Y/%m}/{job.token}.{job.extension}"


class ReportJob(models.Model):
    """A PDF requested by a user, rendered by a Celery worker, downloaded from "My reports"."""

    class Kind(models.TextChoices):
        CHILDREN_LIST = "children_list", "List of children"
        ANNEX_A = "annex_a", "Annex A"
        ACTION_PLAN = "action_plan", "Action plan"
        BOARD = "board_report", "Board report"
        READINESS = "readiness", "Readiness report"
        COMMITTEE = "committee", "Committee report"
        ACTION_PLAN_PROGRESS = "action_plan_progress", "Action plan progress"
        AUDIT_FINDINGS = "audit_findings", "Audit findings"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    title = models.CharField(max_length=200)
    parameters = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_jobs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=report_upload_path, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    # What the worker is doing now, in words ("Working out the figures", "Drawing the charts"),
    # shown beside "Running" on My reports.
    stage = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def duration_in_words(self) -> str:
        """How long the last attempt took: "under a second", "12 seconds", "3 minutes"."""
        if not (self.started_at and self.finished_at):
            return ""
        seconds = max(int((self.finished_at - self.started_at).total_seconds()), 0)
        if seconds < 1:
            return "under a second"
        if seconds < 120:
            return f"{seconds} second{'s' if seconds != 1 else ''}"
        return f"{round(seconds / 60)} minutes"

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.kind, "pdf")

    @property
    def download_name(self) -> str:
        return f"{self.kind.replace('_', '-')}-{self.created_at:%Y-%m-%d-%H%M}.{self.extension}"
