"""Reads for the evidence and national comparison pages.

Everything here is a council-wide aggregate (counts and shares, never a child), so it is not
scoped to the user: an elected member sees the same figures as a senior manager. The one list of
individual audits (audits_to_read) is scoped to the user and shown only to holders of
inspection.view_caseaudit. Each reader runs a fixed number of queries however many records there
are; the arithmetic is in figures.py and the area mapping in areas.py.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases import selectors as case_selectors
from cases.codes import InTouch
from cases.models import Child, Episode, Event, EventKind, Stage
from judgements.grades import Grade
from judgements.models import Framework, Judgement, JudgementArea, JudgementSet, NationalOutcome, Source

from ..audits.selectors import COUNTED, audits_visible_to
from ..models import CaseAudit, DomainGrade, DomainModeration, SampleMember
from ..readiness import quarter_start
from . import areas
from .figures import GradeCounts, Measure, assessment_on_time, conference_on_time, percent, position

# Supervision is a local standard; three months shows a recent gap without waiting a year.
SUPERVISION_MONTHS = 3
# Cases allocated to social care: an open episode past the front door.
ALLOCATED_STAGES = [Stage.ASSESSMENT, Stage.SECTION_47, Stage.CHILD_IN_NEED, Stage.CHILD_PROTECTION,
                    Stage.LOOKED_AFTER, Stage.CARE_LEAVER, Stage.ADOPTION]
AUDITS_TO_READ = 10
SOURCES_SHOWN = [Source.SELF_ASSESSMENT, Source.PEER_REVIEW, Source.MOCK, Source.OFSTED]


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def last_twelve_months(today: date) -> Period:
    return Period(today - relativedelta(years=1) + timedelta(days=1), today)


# Frameworks and areas

def framework_in_force(*, today: date) -> Framework | None:
    return (
        Framework.objects.filter(in_force_from__lte=today)
        .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=today))
        .order_by("-in_force_from")
        .first()
    )


def area_for(*, framework_code: str, area_code: str) -> JudgementArea:
    return get_object_or_404(JudgementArea.objects.select_related("framework"), framework__code=framework_code, code=area_code)


# Case audits

@dataclass(frozen=True)
class AuditFact:
    pk: int
    child_id: int
    completed_on: date
    grade: int | None  # the moderated grade where there is one, else the auditor's
    oversight: int | None  # the management oversight domain's final grade


@dataclass(frozen=True)
class AuditFacts:
    period: Period
    audits: list[AuditFact]
    spells: dict[int, list[areas.Spell]]


def audit_facts(*, today: date) -> AuditFacts:
    """Completed and moderated audits of the last 12 months, with the journey of each child
    audited. Four queries."""
    period = last_twelve_months(today)
    counted = CaseAudit.objects.filter(
        status__in=COUNTED, completed_at__date__gte=period.start, completed_at__date__lte=period.end
    )
    rows = list(counted.values("pk", "child_id", "completed_at", "overall_grade", "moderation__final_overall_grade"))
    oversight = dict(
        DomainGrade.objects.filter(
            audit__in=counted.filter(status=CaseAudit.Status.COMPLETED), domain__key=areas.OVERSIGHT_DOMAIN,
            grade__isnull=False,
        ).values_list("audit_id", "grade")
    )
    oversight.update(
        DomainModeration.objects.filter(
            moderation__audit__in=counted.filter(status=CaseAudit.Status.MODERATED), domain__key=areas.OVERSIGHT_DOMAIN,
        ).values_list("moderation__audit_id", "final_grade")
    )
    spells: dict[int, list[areas.Spell]] = defaultdict(list)
    for child_id, stage, start, end in (
        Episode.objects.filter(child_id__in=counted.values("child_id"))
        .exclude(stage=Stage.CONTACT)
        .values_list("child_id", "stage", "start_date", "end_date")
    ):
        spells[child_id].append(areas.Spell(stage, start, end))
    audits = [
        AuditFact(
            pk=row["pk"], child_id=row["child_id"], completed_on=timezone.localtime(row["completed_at"]).date(),
            grade=row["moderation__final_overall_grade"] or row["overall_grade"], oversight=oversight.get(row["pk"]),
        )
        for row in rows
    ]
    return AuditFacts(period=period, audits=audits, spells=dict(spells))


@dataclass(frozen=True)
class AreaAudits:
    period: Period
    grades: GradeCounts
    oversight: GradeCounts | None
    worst_first: list[AuditFact]


def area_audits(facts: AuditFacts, evidence: areas.AreaEvidence) -> AreaAudits:
    """The audits that belong to one area, from facts already read: no queries."""
    belonging = [
        audit for audit in facts.audits
        if areas.audit_belongs(evidence, facts.spells.get(audit.child_id, []), audit.completed_on)
    ]
    return AreaAudits(
        period=facts.period,
        grades=GradeCounts.of(audit.grade for audit in belonging),
        oversight=GradeCounts.of(audit.oversight for audit in belonging) if evidence.oversight_domain else None,
        worst_first=sorted(
            (audit for audit in belonging if audit.grade), key=lambda audit: (audit.grade, audit.completed_on), reverse=True
        ),
    )


def audits_to_read(*, user, area: AreaAudits) -> list[AuditFact]:
    """The worst-graded audits in an area that this user may open, at most ten: one query.
    Only for holders of inspection.view_caseaudit (the audits of children they may see)."""
    if not user.has_perm("inspection.view_caseaudit") or not area.worst_first:
        return []
    visible = set(
        audits_visible_to(user=user)
        .filter(status__in=COUNTED, completed_at__date__gte=area.period.start, completed_at__date__lte=area.period.end)
        .values_list("pk", flat=True)
    )
    return [audit for audit in area.worst_first if audit.pk in visible][:AUDITS_TO_READ]


# Statutory timescales

@dataclass(frozen=True)
class MeasureGroup:
    key: str
    title: str
    measures: list[Measure]


GROUP_TITLES = {
    areas.HELP_PROTECTION: "Help and protection",
    areas.IN_CARE: "Children in care",
    areas.CARE_LEAVERS: "Care leavers",
    areas.LEADERS: "Leaders' grip on practice",
}


def timescale_measures(*, groups: tuple[str, ...], today: date) -> list[MeasureGroup]:
    """Council-wide timescale figures for the groups asked for. At most fifteen queries,
    whatever the number of children."""
    if not groups:
        return []
    period = last_twelve_months(today)
    snapshot = f"On {today:%-d %B %Y}"
    due_stages = [stage for group, stage in (
        (areas.HELP_PROTECTION, Stage.CHILD_PROTECTION), (areas.IN_CARE, Stage.LOOKED_AFTER),
        (areas.CARE_LEAVERS, Stage.CARE_LEAVER),
    ) if group in groups]
    due = _due_tallies(due_stages, today) if due_stages else {}

    def from_due(label: str, rule: str) -> Measure:
        met, total = due.get(rule, (0, 0))
        return Measure(label, met, total, snapshot, rule)

    result = []
    if areas.HELP_PROTECTION in groups:
        result.append(MeasureGroup(areas.HELP_PROTECTION, GROUP_TITLES[areas.HELP_PROTECTION], [
            _assessments(period),
            _initial_conferences(period),
            from_due("Children on a child protection plan whose visit is not overdue", "child_protection_visit_due"),
            from_due("Children on a child protection plan whose review conference is not overdue", "child_protection_review_due"),
        ]))
    if areas.IN_CARE in groups:
        result.append(MeasureGroup(areas.IN_CARE, GROUP_TITLES[areas.IN_CARE], [
            from_due("Looked-after reviews not overdue", "looked_after_review_due"),
            from_due("Looked-after visits not overdue", "looked_after_visit_due"),
            from_due("Health assessments in date", "health_assessment_due"),
            from_due("Personal education plans in date (children of school age)", "personal_education_plan_due"),
        ]))
    if areas.CARE_LEAVERS in groups:
        result.append(MeasureGroup(areas.CARE_LEAVERS, GROUP_TITLES[areas.CARE_LEAVERS], [
            *_care_leavers(today, snapshot),
            from_due("Pathway plans reviewed within 6 months", "pathway_plan_review_due"),
        ]))
    if areas.LEADERS in groups:
        result.append(MeasureGroup(areas.LEADERS, GROUP_TITLES[areas.LEADERS], [
            _sampled_cases_audited(today), *_supervision(today),
        ]))
    return result


def _due_tallies(stages: list[str], today: date) -> dict[str, tuple[int, int]]:
    """(not late, all) for each deadline rule now running for children open to these stages,
    from cases.due: six queries for any number of children."""
    open_episodes = Episode.objects.filter(child_id=OuterRef("pk"), end_date__isnull=True, stage__in=stages)
    children = Child.objects.filter(Exists(open_episodes)).only("pk", "date_of_birth")
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for items in case_selectors.due_for_children(children=children, today=today).values():
        for item in items:
            if item.stage in stages:
                tallies[item.rule][0] += not item.timescale.is_late(today)
                tallies[item.rule][1] += 1
    return {rule: (met, total) for rule, (met, total) in tallies.items()}


def _assessments(period: Period) -> Measure:
    """Assessments authorised in the period, and how many within 45 working days of the
    referral they followed (or of their own start where there was no referral)."""
    met = total = 0
    for start, authorised, from_stage, from_start in Episode.objects.filter(
        stage=Stage.ASSESSMENT, authorised_date__gte=period.start, authorised_date__lte=period.end
    ).values_list("start_date", "authorised_date", "stepped_from__stage", "stepped_from__start_date"):
        referral = from_start if from_stage == Stage.REFERRAL else start
        met += assessment_on_time(referral_date=referral, authorised_date=authorised)
        total += 1
    return Measure("Assessments completed within 45 working days", met, total, str(period), "assessment_due")


def _initial_conferences(period: Period) -> Measure:
    met = total = 0
    for strategy, conference in Episode.objects.filter(
        stage=Stage.SECTION_47, conference_date__gte=period.start, conference_date__lte=period.end
    ).values_list("start_date", "conference_date"):
        met += conference_on_time(strategy_discussion_date=strategy, conference_date=conference)
        total += 1
    return Measure("Initial child protection conferences within 15 working days of the strategy discussion",
                   met, total, str(period), "initial_conference_due")


def _care_leavers(today: date, snapshot: str) -> list[Measure]:
    counts = Episode.objects.filter(stage=Stage.CARE_LEAVER, end_date__isnull=True).aggregate(
        total=Count("pk"),
        in_touch=Count("pk", filter=Q(in_touch=InTouch.YES)),
        suitable=Count("pk", filter=Q(accommodation_suitable=True)),
    )
    return [
        Measure("Care leavers the council is in touch with", counts["in_touch"], counts["total"], snapshot),
        Measure("Care leavers in suitable accommodation", counts["suitable"], counts["total"], snapshot),
    ]


def _sampled_cases_audited(today: date) -> Measure:
    since = quarter_start(today)
    counts = SampleMember.objects.filter(sample__drawn_on__gte=since, removed_at__isnull=True).aggregate(
        total=Count("pk", distinct=True), done=Count("pk", filter=Q(audits__status__in=COUNTED), distinct=True),
    )
    return Measure("Cases sampled this quarter that have been audited", counts["done"], counts["total"],
                   f"{since:%-d %B %Y} to {today:%-d %B %Y}")


def _supervision(today: date) -> list[Measure]:
    since = today - relativedelta(months=SUPERVISION_MONTHS) + timedelta(days=1)
    recent = Event.objects.filter(child_id=OuterRef("pk"), date__gte=since, date__lte=today)
    counts = (
        Child.objects.filter(Exists(Episode.objects.filter(child_id=OuterRef("pk"), end_date__isnull=True,
                                                           stage__in=ALLOCATED_STAGES)))
        .aggregate(total=Count("pk"), supervised=Count("pk", filter=Exists(recent.filter(kind=EventKind.SUPERVISION))),
                   overseen=Count("pk", filter=Exists(recent.filter(kind=EventKind.MANAGEMENT_OVERSIGHT))))
    )
    period = f"{since:%-d %B %Y} to {today:%-d %B %Y}"
    return [
        Measure("Open cases with supervision recorded", counts["supervised"], counts["total"], period),
        Measure("Open cases with management oversight recorded", counts["overseen"], counts["total"], period),
    ]


# Judgements

@dataclass(frozen=True)
class LatestGrade:
    source: Source
    judgement: Judgement | None


def latest_grades(*, framework: Framework, area_ids: list[int]) -> dict[int, list[LatestGrade]]:
    """For each area asked for, the latest judgement from each source (None where a source has
    judged none): one query."""
    latest: dict[tuple[int, str], Judgement] = {}
    for judgement in (
        Judgement.objects.filter(judgement_set__framework=framework, area_id__in=area_ids)
        .select_related("judgement_set")
        .order_by("-judgement_set__judged_on", "-judgement_set__pk")
    ):
        latest.setdefault((judgement.area_id, judgement.judgement_set.source), judgement)
    return {
        area_id: [LatestGrade(Source(source), latest.get((area_id, source))) for source in SOURCES_SHOWN]
        for area_id in area_ids
    }


# National comparison

@dataclass(frozen=True)
class Comparison:
    outcome: NationalOutcome
    bars: list[dict]
    ours: Judgement | None  # the council's latest Ofsted judgement in this framework and area
    sentence: str


def national_comparison(*, with_council: bool) -> list[tuple[Framework, list[Comparison]]]:
    """Each framework with published national outcomes, each area's distribution, and where the
    council's latest Ofsted judgement in that framework sits. Three queries."""
    outcomes = list(NationalOutcome.objects.select_related("framework", "area").order_by(
        "framework__in_force_from", "area__order", "-as_at"))
    ofsted: dict[int, dict[int, Judgement]] = {}
    if with_council and outcomes:
        for judgement_set in (
            JudgementSet.objects.filter(source=Source.OFSTED, framework__in={o.framework_id for o in outcomes})
            .prefetch_related("judgements")
            .order_by("framework_id", "-judged_on", "-pk")
        ):
            if judgement_set.framework_id not in ofsted:
                ofsted[judgement_set.framework_id] = {judgement.area_id: judgement for judgement in judgement_set.judgements.all()}
    grouped: dict[int, tuple[Framework, list[Comparison]]] = {}
    for outcome in outcomes:
        ours = ofsted.get(outcome.framework_id, {}).get(outcome.area_id)
        grouped.setdefault(outcome.framework_id, (outcome.framework, []))[1].append(
            Comparison(outcome=outcome, bars=_bars(outcome), ours=ours, sentence=_sentence(outcome, ours))
        )
    return list(grouped.values())


def frameworks_without_outcomes() -> list[Framework]:
    return list(Framework.objects.filter(national_outcomes__isnull=True).order_by("in_force_from"))


def _bars(outcome: NationalOutcome) -> list[dict]:
    return [
        {"grade": grade, "count": outcome.count_for(grade.value), "percent": percent(outcome.count_for(grade.value), outcome.total)}
        for grade in Grade
    ]


def _sentence(outcome: NationalOutcome, ours: Judgement | None) -> str:
    if ours is None or not ours.grade:
        return ""
    counts = (outcome.outstanding, outcome.good, outcome.requires_improvement, outcome.inadequate)
    where = position(counts, ours.grade)
    return f"Our latest Ofsted judgement: {where.sentence()}." if where else ""
