"""Reminders to action owners: who is emailed, what the email says, once a day at most, and what
happens to owners who cannot be emailed."""

import logging
from datetime import date

import pytest
from celery.exceptions import Retry
from django.core.mail import EmailMessage
from django.urls import reverse

from actionplans import reminders
from actionplans.models import Action, ActionPlan, ActionReminder, PlanSource, Recommendation
from actionplans.rules import Status
from actionplans.tasks import send_action_reminders
from inspection.celery import app as celery_app
from inspection.roles import Role

pytestmark = pytest.mark.django_db

# Tuesday 10 March 2026. The 10th working day after it is Tuesday 24 March; the 11th, Wednesday 25 March.
TODAY = date(2026, 3, 10)


@pytest.fixture
def plan(senior_manager):
    return ActionPlan.objects.create(title="Ofsted inspection 2026", source=PlanSource.INSPECTION,
                                     published_on=date(2026, 1, 12), created_by=senior_manager)


@pytest.fixture
def recommendation(plan):
    return Recommendation.objects.create(plan=plan, number=3, text="Improve the quality of strategy discussions.")


@pytest.fixture
def owner(make_user):
    user = make_user("sam.owner", Role.TEAM_MANAGER)
    user.first_name, user.last_name, user.email = "Sam", "Owner", "sam.owner@council.example"
    user.save()
    return user


@pytest.fixture
def make_action(recommendation, senior_manager):
    def make(owner, target: date, status: str = Status.ON_TRACK, description: str = "Audit strategy discussions",
             **fields) -> Action:
        if status == Status.COMPLETE:
            fields.setdefault("evidence_of_impact", "Audits show strategy discussions now involve the police.")
        return Action.objects.create(recommendation=recommendation, description=description, owner=owner,
                                     target_date=target, status=status, created_by=senior_manager, **fields)

    return make


def action_link(action: Action) -> str:
    return f"http://127.0.0.1:8000{reverse('actionplans:action_detail', args=[action.pk])}"


# --- who is reminded -----------------------------------------------------------------------------


def test_an_overdue_action_is_emailed_to_its_owner_with_its_plan_date_and_link(mailoutbox, owner, make_action):
    action = make_action(owner, date(2026, 3, 2), description="Audit strategy discussions in the front door")

    run = reminders.send_reminders(TODAY)

    assert [sent["owner"] for sent in run.sent] == ["sam.owner"]
    [message] = mailoutbox
    assert message.to == ["sam.owner@council.example"]
    assert message.subject == "Line of Sight: 1 action overdue"
    assert message.from_email == "Line of Sight <line-of-sight@localhost>"
    assert "Dear Sam Owner," in message.body
    assert "1. Audit strategy discussions in the front door" in message.body
    assert "Plan: Ofsted inspection 2026, recommendation 3" in message.body
    assert "Target date: 2 March 2026, overdue by 6 working days" in message.body
    assert action_link(action) in message.body
    assert f"http://127.0.0.1:8000{reverse('actionplans:my_actions')}" in message.body
    assert "DUE SOON" not in message.body


def test_an_action_due_within_ten_working_days_is_reminded_but_not_one_due_on_the_eleventh(
    mailoutbox, owner, make_action,
):
    due = make_action(owner, date(2026, 3, 24), description="Publish the new threshold document")
    make_action(owner, date(2026, 3, 25), description="Train every team on the thresholds")

    reminders.send_reminders(TODAY)

    [message] = mailoutbox
    assert message.subject == "Line of Sight: 1 action due soon"
    assert "DUE SOON (within 10 working days)" in message.body and "OVERDUE" not in message.body
    assert "Target date: 24 March 2026, due in 10 working days" in message.body
    assert action_link(due) in message.body
    assert "Train every team" not in message.body


def test_complete_actions_and_those_not_yet_due_send_nothing(mailoutbox, owner, make_action):
    make_action(owner, date(2026, 3, 2), status=Status.COMPLETE)
    make_action(owner, date(2026, 6, 1))

    run = reminders.send_reminders(TODAY)

    assert mailoutbox == []
    assert run.sent == [] and run.not_reminded == [] and run.unowned == []
    assert not ActionReminder.objects.exists()


