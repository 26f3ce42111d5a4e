"""Statutory timescales for children's social care in England, as pure functions.

Every function returns the date by which something is due. Working-day rules
use ``cases.working_days.add_working_days`` (day 1 is the first working day
after the start date). Month and year rules use ``dateutil.relativedelta``,
which clamps to the end of a shorter month: 31 January + 1 month is 28 February
(29 February in a leap year) and 31 August + 6 months is 28/29 February. That
is intended: the deadline never spills into the following month.

Rules
-----
Child in need and child protection (Working Together to Safeguard Children
2015 and 2018, chapter 1):

- ``referral_decision_due``: decision about next steps within 1 working day
  of the referral.
- ``assessment_due``: assessment completed within 45 working days of the
  referral.
- ``initial_conference_due``: initial child protection conference within
  15 working days of the strategy discussion.
- ``child_protection_review_due``: first review conference within 3 months of
  the initial conference, then at intervals of not more than 6 months.
- ``child_protection_visit_due``: a visit every N working days (N is a local
  council setting, default 10).

Looked-after children (Care Planning, Placement and Case Review (England)
Regulations 2010, and statutory guidance):

- ``looked_after_review_due``: first review within 20 working days of becoming
  looked after, second within 3 months of the first, then every 6 months
  (regulation 33).
- ``looked_after_visit_due``: within 1 week of a placement starting, then every
  6 weeks; every 3 months once a placement agreed as permanent has lasted a
  year (regulation 28).
- ``health_assessment_due``: health review every 6 months before the fifth
  birthday, every 12 months after (regulation 7; Promoting the health and
  well-being of looked-after children, 2015).
- ``personal_education_plan_due``: PEP reviewed every school term (Promoting
  the education of looked-after children, 2018).

Care leavers:

- ``pathway_plan_review_due``: pathway plan reviewed at intervals of not more
  than 6 months (Children (Leaving Care) (England) Regulations 2001,
  regulation 9, carried into the Care Leavers (England) Regulations 2010).

``Timescale`` pairs a due date with the date the work was done and answers
"is it late?", "by how many working days?" and "is it due soon?".
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from cases.working_days import add_working_days, working_days_between


def referral_decision_due(referral_date: date) -> date:
    """Decision on a referral: 1 working day (Working Together 2018, chapter 1)."""
    return add_working_days(referral_date, 1)


def assessment_due(referral_date: date) -> date:
    """Child and family assessment: 45 working days from referral (Working Together 2018, chapter 1)."""
    return add_working_days(referral_date, 45)


def initial_conference_due(strategy_discussion_date: date) -> date:
    """Initial child protection conference: 15 working days from the strategy discussion.

    Source: Working Together to Safeguard Children 2018, chapter 1 (and 2015).
    """
    return add_working_days(strategy_discussion_date, 15)


def child_protection_review_due(initial_conference_date: date, *, last_review_date: date | None = None) -> date:
    """Child protection review conference: 3 months after the initial conference, then 6-monthly.

    Source: Working Together to Safeguard Children 2018, chapter 1 (and 2015).
    """
    if last_review_date is None:
        return initial_conference_date + relativedelta(months=3)
    return last_review_date + relativedelta(months=6)


def child_protection_visit_due(last_visit_date: date, *, every_working_days: int = 10) -> date:
    """Visit to a child on a child protection plan: every N working days.

    National guidance (Working Together 2018) leaves the frequency to the plan;
    N is a council setting, 10 working days by default.
    """
    if every_working_days < 1:
        raise ValueError(f"every_working_days must be 1 or more, not {every_working_days}")
    return add_working_days(last_visit_date, every_working_days)


def looked_after_review_due(
    became_looked_after: date, *, reviews_held: int = 0, last_review_date: date | None = None
) -> date:
    """Looked-after review: 20 working days, then 3 months, then every 6 months.

    Source: Care Planning, Placement and Case Review (England) Regulations 2010,
    regulation 33. ``last_review_date`` is ignored while no review has been held.
    """
    if reviews_held < 0:
        raise ValueError(f"reviews_held must be 0 or more, not {reviews_held}")
    if reviews_held == 0:
        return add_working_days(became_looked_after, 20)
    if last_review_date is None:
        raise ValueError("last_review_date is needed once a review has been held")
    if reviews_held == 1:
        return last_review_date + relativedelta(months=3)
    return last_review_date + relativedelta(months=6)


def looked_after_visit_due(
    placement_start: date, *, last_visit_date: date | None = None, permanent_since: date | None = None
) -> date:
    """Social worker visit to a looked-after child.

    Within 1 week of the placement starting; then 6 weeks after the last visit;
    but 3 months after the last visit where the placement was agreed as
    permanent and had lasted at least a year by that visit.
    Source: Care Planning, Placement and Case Review (England) Regulations 2010,
    regulation 28(2).
    """
    if last_visit_date is None:
        return placement_start + timedelta(weeks=1)
    lasted_a_year = last_visit_date >= placement_start + relativedelta(years=1)
    if permanent_since is not None and lasted_a_year:
        return last_visit_date + relativedelta(months=3)
    return last_visit_date + timedelta(weeks=6)


def health_assessment_due(date_of_birth: date, *, last_assessment_date: date) -> date:
    """Review health assessment: 6 months if under 5 at the last assessment, else 12 months.

    Source: Care Planning, Placement and Case Review (England) Regulations 2010,
    regulation 7; Promoting the health and well-being of looked-after children
    (statutory guidance, 2015). A child born on 29 February turns 5 on
    28 February in a non-leap year (relativedelta clamping).
    """
    fifth_birthday = date_of_birth + relativedelta(years=5)
    if last_assessment_date < fifth_birthday:
        return last_assessment_date + relativedelta(months=6)
    return last_assessment_date + relativedelta(months=12)


def personal_education_plan_due(last_pep_date: date) -> date:
    """Personal education plan: by the last day of the term after the last PEP's term.

    Terms: autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar, summer 1 Apr-31 Aug.
    Source: Promoting the education of looked-after children and previously
    looked-after children (statutory guidance, 2018): PEP reviewed each term.
    """
    year = last_pep_date.year
    if last_pep_date.month <= 3:  # spring: due by the end of summer
        return date(year, 8, 31)
    if last_pep_date.month <= 8:  # summer: due by the end of autumn
        return date(year, 12, 31)
    return date(year + 1, 3, 31)  # autumn: due by the end of next spring


def pathway_plan_review_due(last_review_date: date) -> date:
    """Pathway plan review: at intervals of not more than 6 months.

    Source: Children (Leaving Care) (England) Regulations 2001, regulation 9;
    now the Care Leavers (England) Regulations 2010.
    """
    return last_review_date + relativedelta(months=6)


@dataclass(frozen=True)
class Timescale:
    """A due date and, once the work is done, the date it was done."""

    due: date
    done: date | None = None

    def is_late(self, today: date) -> bool:
        """Done after the due date, or still not done and the due date has passed."""
        if self.done is not None:
            return self.done > self.due
        return today > self.due

    def days_overdue(self, today: date) -> int:
        """Working days late (0 if not late).

        Counts working days after the due date up to the day done (or today).
        Work due on a Saturday and done on the Sunday is late but 0 working
        days overdue.
        """
        if not self.is_late(today):
            return 0
        return working_days_between(self.due, self.done or today)

    def due_within(self, today: date, working_days: int) -> bool:
        """Not done, not yet late, and due within the next ``working_days`` working days."""
        if self.done is not None or self.is_late(today):
            return False
        return self.due <= add_working_days(today, working_days)
