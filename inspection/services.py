"""Writes for the inspection app: report jobs from request to file."""

import logging
import traceback

from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from cases import services as case_services
from cases.models import AccessLogEntry

from .models import ReportJob
from .reports import REPORTS, ReportError

logger = logging.getLogger(__name__)


def report_job_request(*, actor, kind: str, parameters: dict) -> ReportJob:
    """Record a report request and hand it to the worker once the request commits."""
    report = REPORTS[kind]
    report.check_permission(actor)
    with transaction.atomic():
        job = ReportJob.objects.create(
            kind=kind, title=report.title_for(parameters), parameters=parameters, requested_by=actor
        )
        if report.is_export:
            case_services.access_log_record(
                actor=actor, action=AccessLogEntry.Action.EXPORTED, detail=f"Requested {job.title} (report {job.pk})"
            )
        transaction.on_commit(lambda: report_job_send(job_pk=job.pk))
    return job


# Shown on My reports beside a job that could not be handed to the worker because the report service
# (Redis) was away; requeue_waiting_reports sends such jobs again once it is back.
WAITING_FOR_REPORT_SERVICE = "Waiting for the report service to come back; it will start then"
# One quick second try, so a page never waits more than a moment on an unreachable report service.
SEND_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}


def send_to_worker(task, *args, what: str) -> bool:
    """Hand ``task`` to the worker through the report service (Redis), asking it only briefly. If it
    cannot be reached, say so in the log and return False: the caller keeps the work waiting, to be
    sent again when the service is back (requeue_waiting_reports), and the person asking still gets
    their page. ``what`` names the work in the log ("Report job 12")."""
    from kombu.exceptions import OperationalError as ReportServiceUnavailable

    try:
        task.apply_async(args, retry=True, retry_policy=SEND_RETRY_POLICY)
    except (ReportServiceUnavailable, ConnectionError, TimeoutError) as error:
        logger.warning("%s could not be sent to the report service; it will wait for it: %s", what, error)
        return False
    return True


def report_job_send(*, job_pk: int) -> bool:
    """Hand a queued job to the worker. If the report service cannot be reached the job stays queued,
    marked as waiting, and the person asking still gets their page: the job is sent again when the
    service is back (requeue_waiting_reports). Returns whether the job was sent."""
    from .tasks import render_report

    if send_to_worker(render_report, job_pk, what=f"Report job {job_pk}"):
        return True
    ReportJob.objects.filter(pk=job_pk, status=ReportJob.Status.QUEUED).update(stage=WAITING_FOR_REPORT_SERVICE)
    return False


def report_jobs_resend_waiting() -> int:
    """Send again every job left waiting for the report service; returns how many were sent. Each job
    is claimed (its waiting note cleared) before it is sent, so two runs at once never send it twice;
    one that still cannot be sent is marked as waiting again."""
    waiting = ReportJob.objects.filter(status=ReportJob.Status.QUEUED, stage=WAITING_FOR_REPORT_SERVICE)
    sent = 0
    for job_pk in waiting.values_list("pk", flat=True):
        if not waiting.filter(pk=job_pk).update(stage=""):
            continue  # another run took it
        sent += report_job_send(job_pk=job_pk)
    return sent


class TransientReportFailure(Exception):
    """A failure worth trying again (the database or the file store briefly unavailable). The task
    retries; the job waits as queued, saying so."""


# Failures that go away on their own: a dropped database connection, a full or unavailable disk.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_ATTEMPTS = 3


def report_job_run(*, job_pk: int, final_attempt: bool = True) -> str:
    """Render one job's file, reporting each stage on the job as it goes. Safe to run again: a job
    already ready is left alone, and one left "running" by a worker that died is started afresh.

    A transient failure raises TransientReportFailure unless this is the final attempt, leaving
    the job queued for the retry; any other failure marks the job failed with the reason."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().select_related("requested_by").get(pk=job_pk)
        if job.status == ReportJob.Status.READY:
            return job.status
        job.status = ReportJob.Status.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        job.error = ""
        job.stage = "Starting"
        job.save(update_fields=["status", "started_at", "attempts", "error", "stage"])
    report = REPORTS[job.kind]

    def progress(stage: str) -> None:
        ReportJob.objects.filter(pk=job.pk).update(stage=stage[:100])

    try:
        report.check_permission(job.requested_by)
        rendered = report.render(job, progress)
        progress("Saving the file")
        job.file.save(job.download_name, ContentFile(rendered.content), save=False)
    except ReportError as error:
        return _fail(job, str(error))
    except TRANSIENT_ERRORS as error:
        if not final_attempt:
            logger.warning("Report job %s hit a transient failure; it will be tried again: %s", job.pk, error)
            ReportJob.objects.filter(pk=job.pk).update(
                status=ReportJob.Status.QUEUED,
                stage=f"Waiting to try again after a temporary fault (attempt {job.attempts} of {MAX_ATTEMPTS})",
            )
            raise TransientReportFailure(str(error)) from error
        logger.exception("Report job %s failed on its final attempt", job.pk)
        return _fail(job, f"The report could not be produced after {job.attempts} attempts "
                          f"({error.__class__.__name__}: {error}). Ask for it again later.")
    except Exception as error:  # noqa: BLE001 - any failure must reach the user, not leave a job "running"
        logger.exception("Report job %s failed", job.pk)
        return _fail(job, f"The report could not be produced ({error.__class__.__name__}: {error}).")
    job.page_count = rendered.page_count
    job.status = ReportJob.Status.READY
    job.finished_at = timezone.now()
    job.stage = ""
    job.save(update_fields=["file", "page_count", "status", "finished_at", "stage"])
    return job.status


def _fail(job: ReportJob, reason: str) -> str:
    job.status = ReportJob.Status.FAILED
    job.error = reason
    job.finished_at = timezone.now()
    job.stage = ""
    job.save(update_fields=["status", "error", "finished_at", "stage"])
    logger.debug("Report job %s failed: %s", job.pk, traceback.format_exc())
    return job.status


def report_job_downloaded(*, actor, job: ReportJob) -> None:
    if REPORTS[job.kind].is_export:
        case_services.access_log_record(
            actor=actor, action=AccessLogEntry.Action.DOWNLOADED, detail=f"Downloaded {job.title} (report {job.pk})"
        )
