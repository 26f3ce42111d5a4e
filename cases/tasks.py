"""Celery task for the cases app. The beat schedule (CELERY_BEAT_SCHEDULE in settings) works out
what is due for every child and which plans are drifting at 05:30 each day, before the
dashboards' figures and before anyone opens a caseload; run the scheduler with
``celery -A inspection beat``."""

from celery import shared_task

from . import summaries


@shared_task(acks_late=True)
def refresh_case_summaries(team_ids: list[int] | None = None) -> dict:
    """Work out what is due and what is drifting for every child with anything open (or only the
    children of ``team_ids``). Safe to run again: each child's rows are replaced, not added to."""
    return summaries.case_summaries_refresh(team_ids=team_ids).as_dict()
