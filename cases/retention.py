"""When a closed child's record falls due for retention review (pure: no database).

A child's record is closed when none of their episodes is open; it closed on the latest end date
of their episodes. It falls due for review on the LATEST of these dates (each period is a setting,
CASE_RETENTION_* in inspection/settings.py, from the environment):

- ``years_after_closure`` (6) years after it closed: the Limitation Act 1980's six-year period
  for claims, run from the last work on the case;
- the child's ``until_age`` (25th) birthday: for a child that period runs only from their 18th
  birthday, so records of children never looked after are commonly kept until the 25th (the
  Information and Records Management Society's retention guidelines for local authorities, and
  the child in need and child protection lines of most English councils' schedules);
- for a child who was ever looked after (or a care leaver), their ``looked_after_until_age``
  (75th) birthday: the Care Planning, Placement and Case Review (England) Regulations 2010,
  regulation 50 (for a child who died before 18, 15 years from the death: we do not hold dates of
  death, so the 75th birthday, which is always later, is used);
- for a child with an adoption order, ``adoption_years`` (100) years from the order: the
  Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005, regulation 6.

"Due for review" is not "to be destroyed": the records team decide, keeping a record for a further
period with a reason or marking it for destruction or archiving (RetentionReview). A council with a
longer local period (some keep child protection records 35 years after the last contact) sets it.

A child born on 29 February reaches an age on 1 March in other years, as in ``rules.age_on``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

LOOKED_AFTER_STAGES = frozenset({"looked_after", "care_leaver"})


@dataclass(frozen=True)
class RetentionPeriods:
    years_after_closure: int = 6
    until_age: int = 25
    looked_after_until_age: int = 75
    adoption_years: int = 100

    @classmethod
    def from_settings(cls, settings) -> "RetentionPeriods":
        """The council's periods from the CASE_RETENTION_* settings (any not set: the defaults)."""
        defaults = cls()
        return cls(
            years_after_closure=getattr(settings, "CASE_RETENTION_YEARS_AFTER_CLOSURE", defaults.years_after_closure),
            until_age=getattr(settings, "CASE_RETENTION_UNTIL_AGE", defaults.until_age),
            looked_after_until_age=getattr(settings, "CASE_RETENTION_LOOKED_AFTER_UNTIL_AGE",
                                           defaults.looked_after_until_age),
            adoption_years=getattr(settings, "CASE_RETENTION_ADOPTION_YEARS", defaults.adoption_years),
        )


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 1 March in a year that has none (the later
    day, so a record is never due early)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def latest_start(today: date, years: int) -> date:
    """The latest day from which ``years`` later is on or before ``today``: every day up to it
    has reached ``years`` by today, and none after it has. Lets the database find who is due."""
    day = add_years(today, -years) if (today.month, today.day) != (2, 29) else date(today.year - years, 2, 28)
    while add_years(day + timedelta(days=1), years) <= today:
        day += timedelta(days=1)
    while add_years(day, years) > today:
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class ReviewDue:
    on: date
    because: str  # which period sets the date, in words


def review_due(*, date_of_birth: date, closed_on: date, looked_after: bool, adoption_order_on: date | None,
               periods: RetentionPeriods) -> ReviewDue:
    """When a closed child's record falls due for review, and which period decides it."""
    candidates = [
        ReviewDue(add_years(closed_on, periods.years_after_closure),
                  f"{periods.years_after_closure} years after the case closed"),
    ]
    if looked_after:
        candidates.append(ReviewDue(add_years(date_of_birth, periods.looked_after_until_age),
                                    f"{_ordinal(periods.looked_after_until_age)} birthday (was looked after)"))
    else:
        candidates.append(ReviewDue(add_years(date_of_birth, periods.until_age),
                                    f"{_ordinal(periods.until_age)} birthday"))
    if adoption_order_on is not None:
        candidates.append(ReviewDue(add_years(adoption_order_on, periods.adoption_years),
                                    f"{periods.adoption_years} years after the adoption order"))
    return max(candidates, key=lambda due: due.on)


@dataclass(frozen=True)
class DueBy:
    """Who is due for review today, as limits the database can filter on: closed on or before
    ``closed_on``; born on or before ``born`` (``born_looked_after`` for a child ever looked
    after); adoption order (if any) on or before ``adoption_order_on``."""

    closed_on: date
    born: date
    born_looked_after: date
    adoption_order_on: date


def due_by(today: date, periods: RetentionPeriods) -> DueBy:
    """The limits that pick out exactly the children ``review_due`` puts on or before ``today``."""
    return DueBy(
        closed_on=latest_start(today, periods.years_after_closure),
        born=latest_start(today, periods.until_age),
        born_looked_after=latest_start(today, periods.looked_after_until_age),
        adoption_order_on=latest_start(today, periods.adoption_years),
    )


def explained(periods: RetentionPeriods) -> list[str]:
    """The periods in words, with their sources, for the people reviewing records."""
    return [
        f"{periods.years_after_closure} years after the case closed (the date its last episode ended): the "
        "Limitation Act 1980 allows claims for six years",
        f"the child's {_ordinal(periods.until_age)} birthday, for a child who was never looked after: for a child, "
        "that six years runs only from their 18th birthday",
        f"the child's {_ordinal(periods.looked_after_until_age)} birthday, for a child who was ever looked after or "
        "a care leaver: Care Planning, Placement and Case Review (England) Regulations 2010, regulation 50",
        f"{periods.adoption_years} years after an adoption order: Disclosure of Adoption Information "
        "(Post-Commencement Adoptions) Regulations 2005, regulation 6",
    ]


def _ordinal(number: int) -> str:
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
