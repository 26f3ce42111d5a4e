"""Celery tasks for the cases app. The beat schedule (CELERY_BEAT_SCHEDULE in settings) works out
what is due for every child and which plans are drifting at 05:30 each day, before the
dashboards' figures and before anyone opens a caseload, and checks the access log's chain at
02:30; run the scheduler with ``celery -A inspection beat``."""

import logging

from celery import shared_task

from . import summaries
from .selectors import access_log_verify

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def refresh_case_summaries(team_ids: list[int] | None = None) -> dict:
    """Work out what is due and what is drifting for every child with anything open (or only the
    children of ``team_ids``). Safe to run again: each child's rows are replaced, not added to."""
    return summaries.case_summaries_refresh(team_ids=team_ids).as_dict()


@shared_task(acks_late=True)
def verify_access_log() -> dict:
    """Check the access log's chain from the first entry to the last. A break is logged as an
    ERROR naming the first broken link, for whoever watches the service's logs; an intact chain
    is logged with its last entry's number and fingerprint, a record kept apart from the database
    to compare against should the newest entries ever go missing."""
    result = access_log_verify()
    if result.intact:
        logger.info(result.summary())
    else:
        logger.error(result.summary())
    return {"intact": result.intact, "entries": result.entries,
            "broken_at": result.broken.sequence if result.broken else None}
