"""Inspections: what kind, when, the outcome, and the report."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from simple_history.models import HistoricalRecords

from judgements.grades import Grade

from .. import timetable


class InspectionKind(models.TextChoices):
    SIF = timetable.SIF, "Single inspection framework (2013 to 2017)"
    ILACS_STANDARD = timetable.ILACS_STANDARD, "ILACS standard inspection"
    ILACS_SHORT = timetable.ILACS_SHORT, "ILACS short inspection"
    FOCUSED_VISIT = timetable.FOCUSED_VISIT, "Focused visit"
    JOINT_TARGETED = "joint_targeted", "Joint targeted area inspection"
    MONITORING_VISIT = timetable.MONITORING_VISIT, "Monitoring visit"
    SEND_LOCAL_AREA = "send_local_area", "SEND local area inspection"
    MOCK = "mock", "Mock inspection or peer review"


def report_document_path(inspection: "Inspection", filename: str) -> str:
    return f"inspection-reports/{inspection.pk or 'new'}/{filename}"


class Inspection(models.Model):
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    title = models.CharField(max_length=200, help_text="For example, ILACS standard inspection, March 2026")
    notified_on = models.DateField("Date the council was told", null=True, blank=True)
    on_site_from = models.DateField("First day inspectors are on site")
    on_site_to = models.DateField("Last day on site", null=True, blank=True)
    feedback_on = models.DateField("Date of feedback", null=True, blank=True)
    draft_report_on = models.DateField("Date the draft report arrived", null=True, blank=True)
    published_on = models.DateField("Date the report was published", null=True, blank=True)
    priority_actions = models.BooleanField(
        "The report names areas for priority action", default=False,
        help_text="After a focused visit with priority actions, a draft plan is due in 20 working days.",
    )
    overall_grade = models.PositiveSmallIntegerField(
        "Overall effectiveness", choices=Grade.choices, null=True, blank=True,
        help_text="The published overall grade. Each area's judgement is recorded with the judgements.",
    )
    report = models.FileField(
        upload_to=report_document_path, blank=True, validators=[FileExtensionValidator(["pdf"])],
        help_text="The published report, as a PDF of up to 20 MB.",
    )
    notes = models.TextField(blank=True)
    judgement_set = models.OneToOneField(
        "judgements.JudgementSet", on_delete=models.SET_NULL, null=True, blank=True, related_name="inspection",
        help_text="The judgements of this inspection, area by area.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-on_site_from", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inspections:detail", args=[self.pk])

    @property
    def timetable(self) -> list:
        milestones = timetable.on_site_timetable(self.kind, self.on_site_from)
        if self.published_on:
            milestones += timetable.action_plan_due(self.published_on, priority_actions=self.priority_actions)
        return milestones
