"""Reminders to action owners. Each working day everyone who owns an action that is overdue or due
within 10 working days (rules.needs_reminder) gets one email listing those actions, each with a
link to its page. The daily Celery beat task (tasks.py) calls ``send_reminders``; the home page
reads ``due_or_overdue`` for the signed-in person's own actions.

An owner gets at most one reminder a day however often the task runs: each email sent is recorded
(``ActionReminder``, one per owner and day) in the same transaction that sends it. Owners who
cannot be emailed (no address, or their account is closed) and actions with no owner are listed
in what ``send_reminders`` returns and logged, never skipped in silence.
"""

import logging
import textwrap
from dataclasses import asdict, dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from cases.working_days import add_working_days, is_working_day

from . import rules
from .models import Action, ActionReminder
from .rules import Status
from .selectors import due_in_words  # the same words as the action pages

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "Line of Sight"


@dataclass(frozen=True)
class DueAction:
    """An action that is overdue or due soon, as an owner is told about it."""

    pk: int
    description: str
    plan: str
    recommendation: int
    target_date: date
    overdue: bool
    when: str  # "overdue by 3 working days", "due in 4 working days", "due today"
    owner_id: int | None


def _due_actions(today: date):
    # Due within 10 working days means a target date before the 11th working day from today.
    horizon = add_working_days(today, rules.REMINDER_WORKING_DAYS + 1)
    return (
        Action.objects.exclude(status=Status.COMPLETE).filter(target_date__lt=horizon)
        .select_related("owner", "recommendation__plan").order_by("target_date", "pk")
    )


def _as_due(action: Action, today: date) -> DueAction:
    return DueAction(
        pk=action.pk, description=" ".join(action.description.split()), plan=action.recommendation.plan.title,
        recommendation=action.recommendation.number, target_date=action.target_date,
        overdue=rules.is_overdue(action.status, action.target_date, today),
        when=due_in_words(action.target_date, today), owner_id=action.owner_id,
    )


def due_or_overdue(today: date, *, owner=None) -> list[DueAction]:
    """Actions not complete that are overdue or due within 10 working days, most overdue first;
    only ``owner``'s when given. One query."""
    actions = _due_actions(today)
    if owner is not None:
        actions = actions.filter(owner=owner)
    return [_as_due(action, today) for action in actions
            if rules.needs_reminder(action.status, action.target_date, today)]


def overdue_count(today: date) -> int:
    """Actions across the council past their target date and not complete."""
    return Action.objects.exclude(status=Status.COMPLETE).filter(target_date__lt=today).count()


# --- the email -----------------------------------------------------------------------------------


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def reminder_subject(actions: list[DueAction]) -> str:
    overdue = sum(action.overdue for action in actions)
    soon = len(actions) - overdue
    if overdue and soon:
        return f"{SUBJECT_PREFIX}: {_count(overdue, 'action')} overdue, {soon} due soon"
    if overdue:
        return f"{SUBJECT_PREFIX}: {_count(overdue, 'action')} overdue"
    return f"{SUBJECT_PREFIX}: {_count(soon, 'action')} due soon"


