"""What happens to a child, dated and authored: visits, conferences, reviews, plans, oversight,
health, education, missing episodes and panel decisions; and the flags that mark risks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .journey import Episode, ends_on_or_after_start
from .labels import ChoiceLabelsMixin
from .people import Child


class EventKind(models.TextChoices):
    VISIT = "visit", "Visit"
    INITIAL_CONFERENCE = "initial_conference", "Initial child protection conference"
    REVIEW_CONFERENCE = "review_conference", "Child protection review conference"
    LOOKED_AFTER_REVIEW = "looked_after_review", "Looked-after review"
    PLAN = "plan", "Plan"
    SUPERVISION = "supervision", "Supervision"
    MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
    HEALTH_ASSESSMENT = "health_assessment", "Health assessment"
    DENTAL_CHECK = "dental_check", "Dental check"
    PERSONAL_EDUCATION_PLAN = "personal_education_plan", "Personal education plan"
    PATHWAY_PLAN = "pathway_plan", "Pathway plan"
    MISSING_EPISODE = "missing_episode", "Missing episode"
    PANEL_DECISION = "panel_decision", "Panel decision"
    CASE_NOTE = "case_note", "Case note"


class Event(ChoiceLabelsMixin, models.Model):
    """One dated thing that happened, written by one officer. Kind-specific columns are blank
    for other kinds; the forms show each kind only its own."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="events")
    episode = models.ForeignKey(Episode, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    date = models.DateField()
    summary = models.TextField(blank=True)
    child_views = models.TextField(
        "The child's views", blank=True, help_text="What the child said or showed, in their words where possible."
    )
    # Visits
    child_seen = models.BooleanField("Child seen", null=True, blank=True)
    child_seen_alone = models.BooleanField("Child seen alone", null=True, blank=True)
    # Plans and conferences
    next_review_date = models.DateField(null=True, blank=True)
    plan_continues = models.BooleanField("The plan continues", null=True, blank=True)
    # Missing episodes
    end_date = models.DateField("Date found or returned", null=True, blank=True)
    return_interview_offered = models.BooleanField("Return-home interview offered", null=True, blank=True)
    return_interview_accepted = models.BooleanField("Return-home interview accepted", null=True, blank=True)
    # Panel decisions and follow-ups
    follow_up = models.TextField("Actions and follow-up", blank=True)
    follow_up_by = models.DateField("Follow up by", null=True, blank=True)

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["child", "-date"]),
            models.Index(fields=["child", "kind", "-date"]),
            models.Index(fields=["kind", "date"]),
            # What is due and what is drifting: the latest event of each kind per episode, read
            # from the index alone for any number of episodes.
            models.Index(fields=["episode", "kind", "date"], name="cases_event_episode_kind_date"),
        ]
        constraints = [
            ends_on_or_after_start(
                "event_ends_on_or_after_its_date", start="date", message="The end date must be on or after the date."
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date:%d %b %Y}"


class FlagKind(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    PARENTAL_SUBSTANCE_MISUSE = "parental_substance_misuse", "Parental substance misuse"
    PARENTAL_MENTAL_ILL_HEALTH = "parental_mental_ill_health", "Parental mental ill health"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Risk of sexual exploitation"
    MISSING_FROM_HOME = "missing_from_home", "Missing from home"
    MISSING_FROM_CARE = "missing_from_care", "Missing from care"
    MISSING_FROM_EDUCATION = "missing_from_education", "Missing from education"
    PRIVATE_FOSTERING = "private_fostering", "Private fostering"
    DISABLED = "disabled", "Disabled"
    UNACCOMPANIED_ASYLUM_SEEKING = "unaccompanied_asylum_seeking", "Unaccompanied asylum-seeking"
    LIVING_OUT_OF_AREA = "living_out_of_area", "Living out of area"
    NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING = "neet", "Not in education, employment or training"


class Flag(ChoiceLabelsMixin, models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=40, choices=FlagKind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "kind"], condition=Q(end_date__isnull=True), name="one_open_flag_of_each_kind",
                violation_error_message="This child already has this flag open.",
            ),
            ends_on_or_after_start("flag_ends_on_or_after_its_start"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class CouncilSettings(models.Model):
    """The council's local standards. One row; read with CouncilSettings.current()."""

    child_protection_visit_working_days = models.PositiveSmallIntegerField(
        "Child protection visits every (working days)", default=10,
        help_text="Working Together leaves the frequency of child protection visits to local procedures.",
    )
    drift_weeks = models.PositiveSmallIntegerField(
        "A plan with no recorded progress for this many weeks is drifting", default=12
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "council settings"
        verbose_name_plural = "council settings"

    def __str__(self) -> str:
        return "Council settings"

    @classmethod
    def current(cls) -> "CouncilSettings":
        settings_row, _ = cls.objects.get_or_create(pk=1)
        return settings_row
