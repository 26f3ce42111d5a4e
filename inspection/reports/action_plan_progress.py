"""Action plan progress: one report across every plan, for senior managers and the improvement
board. Seed 001: "Cabinet will be kept informed of progress against the action as part of the
performance reporting process"; oversight through "the monthly children's performance monitoring
and the cross council quarterly performance reviews", with the Improvement Board monitoring
"that change is continuing to take place and become embedded".

It shows every open plan, and those closed in the last 12 months, with their dates (the 70 working
day due date, whether the plan was sent to Ofsted, its approval); the RAG counts plan by plan and
by judgement area, drawn as charts; the actions off track or overdue with their owner, target date
and latest progress update; the actions completed in the last three months with their evidence of
impact; and the progress reported in those three months. A summary in words comes first
("14 of 52 actions complete; 5 off track or overdue").

A plan has no "closed" field: a plan counts as closed once it has actions and every one of them is
complete, and it closed on the day its last action was completed. Statuses are those last reported,
judged as at the report's date by ``actionplans.rules.effective_status`` (past its target date and
not complete is off track, whatever was last reported).

It holds no child's details (owners are officers, named by post), so it is not an export: anyone
who may see action plans, elected members included, may have it. The reads it needs that
actionplans/selectors.py does not offer (every plan's actions with their latest progress update,
and the updates in a period) are here, in three queries whatever the number of plans or actions.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from actionplans.models import Action, ActionPlan, PlanSource, ProgressUpdate, Recommendation
from actionplans.rules import Status, due_soon
from actionplans.selectors import ActionRow, Counts, action_row, area_choices, area_name, due_in_words
from inspection.charts import Bar, stacked_bar_chart

from .base import Report, ReportError

TITLE_LENGTH = 200  # ReportJob.title
RECENT_MONTHS = 3  # "actions completed in the last three months", and the progress reported in them
CLOSED_WITHIN_MONTHS = 12  # closed plans stay in the report for a year after their last action is done
OFSTED_SOURCES = {PlanSource.INSPECTION, PlanSource.FOCUSED_VISIT}
CHART_WIDTH = 680  # the width of the page between its margins, so plan titles have room
# Judgement areas as a chart's row labels: the full names (kept in the tables) all begin "The
# experiences and progress of children...", which a chart would cut off alike.
SHORT_AREA_NAMES = {
    "overall": "Overall effectiveness",
    "help_protection": "Help and protection",
    "looked_after": "Looked after and permanence",
    "in_care": "Children in care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "leadership": "Leadership and governance",
    "leaders": "The impact of leaders",
    "lscb": "Safeguarding board",
}


class ActionPlanProgressReport(Report):
    kind = "action_plan_progress"
    permission = "actionplans.view_actionplan"
    template = "pdf/action_plan_progress.html"

    def title_for(self, parameters: dict) -> str:
        title = f"Action plan progress as at {_as_at(parameters):%-d %B %Y}"
        return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1] + "…"

    def context_for(self, job) -> dict:
        as_at = _as_at(job.parameters)
        progress = plan_progress(as_at=as_at)
        return {
            "as_at": as_at,
            "progress": progress,
            "summary": summary_in_words(progress.counts, due_soon_count=progress.due_soon),
            "statuses": [{"status": status, "label": label, "colour": Status.RAG[status]}
                         for status, label in Status.CHOICES],
            "status_counts": [{"label": label, "count": progress.counts.by_status[status], "colour": Status.RAG[status]}
                              for status, label in Status.CHOICES],
            "plan_chart": _rag_chart("Actions by status, plan by plan",
                                     [(plan.plan.title, plan.counts) for plan in progress.plans]),
            "area_chart": _rag_chart("Actions by status, by judgement area",
                                     [(area.short_name, area.counts) for area in progress.by_area]),
        }


# --- the read --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


@dataclass
class PlanProgress:
    plan: ActionPlan
    counts: Counts
    closed_on: date | None  # the day its last action was completed, for a closed plan
    closed: bool
    final_words: str  # "due in 3 working days", "overdue by 2 working days": for a plan not yet sent

    @property
    def for_ofsted(self) -> bool:
        """A plan answering an Ofsted report (or any plan with a report's publication date, so a
        70 working day due date): the due date and sending it to Ofsted apply."""
        return self.plan.source in OFSTED_SOURCES or self.plan.published_on is not None

    @property
    def sent_late(self) -> bool:
        return bool(self.plan.submitted_on and self.plan.final_due and self.plan.submitted_on > self.plan.final_due)


@dataclass
class AreaProgress:
    code: str
    name: str
    counts: Counts

    @property
    def short_name(self) -> str:
        return SHORT_AREA_NAMES.get(self.code, self.name)


@dataclass
class LatestUpdate:
    date: date
    note: str
    status: str

    @property
    def label(self) -> str:
        return Status.LABELS.get(self.status, self.status)


@dataclass
class ActionLine:
    """An action as it stands on the report's date, with where it sits and its latest update."""

    row: ActionRow
    plan: ActionPlan
    recommendation: Recommendation
    latest: LatestUpdate | None

    @property
    def colour(self) -> str:
        return Status.RAG[self.row.status]


@dataclass
class Progress:
    as_at: date
    recent: Period  # the last three months
    closed_since: date
    plans: list[PlanProgress]
    by_area: list[AreaProgress]
    counts: Counts
    due_soon: int  # not complete, due within the reminder window (10 working days)
    attention: list[ActionLine]  # off track or overdue, most overdue first
    completed: list[ActionLine]  # completed in the last three months, most recent first
    updates: list[ProgressUpdate]  # reported in the last three months, newest first

    @property
    def open_plans(self) -> list[PlanProgress]:
        return [plan for plan in self.plans if not plan.closed]

    @property
    def closed_plans(self) -> list[PlanProgress]:
        return [plan for plan in self.plans if plan.closed]


