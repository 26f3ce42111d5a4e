"""Data quality before Annex A: records that would give Ofsted a missing value, an impossible
date or a child in contradictory lists. Each check is one database query that finds the
offending records, so the checks stay quick for an authority-sized council.

The data-quality page shows each check's count and its first few records; the readiness checklist
(its page and the readiness report) only needs how many there are in all (``problem_count``).
Where the problem is in the episode's own columns (a code left blank, an assessment authorised
before it started), a partial index holds exactly the episodes with the problem
(cases/models/journey.py), so a clean council's counts read empty indexes."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from cases.models import Episode, LegalStatus, Placement, Stage

EXAMPLES = 50


@dataclass(frozen=True)
class Check:
    key: str
    lists: tuple[int, ...]
    problem: str
    fix: str

    def episodes(self, as_at: date) -> QuerySet[Episode]:
        return CHECKS_QUERIES[self.key](as_at)


def _open(as_at: date) -> QuerySet[Episode]:
    return Episode.objects.filter(start_date__lte=as_at).filter(Q(end_date__isnull=True) | Q(end_date__gt=as_at))


CHECKS = [
    Check("contact_source", (1, 3), "Contact or referral with no source", "Record who made the contact or referral."),
    Check("no_primary_need", (6,), "Child in need episode with no primary need code", "Record the primary need (N1 to N9)."),
    Check("no_category", (7,), "Child protection plan with no initial category of abuse", "Record the initial category."),
    Check("no_need_category", (8,), "Looked-after episode with no category of need", "Record the category of need."),
    Check("no_legal_status", (8,), "Looked after with no legal status", "Record the legal status (for example C2 or V2)."),
    Check("no_placement", (8,), "Looked after with no current placement", "Record where the child lives now."),
    Check("no_eligibility", (9,), "Care leaver with no eligibility category", "Record the eligibility category."),
    Check("authorised_before_start", (4,), "Assessment authorised before it started", "Correct the dates."),
    Check("before_birth", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10), "Episode starting before the child was born", "Correct the start date or the date of birth."),
    Check("care_leaver_and_looked_after", (8, 9), "Open as looked after and as a care leaver at once", "End one of the two episodes."),
    Check("looked_after_adult", (8,), "Looked after at 18 or over", "End the looked-after episode, or correct the date of birth."),
    Check("care_leaver_under_16", (9,), "Care leaver under 16", "Correct the episode or the date of birth."),
]

CHECKS_QUERIES = {
    "contact_source": lambda as_at: Episode.objects.filter(stage__in=[Stage.CONTACT, Stage.REFERRAL], source="",
                                                           start_date__gte=as_at - relativedelta(months=12)),
    "no_primary_need": lambda as_at: _open(as_at).filter(stage=Stage.CHILD_IN_NEED, primary_need=""),
    "no_category": lambda as_at: _open(as_at).filter(stage=Stage.CHILD_PROTECTION, initial_category=""),
    "no_need_category": lambda as_at: _open(as_at).filter(stage=Stage.LOOKED_AFTER, category_of_need=""),
    "no_legal_status": lambda as_at: _open(as_at).filter(stage=Stage.LOOKED_AFTER).exclude(
        Exists(LegalStatus.objects.filter(episode=OuterRef("pk"), start_date__lte=as_at))),
    "no_placement": lambda as_at: _open(as_at).filter(stage=Stage.LOOKED_AFTER).exclude(
        Exists(Placement.objects.filter(episode=OuterRef("pk"), start_date__lte=as_at)
               .filter(Q(end_date__isnull=True) | Q(end_date__gt=as_at)))),
    "no_eligibility": lambda as_at: _open(as_at).filter(stage=Stage.CARE_LEAVER, eligibility=""),
    "authorised_before_start": lambda as_at: Episode.objects.filter(stage=Stage.ASSESSMENT, authorised_date__lt=F("start_date")),
    "before_birth": lambda as_at: Episode.objects.filter(start_date__lt=F("child__date_of_birth")),
    "care_leaver_and_looked_after": lambda as_at: _open(as_at).filter(stage=Stage.CARE_LEAVER).filter(
        Exists(_open(as_at).filter(stage=Stage.LOOKED_AFTER, child_id=OuterRef("child_id")))),
    "looked_after_adult": lambda as_at: _open(as_at).filter(
        stage=Stage.LOOKED_AFTER, child__date_of_birth__lte=as_at - relativedelta(years=18)),
    "care_leaver_under_16": lambda as_at: _open(as_at).filter(
        stage=Stage.CARE_LEAVER, child__date_of_birth__gt=as_at - relativedelta(years=16)),
}


@dataclass
class Finding:
    check: Check
    count: int
    examples: list[dict]


def data_quality(as_at: date) -> list[Finding]:
    """Every check with how many records fail it and the first few, to fix (two queries a check)."""
    findings = []
    for check in CHECKS:
        episodes = check.episodes(as_at)
        count = episodes.count()
        examples = list(
            episodes.order_by("child__local_id", "start_date")
            .values("pk", "child_id", "child__local_id", "child__first_name", "child__last_name", "stage", "start_date")[:EXAMPLES]
        ) if count else []
        for example in examples:
            example["stage_label"] = Stage(example["stage"]).label
        findings.append(Finding(check=check, count=count, examples=examples))
    return findings


def problem_count(as_at: date) -> int:
    """How many records fail the checks, added up as the data-quality page adds them: one count a
    check and no examples, which the readiness checklist (page and report) does not show."""
    return sum(check.episodes(as_at).count() for check in CHECKS)


def counts_by_list(findings: list[Finding]) -> dict[int, int]:
    counts = {number: 0 for number in range(1, 12)}
    for finding in findings:
        for number in finding.check.lists:
            counts[number] += finding.count
    return counts
