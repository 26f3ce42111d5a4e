"""What the board does: reviews of serious cases, multi-agency audits, training, challenge,
performance data, and the annual report."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .. import rules
from .governance import Board, Member


class SafeguardingReview(models.Model):
    """A serious case review (LSCB), later a child safeguarding practice review. Identified by a
    reference, never a child's name: board members who are not council staff read it."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="reviews")
    reference = models.CharField(max_length=60, help_text="The board's reference, e.g. 'Child K' or 'SCR 2015/02'.")
    kind = models.CharField(max_length=30, choices=rules.ReviewKind.CHOICES)
    incident_known_on = models.DateField("Date the council became aware of the incident", null=True, blank=True)
    notified_on = models.DateField("Date notified (to Ofsted or the national panel)", null=True, blank=True)
    decided_on = models.DateField("Date of the decision (or rapid review)", null=True, blank=True)
    criteria_met = models.BooleanField("The criteria for a review were met", null=True, blank=True)
    commissioned_on = models.DateField(null=True, blank=True)
    reviewer = models.CharField("Lead reviewer", max_length=150, blank=True)
    published_on = models.DateField(null=True, blank=True)
    learning = models.TextField("Learning points", blank=True)
    dissemination = models.TextField("How the learning was spread", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reference}"

    def deadlines(self) -> list[rules.Deadline]:
        return rules.review_deadlines(self.kind, incident_known=self.incident_known_on, notified=self.notified_on,
                                      decided=self.decided_on, published=self.published_on)


class MultiAgencyAudit(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="audits")
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=150, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    agencies = models.CharField("Agencies taking part", max_length=300, blank=True)
    cases_audited = models.PositiveSmallIntegerField(null=True, blank=True)
    findings = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class TrainingEvent(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="training")
    title = models.CharField(max_length=200)
    date = models.DateField()
    evaluation = models.TextField("Evaluation of impact on practice", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="attendance")
    agency = models.CharField(max_length=150)
    attended = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["event", "agency"]
        constraints = [models.UniqueConstraint(fields=["event", "agency"], name="one_count_per_agency_per_event")]


class Challenge(models.Model):
    """A challenge the board raised with an agency, and what came of it (the challenge log)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="challenges")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    agency = models.CharField("Agency challenged", max_length=150)
    issue = models.TextField()
    response = models.TextField(blank=True)
    outcome = models.TextField("What changed", blank=True)
    closed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency}, {self.raised_on:%d %b %Y}"


class PerformanceReport(models.Model):
    """Performance data the board received, and its analysis of it."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="performance_reports")
    period = models.CharField(max_length=100, help_text="For example, Quarter 2 2025 to 2026.")
    received_on = models.DateField()
    summary = models.TextField("What the data shows")
    analysis = models.TextField("The board's analysis and what it asked for", blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.period


class AnnualReport(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="annual_reports")
    year = models.CharField(max_length=20, help_text="For example, 2025 to 2026.")
    year_end = models.DateField("Last day of the year it covers")
    published_on = models.DateField(null=True, blank=True)
    document = models.FileField(upload_to="lscb/annual-reports/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year_end"]
        constraints = [models.UniqueConstraint(fields=["board", "year_end"], name="one_annual_report_per_year")]

    def __str__(self) -> str:
        return f"Annual report {self.year}"

    @property
    def due_on(self):
        return rules.annual_report_due(self.year_end, self.board.annual_report_months)

    def timeliness(self, today) -> str:
        return rules.annual_report_timeliness(self.year_end, self.published_on, today, self.board.annual_report_months)


class AnnualReportCheck(models.Model):
    """One line of the checklist of what a good board's annual report shows (rules.ANNUAL_REPORT_CHECKLIST)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="checks")
    key = models.SlugField(max_length=30, choices=[(key, text) for key, text in rules.ANNUAL_REPORT_CHECKLIST])
    shown = models.BooleanField("The report shows this", default=False)
    note = models.TextField("Where, or what is missing", blank=True)

    class Meta:
        ordering = ["report", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_check_per_line")]
