"""An Annex A workbook uploaded to start from the lists a council already has, and what came of it."""

import uuid

from django.conf import settings
from django.db import models


def annex_a_upload_path(upload: "AnnexAImport", filename: str) -> str:
    return f"annex-a-imports/{upload.token}.xlsx"


class AnnexAImport(models.Model):
    """One upload. The workbook is kept only until it has been imported (or rejected): the
    records then hold what it said, and a second copy of children's details is not kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        # The background service (Redis) was away when the workbook was uploaded: the upload is kept
        # and sent to the worker when the service is back (inspection.tasks.requeue_waiting_reports).
        WAITING = "waiting", "Waiting for the background service"
        RUNNING = "running", "Importing"
        IMPORTED = "imported", "Imported"
        CHECKED = "checked", "Checked, nothing kept"
        REJECTED = "rejected", "Rejected, nothing imported"
        FAILED = "failed", "Failed"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to=annex_a_upload_path, blank=True)
    file_name = models.CharField("Workbook", max_length=255)
    as_at = models.DateField("Lists drawn as at")
    dry_run = models.BooleanField("Check only", default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)  # ImportResult.as_dict()
    errors = models.JSONField(default=list, blank=True)  # the first MAX_ERRORS_KEPT RowError.as_dict()
    error_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)  # why it could not run at all

    MAX_ERRORS_KEPT = 2000

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "Annex A import"

    def __str__(self) -> str:
        return f"{self.file_name} as at {self.as_at:%d/%m/%Y} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.WAITING, self.Status.RUNNING}
