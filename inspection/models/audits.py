"""Case audits: samples chosen as inspectors choose them, audit templates, audits graded on the
four-point scale with findings, and moderation by a second auditor."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Child, FlagKind, Stage
from judgements.grades import Grade


class SamplePurpose(models.TextChoices):
    COUNCIL_AUDIT = "council_audit", "The council's audit of cases inspectors chose"
    TRACKED = "tracked", "Cases inspectors track"
    THRESHOLDS = "thresholds", "Cases sampled at thresholds"
    OUT_OF_AREA_HOMES = "out_of_area_homes", "Children in children's homes out of area"
    THEMATIC = "thematic", "Thematic audit"
    MONTHLY = "monthly", "Routine monthly audit"


# SIF practice (seeds 002 and 003): the council audits 18-20 cases inspectors choose; inspectors
# track 25-30 children, sample 50 or more at thresholds and visit 2 in out-of-area homes.
DEFAULT_SAMPLE_SIZES = {
    SamplePurpose.COUNCIL_AUDIT: 20,
    SamplePurpose.TRACKED: 30,
    SamplePurpose.THRESHOLDS: 50,
    SamplePurpose.OUT_OF_AREA_HOMES: 2,
    SamplePurpose.THEMATIC: 20,
    SamplePurpose.MONTHLY: 10,
}


class AuditSample(models.Model):
    name = models.CharField(max_length=200)
    purpose = models.CharField(max_length=30, choices=SamplePurpose.choices)
    size = models.PositiveIntegerField()
    seed = models.PositiveIntegerField(help_text="The same seed and the same case records give the same cases.")
    stages = models.JSONField(default=list, blank=True, help_text="Journey stages to draw from; empty for all open cases.")
    theme = models.CharField("Theme (flag)", max_length=40, choices=FlagKind.choices, blank=True)
    drawn_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class SampleMember(models.Model):
    sample = models.ForeignKey(AuditSample, on_delete=models.CASCADE, related_name="members")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="audit_sample_memberships")
    stratum = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    added_by_hand = models.BooleanField(default=False)
    added_reason = models.CharField(max_length=300, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sample", "pk"]
        constraints = [models.UniqueConstraint(fields=["sample", "child"], name="a_child_once_in_a_sample")]

    def __str__(self) -> str:
        return f"{self.child} in {self.sample}"

    @property
    def is_in(self) -> bool:
        return self.removed_at is None


class AuditTemplate(models.Model):
    """A versioned audit form. Published versions are never edited: a change makes a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    name = models.CharField(max_length=200)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty for the template Line of Sight starts with.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="one_template_version_number")]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class AuditDomain(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.CASCADE, related_name="domains")
    order = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40, help_text="Stable across versions, so grades can be compared.")
    title = models.CharField(max_length=200)
    questions = models.TextField(help_text="One question an auditor answers, per line.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="one_domain_key_per_template")]

    def __str__(self) -> str:
        return self.title

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class CaseAudit(models.Model):
    class Status(models.TextChoices):
        ALLOCATED = "allocated", "Allocated"
        DRAFT = "draft", "In progress"
        COMPLETED = "completed", "Completed"
        MODERATED = "moderated", "Moderated"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="audits")
    member = models.ForeignKey(SampleMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="audits")
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="audits")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_audits")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ALLOCATED, db_index=True)
    overall_grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    overall_rationale = models.TextField("Why this overall grade", blank=True)
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(
        blank=True, help_text="One per line. Each becomes a finding that an action plan can take up."
    )
    allocated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-allocated_at", "-pk"]
        indexes = [models.Index(fields=["member", "status"])]

    def __str__(self) -> str:
        return f"Audit of {self.child} by {self.auditor}"

    @property
    def counts_in_statistics(self) -> bool:
        """Drafts never count: only completed (and moderated) audits."""
        return self.status in {self.Status.COMPLETED, self.Status.MODERATED}


class DomainGrade(models.Model):
    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="domain_grades")
    domain = models.ForeignKey(AuditDomain, on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    evidence = models.TextField(blank=True)
    improvement = models.TextField(
        "What needs to improve", blank=True, help_text="One per line. Each becomes a finding in this domain."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "domain__order"]
        constraints = [models.UniqueConstraint(fields=["audit", "domain"], name="one_grade_per_domain_per_audit")]


class Finding(models.Model):
    """An area for development found by an audit, for the action plans to take up."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="findings")
    domain = models.ForeignKey(AuditDomain, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["audit", "pk"]

    def __str__(self) -> str:
        return self.text


class Moderation(models.Model):
    """A second auditor's view of a completed audit, domain by domain, ending in final grades."""

    audit = models.OneToOneField(CaseAudit, on_delete=models.CASCADE, related_name="moderation")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderations")
    overall_agreed = models.BooleanField()
    final_overall_grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(overall_agreed=True) | ~Q(reason=""),
                name="a_disagreement_has_a_reason",
                violation_error_message="Give the reason for the final grade where you disagree.",
            )
        ]


class DomainModeration(models.Model):
    moderation = models.ForeignKey(Moderation, on_delete=models.CASCADE, related_name="domains")
    domain = models.ForeignKey(AuditDomain, on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField()
    final_grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["moderation", "domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["moderation", "domain"], name="one_moderation_per_domain"),
            models.CheckConstraint(
                condition=Q(agreed=True) | ~Q(reason=""),
                name="a_domain_disagreement_has_a_reason",
                violation_error_message="Give the reason for the final grade where you disagree.",
            ),
        ]
