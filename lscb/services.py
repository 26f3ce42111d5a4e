"""Writes for the safeguarding board. Each takes the acting user explicitly, runs in one
transaction and keeps the history of the change with who made it (django-simple-history).
The checks that keep the records whole (every expected member's attendance, a deputy's name
only for a deputy, one annual report a year) are made here too, whatever the form did."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from . import rules, selectors
from .models import (
    AnnualReport, AnnualReportCheck, Attendance, AttendanceStatus, Board, Challenge, Meeting, Member, MultiAgencyAudit,
    PerformanceReport, SafeguardingReview, Subgroup, TrainingAttendance, TrainingEvent,
)


def _save(instance, *, actor, reason: str):
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()
    return instance


def _set(instance, fields: Mapping):
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


# --- governance


@transaction.atomic
def board_create(*, actor, **fields) -> Board:
    if Board.objects.exists():
        raise ValidationError("The board is already set up: change its details instead.")
    return _save(Board(**fields), actor=actor, reason="Set up")


@transaction.atomic
def board_update(*, actor, board: Board, **fields) -> Board:
    return _save(_set(Board.objects.select_for_update().get(pk=board.pk), fields), actor=actor, reason="Changed")


@transaction.atomic
def member_save(*, actor, board: Board, member: Member | None = None, **fields) -> Member:
    """Add a member (``member`` None) or change one of the board's members."""
    if member is None:
        member, reason = Member(board=board), "Added"
    else:
        member, reason = Member.objects.select_for_update().get(pk=member.pk, board=board), "Changed"
    _set(member, fields)
    if member.term_start and member.term_end and member.term_end < member.term_start:
        raise ValidationError({"term_end": "The end of their term must be the same as or after its start"})
    return _save(member, actor=actor, reason=reason)


@transaction.atomic
def subgroup_save(*, actor, board: Board, subgroup: Subgroup | None = None, name: str, purpose: str,
                  members: Iterable[Member]) -> Subgroup:
    members = list(members)
    if any(member.board_id != board.pk for member in members):
        raise ValidationError("Only the board's own members can sit on its subgroups.")
    subgroup = subgroup or Subgroup(board=board)
    subgroup.name, subgroup.purpose = name, purpose
    subgroup.save()
    subgroup.members.set(members)
    return subgroup


# --- meetings and attendance


@transaction.atomic
def meeting_record(*, actor, board: Board, subgroup: Subgroup | None, date: date, title: str, decisions: str,
                   attendance: Mapping[int, tuple[str, str]], meeting: Meeting | None = None) -> Meeting:
    """Record a meeting (or correct one) with the attendance of every member expected at it:
    ``attendance`` maps each member's id to (status, deputy's name)."""
    if subgroup is not None and subgroup.board_id != board.pk:
        raise ValidationError("That subgroup belongs to another board.")
    if meeting is not None:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk, board=board)
    expected = selectors.members_for_meeting(board=board, subgroup=subgroup, on=date, meeting=meeting)
    _check_attendance(expected, attendance)
    reason = "Recorded" if meeting is None else "Corrected"
    meeting = meeting or Meeting(board=board, subgroup=subgroup)
    _set(meeting, {"date": date, "title": title, "decisions": decisions})
    _save(meeting, actor=actor, reason=reason)
    existing = {row.member_id: row for row in meeting.attendance.all()}
    for member in expected:
        status, deputy = attendance[member.pk]
        row = existing.get(member.pk) or Attendance(meeting=meeting, member=member)
        row.status, row.deputy = status, deputy if status == AttendanceStatus.DEPUTY else ""
        row.save()
    return meeting


def _check_attendance(expected: list[Member], attendance: Mapping[int, tuple[str, str]]) -> None:
    errors = {}
    if not expected:
        raise ValidationError("Nobody was a member on that date: add the members first, or check the date.")
    for member in expected:
        status, deputy = attendance.get(member.pk, (None, ""))
        if status not in AttendanceStatus.values:
            errors[f"status_{member.pk}"] = f"Record whether {member.name} attended"
        elif status == AttendanceStatus.DEPUTY and not deputy.strip():
            errors[f"deputy_{member.pk}"] = f"Enter the name of {member.name}'s deputy"
    unexpected = set(attendance) - {member.pk for member in expected}
    if unexpected:
        errors["__all__"] = "Attendance was given for someone who was not a member on the day of the meeting."
    if errors:
        raise ValidationError(errors)