def test_each_owner_gets_one_email_listing_all_their_actions_overdue_first(mailoutbox, owner, make_user, make_action):
    other = make_user("lee.other", Role.SENIOR_MANAGER)
    other.email = "lee.other@council.example"
    other.save()
    soon = make_action(owner, date(2026, 3, 12), description="Refresh the neglect toolkit")
    late = make_action(owner, date(2026, 3, 5), description="Audit strategy discussions")
    later = make_action(owner, date(2026, 3, 2), status=Status.AT_RISK, description="Recruit two IROs")
    theirs = make_action(other, date(2026, 3, 11), description="Report to scrutiny committee")

    run = reminders.send_reminders(TODAY)

    assert len(mailoutbox) == 2
    by_recipient = {message.to[0]: message for message in mailoutbox}
    mine = by_recipient["sam.owner@council.example"]
    assert mine.subject == "Line of Sight: 2 actions overdue, 1 due soon"
    body = mine.body
    assert body.index("OVERDUE") < body.index("1. Recruit two IROs") < body.index("2. Audit strategy discussions")
    assert body.index("2. Audit strategy discussions") < body.index("DUE SOON") < body.index("3. Refresh the neglect")
    assert "Report to scrutiny" not in body
    assert by_recipient["lee.other@council.example"].subject == "Line of Sight: 1 action due soon"
    assert "Report to scrutiny committee" in by_recipient["lee.other@council.example"].body
    recorded = {reminder.owner: reminder.actions for reminder in ActionReminder.objects.filter(day=TODAY)}
    assert recorded == {owner: [later.pk, late.pk, soon.pk], other: [theirs.pk]}
    assert sorted(len(sent["actions"]) for sent in run.sent) == [1, 3]


def test_the_links_use_the_site_address(settings, mailoutbox, owner, make_action):
    settings.SITE_URL = "https://lineofsight.council.example"
    action = make_action(owner, date(2026, 3, 2))

    reminders.send_reminders(TODAY)

    assert f"https://lineofsight.council.example/action-plans/actions/{action.pk}/" in mailoutbox[0].body


# --- owners who cannot be emailed ----------------------------------------------------------------


def test_an_owner_without_an_email_address_is_listed_and_logged_not_skipped_in_silence(
    mailoutbox, owner, make_user, make_action, caplog,
):
    no_address = make_user("no.address", Role.TEAM_MANAGER)
    first = make_action(no_address, date(2026, 3, 2))
    second = make_action(no_address, date(2026, 3, 20))
    make_action(owner, date(2026, 3, 2))

    with caplog.at_level(logging.WARNING, logger="actionplans.reminders"):
        run = reminders.send_reminders(TODAY)

    assert [message.to for message in mailoutbox] == [["sam.owner@council.example"]]
    assert run.not_reminded == [{"owner": "no.address", "name": "No.Address Tester", "reason": "no email address",
                                 "actions": [first.pk, second.pk]}]
    assert "No reminder for no.address (no email address): 2 actions overdue or due soon" in caplog.text
    assert not ActionReminder.objects.filter(owner=no_address).exists()


def test_a_closed_account_is_not_emailed_and_is_listed(mailoutbox, owner, make_action):
    owner.is_active = False
    owner.save()
    make_action(owner, date(2026, 3, 2))

    run = reminders.send_reminders(TODAY)

    assert mailoutbox == []
    assert [(entry["owner"], entry["reason"]) for entry in run.not_reminded] == [("sam.owner", "account closed")]


def test_actions_with_no_owner_are_listed_and_logged(mailoutbox, make_action, caplog):
    unowned = make_action(None, date(2026, 3, 2))

    with caplog.at_level(logging.WARNING, logger="actionplans.reminders"):
        run = reminders.send_reminders(TODAY)

    assert mailoutbox == [] and run.unowned == [unowned.pk]
    assert f"1 action overdue or due soon with no owner to remind: {unowned.pk}" in caplog.text


# --- once a day ----------------------------------------------------------------------------------


def test_running_twice_on_one_day_sends_each_reminder_once_and_again_the_next_day(mailoutbox, owner, make_action):
    make_action(owner, date(2026, 3, 2))

    first = reminders.send_reminders(TODAY)
    second = reminders.send_reminders(TODAY)

    assert len(mailoutbox) == 1
    assert len(first.sent) == 1 and second.sent == [] and second.already_sent == ["sam.owner"]
    reminders.send_reminders(date(2026, 3, 11))
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "Line of Sight: 1 action overdue"
    assert "overdue by 7 working days" in mailoutbox[1].body
    assert ActionReminder.objects.filter(owner=owner).count() == 2


def test_nothing_is_sent_on_a_weekend_or_bank_holiday(mailoutbox, owner, make_action):
    make_action(owner, date(2026, 3, 2))

    for day in (date(2026, 3, 14), date(2026, 4, 3)):  # a Saturday; Good Friday
        run = reminders.send_reminders(day)
        assert run.not_a_working_day and run.sent == []

    assert mailoutbox == []


