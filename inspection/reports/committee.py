"""The committee report: the paper an officer takes to elected members, in the council committee
format of seeds 000 to 004 (the heading block, then numbered sections from the purpose of the
report to the background papers), with section 3's figures filled from the data as at the paper's
date: performance against target per area, Ofsted's and the council's own latest judgements,
action plan progress and case audit grades.

It holds aggregates only, with small numbers suppressed (inspection/committee/figures.py): no
child's name, ID or date of birth. So it is not an export, it is marked OFFICIAL rather than
OFFICIAL-SENSITIVE, and once issued every elected member may download it. Officers who write
papers (change_committeereport) produce it."""

from ..committee import selectors
from ..models import CommitteeReport
from .base import Report, ReportError

TITLE_LENGTH = 200  # ReportJob.title
PREFIX = "Committee report: "


class CommitteeReportKind(Report):
    kind = "committee"
    permission = "inspection.change_committeereport"
    template = "pdf/committee.html"

    def title_for(self, parameters: dict) -> str:
        subject = _report(parameters).subject
        room = TITLE_LENGTH - len(PREFIX)
        if len(subject) > room:
            subject = subject[: room - 1] + "…"
        return f"{PREFIX}{subject}"

    def context_for(self, job) -> dict:
        report = _report(job.parameters)
        return {"report": report, "paper": selectors.paper_for(report)}


def _report(parameters: dict) -> CommitteeReport:
    try:
        return CommitteeReport.objects.get(pk=int(parameters["report"]))
    except (KeyError, TypeError, ValueError, CommitteeReport.DoesNotExist):
        raise ReportError("This committee report has been deleted, so its PDF cannot be produced.") from None
