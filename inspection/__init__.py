"""Line of Sight project package, and the inspection app (inspections, audits, Annex A, reports)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
