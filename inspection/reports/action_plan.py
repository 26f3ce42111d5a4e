"""The printable action plan: the plan in the shape councils submit to Ofsted and take to Cabinet
and scrutiny (recommendation → actions → owner → timescale → monitoring and evaluation → status),
with the plan's dates, its approval and the RAG counts. It holds no child's details, so it is not
an export: anyone who may see action plans, elected members included, may print it."""

from django.utils import timezone

from actionplans.models import ActionPlan
from actionplans.rules import Status
from actionplans.selectors import plan_overview

from .base import Report, ReportError

TITLE_LENGTH = 200  # ReportJob.title


class ActionPlanReport(Report):
    kind = "action_plan"
    permission = "actionplans.view_actionplan"
    template = "pdf/action_plan.html"

    def title_for(self, parameters: dict) -> str:
        title = f"Action plan: {_plan(parameters).title}"
        return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1] + "…"

    def context_for(self, job) -> dict:
        today = timezone.localdate()
        overview = plan_overview(plan=_plan(job.parameters), today=today)
        return {
            "plan": overview.plan,
            "overview": overview,
            "sections": [
                {"block": block, "rows": [{"row": row, "colour": Status.RAG[row.status]} for row in block.rows],
                 "in_words": _counts_in_words(block.counts.by_status)}
                for block in overview.blocks
            ],
            "today": today,
            "statuses": [{"status": status, "label": label, "colour": Status.RAG[status]}
                         for status, label in Status.CHOICES],
        }


def _counts_in_words(by_status: dict[str, int]) -> str:
    """"3 actions: 1 on track, 2 off track"; "No actions yet"."""
    total = sum(by_status.values())
    if not total:
        return "No actions yet"
    parts = [f"{count} {Status.LABELS[status].lower()}" for status, count in by_status.items() if count]
    return f"{total} action{'s' if total != 1 else ''}: {', '.join(parts)}"


def _plan(parameters: dict) -> ActionPlan:
    try:
        return ActionPlan.objects.get(pk=int(parameters["plan"]))
    except (KeyError, TypeError, ValueError, ActionPlan.DoesNotExist):
        raise ReportError("This action plan no longer exists, so it cannot be printed.") from None
