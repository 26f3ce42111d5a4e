"""Committee reports: the papers an officer takes to elected members, in the council committee
format of the seeds (report to, date, reporting officer, subject, wards; purpose; recommendations;
supporting information; implications; risk; equality; background papers). The narrative is
written here; the figures are filled from the dashboard's council-wide aggregates when the PDF is
rendered, so the paper never carries a child's name, ID or date of birth."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class CommitteeReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued to members"

    # The heading block
    report_to = models.CharField("Report to", max_length=200,
                                 help_text="The committee or board, for example Children and Young People Scrutiny Committee.")
    meeting_date = models.DateField("Date of the meeting")
    reporting_officer = models.CharField(max_length=200, help_text="A post, not a person: for example Director of Children's Services.")
    portfolio = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300)
    wards = models.CharField("Wards affected", max_length=200, default="All wards")
    classification = models.CharField(max_length=100, default="Open")
    # Numbered sections
    purpose = models.TextField("Purpose of the report")
    recommendations = models.TextField(help_text="One recommendation per line.")
    supporting_information = models.TextField(
        blank=True, help_text="Your narrative. The figures (performance against target, audits, action plans, "
                              "judgements) are added after it from the latest data.")
    policy_implications = models.TextField(blank=True)
    financial_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    other_implications = models.TextField(blank=True)
    priorities_implications = models.TextField("Implications for the council's priorities", blank=True)
    risk_analysis = models.TextField(blank=True)
    equality_and_diversity = models.TextField("Equality and diversity issues", blank=True)
    background_papers = models.TextField(blank=True, help_text="One paper per line, with where it can be inspected.")
    figures_as_at = models.DateField("Figures as at", default=timezone.localdate)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rendered = models.ForeignKey("inspection.ReportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 help_text="The latest PDF produced from this report.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.report_to}, {self.meeting_date:%-d %B %Y})"
