"""Audit findings: what the case audits of a period found, for managers and the quality-assurance
group. Ofsted looks for "audit activity - systematic with evidence of impact on the quality of
frontline practice" (seed 003), and leaders who know their practice through "targeted auditing".

It counts the completed and moderated audits completed in the period (12 months to today unless
the request gives dates) and shows their final grades (the moderator's where an audit was
moderated, the auditor's otherwise: ``audits.selectors.final_overall_grade``), as a chart and a
table; grades team by team; grades in each domain of the audit template (the child seen, the
child's voice, management oversight and the rest: the moderator's final domain grade where
moderated); how often moderators agreed with the auditor; grades by the stage the child was at on
the day the audit was completed (help and protection, in care, care leaver, as
``judgement_evidence/areas.py`` places them; an audit of a child open to two counts in both); the
findings that recur most; and each audit's strengths and areas for development.

Scope: only audits the requester may see (``audits_visible_to``: a practitioner or team manager
sees their own teams' audits, auditors and senior managers every team's), so it needs
inspection.view_caseaudit, which elected members do not hold.

It names no child: an audit is known by its number and the child's team. No child's date of birth
is read; the audited child's name and ID are read only to take them out of what was written about
them. The auditors' free text (findings, strengths and areas for development) is printed as written:
auditors are told not to name children in it, since findings become actions in plans that elected
members read (the audit form's help text does not yet say so). As a guard against a slip, the
audited child's own name and ID are replaced by "[the child]" wherever they appear in that audit's
text; another child named there, or a date of birth, would not be caught.
The report is marked OFFICIAL-SENSITIVE (the base template's marking): it describes the quality of
social work with identifiable teams.

A fixed number of queries whatever the number of audits (``audit_findings``)."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F
from django.utils import timezone

from cases.models import Episode, Stage
from inspection.charts import Bar, bar_chart, stacked_bar_chart
from judgements.grades import Grade

from ..audits.selectors import COUNTED, audits_visible_to
from ..judgement_evidence import areas
from ..judgement_evidence.figures import GradeCounts, percent
from ..models import CaseAudit, DomainGrade, DomainModeration, Finding
from .base import Report, ReportError

TITLE_LENGTH = 200  # ReportJob.title
RECURRING_FINDINGS = 12  # the most frequent findings shown
NO_TEAM = "No team recorded"
REMOVED = "[the child]"
# The stages a child may be at, as the judgement areas group them (areas.py), in the order Ofsted
# reads them. ILACS 2023's areas are used because they judge children in care and care leavers
# apart, as managers read audits.
STAGE_GROUPS = [
    ("Help and protection", areas.evidence_for("ilacs_2023", "help_protection")),
    ("In care", areas.evidence_for("ilacs_2023", "in_care")),
    ("Care leavers", areas.evidence_for("ilacs_2023", "care_leavers")),
]
NONE_OF_THESE = "Another stage, or none"
CHART_WIDTH = 680  # the width of the page between its margins, so long team and domain names fit
GRADE_COLOURS = {grade: grade.name.lower() for grade in Grade}  # the chart colour names: "requires_improvement"


class AuditFindingsReport(Report):
    kind = "audit_findings"
    permission = "inspection.view_caseaudit"
    template = "pdf/audit_findings.html"

    def title_for(self, parameters: dict) -> str:
        title = f"Audit findings, {_period(parameters)}"
        return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1] + "…"

    def context_for(self, job) -> dict:
        period = _period(job.parameters)
        findings = audit_findings(user=job.requested_by, period=period)
        return {
            "period": period,
            "findings": findings,
            "grades": list(Grade),
            "summary": summary_in_words(findings),
            "overall_chart": _overall_chart(findings.overall),
            "ungraded": findings.total - findings.overall.total,
            "scope": _scope_in_words(job.requested_by),
            "grade_sections": [
                {"heading": "Grades team by team", "column": "Team", "rows": findings.by_team,
                 "chart": _stacked_chart("Final grades team by team", findings.by_team),
                 "lead_in": "By the team the child is allocated to.", "none": "No graded audits to show."},
                {"heading": "Grades in each domain of the audit", "column": "Domain", "rows": findings.by_domain,
                 "chart": _stacked_chart("Final grades in each domain of the audit", findings.by_domain),
                 "lead_in": "Each domain of the audit template is graded on its own, beside the overall grade.",
                 "none": "No audit in the period graded a domain."},
                {"heading": "Grades by the stage the child was at", "column": "Stage", "rows": findings.by_stage,
                 "chart": _stacked_chart("Final grades by the stage the child was at", findings.by_stage),
                 "lead_in": "The stage each child was at on the day the audit was completed, as inspectors group "
                            "them: help and protection (referral, assessment, section 47 enquiry, child in need or "
                            "child protection), in care, and care leavers. A child at two stages that day (in care "
                            "and on a child protection plan, say) counts in both; a child only in early help or "
                            "with an adoption plan that day, or with no episode open, counts under another stage.",
                 "none": "No graded audits to show."},
            ],
        }


def _scope_in_words(user) -> str:
    if user.has_perm("cases.view_all_children"):
        return "in every team"
    return f"only the teams {user.get_full_name() or user.get_username()} may see"


# --- the read --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


@dataclass
class GradeRow:
    """Final grades of one group of audits (a team, a domain, a stage)."""

    label: str
    grades: GradeCounts

    @property
    def cells(self) -> list[int]:
        return list(self.grades.counts)

    @property
    def good_or_better(self) -> str:
        share = self.grades.good_or_better_percent
        return "–" if share is None else f"{share}%"


@dataclass
class Agreement:
    label: str
    agreed: int
    total: int

    @property
    def percent(self) -> int | None:
        return percent(self.agreed, self.total)

    @property
    def in_words(self) -> str:
        return f"{self.agreed} of {self.total} ({self.percent}%)" if self.total else "None moderated"


@dataclass
class RecurringFinding:
    text: str  # as the first auditor wrote it
    domains: list[str]
    count: int  # how many times it was recorded
    audits: int  # in how many audits


@dataclass
class AuditText:
    """One audit's strengths and areas for development, known by its number and team only."""

    number: int
    team: str
    grade: Grade | None
    moderated: bool
    strengths: str
    areas_for_development: str


