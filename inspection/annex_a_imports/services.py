"""Writes for Annex A imports: an upload recorded and queued, then run by the worker."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..annex_a.importing import import_annex_a
from ..models import AnnexAImport

logger = logging.getLogger(__name__)
PERMISSION = "inspection.add_annexaimport"


def annex_a_import_request(*, actor, workbook, as_at, dry_run: bool) -> AnnexAImport:
    """Keep the uploaded workbook and hand it to the worker once the request commits (or, with the
    background service away, keep it waiting for the service)."""
    if not actor.has_perm(PERMISSION):
        raise PermissionDenied
    with transaction.atomic():
        upload = AnnexAImport(uploaded_by=actor, file_name=workbook.name[:255], as_at=as_at, dry_run=dry_run)
        upload.file.save(f"{upload.token}.xlsx", workbook, save=False)
        upload.save()
        transaction.on_commit(lambda: annex_a_import_send(upload_pk=upload.pk))
    return upload


def annex_a_import_send(*, upload_pk: int) -> bool:
    """Hand a queued upload to the worker. If the background service (Redis) cannot be reached, the
    upload is marked as waiting for it, and the person who uploaded it still gets their page: it is
    sent again when the service is back (annex_a_imports_resend_waiting, run with the report jobs'
    by inspection.tasks.requeue_waiting_reports). Returns whether it was sent."""
    from ..services import send_to_worker
    from ..tasks import run_annex_a_import

    if send_to_worker(run_annex_a_import, upload_pk, what=f"Annex A import {upload_pk}"):
        return True
    AnnexAImport.objects.filter(pk=upload_pk, status=AnnexAImport.Status.QUEUED).update(
        status=AnnexAImport.Status.WAITING)
    return False


def annex_a_imports_resend_waiting() -> int:
    """Send again every upload left waiting for the background service; returns how many were sent.
    Each is claimed (put back to queued) before it is sent, so two runs at once never send it twice;
    one that still cannot be sent is marked as waiting again."""
    waiting = AnnexAImport.objects.filter(status=AnnexAImport.Status.WAITING)
    sent = 0
    for upload_pk in waiting.values_list("pk", flat=True):
        if not waiting.filter(pk=upload_pk).update(status=AnnexAImport.Status.QUEUED):
            continue  # another run took it
        sent += annex_a_import_send(upload_pk=upload_pk)
    return sent


def annex_a_import_run(*, upload_pk: int) -> str:
    """Import one uploaded workbook. Safe to run again: a finished upload is left alone. The
    workbook file is deleted when the run ends, whatever the outcome."""
    with transaction.atomic():
        upload = AnnexAImport.objects.select_for_update().select_related("uploaded_by").get(pk=upload_pk)
        if not upload.is_pending or not upload.file:
            return upload.status
        upload.status = AnnexAImport.Status.RUNNING
        upload.started_at = timezone.now()
        upload.save(update_fields=["status", "started_at"])
    try:
        if not upload.uploaded_by.has_perm(PERMISSION):
            raise PermissionDenied("The person who uploaded this workbook may no longer import Annex A.")
        with upload.file.open("rb") as workbook:
            result = import_annex_a(workbook, as_at=upload.as_at, user=upload.uploaded_by, dry_run=upload.dry_run)
    except Exception as error:  # noqa: BLE001 - any failure must reach the user, not leave an upload "importing"
        logger.exception("Annex A import %s failed", upload.pk)
        upload.status = AnnexAImport.Status.FAILED
        upload.failure = f"The workbook could not be imported ({error.__class__.__name__}: {error})."
    else:
        upload.summary = result.as_dict()
        upload.error_count = len(result.errors)
        upload.errors = [error.as_dict() for error in result.errors[:AnnexAImport.MAX_ERRORS_KEPT]]
        if not result.ok:
            upload.status = AnnexAImport.Status.REJECTED
        elif upload.dry_run:
            upload.status = AnnexAImport.Status.CHECKED
        else:
            upload.status = AnnexAImport.Status.IMPORTED
    upload.finished_at = timezone.now()
    upload.file.delete(save=False)
    upload.save()
    return upload.status
