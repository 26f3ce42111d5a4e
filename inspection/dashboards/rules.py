"""Whether one child counts towards a dashboard figure's numerator, and why, in a few words.
Pure: no ORM; compute.py gathers the facts in bulk and asks these rules about each child.

Each rule returns ``(met, detail)``. ``met`` says whether the child is in the figure's numerator
(its ``met_label`` in measures.py): for the figures where lower is better ("Re-referrals within
12 months", "Three or more placements in 12 months") that is the thing the council wants fewer
of, and compute.py keeps such a child as not meeting the standard. ``detail`` is a few words a
manager reads beside the child in the list behind a figure ("visit 6 working days overdue",
"4 placements since 3 March 2025"); never a name or anything else that identifies the child.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from cases.codes import ActivityStatus, InTouch
from cases.timescales import Timescale, assessment_due
from cases.working_days import working_days_between
from inspection.judgement_evidence.figures import assessment_on_time

Decision = tuple[bool, str]

REPEAT_MONTHS = 12
# Care leavers in education, employment or training: the F (full time) and P (part time) codes;
# the G codes are "not in education, employment or training".
IN_EDUCATION_EMPLOYMENT_OR_TRAINING = frozenset(
    {ActivityStatus.F1, ActivityStatus.P1, ActivityStatus.F2, ActivityStatus.P2, ActivityStatus.F3, ActivityStatus.P3}
)
IN_TOUCH_WORDS = {
    InTouch.NO: "not in touch", InTouch.DIED: "died", InTouch.REFUSED: "refuses contact",
    InTouch.NO_LONGER_REQUIRED: "no longer requires services", InTouch.RETURNED_HOME: "returned home",
}


def day(value: date) -> str:
    """A date as a manager writes it: "3 March 2026"."""
    return f"{value.day} {value:%B %Y}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def twelve_months_to(as_at: date) -> date:
    """The first day of the twelve months to ``as_at`` (as the evidence pages count them):
    17 June 2024 for 16 June 2025."""
    return as_at - relativedelta(years=1) + timedelta(days=1)


# Flows: what happened in the twelve months

def assessment_in_timescale(*, referral_date: date, authorised_date: date) -> Decision:
    """Assessment authorised within 45 working days of the referral it followed
    (inspection/judgement_evidence/figures.assessment_on_time, cases/timescales.assessment_due)."""
    taken = working_days_between(referral_date, authorised_date)
    if assessment_on_time(referral_date=referral_date, authorised_date=authorised_date):
        return True, f"authorised in {plural(taken, 'working day')}"
    late = working_days_between(assessment_due(referral_date), authorised_date)
    return False, f"authorised in {taken} working days, {plural(late, 'working day')} late"


def repeat_referral(*, referral_date: date, earlier_referrals: Iterable[date], earlier_not_held: int = 0) -> Decision:
    """A referral within 12 months of a previous referral for the same child (the DfE children in
    need census's re-referral). ``earlier_referrals``: the child's other referral dates (any);
    ``earlier_not_held``: referrals in the 12 months before this one that an imported Annex A
    counted but we hold no record of (inspection/annex_a/carried.py)."""
    since = referral_date - relativedelta(months=REPEAT_MONTHS)
    within = [earlier for earlier in earlier_referrals if since <= earlier < referral_date]
    if within:
        return True, f"previous referral {day(max(within))}"
    if earlier_not_held > 0:
        return True, "previous referral in the 12 months before it (imported record)"
    return False, "no referral in the 12 months before"


def repeat_child_protection_plan(
    *, plan_start: date, earlier_plans: Iterable[date], earlier_not_held: int = 0
) -> Decision:
    """The child's second or later child protection plan: any earlier plan, however long ago
    (the DfE's "second or subsequent plan"). ``earlier_plans``: the start dates of the child's
    other plans; ``earlier_not_held``: earlier plans an imported Annex A counted that we hold no
    record of."""
    before = [earlier for earlier in earlier_plans if earlier < plan_start]
    count = len(before) + max(earlier_not_held, 0)
    if not count:
        return False, "first plan"
    if before:
        return True, f"{ordinal(count + 1)} plan; previous plan started {day(max(before))}"
    return True, f"{ordinal(count + 1)} plan (earlier plans from an imported record)"


# Snapshots: the children open on the day

def three_or_more_placements(
    *, placements: Iterable[tuple[date, date | None]], as_at: date, earlier_not_held: int = 0
) -> Decision:
    """Three or more placements in the twelve months to ``as_at``: the placements that started in
    them, plus the one the child was in when they began (DfE placement stability).
    ``placements``: (start, end) of the child's placements in any period of care; those starting
    after ``as_at`` are left out. ``earlier_not_held``: placements in the 12 months that an
    imported Annex A counted but we hold no record of."""
    since = twelve_months_to(as_at)
    started = [start for start, _end in placements if since <= start <= as_at]
    open_at_start = any(start < since and (end is None or end >= since) for start, end in placements)
    count = len(started) + open_at_start + max(earlier_not_held, 0)
    met = count >= 3
    if not count:
        return False, "no placement recorded"
    return met, f"{plural(count, 'placement')} since {day(since)}"


def deadline_kept(timescale: Timescale, *, as_at: date, what: str) -> Decision:
    """A statutory deadline (cases/due.py) not passed on ``as_at``: "visit due 12 March 2026", or
    "visit 6 working days overdue"."""
    if not timescale.is_late(as_at):
        return True, f"{what} due {day(timescale.due)}"
    overdue = timescale.days_overdue(as_at)
    if overdue:
        return False, f"{what} {plural(overdue, 'working day')} overdue"
    return False, f"{what} overdue since {day(timescale.due)}"


def care_leaver_in_touch(in_touch: str) -> Decision:
    """The council is in touch with the care leaver (InTouch "a) Yes")."""
    if in_touch == InTouch.YES:
        return True, "in touch"
    return False, IN_TOUCH_WORDS.get(in_touch, "in touch not recorded")


def care_leaver_suitably_accommodated(suitable: bool | None) -> Decision:
    """The care leaver's accommodation is recorded as suitable."""
    if suitable:
        return True, "suitable accommodation"
    if suitable is None:
        return False, "suitability of accommodation not recorded"
    return False, "accommodation not suitable"


def care_leaver_in_education_employment_or_training(activity: str) -> Decision:
    """The care leaver's main activity is education, employment or training (F1 to P3); G4 to G6
    are not, nor is no activity recorded."""
    if activity in IN_EDUCATION_EMPLOYMENT_OR_TRAINING:
        return True, ActivityStatus(activity).label.split(": ", 1)[1].lower()
    if activity in ActivityStatus.values:
        reason = ActivityStatus(activity).label.split(" - ", 1)[-1]
        return False, f"not in education, employment or training ({reason})"
    return False, "main activity not recorded"
