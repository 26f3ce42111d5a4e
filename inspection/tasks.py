"""Celery tasks. Each takes a primary key and is enqueued with transaction.on_commit."""

from celery import shared_task

from . import services


@shared_task(bind=True, acks_late=True, max_retries=2, default_retry_delay=10)
def render_report(self, job_pk: int) -> str:
    return services.report_job_run(job_pk=job_pk)


@shared_task(bind=True, acks_late=True)
def run_annex_a_import(self, upload_pk: int) -> str:
    from .annex_a_imports.services import annex_a_import_run

    return annex_a_import_run(upload_pk=upload_pk)
