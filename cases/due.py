"""What is due for a child, and when: the statutory timescales applied to the child's open
episodes and the latest events. Pure: the facts come in as plain values (selectors gather them
in a fixed number of queries for any number of children), the deadlines go out.

Each deadline comes from one named rule in cases/timescales.py.
"""

from dataclasses import dataclass, field
from datetime import date

from . import timescales
from .timescales import Timescale
from .working_days import add_working_days

# Stages and event kinds by value, so this module needs no models.
REFERRAL, ASSESSMENT, SECTION_47 = "referral", "assessment", "section_47"
CHILD_PROTECTION, LOOKED_AFTER, CARE_LEAVER = "child_protection", "looked_after", "care_leaver"
VISIT, REVIEW_CONFERENCE, LOOKED_AFTER_REVIEW = "visit", "review_conference", "looked_after_review"
HEALTH_ASSESSMENT, PEP, PATHWAY_PLAN = "health_assessment", "personal_education_plan", "pathway_plan"

# Statutory guidance: initial health assessment, and the first PEP as part of the care plan,
# within 20 working days of becoming looked after.
FIRST_HEALTH_ASSESSMENT_WORKING_DAYS = 20
FIRST_PEP_WORKING_DAYS = 20


@dataclass(frozen=True)
class OpenEpisode:
    pk: int
    stage: str
    start_date: date
    referral_date: date | None = None  # for an assessment: the referral it followed
    decision_date: date | None = None
    authorised_date: date | None = None
    conference_date: date | None = None
    conference_not_required: bool | None = None
    permanent_since: date | None = None
    placement_start: date | None = None


@dataclass(frozen=True)
class Tally:
    """Events of one kind: the latest date and how many."""

    last: date | None = None
    count: int = 0


@dataclass(frozen=True)
class Due:
    what: str
    stage: str
    episode_pk: int
    timescale: Timescale
    rule: str = field(default="")

    @property
    def due(self) -> date:
        return self.timescale.due


def late_by(working_days: int) -> str:
    """How late work is, as the caseloads and a child's record say it."""
    return f"Late by {working_days} working day{'s' if working_days != 1 else ''}"


def due_for_child(
    *,
    date_of_birth: date,
    episodes: list[OpenEpisode],
    episode_tallies: dict[tuple[int, str], Tally],
    child_last: dict[str, date],
    visit_every_working_days: int,
    today: date,
) -> list[Due]:
    """Every deadline now running for the child, soonest first.

    ``episode_tallies`` counts events per (episode, kind); ``child_last`` is the child's latest
    event of each kind in any episode (health assessments and pathway plans follow the child).
    """
    items: list[Due] = []
    for episode in episodes:
        tally = lambda kind: episode_tallies.get((episode.pk, kind), Tally())  # noqa: E731
        add = lambda what, due, rule: items.append(  # noqa: E731
            Due(what=what, stage=episode.stage, episode_pk=episode.pk, timescale=Timescale(due=due, done=None), rule=rule)
        )
        if episode.stage == REFERRAL and episode.decision_date is None:
            add("Decision on the referral", timescales.referral_decision_due(episode.start_date), "referral_decision_due")
        elif episode.stage == ASSESSMENT and episode.authorised_date is None:
            add("Assessment completed and authorised",
                timescales.assessment_due(episode.referral_date or episode.start_date), "assessment_due")
        elif episode.stage == SECTION_47 and episode.conference_date is None and not episode.conference_not_required:
            add("Initial child protection conference", timescales.initial_conference_due(episode.start_date),
                "initial_conference_due")
        elif episode.stage == CHILD_PROTECTION:
            reviews = tally(REVIEW_CONFERENCE)
            add("Child protection review conference",
                timescales.child_protection_review_due(episode.start_date, last_review_date=reviews.last), "child_protection_review_due")
            add("Child protection visit",
                timescales.child_protection_visit_due(
                    tally(VISIT).last or episode.start_date, every_working_days=visit_every_working_days
                ),
                "child_protection_visit_due")
        elif episode.stage == LOOKED_AFTER:
            items += _looked_after(episode, tally, child_last, date_of_birth, today)
        elif episode.stage == CARE_LEAVER:
            last_plan = child_last.get(PATHWAY_PLAN)
            add("Pathway plan review",
                timescales.pathway_plan_review_due(last_plan) if last_plan else episode.start_date, "pathway_plan_review_due")
    return sorted(items, key=lambda item: (item.due, item.what))


def _looked_after(
    episode: OpenEpisode, tally, child_last: dict[str, date], date_of_birth: date, today: date
) -> list[Due]:
    def due(what: str, when: date, rule: str) -> Due:
        return Due(what=what, stage=episode.stage, episode_pk=episode.pk, timescale=Timescale(due=when, done=None), rule=rule)

    reviews = tally(LOOKED_AFTER_REVIEW)
    placement_start = episode.placement_start or episode.start_date
    last_visit = tally(VISIT).last
    if last_visit is not None and last_visit < placement_start:
        last_visit = None  # a new placement starts the visiting rhythm again
    last_health = child_last.get(HEALTH_ASSESSMENT)
    if last_health is not None and last_health < episode.start_date:
        last_health = None  # coming back into care: a new initial health assessment is due
    items = [
        due("Looked-after review",
            timescales.looked_after_review_due(
                episode.start_date, reviews_held=reviews.count, last_review_date=reviews.last
            ), "looked_after_review_due"),
        due("Looked-after visit",
            timescales.looked_after_visit_due(
                placement_start, last_visit_date=last_visit, permanent_since=episode.permanent_since
            ), "looked_after_visit_due"),
        due("Health assessment",
            timescales.health_assessment_due(date_of_birth, last_assessment_date=last_health) if last_health
            else add_working_days(episode.start_date, FIRST_HEALTH_ASSESSMENT_WORKING_DAYS), "health_assessment_due"),
    ]
    school_start = starts_school(date_of_birth)
    if school_start <= today and _age_on(date_of_birth, today) < 18:
        last_pep = tally(PEP).last
        items.append(due("Personal education plan",
                         timescales.personal_education_plan_due(last_pep) if last_pep
                         else add_working_days(max(episode.start_date, school_start), FIRST_PEP_WORKING_DAYS),
                         "personal_education_plan_due"))
    return items


def starts_school(date_of_birth: date) -> date:
    """The 1 September a child starts reception: the one on or after their fourth birthday."""
    try:
        fourth = date_of_birth.replace(year=date_of_birth.year + 4)
    except ValueError:  # born on 29 February
        fourth = date(date_of_birth.year + 4, 3, 1)
    september = date(fourth.year, 9, 1)
    return september if fourth <= september else date(fourth.year + 1, 9, 1)


def _age_on(date_of_birth: date, on: date) -> int:
    return on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
