"""Reads for case audits, scoped to the user. Statistics count completed and moderated audits
only: a draft never counts."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cases import selectors as case_selectors
from cases.batched_reads import read_together
from cases.models import Child, Episode, Flag, Placement, Stage
from cases.rules import age_on, person_name
from judgements.grades import Grade

from ..models import AuditSample, AuditTemplate, CaseAudit, DomainGrade, DomainModeration, Finding, SampleMember
from ..sampling import Candidate, age_band

COUNTED = [CaseAudit.Status.COMPLETED, CaseAudit.Status.MODERATED]
# A child's stratum is the most intensive stage they are open to.
STAGE_PRIORITY = [
    Stage.LOOKED_AFTER, Stage.CHILD_PROTECTION, Stage.CHILD_IN_NEED, Stage.CARE_LEAVER, Stage.SECTION_47,
    Stage.ASSESSMENT, Stage.ADOPTION, Stage.REFERRAL, Stage.EARLY_HELP,
]
OUT_OF_AREA_HOME_TYPES = ["p) K2: Children’s Homes", "o) K1: Secure Children’s Homes"]


def samples_visible_to(*, user) -> QuerySet[AuditSample]:
    if not user.has_perm("inspection.view_auditsample"):
        return AuditSample.objects.none()
    return AuditSample.objects.select_related("created_by")


def sample_for_user(*, user, pk: int) -> AuditSample:
    return get_object_or_404(samples_visible_to(user=user), pk=pk)


def audits_visible_to(*, user) -> QuerySet[CaseAudit]:
    """Audits of the children the user may see (every unrestricted child for auditors)."""
    if not user.has_perm("inspection.view_caseaudit"):
        return CaseAudit.objects.none()
    audits = CaseAudit.objects.select_related("child", "auditor", "template", "member__sample")
    # Restricted records stay restricted: an audit is visible only where the child is.
    return audits.filter(child__in=case_selectors.children_visible_to(user=user))


def audit_for_user(*, user, pk: int) -> CaseAudit:
    return get_object_or_404(audits_visible_to(user=user).prefetch_related("template__domains"), pk=pk)


def candidates_for_sample(*, user, stages: list[str], theme: str, out_of_area_homes: bool, on) -> list[Candidate]:
    """Children with an open episode (of the chosen stages), each with their stratum, age band
    and flags, drawn from the live records the user may see. Four queries."""
    children = case_selectors.children_visible_to(user=user)
    episodes = Episode.objects.filter(child__in=children, end_date__isnull=True).exclude(stage=Stage.CONTACT)
    if stages:
        episodes = episodes.filter(stage__in=stages)
    if out_of_area_homes:
        homes = Placement.objects.filter(
            episode=OuterRef("pk"), end_date__isnull=True, out_of_area=True, placement_type__in=OUT_OF_AREA_HOME_TYPES
        )
        episodes = episodes.filter(stage=Stage.LOOKED_AFTER).filter(Exists(homes))
    stages_by_child: dict[int, set[str]] = defaultdict(set)
    for child_id, stage in episodes.values_list("child_id", "stage"):
        stages_by_child[child_id].add(stage)
    flags_by_child: dict[int, list[str]] = defaultdict(list)
    for child_id, kind in Flag.objects.filter(child_id__in=stages_by_child, end_date__isnull=True).values_list("child_id", "kind"):
        flags_by_child[child_id].append(kind)
    if theme:
        stages_by_child = {child_id: held for child_id, held in stages_by_child.items() if theme in flags_by_child[child_id]}
    births = dict(Child.objects.filter(pk__in=stages_by_child).values_list("pk", "date_of_birth"))
    return [
        Candidate(
            child_id=child_id,
            stratum=next(stage for stage in STAGE_PRIORITY if stage in held),
            age_band=age_band(age_on(births[child_id], on)),
            flags=tuple(sorted(flags_by_child[child_id])),
        )
        for child_id, held in stages_by_child.items()
    ]


def published_template() -> AuditTemplate | None:
    return AuditTemplate.objects.filter(status=AuditTemplate.Status.PUBLISHED).order_by("name", "-version").first()


@dataclass
class SampleProgress:
    members: int
    allocated: int
    in_progress: int
    completed: int
    moderated: int


def sample_members(*, sample: AuditSample, user=None) -> list[SampleMember]:
    """Members in the sample (not removed), each with its latest audit, in two queries; with a
    user, a third marks as ``hidden`` the members whose child the user may not see (a restricted
    record they are not a named worker for), so a page can count them without naming them."""
    members = list(
        sample.members.filter(removed_at__isnull=True)
        .select_related("child__team", "child__worker__user")
        .prefetch_related(Prefetch("audits", queryset=CaseAudit.objects.select_related("auditor").order_by("-pk"), to_attr="audit_list"))
    )
    if user is not None:
        mark_hidden(members, user=user)
    return members


def mark_hidden(records, *, user) -> None:
    """Set ``hidden`` on each record (anything with a ``child_id``) whose child the user may not see:
    one query."""
    ids = {record.child_id for record in records}
    visible = set(case_selectors.children_visible_to(user=user).filter(pk__in=ids).values_list("pk", flat=True))
    for record in records:
        record.hidden = record.child_id not in visible


def sample_member_for_user(*, user, sample: AuditSample, pk: int) -> SampleMember:
    """A member still in the sample whose child the user may see, or 404: a restricted record is
    not named, taken out, swapped or allocated by someone who may not open it."""
    return get_object_or_404(SampleMember, pk=pk, sample=sample, removed_at__isnull=True,
                             child__in=case_selectors.children_visible_to(user=user))


def sample_progress(members: list[SampleMember]) -> SampleProgress:
    statuses = Counter(member.audit_list[0].status if member.audit_list else None for member in members)
    return SampleProgress(
        members=len(members),
        allocated=statuses[CaseAudit.Status.ALLOCATED],
        in_progress=statuses[CaseAudit.Status.DRAFT],
        completed=statuses[CaseAudit.Status.COMPLETED],
        moderated=statuses[CaseAudit.Status.MODERATED],
    )


def programme(*, sample: AuditSample, user=None) -> dict:
    """Grade distributions per domain and overall, recurring themes and the worst-graded cases,
    for one sample. Two round trips however many audits there are (three with a user whose worker
    is read first to scope the records they may see)."""
    return programme_page(sample=sample, user=user)["programme"]


def programme_page(*, sample: AuditSample, user=None) -> dict:
    """What the sample's programme page shows, in two round trips after the sample: its progress
    (``progress``), the programme (``programme``) and how often moderators agreed with auditors
    on its audits (``agreement``, as ``agreement_rates``). With a user, the worst cases whose
    child they may not see are marked ``hidden``, as ``mark_hidden`` does."""
    counted = CaseAudit.objects.filter(member__sample=sample, member__removed_at__isnull=True, status__in=COUNTED)
    progress_rows, audits, by_auditor, by_domain = read_together(
        _progress_rows([sample]),
        counted.select_related("child", "auditor", "moderation").order_by("pk"),
        *_agreement_reads(CaseAudit.objects.filter(member__sample=sample)),
    )
    # Then what hangs on the audits counted, by their numbers: a list of numbers costs PostgreSQL
    # less to plan than the same audits asked for again as a subquery in each of four statements.
    moderated = [audit.pk for audit in audits if audit.status == CaseAudit.Status.MODERATED]
    unmoderated = [audit.pk for audit in audits if audit.status != CaseAudit.Status.MODERATED]
    reads = [
        DomainGrade.objects.filter(audit_id__in=unmoderated, grade__isnull=False)
        .values("domain__key", "domain__title", "domain__order", "grade").annotate(count=Count("id")),
        DomainModeration.objects.filter(moderation__audit_id__in=moderated)
        .values("domain__key", "domain__title", "domain__order", grade=F("final_grade")).annotate(count=Count("id")),
        Finding.objects.filter(audit_id__in=[audit.pk for audit in audits]).values_list("domain__title", "text")
        .order_by("pk"),
    ]
    if user is not None:
        # A handful of children picked by the sample: no need to read the user's worker first.
        reads.append(case_selectors.children_visible_to(user=user, few=True)
                     .filter(pk__in={audit.child_id for audit in audits}).values_list("pk", flat=True))
    grade_rows, moderation_rows, findings, *visible = read_together(*reads)
    domains: dict[str, dict] = {}
    for row in [*grade_rows, *moderation_rows]:
        entry = domains.setdefault(row["domain__key"], {"title": row["domain__title"], "order": row["domain__order"], "grades": Counter()})
        entry["grades"][row["grade"]] += row["count"]
    overall = Counter(final_overall_grade(audit) for audit in audits)
    themes: dict[str, list[str]] = defaultdict(list)
    for domain_title, text in findings:
        themes[domain_title or "Other"].append(text)
    if user is not None:
        shown = set(visible[0])
        for audit in audits:
            audit.hidden = audit.child_id not in shown
    return {
        "progress": _progress(progress_rows).get(sample.pk, SampleProgress(0, 0, 0, 0, 0)),
        "programme": {
            "audits": audits,
            "overall": [(grade, overall.get(grade.value, 0)) for grade in Grade],
            "domains": [
                {"title": entry["title"], "grades": [(grade, entry["grades"].get(grade.value, 0)) for grade in Grade]}
                for entry in sorted(domains.values(), key=lambda entry: entry["order"])
            ],
            "themes": sorted(themes.items(), key=lambda item: (-len(item[1]), item[0])),
            "worst": sorted(audits, key=lambda audit: (-final_overall_grade(audit), audit.child.last_name))[:10],
        },
        "agreement": _agreement(by_auditor, by_domain),
    }


def final_overall_grade(audit: CaseAudit) -> int:
    """The moderated grade where there is one, else the auditor's."""
    moderation = getattr(audit, "moderation", None) if audit.status == CaseAudit.Status.MODERATED else None
    return moderation.final_overall_grade if moderation else audit.overall_grade


