"""The report to the board: what the chair takes to a board meeting, in the order Ofsted's review of
the board looks at it (seeds 001 to 003): governance and membership, attendance, reviews and their
deadlines, multi-agency audits, training and its impact, the challenge log, performance data with
the board's analysis, the latest annual report and the board's latest Ofsted judgement.

Figures cover the twelve months to the day it was asked for (the dashboard's window). It holds no
child's details (the board keeps none: a review is known by its reference), so it is not an
export, and everyone who sees the board's business, board members from partner agencies and
elected members included, may print it."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from judgements.models import Source
from lscb import selectors
from lscb.models import Board, Member, SafeguardingReview

from .base import Report, ReportError

TITLE_LENGTH = 200  # ReportJob.title
# The annual report's timeliness (lscb.rules.annual_report_timeliness) in words.
TIMELINESS_IN_WORDS = {
    "On time": "Published on time",
    "Late": "Published late",
    "Due": "Not yet published (not yet due)",
    "Overdue": "Not yet published: overdue",
}
TERM_ENDING_MONTHS = 3  # a member whose term ends this soon is flagged, so the chair can reappoint or replace them


class BoardReport(Report):
    kind = "board_report"
    permission = "lscb.view_board"
    template = "pdf/board_report.html"

    def title_for(self, parameters: dict) -> str:
        prefix, suffix = "Report to the board: ", f", {_as_at(parameters):%-d %B %Y}"
        name = _board(parameters).name
        room = TITLE_LENGTH - len(prefix) - len(suffix)
        if len(name) > room:
            name = name[: room - 1] + "…"
        return f"{prefix}{name}{suffix}"

    def context_for(self, job) -> dict:
        board = _board(job.parameters)
        today = _as_at(job.parameters)
        period = selectors.last_twelve_months(today)
        rates = selectors.attendance_rates(board=board, today=today)
        all_reviews = selectors.reviews(board=board, today=today)
        shown_reviews = [review for review in all_reviews if _in_period(review, period)]
        for review in shown_reviews:
            review.stage = _stage(review)
            review.learning_points = [line.strip() for line in review.learning.splitlines() if line.strip()]
        open_challenges, closed = selectors.challenges(board=board)
        training, events = selectors.training_by_agency(board=board, period=period)
        reports = selectors.annual_reports(board=board, today=today)
        audits = [audit for audit in selectors.audits(board=board)
                  if audit.completed_on is None or _within(audit.completed_on, period)]
        performance = [row for row in selectors.performance_reports(board=board) if _within(row.received_on, period)]
        return {
            "board": board,
            "today": today,
            "period": period,
            "governance": _governance(board, today),
            "subgroups": selectors.subgroups(board=board),
            "attendance": rates,
            "reviews": shown_reviews,
            "reviews_needing_attention": sum(1 for review in shown_reviews if review.attention),
            "reviews_in_progress": sum(1 for review in shown_reviews if _in_progress(review)),
            "audits": audits,
            "audits_completed": sum(1 for audit in audits if audit.completed_on),
            "audits_under_way": sum(1 for audit in audits if not audit.completed_on),
            "training": training,
            "training_people": sum(row.people for row in training),
            "training_event_count": events,
            "training_events": [event for event in selectors.training_events(board=board)
                                if _within(event.date, period)],
            "open_challenges": open_challenges,
            "closed_challenges": [row for row in closed if _within(row.closed_on, period)],
            "performance_reports": performance,
            "performance_unanalysed": sum(1 for row in performance if not row.analysis.strip()),
            "annual_report": reports[0] if reports else None,
            "annual_report_timeliness": TIMELINESS_IN_WORDS[reports[0].status] if reports else "",
            "judgement": next((judgement for judgement in selectors.board_judgements()
                               if judgement.judgement_set.source == Source.OFSTED), None),
        }


# --- governance


@dataclass
class Governance:
    in_post: list[selectors.AgencyMembers]  # members in term today, by agency
    in_post_count: int
    statutory_count: int
    lay_count: int
    lay_expected: int
    vacancies: list[str]  # in words, for the chair
    vacancy_count: int  # places: lay member places unfilled, and agencies with no member in post
    terms_ending: list[Member]


def _governance(board: Board, today: date) -> Governance:
    groups = selectors.members_by_agency(board=board, today=today)
    in_post, vacancies = [], []
    for group in groups:
        current = [member for member in group.members if member.current]
        if current:
            in_post.append(selectors.AgencyMembers(agency=group.agency, members=current,
                                                   statutory_partner=any(m.statutory_partner for m in current)))
        else:
            vacancies.append(_vacant_seat(group, today))
    current = [member for group in in_post for member in group.members]
    lay_count = sum(1 for member in current if member.lay_member)
    missing_lay = max(selectors.LAY_MEMBERS_EXPECTED - lay_count, 0)
    vacancy_count = missing_lay + len(vacancies)
    if missing_lay > 0:
        vacancies.insert(0, f"{_places(missing_lay)} for a lay member: Working Together (2015) expects "
                            f"{selectors.LAY_MEMBERS_EXPECTED} lay members representing the local community, "
                            f"and the board has {lay_count}.")
    soon = today + relativedelta(months=TERM_ENDING_MONTHS)
    return Governance(
        in_post=in_post, in_post_count=len(current), statutory_count=sum(1 for m in current if m.statutory_partner),
        lay_count=lay_count, lay_expected=selectors.LAY_MEMBERS_EXPECTED, vacancies=vacancies,
        vacancy_count=vacancy_count,
        terms_ending=sorted((m for m in current if m.term_end and m.term_end <= soon), key=lambda m: m.term_end),
    )


def _vacant_seat(group: selectors.AgencyMembers, today: date) -> str:
    """An agency with members on record but none in post today, in words."""
    starting = [member.term_start for member in group.members if member.term_start and member.term_start > today]
    if starting:
        return f"{group.agency}: no member in post until {min(starting):%-d %B %Y}."
    ended = [member.term_end for member in group.members if member.term_end]
    if ended:
        return f"{group.agency}: no member in post since {max(ended):%-d %B %Y}."
    return f"{group.agency}: no member in post."


def _places(count: int) -> str:
    return "One place" if count == 1 else f"{count} places"


# --- reviews


def _in_progress(review: SafeguardingReview) -> bool:
    return not review.rows or any(row.deadline.done is None for row in review.rows)


def _in_period(review: SafeguardingReview, period: selectors.Period) -> bool:
    """Reviews still under way, and those whose last step was taken in the period."""
    if _in_progress(review):
        return True
    return max(row.deadline.done for row in review.rows) >= period.start


def _stage(review: SafeguardingReview) -> str:
    """Where a review has got to, in words."""
    if review.published_on:
        return f"Published {review.published_on:%-d %B %Y}"
    if review.commissioned_on:
        return f"Commissioned {review.commissioned_on:%-d %B %Y}" + (f", lead reviewer {review.reviewer}"
                                                                     if review.reviewer else "")
    if review.decided_on:
        decision = "Rapid review" if review.kind == "practice_review" else "Decided"
        criteria = {True: ": the criteria for a review were met", False: ": the criteria for a review were not met"}
        return f"{decision} {review.decided_on:%-d %B %Y}{criteria.get(review.criteria_met, '')}"
    if review.notified_on:
        waiting = "rapid review" if review.kind == "practice_review" else "decision"
        return f"Notified {review.notified_on:%-d %B %Y}, awaiting the {waiting}"
    return "Not yet notified"


# --- parameters


def _within(day: date | None, period: selectors.Period) -> bool:
    return day is not None and period.start <= day <= period.end


def _as_at(parameters: dict) -> date:
    value = parameters.get("as_at")
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except (TypeError, ValueError):
        raise ReportError("The date for this report was not valid; print it again from the board's page.") from None


def _board(parameters: dict) -> Board:
    try:
        return Board.objects.get(pk=int(parameters["board"]))
    except (KeyError, TypeError, ValueError, Board.DoesNotExist):
        raise ReportError("The safeguarding board is no longer set up, so its report cannot be printed.") from None
