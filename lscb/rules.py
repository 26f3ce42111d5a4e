"""The safeguarding board's timescales and checks, as pure functions.

Sources:
* Serious incident notification: the council notifies Ofsted (from 2018, the national Child
  Safeguarding Practice Review Panel) within 5 working days of becoming aware of the incident
  (Working Together 2015, chapter 4; 2018, chapter 4).
* Serious case reviews (LSCBs, Working Together 2013/2015): the board decides whether the
  criteria are met within one month of notification, and aims to complete the review within six
  months of initiating it.
* Child safeguarding practice reviews (safeguarding partners, Working Together 2018): a rapid
  review within 15 working days of the notification; for a local review, where commissioned, we
  use the same six months from the decision as the target for completion and publication.
* Annual report: Working Together requires one each year; Ofsted's LSCB review looks for a timely
  report. We measure it against the board's own target (default: published within six months of
  the end of the year it covers).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from cases.working_days import add_working_days, working_days_between

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
DECISION_MONTHS = 1
COMPLETION_MONTHS = 6
ANNUAL_REPORT_MONTHS = 6


class ReviewKind:
    SERIOUS_CASE_REVIEW = "serious_case_review"
    PRACTICE_REVIEW = "practice_review"
    LEARNING_REVIEW = "learning_review"
    CHOICES = [
        (SERIOUS_CASE_REVIEW, "Serious case review"),
        (PRACTICE_REVIEW, "Child safeguarding practice review"),
        (LEARNING_REVIEW, "Learning review (criteria not met)"),
    ]


@dataclass(frozen=True)
class Deadline:
    what: str
    due: date
    done: date | None

    def on_time(self) -> bool | None:
        """True if done by the due date, False if done late or not done and past due, None if
        not done and not yet due (measured on ``today`` by ``status``)."""
        if self.done is None:
            return None
        return self.done <= self.due

    def status(self, today: date) -> str:
        if self.done is not None:
            return "On time" if self.done <= self.due else "Late"
        return "Overdue" if today > self.due else "Due"


def review_deadlines(kind: str, *, incident_known: date | None, notified: date | None, decided: date | None,
                     published: date | None) -> list[Deadline]:
    """The timescales that apply to one review, each with when it was met (if it was)."""
    deadlines = []
    if incident_known is not None:
        deadlines.append(Deadline("Notification within 5 working days of becoming aware",
                                  add_working_days(incident_known, NOTIFICATION_WORKING_DAYS), notified))
    if notified is not None:
        if kind == ReviewKind.PRACTICE_REVIEW:
            deadlines.append(Deadline("Rapid review within 15 working days of notification",
                                      add_working_days(notified, RAPID_REVIEW_WORKING_DAYS), decided))
        else:
            deadlines.append(Deadline("Decision within one month of notification",
                                      notified + relativedelta(months=DECISION_MONTHS), decided))
    if decided is not None and kind != ReviewKind.LEARNING_REVIEW:
        deadlines.append(Deadline("Completed and published within six months of the decision",
                                  decided + relativedelta(months=COMPLETION_MONTHS), published))
    return deadlines


def working_days_taken(start: date | None, end: date | None) -> int | None:
    if start is None or end is None:
        return None
    return working_days_between(start, end)


def annual_report_due(year_end: date, months: int = ANNUAL_REPORT_MONTHS) -> date:
    return year_end + relativedelta(months=months)


def annual_report_timeliness(year_end: date, published: date | None, today: date,
                             months: int = ANNUAL_REPORT_MONTHS) -> str:
    return Deadline("Annual report published", annual_report_due(year_end, months), published).status(today)


# What a good board shows (seeds 001-003; Ofsted's LSCB review criteria): the annual report checklist.
ANNUAL_REPORT_CHECKLIST = [
    ("governance", "Governance and accountability: independent chair, membership, attendance, partners' commitment"),
    ("data", "Performance data analysed, not only reported: what it says about the help children get"),
    ("challenge", "A culture of challenge: challenges raised with agencies and what changed"),
    ("reviews", "Learning from serious case reviews and other reviews, and how it was spread"),
    ("training", "Multi-agency training and the evaluation of its impact on practice"),
    ("voice", "The voice of children and young people shaping the board's work"),
    ("audits", "Multi-agency audits and what they found"),
    ("priorities", "An assessment of local safeguarding and the priorities for the coming year"),
]


def attendance_rate(statuses: Iterable[str]) -> float | None:
    """Share of meetings attended in person or by a deputy (apologies and absences count against)."""
    statuses = list(statuses)
    if not statuses:
        return None
    return sum(1 for status in statuses if status in ("present", "deputy")) / len(statuses)
