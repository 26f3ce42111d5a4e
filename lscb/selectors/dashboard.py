"""The dashboard the chair and members look at first: attendance, reviews with a deadline missed
or overdue, open challenges, training by agency, the latest annual report and judgement."""

from dataclasses import dataclass
from datetime import date

from judgements.models import Judgement

from ..models import AnnualReport, Board, Challenge, Member, SafeguardingReview
from .business import TrainingByAgency, annual_reports, board_judgements, challenges, reviews, training_by_agency
from .governance import AttendanceRates, Period, Rate, attendance_rates, last_twelve_months


@dataclass
class Dashboard:
    period: Period
    attendance: AttendanceRates
    reviews_needing_attention: list[SafeguardingReview]
    open_reviews: int
    open_challenges: list[Challenge]
    closed_challenges: int
    training: list[TrainingByAgency]
    training_events: int
    training_people: int
    annual_report: AnnualReport | None
    judgement: Judgement | None
    my_membership: Member | None
    my_attendance: Rate | None


def dashboard(*, board: Board, today: date, user) -> Dashboard:
    """What the chair and members look at first. A fixed number of queries."""
    period = last_twelve_months(today)
    rates = attendance_rates(board=board, today=today)
    all_reviews = reviews(board=board, today=today)
    # Reviews still open, or finished within the period, that missed or are missing a deadline.
    recent = [review for review in all_reviews if review.published_on is None or review.published_on >= period.start]
    open_challenges, closed = challenges(board=board)
    training, events = training_by_agency(board=board, period=period)
    reports = annual_reports(board=board, today=today)
    judgements = board_judgements(limit=1)
    membership = Member.objects.filter(board=board, user=user).first() if user.is_authenticated else None
    mine = None
    if membership is not None:
        row = next((row for row in rates.by_member if row.member_id == membership.pk), None)
        mine = row.board if row else Rate(0, 0)
    return Dashboard(
        period=period, attendance=rates,
        reviews_needing_attention=[review for review in recent if review.attention],
        open_reviews=sum(1 for review in all_reviews if any(row.deadline.done is None for row in review.rows)),
        open_challenges=open_challenges, closed_challenges=sum(1 for row in closed if row.closed_on >= period.start),
        training=training, training_events=events, training_people=sum(row.people for row in training),
        annual_report=reports[0] if reports else None, judgement=judgements[0] if judgements else None,
        my_membership=membership, my_attendance=mine,
    )
