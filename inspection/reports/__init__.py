"""The reports a user can ask for. Each kind knows who may have it and how to render it."""

from .base import Report, ReportError, RenderedReport
from .action_plan import ActionPlanReport
from .annex_a import AnnexAReport
from .board import BoardReport
from .action_plan_progress import ActionPlanProgressReport
from .audit_findings import AuditFindingsReport
from .children_list import ChildrenListReport
from .committee import CommitteeReportKind
from .readiness import ReadinessReport

REPORTS: dict[str, Report] = {
    report.kind: report for report in [
        ChildrenListReport(), AnnexAReport(), ActionPlanReport(), BoardReport(), ActionPlanProgressReport(),
        AuditFindingsReport(), CommitteeReportKind(), ReadinessReport(),
    ]
}

__all__ = ["REPORTS", "Report", "ReportError", "RenderedReport"]
