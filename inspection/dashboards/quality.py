"""The quality evidence set beside each area's figures on the managers' dashboard: how case audits
graded the practice in the last twelve months, how they graded the child's voice, and a few
recent passages of what auditors recorded about it.

Inspectors asked councils to report children's individual experiences, not only compliance
(seed 002), so a manager reading "95% of visits in timescale" sees beside it whether the visits
made a difference and what children said.

An audit belongs to an area by the stages the child was open to on the day it was completed
(inspection/judgement_evidence/areas.py). The grade counts are aggregates; the passages come only
from audits the user may open (inspection/audits/selectors.audits_visible_to) and are headed by the
audit's number and date, never the child's name. A fixed number of queries, whatever the number
of audits.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Substr, TruncDate

from cases.models import Episode, Stage

from ..audits.selectors import COUNTED, audits_visible_to
from ..judgement_evidence import areas
from ..judgement_evidence.figures import GradeCounts
from ..judgement_evidence.selectors import Period, last_twelve_months
from ..models import CaseAudit, DomainGrade, DomainModeration
from .measures import CARE_LEAVERS, HELP_PROTECTION, IN_CARE, LEADERS

# The audit template's child's voice domain (inspection/audit_template.py); its key stays the same
# across template versions.
VOICE_DOMAIN = "child_voice"
EXCERPTS_PER_AREA = 3
EXCERPT_LENGTH = 320  # characters shown; the rest is on the audit

AREA_EVIDENCE = {
    HELP_PROTECTION: areas.AreaEvidence(
        areas.HELP_PROTECTION_STAGES, (areas.HELP_PROTECTION,), False,
        "Audits of children at referral, assessment, a section 47 enquiry, child in need or child protection "
        "on the day the audit was completed."),
    IN_CARE: areas.AreaEvidence(
        frozenset({areas.LOOKED_AFTER}), (areas.IN_CARE,), False,
        "Audits of children who were looked after on the day the audit was completed."),
    CARE_LEAVERS: areas.AreaEvidence(
        frozenset({areas.CARE_LEAVER}), (areas.CARE_LEAVERS,), False,
        "Audits of care leavers, open as care leavers on the day the audit was completed."),
    # Caseloads are leaders' business: every audit, with the management oversight domain.
    LEADERS: areas.AreaEvidence(None, (areas.LEADERS,), True, areas.EVERY_AUDIT),
}


@dataclass(frozen=True)
class Excerpt:
    """What an auditor recorded about the child's voice in one audit, shortened."""

    audit_pk: int
    completed_on: date
    grade: int | None
    text: str
    shortened: bool

    @property
    def heading(self) -> str:
        return f"Audit {self.audit_pk}, completed {self.completed_on:%-d %B %Y}"


@dataclass(frozen=True)
class AreaQuality:
    area: str
    which_audits: str
    period: Period
    grades: GradeCounts
    voice: GradeCounts | None  # the child's voice domain; None for caseloads
    oversight: GradeCounts | None  # the management oversight domain; caseloads only
    excerpts: list[Excerpt]


@dataclass(frozen=True)
class AuditGrades:
    """One completed or moderated audit of the period: its final grades (the moderator's where it
    was moderated, else the auditor's) and, if the user may open it, the start of what the auditor
    recorded about the child's voice ("" otherwise)."""

    pk: int
    child_id: int
    completed_on: date
    grade: int | None
    voice: int | None
    oversight: int | None
    passage: str


def quality_evidence(*, user, today: date, team=None) -> dict[str, AreaQuality]:
    """For each dashboard area, the audit evidence of the twelve months to today, for one team's
    children (by the child's team now) or the whole council. Two queries, with or without a team,
    whatever the number of audits."""
    period = last_twelve_months(today)
    counted = CaseAudit.objects.filter(
        status__in=COUNTED, completed_at__date__gte=period.start, completed_at__date__lte=period.end
    )
    if team is not None:
        counted = counted.filter(child__team=team)
    audits = audit_grades(user=user, counted=counted)
    spells = _spells(counted)
    result = {}
    for key, evidence in AREA_EVIDENCE.items():
        belonging = [
            audit for audit in audits
            if areas.audit_belongs(evidence, spells.get(audit.child_id, []), audit.completed_on)
        ]
        result[key] = AreaQuality(
            area=key,
            which_audits=evidence.which_audits,
            period=period,
            grades=GradeCounts.of(audit.grade for audit in belonging),
            voice=None if evidence.oversight_domain else GradeCounts.of(audit.voice for audit in belonging),
            oversight=GradeCounts.of(audit.oversight for audit in belonging) if evidence.oversight_domain else None,
            excerpts=[] if evidence.oversight_domain else _excerpts(belonging),
        )
    return result