def agreement_rates(*, audits: QuerySet[CaseAudit] | None = None) -> dict:
    """How often moderators agree with auditors: per auditor (overall) and per domain."""
    return _agreement(*read_together(*_agreement_reads(audits)))


def _agreement_reads(audits: QuerySet[CaseAudit] | None) -> tuple[QuerySet, QuerySet]:
    from ..models import DomainModeration, Moderation

    moderations = Moderation.objects.all()
    if audits is not None:
        moderations = moderations.filter(audit__in=audits)
    return (
        moderations.values_list("audit__auditor__username", "audit__auditor__first_name", "audit__auditor__last_name",
                                "overall_agreed"),
        DomainModeration.objects.filter(moderation__in=moderations).values_list("domain__title", "agreed"),
    )


def _agreement(by_auditor_rows, by_domain_rows) -> dict:
    by_auditor: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, first, last, agreed in by_auditor_rows:
        label = person_name(first, last, name)
        by_auditor[label][0] += int(agreed)
        by_auditor[label][1] += 1
    by_domain: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for title, agreed in by_domain_rows:
        by_domain[title][0] += int(agreed)
        by_domain[title][1] += 1
    return {
        "auditors": sorted((label, agreed, total) for label, (agreed, total) in by_auditor.items()),
        "domains": sorted((title, agreed, total) for title, (agreed, total) in by_domain.items()),
    }


