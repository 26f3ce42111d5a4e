"""The managers' and members' dashboards' figures, worked out by a Celery job and kept by month.

A live count over 100,000 children's records cannot meet a dashboard's budget, so each figure is
computed at each month end (and for today) by ``inspection.dashboards.services.figures_refresh``
and read back here in a fixed number of queries, however many children there are. The children
behind the latest figure are kept too, so a manager can open the list behind any number.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models import Child, Team


class FigureTarget(models.Model):
    """The council's target for one dashboard figure, and how far off it may fall before it is red.
    Defaults come from ``inspection.dashboards.measures``; senior managers change them."""

    measure = models.CharField(max_length=40, unique=True)
    target = models.DecimalField(max_digits=6, decimal_places=1)
    tolerance = models.DecimalField(
        max_digits=6, decimal_places=1,
        help_text="How far from the target a figure may be and still be amber rather than red.",
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.target}"


class FigureSnapshot(models.Model):
    """One figure on one day (a month end, or the day of the latest refresh), council-wide (no
    team) or for one team: how many children were counted and how many met the standard."""

    measure = models.CharField(max_length=40)
    as_at = models.DateField()
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["measure", "as_at"]
        permissions = [
            ("view_managers_dashboard", "Can see the managers' dashboard"),
            ("view_members_dashboard", "Can see the members' dashboard"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["measure", "as_at", "team"], name="figure_snapshot_unique_team"),
            models.UniqueConstraint(fields=["measure", "as_at"], condition=Q(team__isnull=True),
                                    name="figure_snapshot_unique_council"),
        ]
        indexes = [models.Index(fields=["as_at", "team"])]

    def __str__(self) -> str:
        return f"{self.measure} on {self.as_at}: {self.numerator}/{self.denominator}"


class FigureMember(models.Model):
    """A child counted in the latest council-wide snapshot of a figure, whether the standard was
    met for them, and why not in a few words ("visit 4 working days overdue").

    The child's name is copied in when the nightly job writes the row, only to list the children
    behind a figure in name order from one index (``figure_member_name_order``): ordering by the
    child's own name meant joining every child counted before the first 50 could be shown. The
    list shows the child's name as it is now; a name corrected during the day sorts under the old
    one until the next night."""

    snapshot = models.ForeignKey(FigureSnapshot, on_delete=models.CASCADE, related_name="members")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    met = models.BooleanField()
    detail = models.CharField(max_length=200, blank=True)
    sort_last_name = models.CharField(max_length=100, blank=True, default="")
    sort_first_name = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["snapshot", "met", "child"]
        indexes = [
            models.Index(fields=["snapshot", "met", "sort_last_name", "sort_first_name", "id"],
                         name="figure_member_name_order"),
        ]
