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

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Substr

from cases.models import Child

from ..audits.selectors import COUNTED, audits_visible_to
from ..judgement_evidence import areas
from ..judgement_evidence.figures import GradeCounts
from ..judgement_evidence.selectors import AuditFact, Period, audit_facts
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


def quality_evidence(*, user, today: date, team=None) -> dict[str, AreaQuality]:
    """For each dashboard area, the audit evidence of the twelve months to today, for one team's
    children (by the child's team now) or the whole council. Five queries, one more with a team
    and one more for a user who sees only some teams."""
    facts = audit_facts(today=today)
    period = facts.period
    counted = CaseAudit.objects.filter(
        status__in=COUNTED, completed_at__date__gte=period.start, completed_at__date__lte=period.end
    )
    audits = facts.audits
    if team is not None:
        in_team = set(Child.objects.filter(team=team, pk__in=counted.values("child_id")).values_list("pk", flat=True))
        audits = [audit for audit in audits if audit.child_id in in_team]
    voice, readable = _child_voice(user=user, counted=counted)
    result = {}
    for key, evidence in AREA_EVIDENCE.items():
        belonging = [
            audit for audit in audits
            if areas.audit_belongs(evidence, facts.spells.get(audit.child_id, []), audit.completed_on)
        ]
        result[key] = AreaQuality(
            area=key,
            which_audits=evidence.which_audits,
            period=period,
            grades=GradeCounts.of(audit.grade for audit in belonging),
            voice=None if evidence.oversight_domain else GradeCounts.of(voice.get(audit.pk) for audit in belonging),
            oversight=GradeCounts.of(audit.oversight for audit in belonging) if evidence.oversight_domain else None,
            excerpts=[] if evidence.oversight_domain else _excerpts(belonging, readable, voice),
        )
    return result


def _child_voice(*, user, counted) -> tuple[dict[int, int], dict[int, str]]:
    """For each audit of the period, the child's voice grade (the moderator's final grade where the
    audit was moderated, else the auditor's); and, for the audits this user may open, the start of
    what the auditor recorded about it. One query."""
    voice = DomainGrade.objects.filter(audit=OuterRef("pk"), domain__key=VOICE_DOMAIN)
    passage = Value("")
    if user.has_perm("inspection.view_caseaudit"):
        readable = audits_visible_to(user=user).filter(pk=OuterRef("pk"))
        passage = Case(When(Exists(readable), then=Subquery(
            voice.values(start=Substr("evidence", 1, EXCERPT_LENGTH + 1))[:1])), default=Value(""))
    rows = counted.annotate(
        auditor_grade=Subquery(voice.values("grade")[:1]),
        moderated_grade=Subquery(DomainModeration.objects.filter(
            moderation__audit=OuterRef("pk"), domain__key=VOICE_DOMAIN).values("final_grade")[:1]),
        passage=passage,
    ).values_list("pk", "status", "auditor_grade", "moderated_grade", "passage")
    grades, passages = {}, {}
    for pk, status, auditor_grade, moderated_grade, text in rows:
        grade = moderated_grade if status == CaseAudit.Status.MODERATED else auditor_grade
        if grade:
            grades[pk] = grade
        if text and text.strip():
            passages[pk] = text
    return grades, passages


def _excerpts(belonging: list[AuditFact], readable: dict[int, str], voice: dict[int, int]) -> list[Excerpt]:
    """The most recent passages about the child's voice in the area, at most three."""
    recent = sorted((audit for audit in belonging if audit.pk in readable),
                    key=lambda audit: (audit.completed_on, audit.pk), reverse=True)[:EXCERPTS_PER_AREA]
    return [
        Excerpt(audit.pk, audit.completed_on, voice.get(audit.pk), *shorten(readable[audit.pk]))
        for audit in recent
    ]


def shorten(text: str, length: int = EXCERPT_LENGTH) -> tuple[str, bool]:
    """The passage cut at a word before ``length`` characters, and whether it was cut."""
    was_long = len(text) > length
    text = " ".join(text.split())
    if not was_long and len(text) <= length:
        return text, False
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:")
    return f"{cut}…", True
