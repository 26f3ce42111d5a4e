"""The daily reminders end to end on the real stack: PostgreSQL, Redis and a separate Celery worker
process (as inspection/tests/test_report_worker.py does for report jobs).

The test commits actions, sends the reminder task through Redis, and a real ``celery worker``
process (not eager mode) takes it and sends the emails through Django's file-based email backend;
the test reads the messages back from the files and checks who got what. The task is then sent a
second time for the same day and nothing more is sent.
"""

import email
import email.policy
import time
from datetime import date
from pathlib import Path

import pytest

from actionplans.models import Action, ActionPlan, ActionReminder, PlanSource, Recommendation
from actionplans.rules import Status
from actionplans.tasks import send_action_reminders
from inspection.roles import Role
from worker_testing import celery_worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SITE_URL = "https://lineofsight.council.example"
DAY = "2026-03-10"  # a Tuesday: the 10th working day after it is Tuesday 24 March


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture
def celery_worker_process(tmp_path, mail_dir):
    log = tmp_path / "worker.log"
    with celery_worker(
        log,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        DEFAULT_FROM_EMAIL="Line of Sight <line-of-sight@council.example>",
        SITE_URL=SITE_URL,
    ) as worker:
        yield worker, log


def _wait_for_runs(log: Path, runs: int, timeout: float = 90) -> str:
    """Wait until the worker has finished the reminder task ``runs`` times; its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text()
        finished = [line for line in text.splitlines() if "send_action_reminders[" in line and "succeeded in" in line]
        if len(finished) >= runs:
            return text
        time.sleep(0.3)
    pytest.fail(f"The reminder task did not finish {runs} time(s) in {timeout}s. Worker log:\n{log.read_text()[-4000:]}")


def _sent_messages(mail_dir: Path) -> list[email.message.EmailMessage]:
    """The messages the file-based backend wrote: each followed by a line of 79 hyphens."""
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


def test_a_real_worker_emails_each_owner_once_with_their_actions(
    celery_worker_process, mail_dir, make_user, senior_manager,
):
    worker, log = celery_worker_process
    sam = make_user("sam.owner", Role.TEAM_MANAGER)
    sam.first_name, sam.last_name, sam.email = "Sam", "Owner", "sam.owner@council.example"
    sam.save()
    lee = make_user("lee.other", Role.SENIOR_MANAGER)
    lee.first_name, lee.last_name, lee.email = "Lee", "Other", "lee.other@council.example"
    lee.save()
    no_address = make_user("no.address", Role.AUDITOR)
    plan = ActionPlan.objects.create(title="Ofsted inspection 2026", source=PlanSource.INSPECTION,
                                     published_on=date(2026, 1, 12), created_by=senior_manager)
    first = Recommendation.objects.create(plan=plan, number=1, text="Improve strategy discussions.")
    second = Recommendation.objects.create(plan=plan, number=2, text="Strengthen management oversight.")

    def action(recommendation, owner, target, description, status=Status.ON_TRACK, **fields):
        return Action.objects.create(recommendation=recommendation, owner=owner, target_date=target,
                                     description=description, status=status, created_by=senior_manager, **fields)

    sam_late = action(first, sam, date(2026, 3, 2), "Audit strategy discussions in the front door")
    sam_later = action(second, sam, date(2026, 3, 5), "Recruit two independent reviewing officers",
                       status=Status.AT_RISK)
    sam_soon = action(second, sam, date(2026, 3, 24), "Publish the supervision standard")
    action(first, sam, date(2026, 3, 2), "Train managers on thresholds", status=Status.COMPLETE,
           evidence_of_impact="Audits show thresholds applied consistently.")
    action(first, sam, date(2026, 3, 25), "Review the neglect toolkit")  # the 11th working day: not yet
    lee_soon = action(first, lee, date(2026, 3, 11), "Report progress to the scrutiny committee")
    unreachable = action(second, no_address, date(2026, 3, 3), "Moderate the quarter's audits")

    send_action_reminders.delay(DAY)
    text = _wait_for_runs(log, runs=1)
    assert worker.poll() is None, "the worker process should still be running"

    messages = _sent_messages(mail_dir)
    assert sorted((message["To"], message["Subject"]) for message in messages) == [
        ("lee.other@council.example", "Line of Sight: 1 action due soon"),
        ("sam.owner@council.example", "Line of Sight: 2 actions overdue, 1 due soon"),
    ]
    assert {message["From"] for message in messages} == {"Line of Sight <line-of-sight@council.example>"}
    bodies = {message["To"]: message.get_content() for message in messages}
    sam_body, lee_body = bodies["sam.owner@council.example"], bodies["lee.other@council.example"]
    assert "Dear Sam Owner," in sam_body
    for expected, when in ((sam_late, "2 March 2026, overdue by 6 working days"),
                           (sam_later, "5 March 2026, overdue by 3 working days"),
                           (sam_soon, "24 March 2026, due in 10 working days")):
        assert expected.description in sam_body
        assert f"Target date: {when}" in sam_body
        assert f"{SITE_URL}/action-plans/actions/{expected.pk}/" in sam_body
    assert "Plan: Ofsted inspection 2026, recommendation 2" in sam_body
    for absent in ("Train managers", "Review the neglect toolkit", "scrutiny committee", "Moderate"):
        assert absent not in sam_body
    assert "Report progress to the scrutiny committee" in lee_body
    assert f"{SITE_URL}/action-plans/actions/{lee_soon.pk}/" in lee_body
    assert "Target date: 11 March 2026, due in 1 working day" in lee_body
    assert "Audit strategy discussions" not in lee_body
    # The owner with no email address is named in the worker's log, not skipped in silence.
    assert "No reminder for no.address (no email address)" in text
    assert set(ActionReminder.objects.values_list("owner__username", "day")) == {
        ("sam.owner", date(2026, 3, 10)), ("lee.other", date(2026, 3, 10)),
    }
    assert ActionReminder.objects.get(owner=sam).actions == [sam_late.pk, sam_later.pk, sam_soon.pk]
    assert not ActionReminder.objects.filter(owner=no_address).exists()
    assert all(unreachable.description not in body for body in bodies.values())

    # The task runs again the same day (a retry, a second scheduler): nobody is emailed twice.
    send_action_reminders.delay(DAY)
    _wait_for_runs(log, runs=2)
    assert len(_sent_messages(mail_dir)) == 2
    assert ActionReminder.objects.count() == 2
