"""Figures for the evidence pages, as pure functions: audit grade counts, timescale measures and
where a grade sits among the councils' published outcomes. The facts come in as plain values;
selectors.py gathers them in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from cases import timescales

from judgements.grades import Grade


def percent(part: int, whole: int) -> int | None:
    """A whole-number percentage (half rounds up), or None when there is nothing to divide."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class GradeCounts:
    """How many audits had each final grade."""

    counts: tuple[int, int, int, int]  # outstanding, good, requires improvement, inadequate

    @classmethod
    def of(cls, grades) -> "GradeCounts":
        tally = Counter(grade for grade in grades if grade)
        return cls(tuple(tally.get(grade.value, 0) for grade in Grade))

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def good_or_better(self) -> int:
        return self.counts[0] + self.counts[1]

    @property
    def good_or_better_percent(self) -> int | None:
        return percent(self.good_or_better, self.total)

    def rows(self) -> list[tuple[Grade, int, int | None]]:
        """Each grade with its count and share of the total."""
        return [(grade, count, percent(count, self.total)) for grade, count in zip(Grade, self.counts)]


@dataclass(frozen=True)
class Measure:
    """One statutory timescale figure: how many of the cases counted met it."""

    label: str
    met: int
    total: int
    period: str
    rule: str = ""

    @property
    def percent(self) -> int | None:
        return percent(self.met, self.total)


def assessment_on_time(*, referral_date: date, authorised_date: date) -> bool:
    """Assessment authorised within 45 working days of the referral (cases/timescales.py)."""
    return authorised_date <= timescales.assessment_due(referral_date)


def conference_on_time(*, strategy_discussion_date: date, conference_date: date) -> bool:
    """Initial child protection conference within 15 working days of the strategy discussion."""
    return conference_date <= timescales.initial_conference_due(strategy_discussion_date)


@dataclass(frozen=True)
class Position:
    """Where one grade sits among the councils' outcomes, in whole percentages."""

    grade: Grade
    same: int
    better: int
    worse: int

    def sentence(self) -> str:
        """In words, for example 'good, like 34% of councils; 2% were judged better'."""
        text = f"{self.grade.label.lower()}, like {self.same}% of councils"
        if self.grade == Grade.OUTSTANDING:
            return text + "; none were judged better"
        return text + f"; {self.better}% were judged better"


def position(counts: tuple[int, int, int, int], grade: int) -> Position | None:
    """Where a grade sits in a distribution of (outstanding, good, requires improvement,
    inadequate) counts; None with no grade or no councils counted."""
    total = sum(counts)
    if not grade or not total:
        return None
    index = grade - 1
    return Position(
        grade=Grade(grade),
        same=percent(counts[index], total),
        better=percent(sum(counts[:index]), total),
        worse=percent(sum(counts[index + 1:]), total),
    )