@dataclass
class Findings:
    period: Period
    total: int
    completed: int  # completed and not (yet) moderated
    moderated: int
    overall: GradeCounts
    by_team: list[GradeRow]
    by_domain: list[GradeRow]
    by_stage: list[GradeRow]
    overall_agreement: Agreement
    domain_agreement: list[Agreement]
    recurring: list[RecurringFinding]
    finding_count: int
    distinct_findings: int
    strengths: list[RecurringFinding]  # strengths written in more than one audit, line by line
    texts: list[AuditText]


def audit_findings(*, user, period: Period) -> Findings:
    """The completed and moderated audits the user may see, completed in the period, summed up.
    Six queries (and those working out which children the user may see), whatever the number of
    audits."""
    counted = audits_visible_to(user=user).filter(
        status__in=COUNTED, completed_at__date__gte=period.start, completed_at__date__lte=period.end,
    )
    rows = list(counted.select_related(None).order_by("pk").values(
        "pk", "status", "child_id", "child__team__name", "completed_at", "overall_grade", "strengths",
        "areas_for_development", "moderation__final_overall_grade", "moderation__overall_agreed",
        "child__first_name", "child__last_name", "child__local_id",
    ))
    # Only to take a child's name or ID out of what was written about them: never shown.
    scrub = {row["pk"]: _scrubber(row) for row in rows}
    final = {row["pk"]: _final_grade(row) for row in rows}
    moderated = [row for row in rows if row["status"] == CaseAudit.Status.MODERATED]

    by_team: dict[str, list[int | None]] = defaultdict(list)
    for row in rows:
        by_team[row["child__team__name"] or NO_TEAM].append(final[row["pk"]])

    domains: dict[str, dict] = {}
    domain_rows = list(
        DomainGrade.objects.filter(audit__in=counted.filter(status=CaseAudit.Status.COMPLETED), grade__isnull=False)
        .values("domain__key", "domain__title", "domain__order", "grade").annotate(count=Count("id"))
    ) + list(
        DomainModeration.objects.filter(moderation__audit__in=counted.filter(status=CaseAudit.Status.MODERATED))
        .values("domain__key", "domain__title", "domain__order", "agreed", grade=F("final_grade"))
        .annotate(count=Count("id"))
    )
    for row in domain_rows:
        entry = domains.setdefault(row["domain__key"], {"title": row["domain__title"], "order": row["domain__order"],
                                                        "grades": Counter(), "agreed": 0, "moderated": 0})
        entry["grades"][row["grade"]] += row["count"]
        if "agreed" in row:
            entry["moderated"] += row["count"]
            entry["agreed"] += row["count"] if row["agreed"] else 0
    ordered_domains = sorted(domains.values(), key=lambda entry: (entry["order"], entry["title"]))

    spells: dict[int, list[areas.Spell]] = defaultdict(list)
    for child_id, stage, start, end in (
        Episode.objects.filter(child_id__in=counted.values("child_id")).exclude(stage=Stage.CONTACT)
        .values_list("child_id", "stage", "start_date", "end_date")
    ):
        spells[child_id].append(areas.Spell(stage, start, end))
    by_stage: dict[str, list[int | None]] = {label: [] for label, _ in STAGE_GROUPS}
    by_stage[NONE_OF_THESE] = []
    for row in rows:
        day = timezone.localtime(row["completed_at"]).date()
        belongs = [label for label, evidence in STAGE_GROUPS
                   if areas.audit_belongs(evidence, spells.get(row["child_id"], []), day)]
        for label in belongs or [NONE_OF_THESE]:
            by_stage[label].append(final[row["pk"]])

    recurring, finding_count, distinct_findings = _recurring(
        Finding.objects.filter(audit__in=counted).values_list("audit_id", "text", "domain__title").order_by("pk"),
        scrub,
    )

    return Findings(
        period=period,
        total=len(rows),
        completed=len(rows) - len(moderated),
        moderated=len(moderated),
        overall=GradeCounts.of(final.values()),
        by_team=[GradeRow(team, GradeCounts.of(grades)) for team, grades in
                 sorted(by_team.items(), key=lambda item: (item[0] == NO_TEAM, item[0]))],
        by_domain=[GradeRow(entry["title"], GradeCounts.of(entry["grades"].elements())) for entry in ordered_domains],
        by_stage=[GradeRow(label, GradeCounts.of(grades)) for label, grades in by_stage.items()
                  if label != NONE_OF_THESE or grades],
        overall_agreement=Agreement("Overall grade", sum(bool(row["moderation__overall_agreed"]) for row in moderated),
                                    len(moderated)),
        domain_agreement=[Agreement(entry["title"], entry["agreed"], entry["moderated"])
                          for entry in ordered_domains if entry["moderated"]],
        recurring=recurring,
        finding_count=finding_count,
        distinct_findings=distinct_findings,
        strengths=[strength for strength in _recurring(
            ((row["pk"], line, "") for row in rows for line in row["strengths"].splitlines()), scrub)[0]
            if strength.audits > 1],
        texts=[
            AuditText(
                number=row["pk"], team=row["child__team__name"] or NO_TEAM,
                grade=Grade(final[row["pk"]]) if final[row["pk"]] else None,
                moderated=row["status"] == CaseAudit.Status.MODERATED,
                strengths=scrub[row["pk"]](row["strengths"]).strip(),
                areas_for_development=scrub[row["pk"]](row["areas_for_development"]).strip(),
            )
            for row in sorted(rows, key=lambda row: (-(final[row["pk"]] or 0), row["pk"]))
            if row["strengths"].strip() or row["areas_for_development"].strip()
        ],
    )


