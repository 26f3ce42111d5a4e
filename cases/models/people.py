"""Teams, workers, children and the access log."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .. import rules
from ..codes import Disability, Ethnicity, Gender
from .labels import ChoiceLabelsMixin


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    service_area = models.CharField(
        max_length=120,
        blank=True,
        help_text="For example: Front door, Child in need and protection, Children in care, Leaving care.",
    )
    managers = models.ManyToManyField(
        "Worker",
        blank=True,
        related_name="managed_teams",
        help_text="Team managers who oversee this team as well as their own.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Worker(models.Model):
    """A council officer: the link from a login to a team."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worker")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="workers")
    job_title = models.CharField(max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Child(ChoiceLabelsMixin, models.Model):
    local_id = models.CharField("Child ID", max_length=40, unique=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=30, choices=Gender.choices)
    ethnicity = models.CharField(max_length=30, choices=Ethnicity.choices)
    disability = models.CharField(max_length=20, choices=Disability.choices, default=Disability.UNKNOWN)
    unaccompanied_asylum_seeking = models.BooleanField("Unaccompanied asylum-seeking child", default=False)
    postcode = models.CharField(max_length=10, blank=True)
    out_of_area = models.BooleanField("Living out of area", default=False)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="allocated team"
    )
    worker = models.ForeignKey(
        Worker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocated_children",
        verbose_name="allocated worker",
    )
    restricted = models.BooleanField(
        "Restricted record", default=False, help_text="Only the named workers may open a restricted record."
    )
    named_workers = models.ManyToManyField(Worker, blank=True, related_name="restricted_children")
    history = HistoricalRecords(excluded_fields=["named_workers"])

    class Meta:
        ordering = ["last_name", "first_name", "local_id"]
        verbose_name_plural = "children"
        permissions = [
            ("view_all_children", "Can view children in every team"),
            ("break_glass", "Can open a restricted record in an emergency, giving a logged reason"),
            ("view_change_history", "Can see the change history of a child's records"),
        ]
        indexes = [
            models.Index(fields=["team", "last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
            # The few restricted records, to leave out of a council-wide list without joining it to
            # every child (selectors.children_hidden_from).
            models.Index(fields=["id"], condition=models.Q(restricted=True), name="child_restricted"),
            # The children list's own order (name, then the key that keeps pages stable), so the
            # first page of 100,000 children is read from the index, not sorted.
            models.Index(fields=["last_name", "first_name", "id"], name="cases_child_name_order"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.local_id})"

    @property
    def full_name(self) -> str:
        """The child's name; a child added from an Annex A workbook (which holds no names) has none
        until one is recorded."""
        return f"{self.first_name} {self.last_name}".strip() or "Name not recorded"

    def age_on(self, day: date) -> int:
        return rules.age_on(self.date_of_birth, day)


class AccessLogEntry(models.Model):
    """One view of a child's record or one export, written as it happens.

    Entries are chained (cases/access_chain.py): each is numbered one after the last and carries
    the fingerprint of its own content and of the entry before it, so a changed or deleted entry
    shows when the chain is checked (``manage.py verify_access_log``, and nightly). Written only
    through ``cases.services.access_log_record``; never edited.
    """

    class Action(models.TextChoices):
        VIEWED_CHILD = "viewed_child", "Viewed a child's record"
        EXPORTED = "exported", "Exported children's data"
        DOWNLOADED = "downloaded", "Downloaded a report"
        BROKE_GLASS = "broke_glass", "Opened a restricted record in an emergency"
        VIEWED_LIST = "viewed_list", "Viewed a list of children"

    sequence = models.PositiveBigIntegerField(
        "Entry number", unique=True, editable=False, help_text="One more than the entry before: no number is skipped."
    )
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_log_entries")
    username = models.CharField(
        max_length=150, editable=False, help_text="The username when the entry was written (a login renamed later "
        "does not change the log)."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="access_log_entries"
    )
    detail = models.CharField(max_length=500, blank=True)
    previous_hash = models.CharField("Fingerprint of the entry before", max_length=64, editable=False)
    entry_hash = models.CharField("Fingerprint", max_length=64, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            # A record's "Who has looked at this record": its newest views, read from the index
            # however many views the council has logged.
            models.Index(fields=["child", "-at", "-id"], name="access_log_child_newest"),
        ]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"
