"""Writes for the cases app. Each takes the acting user explicitly and runs in one transaction:
a form that fails leaves nothing saved, and the history of every change is kept
(django-simple-history) with the actor recorded."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from . import access_chain, retention
from .models import AccessLogEntry, Child, Episode, Event, Flag, LegalStatus, Placement, RetentionReview
from .summaries import case_summaries_refresh


# Any fixed number: the PostgreSQL advisory lock that lets one access-log entry be written at a time.
ACCESS_LOG_LOCK = 7_346_210_881


def access_log_record(*, actor, action: str, child: Child | None = None, detail: str = "") -> AccessLogEntry:
    """Write one access-log entry: a view of a child's record, an export or a download.

    The entry is numbered one after the last and chained to it (cases/access_chain.py). Two
    requests writing at once must not both chain to the same entry: on PostgreSQL a
    transaction-level advisory lock makes the second wait until the first has committed (then
    reads the entry it wrote); on SQLite the database's single writer does the same. Should
    either ever fail, the unique entry number refuses the second entry rather than fork the
    chain. One query more than a plain insert (two on PostgreSQL), and no savepoint.
    """
    with transaction.atomic(savepoint=False):
        connection = transaction.get_connection()
        last = _last_access_log_entry(connection)
        sequence, previous_hash = (last[0] + 1, last[1]) if last else (1, access_chain.GENESIS)
        entry = AccessLogEntry(
            sequence=sequence, at=timezone.now(), user=actor, username=actor.get_username(), action=action,
            child=child, detail=detail[:500], previous_hash=previous_hash,
        )
        entry.entry_hash = access_chain.entry_hash(
            sequence=sequence, at=entry.at, user_id=actor.pk, username=entry.username, action=action,
            child_id=child.pk if child else None, detail=entry.detail, previous_hash=previous_hash,
        )
        entry.save(force_insert=True)
    return entry


def _last_access_log_entry(connection) -> tuple[int, str] | None:
    """(sequence, fingerprint) of the last entry written, with the writers' lock held on PostgreSQL.

    Every page view of a child's record writes an entry, so on PostgreSQL the lock and the read go
    in one round trip: two statements sent together. Each statement of a transaction at READ
    COMMITTED reads what was committed when that statement began, so the read (the second
    statement, begun once the lock is ours) sees the entry the previous holder committed."""
    if connection.vendor != "postgresql":
        return AccessLogEntry.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_advisory_xact_lock(%s); SELECT sequence, entry_hash FROM {table} ORDER BY sequence DESC LIMIT 1",
            [ACCESS_LOG_LOCK],
        )
        cursor.nextset()
        return cursor.fetchone()


def access_log_export(*, actor, entries: QuerySet[AccessLogEntry], search: str) -> QuerySet[AccessLogEntry]:
    """A manager exports a search of the access log: the export is itself written to the log,
    naming the search and how many entries it holds. Returns what the export holds: the search's
    entries up to the moment it was asked for (not its own entry, nor any written while it
    downloads), so the file and the count in the log agree."""
    with transaction.atomic(savepoint=False):
        last = AccessLogEntry.objects.aggregate(last=Max("sequence"))["last"] or 0
        exported = entries.filter(sequence__lte=last)
        count = exported.count()
        access_log_record(
            actor=actor, action=AccessLogEntry.Action.EXPORTED,
            detail=f"Exported {count} access-log entr{'y' if count == 1 else 'ies'} as a spreadsheet (CSV); "
                   f"search: {search}",
        )
    return exported


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


def retention_review_record(*, actor, child: Child, decision: str, reason: str, keep_years: int | None = None,
                            today=None) -> RetentionReview:
    """Record the records team's decision about a closed child's record: keep it for a further
    ``keep_years`` (it comes back for review then), or mark it for destruction or archiving (it
    leaves the list). Kept with who decided and when; a record still open is refused."""
    today = today or timezone.localdate()
    if not child.episodes.exists():
        raise ValidationError("This child has no episodes: there is no case record to review.")
    if child.episodes.filter(end_date__isnull=True).exists():
        raise ValidationError("This child's case is still open: a record is reviewed for retention only once "
                              "every episode has ended.")
    keep = decision == RetentionReview.Decision.KEEP
    review = RetentionReview(
        child=child, decision=decision, reason=reason.strip(), keep_years=keep_years if keep else None,
        next_review_on=retention.add_years(today, keep_years) if keep and keep_years else None, decided_by=actor,
    )
    with transaction.atomic():
        review.full_clean()
        review.save()
    return review
