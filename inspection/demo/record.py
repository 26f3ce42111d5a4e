"""One child's seeded record under construction: episodes, events and flags as plain values.

Dates are ordinals (ints) until the rows are built. The team journeys (teams.py, care.py), the
practice events (practice.py) and the flags (flags.py) all write through a ``Journey``.
"""

import random
from itertools import accumulate

from cases.codes import CategoryOfAbuse, ContactSource, Disability
from cases.models import Stage

from .dates import YEAR, add_working_days, on_a_weekday
from .phrases import EARLY_HELP_ORGANISATIONS

HISTORY_DAYS = 5 * YEAR  # a child's seeded history reaches back at most this far
ROUTINE_DAYS = 400  # routine work (visits, supervision, core groups) is seeded for the last thirteen months,
# so the dashboards' twelve-month trends have visits behind every month end
MILESTONE_DAYS = 18 * 30  # reviews, plans and checks are seeded for the last eighteen months


def weighted(pairs):
    """(values, cumulative weights) for ``pick``: precomputed once, reused per child."""
    values = [value for value, _ in pairs]
    return values, list(accumulate(weight for _, weight in pairs))


def pick(rng: random.Random, table):
    """One value from a ``weighted`` table."""
    values, cumulative = table
    return rng.choices(values, cum_weights=cumulative)[0]


SOURCES = weighted([
    (ContactSource.SOURCE_6, 29), (ContactSource.SOURCE_2A, 18), (ContactSource.SOURCE_2B, 2),
    (ContactSource.SOURCE_3A, 4), (ContactSource.SOURCE_3B, 3), (ContactSource.SOURCE_3C, 1),
    (ContactSource.SOURCE_3D, 2), (ContactSource.SOURCE_3E, 3), (ContactSource.SOURCE_3F, 1),
    (ContactSource.SOURCE_4, 2), (ContactSource.SOURCE_5A, 4), (ContactSource.SOURCE_5B, 3),
    (ContactSource.SOURCE_5C, 2), (ContactSource.SOURCE_1A, 5), (ContactSource.SOURCE_1B, 1),
    (ContactSource.SOURCE_1C, 1), (ContactSource.SOURCE_1D, 1), (ContactSource.SOURCE_7, 3),
    (ContactSource.SOURCE_8, 6), (ContactSource.SOURCE_9, 3), (ContactSource.SOURCE_10, 1),
])
CATEGORIES = weighted([
    (CategoryOfAbuse.NEGLECT, 50), (CategoryOfAbuse.EMOTIONAL_ABUSE, 36), (CategoryOfAbuse.PHYSICAL_ABUSE, 7),
    (CategoryOfAbuse.SEXUAL_ABUSE, 4), (CategoryOfAbuse.MULTIPLE_NOT_RECOMMENDED, 3),
])
# Who refers a disabled child, and an unaccompanied child seeking asylum.
SOURCES_DISABLED = weighted([
    (ContactSource.SOURCE_3A, 20), (ContactSource.SOURCE_3B, 20), (ContactSource.SOURCE_3D, 15),
    (ContactSource.SOURCE_3F, 10), (ContactSource.SOURCE_2A, 20), (ContactSource.SOURCE_1A, 10),
    (ContactSource.SOURCE_5A, 5),
])
SOURCES_UNACCOMPANIED = weighted([
    (ContactSource.SOURCE_6, 50), (ContactSource.SOURCE_7, 30), (ContactSource.SOURCE_5C, 20),
])
QUALITY = weighted([("timely", 70), ("late", 20), ("drift", 10)])


class Ep:
    """An episode to be: stage, dates (ordinals), stage-specific fields and what it followed."""

    __slots__ = ("stage", "start", "end", "fields", "stepped_from", "depth", "placements", "legal", "current", "obj")

    def __init__(self, stage, start, end, fields, stepped_from=None):
        self.stage = stage
        self.start = start
        self.end = end
        self.fields = fields
        self.stepped_from = stepped_from
        self.depth = 0 if stepped_from is None else stepped_from.depth + 1  # inserted after what it follows
        self.placements = []  # (start, end, fields)
        self.legal = []  # (start, code)
        self.current = False  # the child's main open plan: practice quality applies to it
        self.obj = None  # the Episode row, once built


