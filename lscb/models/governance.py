"""The board, its members by agency, its subgroups, and its meetings with attendance."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Board(models.Model):
    name = models.CharField(max_length=200, help_text="For example, Herefordshire Safeguarding Children Board.")
    chair = models.CharField("Chair", max_length=150)
    chair_is_independent = models.BooleanField("The chair is independent", default=True)
    chair_since = models.DateField(null=True, blank=True)
    annual_report_months = models.PositiveSmallIntegerField(
        "Months after the year ends by which the annual report should be published", default=6,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A board member: who, from which agency, statutory partner or lay member, and for how long."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=150)
    agency = models.CharField(max_length=150)
    role = models.CharField("Role in the agency", max_length=150, blank=True)
    statutory_partner = models.BooleanField("Represents a statutory partner", default=False)
    lay_member = models.BooleanField(default=False)
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="board_membership", help_text="Their login, if they have one.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"

    def in_term(self, day) -> bool:
        return (self.term_start is None or self.term_start <= day) and (self.term_end is None or day <= self.term_end)


class Subgroup(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subgroups")
    name = models.CharField(max_length=150)
    purpose = models.TextField(blank=True)
    members = models.ManyToManyField(Member, blank=True, related_name="subgroups")

    class Meta:
        ordering = ["board", "name"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A meeting of the board, or of one of its subgroups."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings")
    date = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    decisions = models.TextField("Decisions and actions", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.subgroup or 'Board'} meeting, {self.date:%d %B %Y}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    DEPUTY = "deputy", "Sent a deputy"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    deputy = models.CharField("Deputy's name", max_length=150, blank=True)

    class Meta:
        ordering = ["meeting", "member"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")]