def audit_grades(*, user, counted) -> list[AuditGrades]:
    """Each audit counted with its final overall, child's voice and management oversight grades,
    and the passage about the child's voice where the user may open the audit. One query: the
    domain grades are read beside each audit, not in queries of their own.

    The same grades as the evidence pages read (judgement_evidence.selectors.audit_facts): a
    moderated audit counts with the moderator's final grade for the audit and for each domain."""

    def domain(key: str):
        return DomainGrade.objects.filter(audit=OuterRef("pk"), domain__key=key).order_by()

    def moderated(key: str):
        found = DomainModeration.objects.filter(moderation=OuterRef("moderation__pk"), domain__key=key).order_by()
        return Subquery(found.values("final_grade")[:1])

    passage = Value("")
    if user.has_perm("inspection.view_caseaudit"):
        readable = audits_visible_to(user=user).filter(pk=OuterRef("pk"))
        passage = Case(When(Exists(readable), then=Subquery(
            domain(VOICE_DOMAIN).values(start=Substr("evidence", 1, EXCERPT_LENGTH + 1))[:1])), default=Value(""))
    rows = counted.order_by().annotate(
        completed_on=TruncDate("completed_at"),  # the day in the council's time zone
        voice_by_auditor=Subquery(domain(VOICE_DOMAIN).values("grade")[:1]),
        voice_moderated=moderated(VOICE_DOMAIN),
        oversight_by_auditor=Subquery(domain(areas.OVERSIGHT_DOMAIN).values("grade")[:1]),
        oversight_moderated=moderated(areas.OVERSIGHT_DOMAIN),
        passage=passage,
    ).values_list("pk", "child_id", "completed_on", "status", "overall_grade", "moderation__final_overall_grade",
                  "voice_by_auditor", "voice_moderated", "oversight_by_auditor", "oversight_moderated", "passage")
    audits = []
    for (pk, child_id, completed_on, status, overall, final_overall, voice_by_auditor, voice_moderated,
         oversight_by_auditor, oversight_moderated, text) in rows:
        was_moderated = status == CaseAudit.Status.MODERATED
        audits.append(AuditGrades(
            pk=pk, child_id=child_id, completed_on=completed_on,
            grade=final_overall or overall,
            voice=(voice_moderated if was_moderated else voice_by_auditor) or None,
            oversight=(oversight_moderated if was_moderated else oversight_by_auditor) or None,
            passage=text if text and text.strip() else "",
        ))
    return audits


def _spells(counted) -> dict[int, list[areas.Spell]]:
    """The journey of each child audited (every stage but contacts), to place each audit in the
    areas the child was open to on the day it was completed. One query."""
    spells: dict[int, list[areas.Spell]] = defaultdict(list)
    for child_id, stage, start, end in (
        Episode.objects.filter(child_id__in=counted.values("child_id"))
        .exclude(stage=Stage.CONTACT)
        .order_by()
        .values_list("child_id", "stage", "start_date", "end_date")
    ):
        spells[child_id].append(areas.Spell(stage, start, end))
    return spells


def _excerpts(belonging: list[AuditGrades]) -> list[Excerpt]:
    """The most recent passages about the child's voice in the area, at most three."""
    recent = sorted((audit for audit in belonging if audit.passage),
                    key=lambda audit: (audit.completed_on, audit.pk), reverse=True)[:EXCERPTS_PER_AREA]
    return [Excerpt(audit.pk, audit.completed_on, audit.voice, *shorten(audit.passage)) for audit in recent]


def shorten(text: str, length: int = EXCERPT_LENGTH) -> tuple[str, bool]:
    """The passage cut at a word before ``length`` characters, and whether it was cut."""
    was_long = len(text) > length
    text = " ".join(text.split())
    if not was_long and len(text) <= length:
        return text, False
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:")
    return f"{cut}…", True