class Journey:
    """One child's record being built: ``A`` is the as-of day, ``B`` the day of birth, both ordinals;
    nothing is dated before ``B`` or after ``A``."""

    def __init__(self, rng: random.Random, as_of: int, child, team: str, staff):
        self.rng = rng
        self.A = as_of
        self.B = child.date_of_birth.toordinal()
        self.child = child
        self.team = team
        self.floor = max(self.B, as_of - HISTORY_DAYS)
        self.window = max(self.B, as_of - ROUTINE_DAYS)
        self.recent = as_of - MILESTONE_DAYS
        self.age_days = as_of - self.B
        self.eps: list[Ep] = []
        self.events: list[tuple] = []
        self.flags: dict[str, list[list]] = {}
        self.missing: tuple | None = None  # (first day, last day, in care) of missing episodes
        team_users = staff.users[team]
        self.user = staff.worker_user[child.worker_id] if child.worker_id else rng.choice(team_users)
        # A restricted record is opened only by its named (allocated) worker, who writes all of it.
        self.team_users = [self.user] if child.restricted else team_users
        self.manager = self.user if child.restricted else staff.manager[team]
        self.quality = pick(rng, QUALITY)

    # --- small helpers

    def years(self, day: int) -> float:
        """Age in years on ``day`` (approximate, for choosing words and placements)."""
        return (day - self.B) / 365.25

    def clamp(self, day: int) -> int:
        return self.B if day < self.B else self.A if day > self.A else day

    def weekday(self, day: int, low: int | None = None) -> int:
        return on_a_weekday(day, self.B if low is None else low, self.A)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def between(self, low: int, high: int) -> int:
        return low if high <= low else self.rng.randint(low, high)

    def colleague(self) -> int:
        return self.rng.choice(self.team_users)

    def ep(self, stage, start, end=None, stepped_from=None, **fields) -> Ep:
        episode = Ep(stage, start, end, fields, stepped_from)
        self.eps.append(episode)
        return episode

    def source(self) -> str:
        if self.child.unaccompanied_asylum_seeking:
            return pick(self.rng, SOURCES_UNACCOMPANIED)
        return pick(self.rng, SOURCES_DISABLED if self.team == "Disabled Children" else SOURCES)

    @property
    def disabled(self) -> bool:
        return self.child.disability == Disability.YES

    # --- the front door and assessment, shared by every social-care journey

    def front(self, day: int, limit: int | None = None, *, stepped_from=None, nfa=False) -> tuple[Ep, int]:
        """A contact and the referral it became, both decided by ``limit``: (referral, decision day)."""
        limit = self.A if limit is None else min(limit, self.A)
        day = min(self.weekday(day), limit)
        source = self.source()
        contact_decided = min(add_working_days(day, 1) if self.chance(0.2) else day, limit)
        self.ep(Stage.CONTACT, day, contact_decided, source=source, decision_date=contact_decided,
                no_further_action=False)
        decided = min(add_working_days(contact_decided, 1) if self.chance(0.3) else contact_decided, limit)
        referral = self.ep(
            Stage.REFERRAL, contact_decided, decided, stepped_from, source=source, decision_date=decided,
            no_further_action=nfa,
        )
        return referral, decided

    def assessment(self, referral: Ep, start: int, *, done: int | None = None, limit: int | None = None,
                   child_in_need: bool = True) -> Ep:
        """A child and family assessment after ``referral``: authorised on ``done`` or, by default,
        within 45 working days of the referral (one in eight late); open if that is after as_of."""
        if done is None:
            days = self.between(46, 75) if self.chance(0.12) else self.between(12, 45)
            done = add_working_days(referral.start, days)
            if limit is not None:
                done = min(done, limit)
        done = max(done, start)
        if done > self.A:
            return self.ep(Stage.ASSESSMENT, start, None, referral, child_seen=self.chance(0.9) or None)
        return self.ep(
            Stage.ASSESSMENT, start, done, referral, child_seen=self.chance(0.97), authorised_date=done,
            child_in_need=child_in_need,
        )

    def protection_chain(self, plan_start: int, plan_end: int | None, end_reason: str = "") -> Ep:
        """Referral, assessment, strategy discussion and section 47 enquiry ending in an initial
        conference on ``plan_start``, and the child protection plan it made."""
        referred = max(self.B, plan_start - self.between(12, 26))
        referral, decided = self.front(referred, plan_start)
        strategy = min(plan_start, decided + self.rng.choice((0, 0, 1, 2)))
        self.ep(
            Stage.SECTION_47, strategy, plan_start, conference_not_required=False, conference_date=plan_start,
            conference_led_to_plan=True,
        )
        self.assessment(referral, decided, limit=plan_end)
        category = pick(self.rng, CATEGORIES)
        latest = category if self.chance(0.88) else pick(self.rng, CATEGORIES)
        plan = self.ep(
            Stage.CHILD_PROTECTION, plan_start, plan_end, initial_category=category, latest_category=latest,
            end_reason=end_reason,
        )
        return plan

    def early_help(self, start: int, end: int | None = None, *, stepped_from=None, end_reason: str = "") -> Ep:
        stop = self.A if end is None else end
        completed = start + self.between(5, 40)
        return self.ep(
            Stage.EARLY_HELP, start, end, stepped_from, organisation=self.rng.choice(EARLY_HELP_ORGANISATIONS),
            assessment_completed_date=completed if completed <= stop else None, end_reason=end_reason,
        )