def _final_grade(row: dict) -> int | None:
    """As audits.selectors.final_overall_grade: the moderated grade where there is one."""
    if row["status"] == CaseAudit.Status.MODERATED and row["moderation__final_overall_grade"]:
        return row["moderation__final_overall_grade"]
    return row["overall_grade"]


def _recurring(findings, scrub) -> tuple[list[RecurringFinding], int, int]:
    """The findings recorded in the most audits, the same words counted together however they were
    capitalised or punctuated at the end; with how many were recorded, and how many different."""
    groups: dict[str, dict] = {}
    total = 0
    for audit_id, text, domain in findings:
        text = scrub[audit_id](text).strip()
        if not text:
            continue
        total += 1
        key = " ".join(text.casefold().rstrip(".;").split())
        group = groups.setdefault(key, {"text": text.rstrip(".;"), "domains": [], "count": 0, "audits": set()})
        group["count"] += 1
        group["audits"].add(audit_id)
        domain = domain or "Overall"
        if domain not in group["domains"]:
            group["domains"].append(domain)
    ranked = sorted(groups.values(), key=lambda group: (-len(group["audits"]), -group["count"], group["text"]))
    return [RecurringFinding(group["text"], group["domains"], group["count"], len(group["audits"]))
            for group in ranked[:RECURRING_FINDINGS]], total, len(groups)


