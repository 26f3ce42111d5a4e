"""Writes for committee reports: an officer writes the paper, produces its PDF, and issues that
PDF to elected members. An issued paper is fixed: what members read is what was issued, so it is
never edited or produced again (write a new paper instead). History is kept on every save."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import services as inspection_services
from ..models import CommitteeReport, ReportJob
from . import selectors

ISSUED_ALREADY = ("This paper has been issued to members, so it cannot be changed. "
                  "Write a new paper instead.")


def _save(report: CommitteeReport, *, actor, reason: str, **kwargs) -> None:
    report._history_user = actor
    report._change_reason = reason
    report.save(**kwargs)


def committee_report_create(*, actor, report: CommitteeReport) -> CommitteeReport:
    """Save a new draft paper written by ``actor`` (the form's unsaved instance)."""
    with transaction.atomic():
        report.pk = None
        report.status = CommitteeReport.Status.DRAFT
        report.created_by = actor
        _save(report, actor=actor, reason="Written")
    return report


def committee_report_update(*, actor, report: CommitteeReport) -> CommitteeReport:
    """Save changes to a draft paper. An issued paper is refused (ValidationError)."""
    with transaction.atomic():
        stored = CommitteeReport.objects.select_for_update().get(pk=report.pk)
        if stored.status == CommitteeReport.Status.ISSUED:
            raise ValidationError(ISSUED_ALREADY)
        _save(report, actor=actor, reason="Changed")
    return report


def committee_report_produce(*, actor, report: CommitteeReport) -> ReportJob:
    """Ask for the paper's PDF (rendered in the background, then in My reports)."""
    if report.status == CommitteeReport.Status.ISSUED:
        raise ValidationError("This paper has already been issued to members: its PDF is the one issued. "
                              "Download it from this page.")
    return inspection_services.report_job_request(
        actor=actor, kind=ReportJob.Kind.COMMITTEE, parameters={"report": report.pk})


def committee_report_issue(*, actor, report: CommitteeReport) -> CommitteeReport:
    """Issue the paper to members: its latest PDF, produced from the paper as it now stands,
    becomes the paper members read and download."""
    with transaction.atomic():
        report = CommitteeReport.objects.select_for_update().get(pk=report.pk)
        if report.status == CommitteeReport.Status.ISSUED:
            raise ValidationError("This paper has already been issued to members.")
        job = selectors.latest_ready_job(report)
        if job is None:
            raise ValidationError("Produce the PDF first: members are sent the PDF, so there must be one to issue.")
        if not selectors.pdf_is_current(report, job):
            raise ValidationError("The paper has changed since its latest PDF was produced. "
                                  "Produce the PDF again, check it, then issue it.")
        report.status = CommitteeReport.Status.ISSUED
        report.issued_at = timezone.now()
        report.issued_by = actor
        report.rendered = job
        _save(report, actor=actor, reason="Issued to members",
              update_fields=["status", "issued_at", "issued_by", "rendered", "updated_at"])
    return report
