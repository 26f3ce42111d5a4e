"""Reads for action plans: the plan list with due dates and RAG counts, a plan's overview by
recommendation and by judgement area, the action list, "my actions", and an action's record.

Every read is a fixed number of queries whatever the number of plans or actions: actions are
fetched once and counted in Python with the rules in rules.py (``effective_status`` is the one
definition of what a status means today; ``effective_status_q`` is its database twin for filters).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cases.working_days import working_days_between
from judgements.frameworks import FRAMEWORKS

from . import origins, rules
from .models import Action, ActionPlan, ProgressEvidence, ProgressUpdate, Recommendation
from .rules import Status

# --- Judgement areas -------------------------------------------------------------------------------


def _area_names() -> dict[str, str]:
    """Each judgement area code once, named as the newest framework names it (a code keeps its
    meaning across frameworks: help_protection is the same judgement under SIF and ILACS)."""
    names: dict[str, str] = {}
    for spec in sorted(FRAMEWORKS.values(), key=lambda spec: spec.in_force_from):
        for area in spec.areas:
            names[area.code] = area.name
    return names


AREA_NAMES = _area_names()
NO_AREA = "No judgement area given"


def _area_frameworks() -> dict[str, list[str]]:
    used: dict[str, list[str]] = defaultdict(list)
    for spec in sorted(FRAMEWORKS.values(), key=lambda spec: spec.in_force_from):
        for area in spec.areas:
            used[area.code].append(spec.short_name)
    return used


def area_choices() -> list[tuple[str, str]]:
    """Judgement areas for a select: unique codes, the newest frameworks' areas first, each with
    the frameworks that judge it."""
    used = _area_frameworks()
    newest_first = sorted(FRAMEWORKS.values(), key=lambda spec: spec.in_force_from, reverse=True)
    choices: list[tuple[str, str]] = []
    seen: set[str] = set()
    for spec in newest_first:
        for area in spec.areas:
            if area.code not in seen:
                seen.add(area.code)
                choices.append((area.code, f"{AREA_NAMES[area.code]} ({', '.join(used[area.code])})"))
    return choices


def area_name(code: str) -> str:
    return AREA_NAMES.get(code, code) if code else NO_AREA


# --- Wording of due dates --------------------------------------------------------------------------


def due_in_words(due: date | None, today: date) -> str:
    """"due in 3 working days", "due today", "overdue by 1 working day"."""
    if due is None:
        return ""
    days = working_days_between(today, due)
    if due == today:
        return "due today"
    if due > today:
        # A due date on a weekend or bank holiday is 0 working days away until it has passed.
        return "due by the end of today" if days == 0 else f"due in {days} working day{'s' if days != 1 else ''}"
    late = max(-days, 1)
    return f"overdue by {late} working day{'s' if late != 1 else ''}"


# --- What a status means today ---------------------------------------------------------------------


def effective_status_q(status: str, today: date) -> Q:
    """The actions whose effective status today is ``status`` (the database form of
    rules.effective_status: past its target date and not complete is off track)."""
    overdue = ~Q(status=Status.COMPLETE) & Q(target_date__lt=today)
    if status == Status.OFF_TRACK:
        return Q(status=Status.OFF_TRACK) | overdue
    if status == Status.COMPLETE:
        return Q(status=Status.COMPLETE)
    return Q(status=status) & Q(target_date__gte=today)


@dataclass
class ActionRow:
    """An action as it stands today, ready to show."""

    action: Action
    status: str
    overdue: bool
    due_soon: bool
    due_words: str

    @property
    def label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def tag(self) -> str:
        return Status.TAG[self.status]


def action_row(action: Action, today: date) -> ActionRow:
    overdue = rules.is_overdue(action.status, action.target_date, today)
    return ActionRow(
        action=action,
        status=rules.effective_status(action.status, action.target_date, today),
        overdue=overdue,
        due_soon=rules.due_soon(action.status, action.target_date, today),
        due_words="" if action.status == Status.COMPLETE else due_in_words(action.target_date, today),
    )


@dataclass
class Counts:
    """RAG counts: how many actions have each effective status, in Status.CHOICES order."""

    by_status: dict[str, int] = field(default_factory=lambda: rules.rag_counts([]))
    overdue: int = 0

    @classmethod
    def of(cls, rows: list[ActionRow]) -> "Counts":
        return cls(by_status=rules.rag_counts(row.status for row in rows), overdue=sum(row.overdue for row in rows))

    @classmethod
    def of_statuses(cls, pairs: list[tuple[str, date]], today: date) -> "Counts":
        """From (status as last reported, target date) pairs."""
        return cls(by_status=rules.rag_counts(rules.effective_status(status, target, today) for status, target in pairs),
                   overdue=sum(rules.is_overdue(status, target, today) for status, target in pairs))

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def cells(self) -> list[dict]:
        return [{"status": status, "label": label, "tag": Status.TAG[status], "count": self.by_status[status]}
                for status, label in Status.CHOICES]


STATUS_HINTS = {
    Status.NOT_STARTED: "Work has not begun.",
    Status.ON_TRACK: "Going to plan and expected to meet the target date.",
    Status.AT_RISK: "Some delay or difficulty: the target date may be missed.",
    Status.OFF_TRACK: "The target date will be missed, or the work has stalled. An action past its target date and "
                      "not complete counts as off track, whatever was last reported.",
    Status.COMPLETE: "Done, with evidence of the difference it has made.",
}
STATUS_HEADINGS = [{"status": status, "label": label, "tag": Status.TAG[status], "hint": STATUS_HINTS[status]}
                   for status, label in Status.CHOICES]


# --- Plans -----------------------------------------------------------------------------------------


@dataclass
class PlanRow:
    plan: ActionPlan
    counts: Counts
    draft_words: str
    final_words: str


def _plan_due_words(plan: ActionPlan, today: date) -> tuple[str, str]:
    if plan.submitted_on:
        return "", ""
    return due_in_words(plan.draft_due, today), due_in_words(plan.final_due, today)


def plan_rows(*, today: date) -> list[PlanRow]:
    """Every plan with its due dates and the RAG counts of its actions today (two queries)."""
    plans = list(ActionPlan.objects.all())
    by_plan: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for plan_id, status, target in Action.objects.values_list("recommendation__plan_id", "status", "target_date"):
        by_plan[plan_id].append((status, target))
    return [PlanRow(plan, Counts.of_statuses(by_plan[plan.pk], today), *_plan_due_words(plan, today)) for plan in plans]


def plan_choices() -> QuerySet:
    return ActionPlan.objects.order_by("-published_on", "-created_at", "-pk")


@dataclass
class RecommendationBlock:
    recommendation: Recommendation
    rows: list[ActionRow]
    counts: Counts

    @property
    def area_name(self) -> str:
        return area_name(self.recommendation.area)


@dataclass
class AreaCounts:
    code: str
    name: str
    recommendations: int
    counts: Counts


@dataclass
class PlanOverview:
    plan: ActionPlan
    draft_words: str
    final_words: str
    blocks: list[RecommendationBlock]
    by_area: list[AreaCounts]
    counts: Counts
    raised_by: dict | None


def plan_overview(*, plan: ActionPlan, today: date) -> PlanOverview:
    """A plan's recommendations with their actions, and the RAG counts per recommendation, per
    judgement area and for the whole plan (three queries, four with what raised the plan)."""
    recommendations = list(plan.recommendations.all())
    actions = Action.objects.filter(recommendation__plan=plan).select_related("owner").order_by(
        "recommendation_id", "target_date", "pk")
    rows_by_recommendation: dict[int, list[ActionRow]] = defaultdict(list)
    for action in actions:
        rows_by_recommendation[action.recommendation_id].append(action_row(action, today))
    blocks = [RecommendationBlock(r, rows_by_recommendation[r.pk], Counts.of(rows_by_recommendation[r.pk]))
              for r in recommendations]
    area_rows: dict[str, list[ActionRow]] = defaultdict(list)
    area_recommendations: dict[str, int] = defaultdict(int)
    for block in blocks:
        area_rows[block.recommendation.area] += block.rows
        area_recommendations[block.recommendation.area] += 1
    order = {code: position for position, (code, _) in enumerate(area_choices())}
    by_area = [AreaCounts(code, area_name(code), area_recommendations[code], Counts.of(area_rows[code]))
               for code in sorted(area_rows, key=lambda code: (code == "", order.get(code, len(order)), code))]
    every_row = [row for block in blocks for row in block.rows]
    raised_by = origins.describe(plan.raised_by_type, plan.raised_by) if plan.raised_by_type_id else None
    return PlanOverview(plan, *_plan_due_words(plan, today), blocks=blocks, by_area=by_area,
                        counts=Counts.of(every_row), raised_by=raised_by)


# --- Actions ---------------------------------------------------------------------------------------


def actions_for_list() -> QuerySet:
    """Every action, with what the list shows, soonest target date first."""
    return Action.objects.select_related("recommendation__plan", "owner").order_by("target_date", "pk")


@dataclass
class MyActions:
    overdue: list[ActionRow]
    due_soon: list[ActionRow]
    later: list[ActionRow]
    complete: list[ActionRow]

    @property
    def open_count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later)


def my_actions(*, user, today: date) -> MyActions:
    """The user's actions: overdue first, then due within 10 working days, then later; complete
    ones last (one query)."""
    rows = [action_row(action, today) for action in
            Action.objects.filter(owner=user).select_related("recommendation__plan").order_by("target_date", "pk")]
    complete = [row for row in rows if row.action.status == Status.COMPLETE]
    complete.sort(key=lambda row: row.action.completed_on or row.action.target_date, reverse=True)
    return MyActions(
        overdue=[row for row in rows if row.overdue],
        due_soon=[row for row in rows if row.due_soon],
        later=[row for row in rows if row.action.status != Status.COMPLETE and not row.overdue and not row.due_soon],
        complete=complete,
    )


def action_detail(*, pk: int) -> Action:
    """An action with its recommendation, plan, owner, and its progress updates with their
    authors and evidence (three queries)."""
    return get_object_or_404(
        Action.objects.select_related("recommendation__plan", "owner", "origin_type").prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author").prefetch_related(
                Prefetch("evidence", queryset=ProgressEvidence.objects.order_by("pk"))))),
        pk=pk,
    )


def action_origin(action: Action) -> dict | None:
    """What raised the action, described for the page (one query when there is one)."""
    if not action.origin_type_id:
        return None
    return origins.describe(action.origin_type, action.origin)


def action_history(*, action: Action) -> list[dict]:
    """Who changed the action, when and which fields, newest first (one query)."""
    changes: list[dict] = []
    previous = None
    for record in action.history.select_related("history_user").order_by("history_date", "history_id"):
        changed = []
        if previous is not None and record.history_type == "~":
            changed = [_field_label(change.field) for change in record.diff_against(previous).changes]
        changes.append({
            "when": record.history_date, "who": record.history_user,
            "type": {"+": "Recorded", "~": "Changed", "-": "Deleted"}[record.history_type],
            "fields": changed, "reason": record.history_change_reason or "",
        })
        previous = record
    changes.reverse()
    return changes


def _field_label(name: str) -> str:
    try:
        label = str(Action._meta.get_field(name).verbose_name)
    except Exception:  # a field since removed from the model
        label = name.replace("_", " ")
    return label[:1].upper() + label[1:]


def evidence_for_download(*, token) -> ProgressEvidence:
    return get_object_or_404(ProgressEvidence.objects.select_related("update__action"), token=token)


# --- Owners ----------------------------------------------------------------------------------------

OWNER_PERMISSION = ("actionplans", "add_progressupdate")


def owner_candidates(*, keep=None) -> QuerySet:
    """Who may own an action: active users who may report progress on the actions they own (team
    managers, auditors and senior managers hold that permission through their role), so that an
    owner can always update their action. ``keep`` (a user id) stays in the list when editing an
    action whose owner has since left or changed role. Partners without a login are named in the
    owner's role and the lead agency instead."""
    app_label, codename = OWNER_PERMISSION
    holds = (
        Q(groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename)
        | Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)
        | Q(is_superuser=True)
    )
    wanted = Q(is_active=True) & holds
    if keep:
        wanted |= Q(pk=keep)
    users = get_user_model().objects.filter(pk__in=get_user_model().objects.filter(wanted).values("pk"))
    return users.select_related("worker__team").prefetch_related("groups").order_by("first_name", "last_name", "username")


def owner_label(user) -> str:
    name = user.get_full_name() or user.get_username()
    worker = getattr(user, "worker", None)
    role = (worker.job_title if worker else "") or next((group.name for group in user.groups.all()), "")
    team = worker.team.name if worker and worker.team_id else ""
    detail = ", ".join(part for part in (role, team) if part)
    return f"{name} ({detail})" if detail else name
