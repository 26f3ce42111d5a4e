"""The child's journey: one episode per stage, from early help to care leaver and adoption.

One table holds every stage. Columns that only one stage uses are blank for the others; the
forms (cases/journey.py) show each stage only its own fields. A child's whole journey is then
one query, and Annex A lists read straight from the columns.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..codes import (
    AccommodationType,
    ActivityStatus,
    AdoptionReversalReason,
    CareLeaverEligibility,
    CategoryOfAbuse,
    ClosureReason,
    ContactSource,
    InTouch,
    LegalStatusCode,
    LookedAfterNeed,
    PermanencePlan,
    PlacementProvider,
    PlacementType,
    PrimaryNeed,
    ReasonCeased,
)
from .labels import ChoiceLabelsMixin
from .people import Child, Team, Worker

CODE_LENGTH = 100


def ends_on_or_after_start(
    name: str, start: str = "start_date", message: str = "The end date must be on or after the start date."
) -> models.CheckConstraint:
    """The database's own guard that an open-ended record never ends before it starts."""
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F(start)), name=name, violation_error_message=message
    )


class Stage(models.TextChoices):
    EARLY_HELP = "early_help", "Early help"
    CONTACT = "contact", "Contact"
    REFERRAL = "referral", "Referral"
    ASSESSMENT = "assessment", "Assessment"
    SECTION_47 = "section_47", "Section 47 enquiry"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION = "child_protection", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"
    ADOPTION = "adoption", "Adoption"


# A child has at most one open episode of each of these at a time ("a second open plan of the
# same kind" is refused by the form and, as a backstop, by the database).
ONE_OPEN_AT_A_TIME = [
    Stage.EARLY_HELP,
    Stage.CHILD_IN_NEED,
    Stage.CHILD_PROTECTION,
    Stage.LOOKED_AFTER,
    Stage.CARE_LEAVER,
    Stage.ADOPTION,
]


