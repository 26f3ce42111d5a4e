"""Celery tasks. Each takes a primary key and is enqueued with transaction.on_commit."""

from celery import shared_task
from celery.signals import worker_ready

from . import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=services.MAX_ATTEMPTS - 1,
             default_retry_delay=10)
def render_report(self, job_pk: int) -> str:
    """Render a report job. A transient fault (the database or file store briefly away) is retried
    twice, 10 and 20 seconds later; a worker killed mid-render hands the job back to the queue."""
    try:
        return services.report_job_run(job_pk=job_pk, final_attempt=self.request.retries >= self.max_retries)
    except services.TransientReportFailure as failure:
        raise self.retry(exc=failure, countdown=10 * (self.request.retries + 1)) from failure


@shared_task
def requeue_waiting_reports() -> int:
    """Send again the report jobs asked for, and the Annex A workbooks uploaded, while the report
    service (Redis) was away; returns how many were sent. Beat runs it every minute, and each worker
    runs it as it starts, so waiting work starts soon after Redis is back."""
    from .annex_a_imports.services import annex_a_imports_resend_waiting

    return services.report_jobs_resend_waiting() + annex_a_imports_resend_waiting()


@worker_ready.connect
def _requeue_waiting_reports_on_start(sender=None, **kwargs):
    requeue_waiting_reports.delay()


@shared_task(bind=True, acks_late=True)
def run_annex_a_import(self, upload_pk: int) -> str:
    from .annex_a_imports.services import annex_a_import_run

    return annex_a_import_run(upload_pk=upload_pk)


# Tasks kept beside their feature, imported here so the worker (which loads inspection.tasks) knows them.
from .dashboards.tasks import refresh_dashboard_figures  # noqa: E402,F401
