"""Judgement sets: one grade per area of a framework, from a self-assessment, a peer review or
mock inspection, or an Ofsted inspection."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..grades import Grade
from .frameworks import Framework, JudgementArea


class Source(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    PEER_REVIEW = "peer_review", "Peer review"
    MOCK = "mock", "Mock inspection"
    OFSTED = "ofsted", "Ofsted inspection"


class JudgementSet(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="judgement_sets")
    source = models.CharField(max_length=20, choices=Source.choices)
    title = models.CharField(max_length=200)
    judged_on = models.DateField("Date of the judgements", help_text="For an Ofsted inspection, the date the report was published.")
    summary = models.TextField("Summary", blank=True)
    override_reason = models.TextField(
        "Why the overall grade breaks a limiting rule", blank=True,
        help_text="Only when recording a published outcome that breaks a rule, exactly as it was published.",
    )
    self_assessment_version = models.ForeignKey(
        "judgements.SelfAssessmentVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-judged_on", "-pk"]
        indexes = [models.Index(fields=["framework", "judged_on"])]

    def __str__(self) -> str:
        return self.title

    def grades(self) -> dict[str, int | None]:
        """Area code -> grade (overall included), from the judgements (prefetch them)."""
        return {judgement.area.code: judgement.grade for judgement in self.judgements.all()}

    @property
    def overall(self) -> int | None:
        return self.grades().get("overall")


class Judgement(models.Model):
    judgement_set = models.ForeignKey(JudgementSet, on_delete=models.CASCADE, related_name="judgements")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="judgements")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    evidence = models.TextField("Evidence summary", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["judgement_set", "area__order"]
        constraints = [models.UniqueConstraint(fields=["judgement_set", "area"], name="one_judgement_per_area_in_a_set")]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_grade_display() or 'not graded'}"


class EvidenceLink(models.Model):
    """Something that backs a judgement: an audit, a page of figures, a document (by its address)."""

    judgement = models.ForeignKey(Judgement, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.CharField("Address", max_length=500, help_text="A page in Line of Sight (/audits/12/) or a web address.")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
