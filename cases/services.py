"""Writes for the cases app. Each takes the acting user explicitly and runs in one transaction:
a form that fails leaves nothing saved, and the history of every change is kept
(django-simple-history) with the actor recorded."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .models import AccessLogEntry, Child, Episode, Event, Flag, LegalStatus, Placement
from .summaries import case_summaries_refresh


def access_log_record(*, actor, action: str, child: Child | None = None, detail: str = "") -> AccessLogEntry:
    """Write one access-log entry: a view of a child's record, an export or a download."""
    return AccessLogEntry.objects.create(user=actor, action=action, child=child, detail=detail[:500])


def _save(instance, *, actor, reason: str):
    """Validate against the database's own rules, then save with the actor in the history."""
    instance._history_user = actor
    instance._change_reason = reason
    try:
        with transaction.atomic():
            instance.full_clean(validate_unique=True, validate_constraints=True)
            instance.save()
    except IntegrityError as error:  # a concurrent save beat our checks: same message, nothing saved
        raise ValidationError("This could not be saved because it clashes with another record. Check the child's record and try again.") from error
    return instance


def _save_and_work_out(instance, *, actor, reason: str, child_id: int):
    """Save a record that changes what is due for the child or whether their plans drift, and
    work the child's caseload line out again in the same transaction, so caseloads and stuck
    cases show it at once."""
    with transaction.atomic():
        _save(instance, actor=actor, reason=reason)
        case_summaries_refresh(child_ids=[child_id])
    return instance


def episode_save(*, actor, child: Child, episode: Episode, stage: str) -> Episode:
    """Record a new episode of the child's journey or correct an existing one."""
    creating = episode.pk is None
    episode.child = child
    episode.stage = stage
    if creating:
        episode.recorded_by = actor
        episode.team = episode.team or child.team
        episode.worker = episode.worker or child.worker
    if stage == "contact" and episode.end_date is None:
        episode.end_date = episode.start_date  # a contact is a single event, closed as it is recorded
    return _save_and_work_out(episode, actor=actor, reason="Recorded" if creating else "Corrected", child_id=child.pk)


def event_save(*, actor, child: Child, event: Event, kind: str) -> Event:
    """Record what happened (a visit, a review, a plan...) or correct it. The author stays the
    officer who first recorded it; corrections are kept in the history."""
    creating = event.pk is None
    event.child = child
    event.kind = kind
    if creating:
        event.author = actor
    return _save_and_work_out(event, actor=actor, reason="Recorded" if creating else "Corrected", child_id=child.pk)


def flag_save(*, actor, child: Child, flag: Flag) -> Flag:
    creating = flag.pk is None
    flag.child = child
    if creating:
        flag.recorded_by = actor
    return _save(flag, actor=actor, reason="Recorded" if creating else "Corrected")


def placement_save(*, actor, episode: Episode, placement: Placement) -> Placement:
    placement.episode = episode
    if placement.pk is None:
        placement.recorded_by = actor
    return _save_and_work_out(placement, actor=actor, reason="Recorded", child_id=episode.child_id)


def legal_status_save(*, actor, episode: Episode, legal_status: LegalStatus) -> LegalStatus:
    legal_status.episode = episode
    if legal_status.pk is None:
        legal_status.recorded_by = actor
    return _save(legal_status, actor=actor, reason="Recorded")


def break_glass(*, actor, child: Child, reason: str) -> AccessLogEntry:
    """A manager opens a restricted record in an emergency: logged with the reason given."""
    return access_log_record(
        actor=actor, action=AccessLogEntry.Action.BROKE_GLASS, child=child, detail=f"Reason given: {reason}"
    )