def _scrubber(row: dict):
    """Takes the audited child's own name (as capitalised on their record) and ID (in any case) out
    of text written about them, whole words only, so "Hope" goes but "hope" stays."""
    names = {" ".join(part for part in (row["child__first_name"], row["child__last_name"]) if part),
             row["child__last_name"], row["child__first_name"]}
    patterns = [_whole_words(sorted({n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True), 0),
                _whole_words([row["child__local_id"].strip()] if row["child__local_id"].strip() else [], re.IGNORECASE)]
    patterns = [pattern for pattern in patterns if pattern is not None]

    def scrub(text: str) -> str:
        text = text or ""
        for pattern in patterns:
            text = pattern.sub(REMOVED, text)
        return text

    return scrub


def _whole_words(words: list[str], flags: int) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(word) for word in words) + r")(?!\w)", flags)


# --- in words and as charts -----------------------------------------------------------------------


def summary_in_words(findings: Findings) -> list[str]:
    """The figures a manager reads first, as sentences."""
    if not findings.total:
        return [f"No audit was completed from {findings.period}."]
    total, overall = findings.total, findings.overall
    sentences = [
        f"{total} audit{'s' if total != 1 else ''} completed from {findings.period}"
        + (f", {findings.moderated} of them moderated." if findings.moderated else ", none of them moderated."),
    ]
    if overall.total:
        inadequate = overall.counts[Grade.INADEQUATE - 1]
        sentences.append(f"{overall.good_or_better} of {overall.total} ({overall.good_or_better_percent}%) graded good "
                         f"or better; {inadequate} inadequate.")
    agreement = findings.overall_agreement
    if agreement.total:
        sentences.append(f"Moderators agreed with the auditor's overall grade in {agreement.agreed} of "
                         f"{agreement.total} ({agreement.percent}%).")
    if findings.recurring and findings.recurring[0].audits > 1:
        top = findings.recurring[0]
        sentences.append(f"The finding recorded most often: “{top.text}” (in {top.audits} audits).")
    return sentences


# --- charts ----------------------------------------------------------------------------------------


def _overall_chart(grades: GradeCounts):
    if not grades.total:
        return None
    return bar_chart(title="Final grade of each audit",
                     bars=[Bar(grade.label, count, GRADE_COLOURS[grade]) for grade, count in zip(Grade, grades.counts)])


def _stacked_chart(title: str, rows: list[GradeRow]):
    drawn = [(row.label, [Bar(grade.label, count, GRADE_COLOURS[grade]) for grade, count in zip(Grade, row.cells)])
             for row in rows if row.grades.total]
    if not drawn:
        return None
    return stacked_bar_chart(title=title, rows=drawn, width=CHART_WIDTH)


# --- parameters ------------------------------------------------------------------------------------


def _period(parameters: dict) -> Period:
    """The period asked for: the 12 months to today unless dates are given (either may be given
    alone: the other is a year from it)."""
    start, end, today = _date(parameters, "start"), _date(parameters, "end"), timezone.localdate()
    if end is None:
        end = min(start + relativedelta(years=1) - timedelta(days=1), today) if start else today
    if start is None:
        start = end - relativedelta(years=1) + timedelta(days=1)
    if start > end:
        raise ReportError(f"The period starts on {start:%-d %B %Y}, after it ends on {end:%-d %B %Y}: "
                          "give a start date on or before the end date.")
    return Period(start, end)


def _date(parameters: dict, name: str) -> date | None:
    value = parameters.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReportError(f"The {name} date “{value}” is not a date: give it in the form 2026-03-31.") from None
