"""Reads for the board's business: reviews with their deadlines (status in words, working days
where the rule counts them), the registers (audits, training by agency, the challenge log,
performance data), annual reports with their checklist, and the judgements of the board."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404

from cases.selectors import children_visible_to
from judgements.models import Judgement

from .. import rules
from ..models import (
    AnnualReport, Board, Challenge, MultiAgencyAudit, PerformanceReport, SafeguardingReview, TrainingAttendance,
    TrainingEvent,
)
from .governance import Period

LSCB_AREA = "lscb"  # the judgement area of Ofsted's review of the board (SIF)


# --- reviews

# The deadlines measured in working days, and the date each one counts from.
WORKING_DAY_RULES = {
    "Notification within 5 working days of becoming aware": "incident_known_on",
    "Rapid review within 15 working days of notification": "notified_on",
}


@dataclass(frozen=True)
class DeadlineRow:
    deadline: rules.Deadline
    status: str  # On time, Late, Due, Overdue
    working_days: int | None = None  # taken (when met) or so far (when not), for working-day rules

    @property
    def what(self) -> str:
        return self.deadline.what

    @property
    def needs_attention(self) -> bool:
        return self.status in ("Late", "Overdue")


def deadline_rows(review: SafeguardingReview, today: date) -> list[DeadlineRow]:
    rows = []
    for deadline in review.deadlines():
        start_field = WORKING_DAY_RULES.get(deadline.what)
        days = None
        if start_field:
            days = rules.working_days_taken(getattr(review, start_field), deadline.done or today)
        rows.append(DeadlineRow(deadline=deadline, status=deadline.status(today), working_days=days))
    return rows


def reviews(*, board: Board, today: date) -> list[SafeguardingReview]:
    """Every review, newest notification first, each with ``rows`` (its deadlines and status)."""
    # Reviews not yet notified are the newest: first, on every database.
    result = list(board.reviews.order_by(F("notified_on").desc(nulls_first=True), "-pk"))
    for review in result:
        review.rows = deadline_rows(review, today)
        review.attention = [row for row in review.rows if row.needs_attention]
    return result


def review_detail(*, board: Board, pk: int, today: date) -> SafeguardingReview:
    review = get_object_or_404(board.reviews, pk=pk)
    review.rows = deadline_rows(review, today)
    return review


def reference_names_a_child(*, user, reference: str) -> bool:
    """Whether a review's reference contains the first and last name of a child the user can see:
    a reference must never name the child (board members from other agencies read it)."""
    words = [word.strip(".,;:()'\"") for word in reference.split()]
    pairs = [(first, last) for first, last in zip(words, words[1:]) if first and last]
    if not pairs:
        return False
    query = Q()
    for first, last in pairs:
        query |= Q(first_name__iexact=first, last_name__iexact=last)
    return children_visible_to(user=user).filter(query).exists()


# --- audits, training, challenge, performance data


def audits(*, board: Board) -> list[MultiAgencyAudit]:
    return list(board.audits.order_by(F("completed_on").desc(nulls_first=True), "-pk"))  # those under way first


def training_events(*, board: Board) -> list[TrainingEvent]:
    by_agency = Prefetch("attendance", queryset=TrainingAttendance.objects.order_by("agency"))
    events = list(board.training.prefetch_related(by_agency))
    for event in events:
        event.total = sum(row.attended for row in event.attendance.all())
    return events


@dataclass(frozen=True)
class TrainingByAgency:
    agency: str
    people: int
    events: int


def training_by_agency(*, board: Board, period: Period) -> tuple[list[TrainingByAgency], int]:
    """People trained from each agency in the period (largest first), and the number of events."""
    rows = (
        TrainingAttendance.objects.filter(event__board=board, event__date__gte=period.start, event__date__lte=period.end)
        .values("agency").annotate(people=Sum("attended"), events=Count("event", distinct=True))
    )
    result = sorted((TrainingByAgency(row["agency"], row["people"], row["events"]) for row in rows),
                    key=lambda row: (-row.people, row.agency.lower()))
    events = board.training.filter(date__gte=period.start, date__lte=period.end).count()
    return result, events


def challenges(*, board: Board) -> tuple[list[Challenge], list[Challenge]]:
    """Open challenges (oldest first: the longest waiting at the top) and closed ones (newest first)."""
    rows = list(board.challenges.select_related("raised_by"))
    open_ = sorted((row for row in rows if row.closed_on is None), key=lambda row: (row.raised_on, row.pk))
    closed = [row for row in rows if row.closed_on is not None]
    return open_, closed


def performance_reports(*, board: Board) -> list[PerformanceReport]:
    return list(board.performance_reports.all())


# --- annual reports


@dataclass(frozen=True)
class CheckLine:
    key: str
    text: str
    shown: bool
    note: str


def checklist(report: AnnualReport) -> list[CheckLine]:
    """Every line of the checklist, in its order, as recorded for the report (prefetch ``checks``);
    a line never recorded is not shown."""
    recorded = {check.key: check for check in report.checks.all()}
    return [
        CheckLine(key=key, text=text, shown=bool(recorded.get(key) and recorded[key].shown),
                  note=recorded[key].note if key in recorded else "")
        for key, text in rules.ANNUAL_REPORT_CHECKLIST
    ]


def _decorate(report: AnnualReport, today: date) -> AnnualReport:
    report.lines = checklist(report)
    report.shown_count = sum(1 for line in report.lines if line.shown)
    report.status = report.timeliness(today)
    return report


def annual_reports(*, board: Board, today: date) -> list[AnnualReport]:
    rows = board.annual_reports.select_related("board").prefetch_related("checks")
    return [_decorate(report, today) for report in rows]


def annual_report_detail(*, board: Board, pk: int, today: date) -> AnnualReport:
    report = get_object_or_404(board.annual_reports.select_related("board").prefetch_related("checks"), pk=pk)
    return _decorate(report, today)


# --- Ofsted's review of the board (the judgements app, area "lscb")


def board_judgements(*, limit: int | None = None) -> list[Judgement]:
    """Graded judgements of the board's effectiveness, newest first, with their set."""
    rows = (
        Judgement.objects.filter(area__code=LSCB_AREA, grade__isnull=False)
        .select_related("judgement_set", "judgement_set__framework", "area")
        .order_by("-judgement_set__judged_on", "-judgement_set__pk")
    )
    return list(rows[:limit] if limit else rows)