def _link(url_name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(url_name, args=args)}"


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    """Plain-text lines of at most 76 characters, never splitting a word or a hyphenated one."""
    return textwrap.wrap(text, 76, initial_indent=first, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def reminder_body(*, name: str, actions: list[DueAction], today: date) -> str:
    lines = [f"Dear {name},", ""]
    lines += _wrap(f"You own {_count(len(actions), 'action')} in Line of Sight that "
                   f"{'needs' if len(actions) == 1 else 'need'} attention on {today:%A %-d %B %Y}.")
    overdue = [action for action in actions if action.overdue]
    soon = [action for action in actions if not action.overdue]
    number = 0
    for heading, group in (("OVERDUE", overdue), (f"DUE SOON (within {rules.REMINDER_WORKING_DAYS} working days)", soon)):
        if not group:
            continue
        lines += ["", heading]
        for action in group:
            number += 1
            lines.append("")
            lines += _wrap(f"{number}. {action.description}", indent="   ")
            lines += _wrap(f"Plan: {action.plan}, recommendation {action.recommendation}", indent="   ", first="   ")
            lines.append(f"   Target date: {action.target_date:%-d %B %Y}, {action.when}")
            lines.append(f"   {_link('actionplans:action_detail', action.pk)}")
    lines.append("")
    lines += _wrap("Open each action to report progress. If a target date can no longer be met, agree a new one "
                   "with the plan's lead. You will be reminded each working day while an action is overdue or due "
                   f"within {rules.REMINDER_WORKING_DAYS} working days.")
    lines += ["", "All your actions:", _link("actionplans:my_actions"), "", "Line of Sight", settings.COUNCIL_NAME, ""]
    return "\n".join(lines)


# --- sending -------------------------------------------------------------------------------------


@dataclass
class ReminderRun:
    """What one run of the reminders did (the task returns it as a dict, and logs it)."""

    day: date
    not_a_working_day: bool = False
    sent: list[dict] = field(default_factory=list)  # {"owner", "email", "subject", "actions"}
    already_sent: list[str] = field(default_factory=list)  # owners reminded earlier the same day
    not_reminded: list[dict] = field(default_factory=list)  # {"owner", "name", "reason", "actions"}
    unowned: list[int] = field(default_factory=list)  # actions needing a reminder with no owner
    failed: list[dict] = field(default_factory=list)  # {"owner", "error"}: sending failed; try again

    def as_dict(self) -> dict:
        return {**asdict(self), "day": self.day.isoformat()}


def _why_not(owner) -> str | None:
    if not owner.is_active:
        return "account closed"
    if not (owner.email or "").strip():
        return "no email address"
    return None


def send_reminders(day: date) -> ReminderRun:
    """Email each owner of actions overdue or due within 10 working days on ``day``: one email per
    owner, at most one a day. Nothing is sent on a weekend or bank holiday."""
    run = ReminderRun(day=day)
    if not is_working_day(day):
        run.not_a_working_day = True
        logger.info("No action reminders on %s: not a working day", day)
        return run
    by_owner: dict[int, list[DueAction]] = {}
    owners = {}
    for action in _due_actions(day):
        if not rules.needs_reminder(action.status, action.target_date, day):
            continue
        if action.owner_id is None:
            run.unowned.append(action.pk)
            continue
        owners[action.owner_id] = action.owner
        by_owner.setdefault(action.owner_id, []).append(_as_due(action, day))
    if run.unowned:
        logger.warning("%s overdue or due soon with no owner to remind: %s",
                       _count(len(run.unowned), "action"), ", ".join(map(str, run.unowned)))
    reminded_today = set(ActionReminder.objects.filter(day=day).values_list("owner_id", flat=True))
    for owner_id in sorted(by_owner, key=lambda pk: (owners[pk].get_full_name().lower(), owners[pk].username)):
        owner, actions = owners[owner_id], by_owner[owner_id]
        name = owner.get_full_name() or owner.get_username()
        action_pks = [action.pk for action in actions]
        reason = _why_not(owner)
        if reason:
            run.not_reminded.append({"owner": owner.get_username(), "name": name, "reason": reason, "actions": action_pks})
            logger.warning("No reminder for %s (%s): %s overdue or due soon (%s)", owner.get_username(), reason,
                           _count(len(actions), "action"), ", ".join(map(str, action_pks)))
            continue
        if owner_id in reminded_today:
            run.already_sent.append(owner.get_username())
            continue
        subject = reminder_subject(actions)
        message = EmailMessage(subject=subject, body=reminder_body(name=name, actions=actions, today=day),
                               to=[owner.email.strip()])
        try:
            with transaction.atomic():
                _, created = ActionReminder.objects.get_or_create(owner=owner, day=day, defaults={
                    "email": owner.email.strip(), "subject": subject, "actions": action_pks,
                })
                if created:
                    message.send()  # a failure rolls the record back, so a later run tries again
        except Exception as error:  # noqa: BLE001 - one owner's failure must not stop the others' reminders
            logger.exception("Reminder to %s failed", owner.get_username())
            run.failed.append({"owner": owner.get_username(), "error": f"{error.__class__.__name__}: {error}"})
            continue
        if not created:  # another run sent it in the meantime
            run.already_sent.append(owner.get_username())
            continue
        run.sent.append({"owner": owner.get_username(), "email": owner.email.strip(), "subject": subject,
                         "actions": action_pks})
    logger.info("Action reminders for %s: %d sent, %d already sent, %d not reminded, %d unowned, %d failed", day,
                len(run.sent), len(run.already_sent), len(run.not_reminded), len(run.unowned), len(run.failed))
    return run
