"""Writes for action plans. Every change is made by a named person in one transaction, with its
history kept; an action is complete only with evidence of impact."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import rules
from .models import Action, ActionPlan, ProgressEvidence, ProgressUpdate, Recommendation
from .rules import Status


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied


def plan_save(*, actor, plan: ActionPlan, raised_by=None) -> ActionPlan:
    """Create or change a plan; its due dates follow from the publication date."""
    _require(actor, "actionplans.change_actionplan" if plan.pk else "actionplans.add_actionplan")
    with transaction.atomic():
        if not plan.pk:
            plan.created_by = actor
        if raised_by is not None:
            plan.raised_by = raised_by
        plan._history_user = actor
        plan._change_reason = "Plan saved"
        plan.save()
    return plan


def recommendation_save(*, actor, recommendation: Recommendation) -> Recommendation:
    _require(actor, "actionplans.change_actionplan")
    with transaction.atomic():
        if not recommendation.number:
            last = Recommendation.objects.select_for_update().filter(plan=recommendation.plan).aggregate(n=Max("number"))
            recommendation.number = (last["n"] or 0) + 1
        recommendation._history_user = actor
        recommendation.save()
    return recommendation


def _check_completion(action: Action) -> None:
    problem = rules.completion_problem(action.status, action.evidence_of_impact)
    if problem:
        raise ValidationError({"status": problem})


def action_save(*, actor, action: Action, origin=None) -> Action:
    """Create or change an action. ``origin`` links it to what raised it (an audit finding, a
    self-assessment shortfall)."""
    _require(actor, "actionplans.change_action" if action.pk else "actionplans.add_action")
    _check_completion(action)
    with transaction.atomic():
        if not action.pk:
            action.created_by = actor
        if origin is not None:
            action.origin = origin
        if action.status == Status.COMPLETE and not action.completed_on:
            action.completed_on = timezone.localdate()
        elif action.status != Status.COMPLETE:
            action.completed_on = None
        action._history_user = actor
        action._change_reason = "Action saved"
        action.save()
    return action


def action_raise(*, actor, origin, action: Action, recommendation: Recommendation) -> Action:
    """An action raised by an audit finding or a self-assessment shortfall (``origin``), on an
    existing recommendation or on a new one (unsaved) added to its plan, all or nothing."""
    with transaction.atomic():
        if recommendation.pk is None:
            recommendation_save(actor=actor, recommendation=recommendation)
        action.recommendation = recommendation
        return action_save(actor=actor, action=action, origin=origin)


def can_update(actor, action: Action) -> bool:
    """The action's owner, or anyone who may change actions, may report progress on it."""
    if actor.has_perm("actionplans.change_action"):
        return True
    return actor.has_perm("actionplans.add_progressupdate") and action.owner_id == actor.pk


def progress_add(*, actor, action: Action, date, note: str, status: str, evidence_of_impact: str | None = None,
                 files=()) -> ProgressUpdate:
    """Report progress: the update, its evidence documents, and the action's new status (and
    evidence of impact, if given), all or nothing."""
    if not can_update(actor, action):
        raise PermissionDenied
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if evidence_of_impact is not None and evidence_of_impact.strip():
            action.evidence_of_impact = evidence_of_impact.strip()
        action.status = status
        _check_completion(action)
        if status == Status.COMPLETE and not action.completed_on:
            action.completed_on = date
        elif status != Status.COMPLETE:
            action.completed_on = None
        action._history_user = actor
        action._change_reason = f"Progress reported by {actor.get_username()}"
        action.save()
        update = ProgressUpdate(action=action, date=date, note=note, status=status, author=actor)
        update._history_user = actor
        update.save()
        for upload in files:
            evidence = ProgressEvidence(update=update, name=upload.name[:255])
            evidence.file.save(upload.name, upload, save=False)
            evidence.save()
    return update


def actions_raised_by(origin) -> list[Action]:
    """The actions that answer an audit finding, a shortfall or any other record."""
    content_type = ContentType.objects.get_for_model(origin)
    return list(Action.objects.filter(origin_type=content_type, origin_id=origin.pk).select_related(
        "recommendation__plan", "owner"))
