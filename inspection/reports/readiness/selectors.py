"""The counting reads behind the readiness report: the front door, the children inspectors look at
closely, caseloads, open actions and the latest grades, as at one day.

Every read is a GROUP BY or COUNT worked out by the database, so the report runs the same number
of queries whatever the number of children, and no child's record is loaded into Python: what
comes back is counts, dates, codes, and the names of staff and teams. "As at" follows the
dashboard (inspection/dashboards/compute.py): an episode, placement or flag counts if it had
started by the day and had not ended before it; activity ("contacts in the 12 months") counts
what was dated in the twelve months to the day.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from actionplans.models import Action
from actionplans.rules import Status
from cases.codes import AccommodationType, ActivityStatus, ContactSource, Disability
from cases.models import Child, Episode, Event, EventKind, Flag, FlagKind, Placement, Stage, Team, Worker
from cases.rules import person_name
from cases.working_days import add_working_days
from judgements.frameworks import COMPARABLE_AREAS
from judgements.models import Framework, Judgement, JudgementArea, JudgementSet, Source

from ...dashboards.compute import open_on
from ...judgement_evidence.figures import percent
from ...judgement_evidence.selectors import ALLOCATED_STAGES, SOURCES_SHOWN, Period

NOT_RECORDED = "Not recorded"
NO_TEAM = "No team recorded"
SOURCES_LISTED = 5  # the commonest referral sources named; the rest are added up as "Every other source"
DECISION_WORKING_DAYS = 1  # a referral is decided within one working day


def share(part: int, whole: int) -> str:
    """"82%" of a whole, or "–" with nothing to divide."""
    value = percent(part, whole)
    return "–" if value is None else f"{value}%"


# --- The front door ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceCount:
    label: str
    count: int
    share: str


@dataclass(frozen=True)
class FrontDoor:
    contacts: int
    contacts_referred: int  # contacts followed by a referral for the same child (see front_door)
    referrals: int
    decided_in_time: int  # decided within one working day of the referral
    decided_late: int
    waiting_late: int  # no decision yet, and more than one working day old
    waiting: int  # no decision yet, still within its first working day
    sources: list[SourceCount]
    assessments: int  # assessments authorised in the 12 months
    assessments_no_further_action: int  # of those, the child was assessed as not needing social care

    @property
    def decisions_due(self) -> int:
        return self.decided_in_time + self.decided_late + self.waiting_late

    @property
    def contacts_referred_share(self) -> str:
        return share(self.contacts_referred, self.contacts)

    @property
    def decided_in_time_share(self) -> str:
        return share(self.decided_in_time, self.decisions_due)

    @property
    def no_further_action_share(self) -> str:
        return share(self.assessments_no_further_action, self.assessments)


def front_door(*, period: Period) -> FrontDoor:
    """Contacts, referrals and assessments in the period. Four queries.

    A contact became a referral when the same child has a referral dated from the day of the
    contact to the day it was decided (its end where no decision is recorded; the same day where
    neither is). A referral's decision is due by the end of the next working day; those still
    awaiting a decision after that count as late, so a backlog cannot flatter the figure."""
    in_period = Q(start_date__gte=period.start, start_date__lte=period.end)
    referral_followed = Episode.objects.filter(
        stage=Stage.REFERRAL, child_id=OuterRef("child_id"), start_date__gte=OuterRef("start_date"),
        start_date__lte=Coalesce(OuterRef("decision_date"), OuterRef("end_date"), OuterRef("start_date")),
    )
    # Those referred counted on their own: the database then matches contacts to referrals in one
    # pass (a join), where counting both at once would look up each contact's referrals in turn.
    contacts = Episode.objects.filter(in_period, stage=Stage.CONTACT)
    contacts_total, contacts_referred = contacts.count(), contacts.filter(Exists(referral_followed)).count()
    in_time = late = waiting_late = waiting = 0
    by_source: Counter = Counter()
    due_on: dict[date, date] = {}
    # One row per referral date, decision date and source: a few thousand at most, however many
    # referrals, read in one pass for both the decisions and the sources.
    for start, decided, source, count in (
        Episode.objects.filter(in_period, stage=Stage.REFERRAL).order_by()
        .values("start_date", "decision_date", "source").annotate(n=Count("pk"))
        .values_list("start_date", "decision_date", "source", "n")
    ):
        by_source[source] += count
        due = due_on.get(start)
        if due is None:
            due = due_on[start] = add_working_days(start, DECISION_WORKING_DAYS)
        if decided is not None and decided <= period.end:
            if decided <= due:
                in_time += count
            else:
                late += count
        elif due < period.end:
            waiting_late += count
        else:
            waiting += count
    # Commonest first, "Not recorded" last.
    ranked = sorted(by_source.items(), key=lambda row: (not row[0], -row[1], _source_label(row[0])))
    total = sum(by_source.values())
    sources = [SourceCount(_source_label(code), count, share(count, total))
               for code, count in ranked[:SOURCES_LISTED]]
    rest = sum(count for _, count in ranked[SOURCES_LISTED:])
    if rest:
        sources.append(SourceCount("Every other source", rest, share(rest, total)))
    assessments = Episode.objects.filter(
        stage=Stage.ASSESSMENT, authorised_date__gte=period.start, authorised_date__lte=period.end,
    ).aggregate(total=Count("pk"), no_further_action=Count("pk", filter=Q(child_in_need=False)))
    return FrontDoor(
        contacts=contacts_total, contacts_referred=contacts_referred, referrals=total,
        decided_in_time=in_time, decided_late=late, waiting_late=waiting_late, waiting=waiting, sources=sources,
        assessments=assessments["total"], assessments_no_further_action=assessments["no_further_action"],
    )


def _source_label(code: str) -> str:
    if not code:
        return NOT_RECORDED
    try:
        return ContactSource(code).label
    except ValueError:
        return code


# --- Children inspectors look at closely ------------------------------------------------------------


@dataclass(frozen=True)
class CodeCount:
    label: str
    count: int
    share: str


@dataclass(frozen=True)
class Cohorts:
    missing_children: int  # children with a missing episode that started in the 12 months
    missing_episodes: int
    missing_returned: int  # of those episodes, how many had ended (the child found or returned) by the day
    interviews_offered: int  # return-home interviews offered, of the episodes that had ended
    interviews_accepted: int  # of those offered, accepted
    exploitation_open: int  # children with a risk of sexual exploitation flag open on the day
    exploitation_raised: int  # such flags raised in the 12 months
    looked_after: int
    looked_after_out_of_area: int  # looked after and living in a placement outside the council's area
    open_to_social_care: int
    disabled_open: int  # of those, disabled children
    care_leavers: int
    accommodation: list[CodeCount]
    activity: list[CodeCount]

    @property
    def interviews_offered_share(self) -> str:
        return share(self.interviews_offered, self.missing_returned)

    @property
    def interviews_accepted_share(self) -> str:
        return share(self.interviews_accepted, self.interviews_offered)

    @property
    def out_of_area_share(self) -> str:
        return share(self.looked_after_out_of_area, self.looked_after)

    @property
    def disabled_share(self) -> str:
        return share(self.disabled_open, self.open_to_social_care)


def cohorts(*, as_at: date, period: Period) -> Cohorts:
    """The counts behind section 6: seven queries."""
    returned = Q(end_date__isnull=False, end_date__lte=as_at)
    missing_episodes = Event.objects.filter(kind=EventKind.MISSING_EPISODE, date__gte=period.start,
                                            date__lte=period.end)
    missing = missing_episodes.aggregate(
        episodes=Count("pk"), children=Count("child_id", distinct=True), returned=Count("pk", filter=returned),
        offered=Count("pk", filter=returned & Q(return_interview_offered=True)),
        accepted=Count("pk", filter=returned & Q(return_interview_offered=True, return_interview_accepted=True)),
    )
    flags = Flag.objects.filter(kind=FlagKind.SEXUAL_EXPLOITATION, start_date__lte=as_at).aggregate(
        open=Count("child_id", distinct=True, filter=Q(end_date__isnull=True) | Q(end_date__gte=as_at)),
        raised=Count("pk", filter=Q(start_date__gte=period.start)),
    )
    open_cases = _open_cases(as_at)
    accommodation, activity = _care_leaver_codes(as_at)
    total_leavers = sum(row.count for row in accommodation)
    return Cohorts(
        missing_children=missing["children"], missing_episodes=missing["episodes"],
        missing_returned=missing["returned"],
        interviews_offered=missing["offered"], interviews_accepted=missing["accepted"],
        exploitation_open=flags["open"], exploitation_raised=flags["raised"],
        looked_after=open_cases["looked_after"], looked_after_out_of_area=open_cases["out_of_area"],
        open_to_social_care=open_cases["total"], disabled_open=open_cases["disabled"],
        care_leavers=total_leavers, accommodation=_shares(accommodation, total_leavers),
        activity=_shares(activity, total_leavers),
    )


def _open_cases(as_at: date) -> dict[str, int]:
    """Children open to social care on the day (an episode open past the front door), the disabled
    among them, those looked after and those of them placed out of area: four queries, each one
    pass over what it counts. The disabled children (a few in ten) are each looked up among their
    own episodes; looked after is past the front door, so every looked-after child is open to
    social care and is counted from the episodes alone."""
    allocated = Episode.objects.filter(open_on(as_at), stage__in=ALLOCATED_STAGES)
    looked_after = Episode.objects.filter(open_on(as_at), stage=Stage.LOOKED_AFTER)
    placed_out = Placement.objects.filter(
        open_on(as_at), out_of_area=True, episode__stage=Stage.LOOKED_AFTER, episode__start_date__lte=as_at,
    ).filter(Q(episode__end_date__isnull=True) | Q(episode__end_date__gte=as_at))
    return {
        "total": allocated.aggregate(n=Count("child_id", distinct=True))["n"],
        "disabled": Child.objects.filter(disability=Disability.YES).aggregate(
            n=Count("pk", filter=Exists(allocated.filter(child_id=OuterRef("pk")))))["n"],
        "looked_after": looked_after.aggregate(n=Count("child_id", distinct=True))["n"],
        "out_of_area": placed_out.aggregate(n=Count("episode__child_id", distinct=True))["n"],
    }


def _care_leaver_codes(as_at: date) -> tuple[list[CodeCount], list[CodeCount]]:
    """Care leavers open on the day by their accommodation and by their activity, each commonest
    first with "Not recorded" last: one query, counting each pair of codes."""
    pairs = (Episode.objects.filter(open_on(as_at), stage=Stage.CARE_LEAVER).order_by()
             .values("accommodation", "activity").annotate(n=Count("pk")).values_list("accommodation", "activity", "n"))
    accommodation: Counter = Counter()
    activity: Counter = Counter()
    for accommodation_code, activity_code, n in pairs:
        accommodation[accommodation_code] += n
        activity[activity_code] += n
    return _code_counts(accommodation, AccommodationType), _code_counts(activity, ActivityStatus)


def _code_counts(counts: Counter, codes) -> list[CodeCount]:
    """Counts by code in words, commonest first, "Not recorded" last."""
    labels = dict(codes.choices)
    counted: Counter = Counter()
    for code, n in counts.items():
        counted[labels.get(code, code) if code else NOT_RECORDED] += n
    return [CodeCount(label, n, "") for label, n in
            sorted(counted.items(), key=lambda row: (row[0] == NOT_RECORDED, -row[1], row[0]))]


def _shares(rows: list[CodeCount], total: int) -> list[CodeCount]:
    return [CodeCount(row.label, row.count, share(row.count, total)) for row in rows]


# --- Caseloads --------------------------------------------------------------------------------------


@dataclass
class TeamCaseloads:
    name: str
    caseloads: list[int] = field(default_factory=list)  # children allocated to each social worker in the team
    over_target: int = 0
    unallocated: int = 0

    @property
    def workers(self) -> int:
        return len(self.caseloads)

    @property
    def children(self) -> int:
        return sum(self.caseloads)

    @property
    def average(self) -> str:
        return f"{self.children / self.workers:.1f}" if self.workers else "–"

    @property
    def highest(self) -> str:
        return str(max(self.caseloads)) if self.caseloads else "–"


@dataclass(frozen=True)
class Caseloads:
    target: float
    teams: list[TeamCaseloads]
    council: TeamCaseloads


def caseloads(*, as_at: date, target: float) -> Caseloads:
    """Each team's social workers' caseloads on the day (children with an episode open past the
    front door allocated to the worker, as the dashboard counts them, under the worker's team),
    how many workers hold more children than the target, and the children open to social care
    with no allocated worker (under the child's team). Four queries: the teams' names, the
    workers' teams, one row per worker with children and one per team."""
    names = dict(Team.objects.values_list("pk", "name"))
    worker_teams = dict(Worker.objects.values_list("pk", "team_id"))
    teams: dict[int | None, TeamCaseloads] = {}

    def team(pk: int | None) -> TeamCaseloads:
        return teams.setdefault(pk, TeamCaseloads(names.get(pk) or NO_TEAM))

    # Grouped by the worker alone, the teams looked up here: the database sorts narrower rows.
    for worker_id, children in (
        Episode.objects.filter(open_on(as_at), stage__in=ALLOCATED_STAGES, worker__isnull=False)
        .order_by().values("worker_id").annotate(children=Count("child_id", distinct=True))
        .values_list("worker_id", "children")
    ):
        row = team(worker_teams.get(worker_id))
        row.caseloads.append(children)
        row.over_target += children > target
    # Unallocated: no worker on the child's record nor on any open episode. Only children with
    # none on their record are looked at (a few in a hundred), and their episodes one child at a
    # time, in the count's filter, so that the database never reads every allocated episode.
    allocated = Episode.objects.filter(open_on(as_at), stage__in=ALLOCATED_STAGES, child_id=OuterRef("pk"))
    for team_id, count in (
        Child.objects.filter(worker__isnull=True).order_by().values("team_id")
        .annotate(n=Count("pk", filter=Exists(allocated) & ~Exists(allocated.filter(worker__isnull=False))))
        .values_list("team_id", "n")
    ):
        if count:
            team(team_id).unallocated += count
    ordered = sorted(teams.values(), key=lambda row: (row.name == NO_TEAM, row.name))
    council = TeamCaseloads("The whole council", caseloads=[c for row in ordered for c in row.caseloads],
                            over_target=sum(row.over_target for row in ordered),
                            unallocated=sum(row.unallocated for row in ordered))
    return Caseloads(target=target, teams=ordered, council=council)


# --- Open actions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenAction:
    description: str
    plan: str
    area: str  # the recommendation's judgement area code ("" where none was given)
    status: str  # as last reported
    target_date: date
    owner: str  # the owner's name, else their role or lead agency, in words


def open_actions() -> list[OpenAction]:
    """Every action not yet complete, soonest target date first: one query. Actions are the
    council's own business (owners are staff), not children's."""
    rows = (
        Action.objects.exclude(status=Status.COMPLETE).order_by("target_date", "pk")
        .values_list("description", "recommendation__plan__title", "recommendation__area", "status", "target_date",
                     "owner__first_name", "owner__last_name", "owner__username", "owner_role", "lead_agency")
    )
    return [
        OpenAction(description, plan, area or "", status, target,
                   _owner(first, last, username, role, agency))
        for description, plan, area, status, target, first, last, username, role, agency in rows
    ]


def _owner(first: str | None, last: str | None, username: str | None, role: str, agency: str) -> str:
    name = person_name(first, last, username)
    if name:
        return name
    return ", ".join(part for part in (role, agency) if part) or "No owner named"


# --- Grades -----------------------------------------------------------------------------------------

# Each report area, known by its code under the framework in force since 2026, with the same area
# under every framework (judgements/frameworks.py COMPARABLE_AREAS), so that the latest Ofsted grade
# still shows after the framework changes.
COMPARABLE = {mapping["ilacs_2026"]: mapping for _, mapping in COMPARABLE_AREAS if "ilacs_2026" in mapping}


@dataclass(frozen=True)
class Grades:
    framework: Framework | None  # in force on the day
    areas: dict[str, JudgementArea]  # the framework's areas by code
    latest: dict[tuple[str, str], Judgement]  # (area, source) -> the latest judgement on or before the day
    ofsted_overall: Judgement | None  # the latest Ofsted overall effectiveness grade, under any framework
    ofsted_latest: JudgementSet | None  # the latest Ofsted inspection, under any framework


def grades(*, as_at: date) -> Grades:
    """The framework in force, its areas, the latest grade from each source for each area (keyed
    by its ILACS 2026 code: help_protection, in_care, care_leavers, leaders) under whichever
    framework it was given, and the latest Ofsted grades. Five queries (four without a framework
    in force)."""
    framework = (
        Framework.objects.filter(in_force_from__lte=as_at)
        .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=as_at)).order_by("-in_force_from").first()
    )
    areas = {area.code: area for area in framework.areas.all()} if framework is not None else {}
    key_of = {(framework_code, area_code): key for key, mapping in COMPARABLE.items()
              for framework_code, area_code in mapping.items()}
    matching = reduce(or_, (Q(area__framework__code=framework_code, area__code=area_code)
                            for framework_code, area_code in key_of))
    latest: dict[tuple[str, str], Judgement] = {}
    for judgement in (
        Judgement.objects.filter(matching, judgement_set__judged_on__lte=as_at, judgement_set__source__in=SOURCES_SHOWN)
        .select_related("judgement_set__framework", "area")
        .order_by("-judgement_set__judged_on", "-judgement_set__pk")
    ):
        key = key_of[(judgement.judgement_set.framework.code, judgement.area.code)]
        latest.setdefault((key, judgement.judgement_set.source), judgement)
    ofsted = Q(judgement_set__source=Source.OFSTED, judgement_set__judged_on__lte=as_at)
    overall = (Judgement.objects.filter(ofsted, area__code="overall", grade__isnull=False)
               .select_related("judgement_set__framework")
               .order_by("-judgement_set__judged_on", "-judgement_set__pk").first())
    latest_set = (JudgementSet.objects.filter(source=Source.OFSTED, judged_on__lte=as_at).select_related("framework")
                  .order_by("-judged_on", "-pk").first())
    return Grades(framework=framework, areas=areas, latest=latest, ofsted_overall=overall, ofsted_latest=latest_set)