class Episode(ChoiceLabelsMixin, models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="episodes")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    worker = models.ForeignKey(Worker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    stepped_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stepped_to",
        help_text="The episode this one followed: a step up from early help or a step down from social care.",
    )
    notes = models.TextField(blank=True)
    end_reason = models.CharField("Why it ended", max_length=200, blank=True)

    # Early help
    organisation = models.CharField("Organisation completing the assessment", max_length=120, blank=True)
    assessment_completed_date = models.DateField(null=True, blank=True)
    # Contact and referral
    source = models.CharField(max_length=CODE_LENGTH, choices=ContactSource.choices, blank=True)
    decision_date = models.DateField("Date of the decision", null=True, blank=True)
    no_further_action = models.BooleanField("No further action", null=True, blank=True)
    # Assessment
    child_seen = models.BooleanField("Child seen during the assessment", null=True, blank=True)
    authorised_date = models.DateField("Date the assessment was authorised", null=True, blank=True)
    child_in_need = models.BooleanField("Assessed as needing children's social care", null=True, blank=True)
    # Section 47 enquiry (start_date is the strategy discussion)
    conference_not_required = models.BooleanField("Initial conference deemed unnecessary", null=True, blank=True)
    conference_date = models.DateField("Date of the initial child protection conference", null=True, blank=True)
    conference_led_to_plan = models.BooleanField("The conference resulted in a child protection plan", null=True, blank=True)
    # Child in need
    primary_need = models.CharField(max_length=CODE_LENGTH, choices=PrimaryNeed.choices, blank=True)
    closure_reason = models.CharField(max_length=CODE_LENGTH, choices=ClosureReason.choices, blank=True)
    # Child protection plan
    initial_category = models.CharField("Initial category of abuse", max_length=CODE_LENGTH, choices=CategoryOfAbuse.choices, blank=True)
    latest_category = models.CharField("Latest category of abuse", max_length=CODE_LENGTH, choices=CategoryOfAbuse.choices, blank=True)
    # Looked after
    category_of_need = models.CharField(max_length=CODE_LENGTH, choices=LookedAfterNeed.choices, blank=True)
    permanence_plan = models.CharField(max_length=CODE_LENGTH, choices=PermanencePlan.choices, blank=True)
    permanent_since = models.DateField("Placement agreed as permanent on", null=True, blank=True)
    reason_ceased = models.CharField("Reason ceased to be looked after", max_length=CODE_LENGTH, choices=ReasonCeased.choices, blank=True)
    # Care leaver
    eligibility = models.CharField(max_length=CODE_LENGTH, choices=CareLeaverEligibility.choices, blank=True)
    in_touch = models.CharField("Council in touch", max_length=CODE_LENGTH, choices=InTouch.choices, blank=True)
    accommodation = models.CharField(max_length=CODE_LENGTH, choices=AccommodationType.choices, blank=True)
    accommodation_suitable = models.BooleanField("Accommodation suitable", null=True, blank=True)
    activity = models.CharField(max_length=CODE_LENGTH, choices=ActivityStatus.choices, blank=True)
    # Adoption (start_date is the decision that adoption is in the child's best interests)
    placement_order_date = models.DateField(null=True, blank=True)
    matched_date = models.DateField("Matched with adopters", null=True, blank=True)
    placed_date = models.DateField("Placed for adoption", null=True, blank=True)
    adoption_order_date = models.DateField(null=True, blank=True)
    decision_reversed_date = models.DateField(null=True, blank=True)
    reversal_reason = models.CharField(max_length=CODE_LENGTH, choices=AdoptionReversalReason.choices, blank=True)

    # Figures about this episode's earlier history that came with an imported record (an Annex A
    # workbook) and are not held here as records of their own: "2 more referrals in the 12 months
    # before this one", "placements in the last 12 months: 4". Keys and meanings are set by the
    # importer that writes them (inspection/annex_a/carried.py for Annex A).
    history_not_held = models.JSONField("Earlier history not held as records", default=dict, blank=True)

    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "stage"],
                condition=Q(end_date__isnull=True, stage__in=ONE_OPEN_AT_A_TIME),
                name="one_open_episode_of_each_plan_kind",
                violation_error_message="This child already has an open episode of this kind.",
            ),
            ends_on_or_after_start("episode_ends_on_or_after_its_start"),
        ]
        indexes = [
            models.Index(fields=["child", "stage", "start_date"]),
            models.Index(fields=["stage", "end_date"]),
            # The episodes of a stage by start date, with when they ended, whose they are and the
            # front door's columns, read without the table (which is wide, one stage's rows scattered
            # across it): council-wide counts of episodes open on a day or started in a period (the
            # readiness report's children open, allocated and looked after, its front door; data
            # quality). The columns after the dates are carried, not searched on (they are key
            # columns rather than INCLUDE ones, which SQLite, the demo's database, does not have).
            models.Index(fields=["stage", "start_date", "end_date", "child", "worker", "decision_date", "source", "id"],
                         name="episode_stage_start"),
            # A child's episodes by date, with what tells whether each is open and allocated, read
            # without the table: episodes started before the child was born (data quality) and
            # children open with no allocated worker (the readiness report's caseloads).
            models.Index(fields=["child", "start_date", "stage", "end_date", "worker"], name="episode_child_start"),
            # Only the episodes with a data-quality problem in their own columns, one index a check
            # (inspection/data_quality.py, whose queries they must match): a clean council's counts
            # read empty indexes.
            models.Index(fields=["start_date"], condition=Q(stage__in=[Stage.CONTACT, Stage.REFERRAL], source=""),
                         name="episode_dq_no_source"),
            models.Index(fields=["start_date", "end_date"], condition=Q(stage=Stage.CHILD_IN_NEED, primary_need=""),
                         name="episode_dq_no_primary_need"),
            models.Index(fields=["start_date", "end_date"],
                         condition=Q(stage=Stage.CHILD_PROTECTION, initial_category=""),
                         name="episode_dq_no_initial_category"),
            models.Index(fields=["start_date", "end_date"], condition=Q(stage=Stage.LOOKED_AFTER, category_of_need=""),
                         name="episode_dq_no_need_category"),
            models.Index(fields=["start_date", "end_date"], condition=Q(stage=Stage.CARE_LEAVER, eligibility=""),
                         name="episode_dq_no_eligibility"),
            models.Index(fields=["start_date"],
                         condition=Q(stage=Stage.ASSESSMENT, authorised_date__lt=models.F("start_date")),
                         name="episode_dq_authorised_early"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} from {self.start_date:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class Placement(ChoiceLabelsMixin, models.Model):
    """Where a looked-after child lives, and from when."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="placements")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    placement_type = models.CharField(max_length=CODE_LENGTH, choices=PlacementType.choices)
    provider = models.CharField(max_length=CODE_LENGTH, choices=PlacementProvider.choices)
    provider_name = models.CharField(max_length=200, blank=True)
    urn = models.CharField("Ofsted unique reference number", max_length=20, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    out_of_area = models.BooleanField("Outside the council's area", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            ends_on_or_after_start("placement_ends_on_or_after_its_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_placement_type_display()} from {self.start_date:%d %b %Y}"


class LegalStatus(ChoiceLabelsMixin, models.Model):
    """The legal basis on which a child is looked after, from a date."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="legal_statuses")
    start_date = models.DateField()
    code = models.CharField("Legal status", max_length=CODE_LENGTH, choices=LegalStatusCode.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name_plural = "legal statuses"

    def __str__(self) -> str:
        return f"{self.get_code_display()} from {self.start_date:%d %b %Y}"
