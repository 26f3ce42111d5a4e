"""The reports a user can ask for from My reports, each with its default parameters. A kind is
offered only to those its permission allows (the job checks again when it runs and when the file
is downloaded). Reports about one record (a plan, a committee paper, a filtered list) are asked
for from that record's page instead."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class Offer:
    kind: str
    label: str
    description: str

    def parameters(self, today: date) -> dict | None:
        """The job's parameters as asked for today; None when it cannot be asked for now."""
        if self.kind == "audit_findings":
            start = today - relativedelta(years=1) + relativedelta(days=1)
            return {"start": start.isoformat(), "end": today.isoformat()}
        if self.kind == "board_report":
            from lscb.selectors import the_board

            board = the_board()
            return {"board": board.pk, "as_at": today.isoformat()} if board else None
        return {"as_at": today.isoformat()}


OFFERS = [
    Offer("readiness", "Inspection readiness report",
          "For managers: each judgement area's figures against target and their trend, audit grades, the "
          "self-assessed grade and open actions; the front door; the children inspectors look at closely; caseloads."),
    Offer("action_plan_progress", "Action plan progress",
          "Every open action plan: progress against each recommendation, actions off track or overdue, "
          "and what has been completed, with its impact."),
    Offer("audit_findings", "Case audit findings, last 12 months",
          "Audit grades overall, by team and by part of the audit, moderation, and the themes that recur."),
    Offer("board_report", "Report to the safeguarding board",
          "The board's business over the last 12 months, for the chair to take to a board meeting."),
    Offer("annex_a", "Ofsted's Annex A, as at today",
          "The spreadsheet inspectors ask for on the first day, with every child's details."),
]


def offers_for(user, reports: dict) -> list[Offer]:
    return [offer for offer in OFFERS if offer.kind in reports and user.has_perm(reports[offer.kind].permission)]
