"""Inspection timetables and the next-inspection forecast. Pure: dates in, dates out.

Every working-day date comes from cases.working_days.add_working_days.

Sources: the SIF mechanics in seeds 002 and 003 (notice the working day before; four weeks,
inspectors on site in weeks 1, 3 and 4; the council audits the cases inspectors chose in week 2;
the provisional judgement in week 4, then feedback); Ofsted's ILACS framework (a standard
inspection is two weeks on site, a short inspection one week, each after five working days'
notice; good or outstanding leads to a short inspection, requires improvement to a standard
one, inadequate to monitoring visits then re-inspection; roughly three-yearly); section 137 of
the Education and Inspections Act 2006 (the written statement of action within 70 working days
of the report's publication; after a focused visit with areas for priority action, a draft in
20 working days and the final plan in 70).
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from actionplans.rules import due_dates
from cases.working_days import add_working_days, next_working_day


SIF = "sif"
ILACS_STANDARD = "ilacs_standard"
ILACS_SHORT = "ilacs_short"
FOCUSED_VISIT = "focused_visit"
MONITORING_VISIT = "monitoring_visit"


@dataclass(frozen=True)
class Milestone:
    what: str
    starts: date
    ends: date | None = None


def before(day: date, working_days: int) -> date:
    """The working day ``working_days`` working days before ``day``."""
    moved = day
    for _ in range(working_days):
        moved -= relativedelta(days=1)
        while next_working_day(moved) != moved:
            moved -= relativedelta(days=1)
    return moved


def on_site_timetable(kind: str, on_site: date) -> list[Milestone]:
    """The inspection's timetable from the first day inspectors are on site."""
    first = next_working_day(on_site)
    day = lambda n: add_working_days(first, n)  # noqa: E731 - day n of the inspection, day 0 the first
    if kind == SIF:
        return [
            Milestone("The council is told inspectors arrive tomorrow", before(first, 1)),
            Milestone("Week 1: inspectors on site and choose the cases to track", first, day(4)),
            Milestone("Week 2: the council audits the cases inspectors chose", day(5), day(9)),
            Milestone("The council's audit report is due to inspectors", day(9)),
            Milestone("Weeks 3 and 4: inspectors on site", day(10), day(19)),
            Milestone("Provisional judgements", day(18)),
            Milestone("Feedback to the council", day(19)),
        ]
    if kind == ILACS_STANDARD:
        return [
            Milestone("The council is told of the inspection", before(first, 5)),
            Milestone("Week 1 on site", first, day(4)),
            Milestone("Week 2 on site", day(5), day(9)),
            Milestone("Feedback to the council", day(9)),
        ]
    if kind == ILACS_SHORT:
        return [
            Milestone("The council is told of the inspection", before(first, 5)),
            Milestone("Inspectors on site", first, day(4)),
            Milestone("Feedback to the council", day(4)),
        ]
    if kind in (FOCUSED_VISIT, MONITORING_VISIT):
        return [
            Milestone("The council is told of the visit", before(first, 5)),
            Milestone("Inspectors on site", first, day(1)),
            Milestone("Feedback to the council", day(1)),
        ]
    return [Milestone("On site", first)]


def action_plan_due(published: date, *, priority_actions: bool = False) -> list[Milestone]:
    """What the council owes after the report is published."""
    due = due_dates(published, priority_actions=priority_actions)
    if due.draft:
        return [Milestone("Draft action plan due (priority actions)", due.draft), Milestone("Final action plan due", due.final)]
    return [Milestone("Action plan due to Ofsted", due.final)]


@dataclass(frozen=True)
class Forecast:
    what: str
    earliest: date
    expected: date
    latest: date
    why: str


OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = 1, 2, 3, 4


def next_inspection(*, overall: int, published: date) -> Forecast:
    """When Ofsted is likely to come next under ILACS, from the last overall grade."""
    if overall in (OUTSTANDING, GOOD):
        return Forecast(
            "An ILACS short inspection (one week on site)",
            published + relativedelta(months=30), published + relativedelta(years=3), published + relativedelta(months=42),
            "Good or outstanding councils have a short inspection about three years after the last.",
        )
    if overall == REQUIRES_IMPROVEMENT:
        return Forecast(
            "An ILACS standard inspection (two weeks on site)",
            published + relativedelta(months=30), published + relativedelta(years=3), published + relativedelta(months=42),
            "Councils that require improvement have a standard inspection about three years after the last, "
            "often with a focused visit or joint targeted area inspection between.",
        )
    if overall == INADEQUATE:
        return Forecast(
            "Monitoring visits, then a standard re-inspection",
            published + relativedelta(months=3), published + relativedelta(months=4), published + relativedelta(months=6),
            "An inadequate council has quarterly monitoring visits, the first within about four months, "
            "until Ofsted re-inspects it.",
        )
    raise ValueError(f"Unknown overall grade: {overall!r}")


def days_until(today: date, then: date) -> int:
    return (then - today).days
