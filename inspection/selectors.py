"""Reads for the inspection app, scoped to the requesting user."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import ReportJob


def report_jobs_for_user(*, user) -> QuerySet[ReportJob]:
    return ReportJob.objects.filter(requested_by=user)


def report_job_for_user(*, user, pk: int) -> ReportJob:
    return get_object_or_404(report_jobs_for_user(user=user), pk=pk)


def last_graded_inspection():
    """The council's latest published inspection with an overall grade (mock inspections aside)."""
    from .models import Inspection

    return (
        Inspection.objects.filter(published_on__isnull=False, overall_grade__isnull=False)
        .exclude(kind="mock").order_by("-published_on").first()
    )
