"""A year of case audits for the demo council: monthly samples, a mock inspection, grades that
vary as real audits do, findings, and moderation by a second auditor. Deterministic per seed."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from inspection.audits import selectors
from inspection.models import (
    AuditSample, CaseAudit, DomainGrade, DomainModeration, Finding, Moderation, SampleMember, SamplePurpose,
)
from inspection.roles import Role
from inspection.sampling import draw

REVIEWERS = [("qa.reviewer.1", "Jo", "Entwistle"), ("qa.reviewer.2", "Sam", "Pilkington"), ("qa.reviewer.3", "Nadia", "Rahman")]
OVERALL_WEIGHTS = {1: 8, 2: 35, 3: 45, 4: 12}
EVIDENCE = {
    1: "Consistently strong: the record shows {what}, with the child's experience at the centre.",
    2: "Good: {what} is evident in most recent records, with minor gaps.",
    3: "Requires improvement: {what} is inconsistent; gaps in the last three months.",
    4: "Inadequate: little evidence of {what}; the child may be left at risk.",
}
IMPROVEMENTS = {
    "child_seen": ["Record whether the child was seen alone, and why not", "Visits fell behind the plan's frequency"],
    "child_voice": ["Record the child's views in their own words", "Show how the child's views shaped the plan"],
    "assessment": ["Assessment describes but does not analyse risk", "Assessment completed outside 45 working days"],
    "plans": ["Plans need measurable outcomes", "Plan actions have no named owner or timescale"],
    "drift": ["No progress on the plan for several months", "Permanence planning started late"],
    "oversight": ["Supervision notes are too brief to show reflection", "No management oversight at key decisions"],
    "multi_agency": ["Health partners absent from core groups", "No escalation when a partner did not act"],
    "impact": ["Unclear what difference the help has made", "Outcomes for the child not reviewed"],
}


@dataclass
class AuditCounts:
    samples: int = 0
    audits: int = 0
    moderated: int = 0


def clear_audits() -> None:
    for model in (DomainModeration, Moderation, Finding, DomainGrade, CaseAudit, SampleMember, AuditSample):
        model._base_manager.all().delete()


def seed_audits(*, rng: random.Random, as_of: date, password_for_reviewers: str | None = None) -> AuditCounts:
    """Twelve monthly samples (the latest still in progress) and a mock inspection's audit."""
    template = selectors.published_template()
    reviewers = _reviewers()
    lead = get_user_model().objects.filter(groups__name=Role.AUDITOR.label).order_by("pk").first() or reviewers[0]
    candidates = selectors.candidates_for_sample(user=lead, stages=[], theme="", out_of_area_homes=False, on=as_of)
    if template is None or not candidates:
        return AuditCounts()
    domains = list(template.domains.all())
    counts = AuditCounts()
    plan = [(f"Monthly audit {(as_of - relativedelta(months=back)):%B %Y}", SamplePurpose.MONTHLY, 10, back) for back in range(11, -1, -1)]
    plan.insert(9, ("Mock inspection: the council's audit", SamplePurpose.COUNCIL_AUDIT, 20, 3))
    rows = {"members": [], "audits": [], "grades": [], "findings": [], "moderations": [], "domain_moderations": []}
    for name, purpose, size, back in plan:
        drawn_on = (as_of - relativedelta(months=back)).replace(day=1)
        seed = rng.randrange(2**31)
        sample = AuditSample.objects.create(name=name, purpose=purpose, size=size, seed=seed, drawn_on=drawn_on, created_by=lead)
        counts.samples += 1
        members = SampleMember.objects.bulk_create(
            SampleMember(sample=sample, child_id=candidate.child_id, stratum=candidate.stratum, age_band=candidate.age_band)
            for candidate in draw(candidates, size, seed)
        )
        for index, member in enumerate(members):
            stage = "completed" if back > 0 else ["completed"] * 4 + ["draft"] * 3 + ["allocated"] * 3
            stage = stage if isinstance(stage, str) else stage[index % 10]
            _audit(rows, rng, member, template, domains, reviewers, drawn_on, stage, moderate=back > 0 and rng.random() < 0.7)
    audits = CaseAudit.objects.bulk_create(rows["audits"])
    counts.audits = len(audits)
    for grade in rows["grades"]:
        grade.audit_id = grade.audit.pk
    DomainGrade.objects.bulk_create(rows["grades"])
    for finding in rows["findings"]:
        finding.audit_id = finding.audit.pk
    Finding.objects.bulk_create(rows["findings"])
    for moderation in rows["moderations"]:
        moderation.audit_id = moderation.audit.pk
    Moderation.objects.bulk_create(rows["moderations"])
    counts.moderated = len(rows["moderations"])
    for row in rows["domain_moderations"]:
        row.moderation_id = row.moderation.pk
    DomainModeration.objects.bulk_create(rows["domain_moderations"])
    return counts


