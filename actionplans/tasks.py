"""Celery tasks for action plans. The beat schedule (CELERY_BEAT_SCHEDULE in settings) runs the
reminders at 07:00 each day; run the scheduler with ``celery -A inspection beat``."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from . import reminders


@shared_task(bind=True, acks_late=True, max_retries=3, default_retry_delay=15 * 60)
def send_action_reminders(self, day: str | None = None) -> dict:
    """Email owners of actions overdue or due within 10 working days. ``day`` (ISO date) defaults
    to today in Europe/London. Owners whose email could not be sent are tried again later; those
    already reminded that day are not emailed twice."""
    run = reminders.send_reminders(date.fromisoformat(day) if day else timezone.localdate())
    if run.failed and self.request.retries < self.max_retries and not self.request.is_eager:
        raise self.retry(kwargs={"day": run.day.isoformat()})
    return run.as_dict()
