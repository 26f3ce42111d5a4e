"""Writes for case audits. Each takes the acting user and runs in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from cases.models import Child
from judgements.grades import Grade

from .. import sampling
from ..models import (
    AuditDomain,
    AuditSample,
    AuditTemplate,
    CaseAudit,
    DomainGrade,
    DomainModeration,
    Finding,
    Moderation,
    SampleMember,
    SamplePurpose,
)
from . import selectors


@transaction.atomic
def sample_draw(*, actor, name: str, purpose: str, size: int, seed: int, stages: list[str], theme: str = "") -> AuditSample:
    """Draw a sample from live case records: stratified by stage, spread by age band and flags,
    reproducible from the stored seed."""
    today = timezone.localdate()
    sample = AuditSample.objects.create(
        name=name, purpose=purpose, size=size, seed=seed, stages=stages, theme=theme, drawn_on=today, created_by=actor
    )
    candidates = selectors.candidates_for_sample(
        user=actor, stages=stages, theme=theme, out_of_area_homes=purpose == SamplePurpose.OUT_OF_AREA_HOMES, on=today
    )
    chosen = sampling.draw(candidates, size, seed)
    SampleMember.objects.bulk_create(
        SampleMember(sample=sample, child_id=candidate.child_id, stratum=candidate.stratum, age_band=candidate.age_band)
        for candidate in chosen
    )
    return sample


@transaction.atomic
def sample_add_child(*, actor, sample: AuditSample, child: Child, reason: str) -> SampleMember:
    """Add a case by hand, as inspectors do, with the reason."""
    member, created = SampleMember.objects.get_or_create(
        sample=sample, child=child, defaults={"added_by_hand": True, "added_reason": reason}
    )
    if not created:
        if member.removed_at is None:
            raise ValidationError(f"{child.full_name} is already in this sample.")
        member.removed_at, member.removed_reason = None, ""
        member.added_by_hand, member.added_reason = True, reason
        member._history_user = actor
        member.save()
    return member


@transaction.atomic
def sample_drop_member(*, actor, member: SampleMember, reason: str) -> None:
    """Take a case out of the sample, keeping the record of why."""
    if member.audits.filter(status__in=selectors.COUNTED).exists():
        raise ValidationError("This case has a completed audit and cannot be dropped from the sample.")
    member.removed_at = timezone.now()
    member.removed_reason = reason
    member._history_user = actor
    member.save()


@transaction.atomic
def sample_swap_member(*, actor, member: SampleMember, child: Child, reason: str) -> SampleMember:
    sample_drop_member(actor=actor, member=member, reason=f"Swapped for {child.local_id}: {reason}")
    return sample_add_child(actor=actor, sample=member.sample, child=child, reason=f"Swapped in for {member.child.local_id}: {reason}")


@transaction.atomic
def audit_allocate(*, actor, member: SampleMember, auditor, template: AuditTemplate | None = None) -> CaseAudit:
    """Give a sampled case to an auditor, with the current published template."""
    template = template or selectors.published_template()
    if template is None:
        raise ValidationError("There is no published audit template. Publish one first.")
    if not auditor.has_perm("inspection.change_caseaudit") or not auditor.has_perm("cases.view_all_children"):
        raise ValidationError(f"{auditor.get_full_name() or auditor} cannot carry out case audits.")
    if member.audits.exists():
        raise ValidationError("This case already has an audit in this sample.")
    audit = CaseAudit(child=member.child, member=member, template=template, auditor=auditor)
    audit._history_user = actor
    audit.save()
    DomainGrade.objects.bulk_create(DomainGrade(audit=audit, domain=domain) for domain in template.domains.all())
    return audit


@transaction.atomic
def audit_save(*, actor, audit: CaseAudit, grades: dict[int, tuple[int | None, str, str]], overall_grade: int | None,
               overall_rationale: str, strengths: str, areas_for_development: str, complete: bool) -> CaseAudit:
    """Save an audit as a draft, or complete it. ``grades`` maps each domain to (grade, evidence,
    what needs to improve). Completing needs every domain graded with evidence and an overall
    grade with its rationale; each line of what needs to improve becomes a finding."""
    if actor != audit.auditor:
        raise PermissionDenied("Only the allocated auditor can change this audit.")
    if audit.status in selectors.COUNTED:
        raise ValidationError("This audit is completed and can no longer be changed.")
    domains = {domain.pk: domain for domain in audit.template.domains.all()}
    if complete:
        problems = [
            f"Grade '{domain.title}' and give the evidence"
            for pk, domain in domains.items()
            if grades.get(pk, (None, "", ""))[0] is None or not grades.get(pk, (None, "", ""))[1].strip()
        ]
        if overall_grade is None:
            problems.append("Choose an overall grade")
        if not overall_rationale.strip():
            problems.append("Say why you chose the overall grade")
        if problems:
            raise ValidationError(problems)
    for domain_grade in audit.domain_grades.all():
        grade, evidence, improvement = grades.get(domain_grade.domain_id, (None, "", ""))
        domain_grade.grade, domain_grade.evidence, domain_grade.improvement = grade, evidence, improvement
        domain_grade._history_user = actor
        domain_grade.save()
    audit.overall_grade = overall_grade
    audit.overall_rationale, audit.strengths, audit.areas_for_development = overall_rationale, strengths, areas_for_development
    audit.status = CaseAudit.Status.COMPLETED if complete else CaseAudit.Status.DRAFT
    if complete:
        audit.completed_at = timezone.now()
        findings = [
            Finding(audit=audit, domain=domains.get(pk), text=line.strip()[:500])
            for pk, (_, _, improvement) in grades.items()
            for line in improvement.splitlines()
            if line.strip()
        ]
        findings += [Finding(audit=audit, text=line.strip()[:500]) for line in areas_for_development.splitlines() if line.strip()]
        Finding.objects.bulk_create(findings)
    audit._history_user = actor
    audit.save()
    return audit


@transaction.atomic
def audit_moderate(*, actor, audit: CaseAudit, domains: dict[int, tuple[bool, int | None, str]],
                   overall_agreed: bool, final_overall_grade: int | None, reason: str) -> Moderation:
    """A second auditor agrees or disagrees, domain by domain; a disagreement ends in a final
    grade with a reason. The auditor cannot moderate their own audit."""
    if actor == audit.auditor:
        raise ValidationError("A second auditor must moderate: you carried out this audit.")
    if audit.status != CaseAudit.Status.COMPLETED:
        raise ValidationError("Only a completed audit that has not been moderated can be moderated.")
    grades = {grade.domain_id: grade.grade for grade in audit.domain_grades.all()}
    problems, rows = [], []
    for domain in audit.template.domains.all():
        agreed, final, why = domains.get(domain.pk, (True, None, ""))
        if not agreed and (final is None or not why.strip()):
            problems.append(f"Give the final grade and the reason for '{domain.title}'")
        rows.append(DomainModeration(domain=domain, agreed=agreed, final_grade=grades[domain.pk] if agreed else final, reason=why))
    if not overall_agreed and (final_overall_grade is None or not reason.strip()):
        problems.append("Give the final overall grade and the reason")
    if problems:
        raise ValidationError(problems)
    moderation = Moderation(
        audit=audit, moderator=actor, overall_agreed=overall_agreed,
        final_overall_grade=audit.overall_grade if overall_agreed else final_overall_grade, reason=reason,
    )
    moderation._history_user = actor
    moderation.save()
    for row in rows:
        row.moderation = moderation
    DomainModeration.objects.bulk_create(rows)
    audit.status = CaseAudit.Status.MODERATED
    audit._history_user = actor
    audit.save(update_fields=["status"])
    return moderation


@transaction.atomic
def template_new_version(*, actor, template: AuditTemplate) -> AuditTemplate:
    """A draft copy of a template to edit; published versions are never changed in place."""
    latest = AuditTemplate.objects.filter(name=template.name).order_by("-version").first()
    copy = AuditTemplate.objects.create(name=template.name, version=latest.version + 1, created_by=actor)
    AuditDomain.objects.bulk_create(
        AuditDomain(template=copy, order=domain.order, key=domain.key, title=domain.title, questions=domain.questions)
        for domain in template.domains.all()
    )
    return copy


@transaction.atomic
def template_publish(*, actor, template: AuditTemplate) -> AuditTemplate:
    if not template.domains.exists():
        raise ValidationError("A template needs at least one domain before it is published.")
    AuditTemplate.objects.filter(name=template.name, status=AuditTemplate.Status.PUBLISHED).update(
        status=AuditTemplate.Status.RETIRED
    )
    template.status = AuditTemplate.Status.PUBLISHED
    template._history_user = actor
    template.save()
    return template


GRADE_VALUES = {grade.value for grade in Grade}


@transaction.atomic
def template_domain_save(*, actor, domain: AuditDomain) -> AuditDomain:
    """Add or change a domain of a draft template. Published templates are never edited."""
    if domain.template.status != AuditTemplate.Status.DRAFT:
        raise ValidationError("Only a draft template can be changed. Make a new version to edit it.")
    if domain.pk is None:
        domain.order = (domain.template.domains.aggregate(models.Max("order"))["order__max"] or 0) + 1
    domain.full_clean()
    domain._history_user = actor
    domain.save()
    return domain


@transaction.atomic
def template_domain_remove(*, actor, domain: AuditDomain) -> None:
    if domain.template.status != AuditTemplate.Status.DRAFT:
        raise ValidationError("Only a draft template can be changed. Make a new version to edit it.")
    domain._history_user = actor
    domain.delete()