def _audit(rows, rng, member, template, domains, reviewers, drawn_on, stage, moderate):
    auditor = rng.choice(reviewers)
    allocated = _moment(drawn_on + timedelta(days=rng.randint(0, 4)))
    overall = rng.choices(list(OVERALL_WEIGHTS), list(OVERALL_WEIGHTS.values()))[0]
    status = {"completed": CaseAudit.Status.MODERATED if moderate else CaseAudit.Status.COMPLETED,
              "draft": CaseAudit.Status.DRAFT, "allocated": CaseAudit.Status.ALLOCATED}[stage]
    done = stage == "completed"
    audit = CaseAudit(
        child_id=member.child_id, member=member, template=template, auditor=auditor, status=status,
        overall_grade=overall if done else None, allocated_at=allocated,
        completed_at=allocated + timedelta(days=rng.randint(3, 15)) if done else None,
        overall_rationale=f"Overall {['', 'outstanding', 'good', 'requires improvement', 'inadequate'][overall]}: see the domain evidence." if done else "",
        strengths="Warm, consistent relationship between the worker and the child." if done and overall <= 2 else "",
    )
    rows["audits"].append(audit)
    grades = {}
    for number, domain in enumerate(domains):
        if stage == "allocated" or (stage == "draft" and number >= 3):
            rows["grades"].append(DomainGrade(audit=audit, domain=domain))
            continue
        grade = min(4, max(1, overall + rng.choice([-1, 0, 0, 0, 1])))
        grades[domain.pk] = grade
        improvement = rng.choice(IMPROVEMENTS.get(domain.key, ["Practice in this domain needs to improve"])) if grade >= 3 and rng.random() < 0.6 else ""
        rows["grades"].append(DomainGrade(audit=audit, domain=domain, grade=grade,
                                          evidence=EVIDENCE[grade].format(what=domain.title.lower()), improvement=improvement))
        if done and improvement:
            rows["findings"].append(Finding(audit=audit, domain=domain, text=improvement))
    if moderate:
        moderator = rng.choice([reviewer for reviewer in reviewers if reviewer != auditor])
        agreed_overall = rng.random() < 0.8
        moderation = Moderation(
            audit=audit, moderator=moderator, overall_agreed=agreed_overall,
            final_overall_grade=overall if agreed_overall else min(4, overall + 1),
            reason="" if agreed_overall else "The evidence of impact does not support the auditor's grade.",
            completed_at=audit.completed_at + timedelta(days=rng.randint(1, 7)),
        )
        rows["moderations"].append(moderation)
        for domain in domains:
            agreed = rng.random() < 0.85
            rows["domain_moderations"].append(DomainModeration(
                moderation=moderation, domain=domain, agreed=agreed,
                final_grade=grades[domain.pk] if agreed else min(4, grades[domain.pk] + 1),
                reason="" if agreed else "Less evidence than the grade suggests.",
            ))


def _reviewers() -> list:
    """The quality-assurance reviewers who carry out the demo's audits (no password: not logins)."""
    User = get_user_model()
    group = Group.objects.get(name=Role.AUDITOR.label)
    reviewers = []
    for username, first, last in REVIEWERS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
        reviewers.append(user)
    return reviewers


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