def plan_progress(*, as_at: date) -> Progress:
    """Every open plan and those closed in the 12 months to ``as_at``, with their actions as they
    stand that day. Three queries, whatever the number of plans, actions or updates."""
    recent = Period(as_at - relativedelta(months=RECENT_MONTHS) + timedelta(days=1), as_at)
    closed_since = as_at - relativedelta(months=CLOSED_WITHIN_MONTHS) + timedelta(days=1)
    all_plans = list(ActionPlan.objects.order_by(F("published_on").desc(nulls_last=True), "-created_at", "-pk"))
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk"), date__lte=as_at).order_by("-date", "-pk")
    actions = list(
        Action.objects.filter(recommendation__plan__in=[plan.pk for plan in all_plans])
        .select_related("recommendation", "owner")
        .annotate(latest_date=Subquery(latest.values("date")[:1]), latest_note=Subquery(latest.values("note")[:1]),
                  latest_status=Subquery(latest.values("status")[:1]))
        .order_by("target_date", "pk")
    )
    by_plan: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        by_plan[action.recommendation.plan_id].append(action)

    plans: list[PlanProgress] = []
    for plan in all_plans:
        mine = by_plan[plan.pk]
        closed = bool(mine) and all(action.status == Status.COMPLETE for action in mine)
        done = [action.completed_on for action in mine if action.completed_on]
        closed_on = max(done) if closed and done else None
        if closed and closed_on is not None and closed_on < closed_since:
            continue  # closed more than a year ago
        rows = [action_row(action, as_at) for action in mine]
        plans.append(PlanProgress(
            plan=plan, counts=Counts.of(rows), closed_on=closed_on, closed=closed,
            final_words="" if plan.submitted_on else due_in_words(plan.final_due, as_at),
        ))
    plans.sort(key=lambda plan: plan.closed)  # open plans first, each group newest first
    shown = {plan.plan.pk: plan.plan for plan in plans}

    lines: list[ActionLine] = []
    for action in actions:
        plan = shown.get(action.recommendation.plan_id)
        if plan is None:
            continue
        latest_update = (LatestUpdate(action.latest_date, action.latest_note, action.latest_status)
                         if action.latest_date else None)
        lines.append(ActionLine(action_row(action, as_at), plan, action.recommendation, latest_update))

    area_rows: dict[str, list[ActionRow]] = defaultdict(list)
    for line in lines:
        area_rows[line.recommendation.area].append(line.row)
    order = {code: position for position, (code, _) in enumerate(area_choices())}
    by_area = [AreaProgress(code, area_name(code), Counts.of(area_rows[code]))
               for code in sorted(area_rows, key=lambda code: (code == "", order.get(code, len(order)), code))]

    attention = [line for line in lines if line.row.status == Status.OFF_TRACK]
    attention.sort(key=lambda line: (line.row.action.target_date, line.plan.pk, line.row.action.pk))
    completed = [line for line in lines if line.row.action.status == Status.COMPLETE
                 and line.row.action.completed_on and recent.start <= line.row.action.completed_on <= as_at]
    completed.sort(key=lambda line: (line.row.action.completed_on, line.row.action.pk), reverse=True)
    updates = list(
        ProgressUpdate.objects.filter(action__recommendation__plan__in=list(shown), date__gte=recent.start,
                                      date__lte=as_at)
        .select_related("action__recommendation__plan", "author")
        .order_by("-date", "-pk")
    )
    return Progress(
        as_at=as_at, recent=recent, closed_since=closed_since, plans=plans, by_area=by_area,
        counts=Counts.of([line.row for line in lines]),
        due_soon=sum(due_soon(line.row.action.status, line.row.action.target_date, as_at) for line in lines),
        attention=attention, completed=completed, updates=updates,
    )


# --- in words and as charts ------------------------------------------------------------------------


def summary_in_words(counts: Counts, *, due_soon_count: int) -> str:
    """"14 of 52 actions complete; 5 off track or overdue; 3 at risk; 4 due in the next 10 working
    days"; "No actions yet"."""
    total = counts.total
    if not total:
        return "No actions have been added to any plan yet."
    by_status = counts.by_status
    parts = [f"{by_status[Status.COMPLETE]} of {total} action{'s' if total != 1 else ''} complete",
             f"{by_status[Status.OFF_TRACK]} off track or overdue"]
    if by_status[Status.AT_RISK]:
        parts.append(f"{by_status[Status.AT_RISK]} at risk")
    if due_soon_count:
        parts.append(f"{due_soon_count} due in the next 10 working days")
    return "; ".join(parts) + "."


def _rag_chart(title: str, rows: list[tuple[str, Counts]]):
    """A 100% bar per plan (or area), one segment per status in the RAG colours; None when there
    are no actions to draw."""
    drawn = [(label, [Bar(Status.LABELS[status], counts.by_status[status], Status.RAG[status])
                      for status, _ in Status.CHOICES])
             for label, counts in rows if counts.total]
    if not drawn:
        return None
    return stacked_bar_chart(title=title, rows=drawn, width=CHART_WIDTH)


# --- parameters ------------------------------------------------------------------------------------


def _as_at(parameters: dict) -> date:
    value = parameters.get("as_at")
    if not value:
        return timezone.localdate()
    try:
        as_at = date.fromisoformat(str(value))
    except ValueError:
        raise ReportError(f"“{value}” is not a date: give the date the report is as at in the form "
                          "2026-03-31.") from None
    if as_at > timezone.localdate():
        raise ReportError("The report cannot be as at a date in the future: give today's date or an earlier one.")
    return as_at