def audits_for_child(*, child: Child) -> QuerySet[CaseAudit]:
    """A child's audits for their record, newest first: what the record's list shows (when, how
    far on, the final grade), the moderation read with them rather than one query per audit."""
    return (child.audits.select_related("moderation")
            .only("child_id", "allocated_at", "status", "overall_grade", "moderation__final_overall_grade")
            .order_by("-allocated_at"))


def progress_by_sample(*, samples: list[AuditSample]) -> dict[int, SampleProgress]:
    """Progress for many samples in one query. A case has at most one audit per sample
    (services.audit_allocate), so its audit's status is its progress."""
    return _progress(_progress_rows(samples))


def _progress_rows(samples) -> QuerySet:
    return (
        SampleMember.objects.filter(sample__in=samples, removed_at__isnull=True)
        .values("sample_id", "pk")
        .annotate(
            moderated=Count("audits", filter=Q(audits__status=CaseAudit.Status.MODERATED)),
            completed=Count("audits", filter=Q(audits__status=CaseAudit.Status.COMPLETED)),
            in_progress=Count("audits", filter=Q(audits__status=CaseAudit.Status.DRAFT)),
            allocated=Count("audits", filter=Q(audits__status=CaseAudit.Status.ALLOCATED)),
        )
    )


def _progress(rows) -> dict[int, SampleProgress]:
    progress: dict[int, SampleProgress] = {}
    for row in rows:
        entry = progress.setdefault(row["sample_id"], SampleProgress(0, 0, 0, 0, 0))
        entry.members += 1
        for status in ("moderated", "completed", "in_progress", "allocated"):
            if row[status]:
                setattr(entry, status, getattr(entry, status) + 1)
                break
    return progress


def reviewer_board(members: list[SampleMember]) -> list[dict]:
    """For a mock inspection: each reviewer's cases by progress, from members already read."""
    board: dict[int, dict] = {}
    for member in members:
        if not member.audit_list:
            continue
        audit = member.audit_list[0]
        entry = board.setdefault(audit.auditor_id, {"auditor": audit.auditor, "allocated": 0, "draft": 0, "completed": 0, "moderated": 0})
        entry[audit.status] += 1
    return sorted(board.values(), key=lambda entry: (entry["auditor"].last_name, entry["auditor"].first_name))