# --- reviews


REVIEW_DATES = ["incident_known_on", "notified_on", "decided_on", "commissioned_on", "published_on"]


@transaction.atomic
def review_save(*, actor, board: Board, review: SafeguardingReview | None = None, **fields) -> SafeguardingReview:
    if review is None:
        review, reason = SafeguardingReview(board=board), "Recorded"
    else:
        review, reason = SafeguardingReview.objects.select_for_update().get(pk=review.pk, board=board), "Changed"
    _set(review, fields)
    dates = [getattr(review, name) for name in REVIEW_DATES]
    known = [day for day in dates if day is not None]
    if known != sorted(known):
        raise ValidationError("The review's dates must follow one another: aware, notified, decided, commissioned, published.")
    if review.kind not in dict(rules.ReviewKind.CHOICES):
        raise ValidationError({"kind": "Choose the kind of review"})
    return _save(review, actor=actor, reason=reason)


# --- audits, training, challenge, performance data


@transaction.atomic
def audit_save(*, actor, board: Board, audit: MultiAgencyAudit | None = None, **fields) -> MultiAgencyAudit:
    audit = audit or MultiAgencyAudit(board=board)
    return _save(_set(audit, fields), actor=actor, reason="Recorded" if audit.pk is None else "Changed")


@transaction.atomic
def training_save(*, actor, board: Board, event: TrainingEvent | None = None, attendance: Mapping[str, int],
                  **fields) -> TrainingEvent:
    """Record a training event and how many came from each agency (agencies left out had nobody)."""
    if any(count is None or count < 0 for count in attendance.values()):
        raise ValidationError("The number attending from an agency must be a whole number, 0 or more.")
    event = event or TrainingEvent(board=board)
    _save(_set(event, fields), actor=actor, reason="Recorded" if event.pk is None else "Changed")
    wanted = {agency: count for agency, count in attendance.items() if count}
    event.attendance.exclude(agency__in=list(wanted)).delete()
    for agency, count in wanted.items():
        TrainingAttendance.objects.update_or_create(event=event, agency=agency, defaults={"attended": count})
    return event


@transaction.atomic
def challenge_save(*, actor, board: Board, challenge: Challenge | None = None, **fields) -> Challenge:
    challenge = challenge or Challenge(board=board)
    _set(challenge, fields)
    if challenge.raised_by_id and challenge.raised_by.board_id != board.pk:
        raise ValidationError({"raised_by": "Choose one of the board's members"})
    if challenge.closed_on and not challenge.outcome.strip():
        raise ValidationError({"outcome": "Say what changed before closing the challenge"})
    return _save(challenge, actor=actor, reason="Closed" if challenge.closed_on else "Recorded")


@transaction.atomic
def performance_report_save(*, actor, board: Board, report: PerformanceReport | None = None, **fields) -> PerformanceReport:
    report = report or PerformanceReport(board=board)
    _set(report, fields).save()
    return report


# --- annual reports


@transaction.atomic
def annual_report_save(*, actor, board: Board, report: AnnualReport | None = None, checks: Mapping[str, tuple[bool, str]],
                       document=None, **fields) -> AnnualReport:
    """Record (or change) an annual report and its checklist, one line for every checklist item.
    ``document`` replaces the stored report when given."""
    keys = [key for key, _ in rules.ANNUAL_REPORT_CHECKLIST]
    if set(checks) - set(keys):
        raise ValidationError("The checklist has no such line.")
    if report is None:
        report, reason = AnnualReport(board=board, created_by=actor), "Recorded"
    else:
        report, reason = AnnualReport.objects.select_for_update().get(pk=report.pk, board=board), "Changed"
    _set(report, fields)
    if board.annual_reports.filter(year_end=report.year_end).exclude(pk=report.pk).exists():
        raise ValidationError({"year_end": "There is already an annual report for the year ending on that date"})
    if document:
        report.document = document
    _save(report, actor=actor, reason=reason)
    saved = {check.key: check for check in report.checks.all()}
    for key in keys:
        shown, note = checks.get(key, (False, ""))
        check = saved.get(key) or AnnualReportCheck(report=report, key=key)
        check.shown, check.note = shown, note
        check.save()
    return report