def test_a_failed_email_is_not_recorded_so_the_next_run_sends_it(mailoutbox, owner, make_user, make_action, monkeypatch):
    other = make_user("lee.other", Role.SENIOR_MANAGER)
    other.email = "lee.other@council.example"
    other.save()
    make_action(owner, date(2026, 3, 2))
    make_action(other, date(2026, 3, 2))
    real_send = EmailMessage.send

    def refuse_sam(message, fail_silently=False):
        if message.to == ["sam.owner@council.example"]:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", refuse_sam)
    run = reminders.send_reminders(TODAY)

    assert run.failed == [{"owner": "sam.owner", "error": "ConnectionRefusedError: mail server down"}]
    assert [message.to for message in mailoutbox] == [["lee.other@council.example"]]  # the others still go
    assert list(ActionReminder.objects.values_list("owner__username", flat=True)) == ["lee.other"]

    monkeypatch.setattr(EmailMessage, "send", real_send)
    again = reminders.send_reminders(TODAY)
    assert [sent["owner"] for sent in again.sent] == ["sam.owner"] and again.already_sent == ["lee.other"]
    assert [message.to for message in mailoutbox] == [["lee.other@council.example"], ["sam.owner@council.example"]]


def test_lateness_is_counted_in_working_days_across_bank_holidays(mailoutbox, owner, make_action):
    make_action(owner, date(2026, 4, 2), description="Audit strategy discussions")  # Thursday before Easter
    make_action(owner, date(2026, 4, 20), description="Refresh the neglect toolkit")

    reminders.send_reminders(date(2026, 4, 7))  # Tuesday after Good Friday and Easter Monday

    body = mailoutbox[0].body
    assert "Target date: 2 April 2026, overdue by 1 working day" in body
    assert "Target date: 20 April 2026, due in 9 working days" in body


# --- the home page's reads -----------------------------------------------------------------------


def test_due_or_overdue_lists_one_owners_actions_most_overdue_first(owner, make_user, make_action):
    other = make_user("lee.other", Role.SENIOR_MANAGER)
    soon = make_action(owner, date(2026, 3, 20))
    late = make_action(owner, date(2026, 3, 2))
    make_action(owner, date(2026, 3, 3), status=Status.COMPLETE)
    make_action(owner, date(2026, 4, 30))
    make_action(other, date(2026, 3, 2))

    due = reminders.due_or_overdue(TODAY, owner=owner)

    assert [(item.pk, item.overdue, item.when) for item in due] == [
        (late.pk, True, "overdue by 6 working days"), (soon.pk, False, "due in 8 working days"),
    ]
    assert len(reminders.due_or_overdue(TODAY)) == 3
    assert reminders.overdue_count(TODAY) == 2
    # Seen on a Sunday, an action due on the Friday is a working day late, not none.
    friday = make_action(owner, date(2026, 3, 13))
    assert [item.when for item in reminders.due_or_overdue(date(2026, 3, 15), owner=owner)
            if item.pk == friday.pk] == ["overdue by 1 working day"]


# --- the task and its schedule -------------------------------------------------------------------


def test_the_task_sends_the_reminders_for_the_day_it_is_given(mailoutbox, owner, make_action):
    make_action(owner, date(2026, 3, 2))

    result = send_action_reminders.delay("2026-03-10").get()

    assert result["day"] == "2026-03-10"
    assert [sent["owner"] for sent in result["sent"]] == ["sam.owner"]
    assert [message.subject for message in mailoutbox] == ["Line of Sight: 1 action overdue"]


def test_the_task_without_a_day_uses_today_in_london(mailoutbox, owner, make_action, monkeypatch):
    make_action(owner, date(2026, 3, 2))
    monkeypatch.setattr("actionplans.tasks.timezone.localdate", lambda: TODAY)

    result = send_action_reminders.delay().get()

    assert result["day"] == "2026-03-10" and len(mailoutbox) == 1


@pytest.mark.parametrize(("retries", "tried_again"), [(0, True), (2, True), (3, False)])
def test_the_task_tries_again_later_while_an_email_could_not_be_sent(owner, make_action, monkeypatch, retries,
                                                                     tried_again):
    make_action(owner, date(2026, 3, 2))

    def refuse(message, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    asked = []

    def retry(**options):
        asked.append(options)
        return Retry()

    monkeypatch.setattr(EmailMessage, "send", refuse)
    monkeypatch.setattr(send_action_reminders, "retry", retry)
    send_action_reminders.push_request(retries=retries, is_eager=False)  # as a worker runs it
    try:
        if tried_again:
            with pytest.raises(Retry):
                send_action_reminders.run("2026-03-10")
            assert asked == [{"kwargs": {"day": "2026-03-10"}}]
        else:
            result = send_action_reminders.run("2026-03-10")
            assert asked == [] and [failure["owner"] for failure in result["failed"]] == ["sam.owner"]
    finally:
        send_action_reminders.pop_request()


def test_the_scheduler_runs_the_reminders_daily_at_seven_in_london():
    entry = celery_app.conf.beat_schedule["action-plan-reminders"]
    assert entry["task"] == send_action_reminders.name == "actionplans.tasks.send_action_reminders"
    assert entry["task"] in celery_app.tasks
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute, len(schedule.day_of_week)) == ({7}, {0}, 7)
    assert celery_app.conf.timezone == "Europe/London"
