"""Celery task for the dashboards. The beat schedule (CELERY_BEAT_SCHEDULE in settings) works out
the figures at 06:00 each day, before anyone opens a dashboard; run the scheduler with
``celery -A inspection beat``."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def refresh_dashboard_figures() -> dict:
    """Work out today's figures (Europe/London) and those of any of the last twelve month ends not
    yet kept, for the managers' and members' dashboards. Safe to run again: each date's figures
    are replaced, not added to."""
    return services.figures_refresh().as_dict()
