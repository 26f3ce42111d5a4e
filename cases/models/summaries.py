"""What is due for each child and whether their plans are drifting, worked out from their record
and kept, so a team's caseload of thousands of children or the council's stuck cases read rows
instead of applying every timescale to every child on each request.

The rules stay in cases/due.py and cases/drift.py; cases/summaries.py works the rows out each
morning (a Celery job), again for one child whenever their record changes, and for a manager who
asks for it. Nothing here is typed in by anyone, so there is no change history.
"""

from django.db import models

from .journey import Episode
from .people import Child


class DueWork(models.Model):
    """One deadline running for a child (a visit, a review, an assessment...), as cases.due works
    it out. When it is due does not change from day to day until the record changes, so whether
    it is late or due soon is decided when the page is shown."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="due_work")
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20)
    what = models.CharField(max_length=100)
    rule = models.CharField(max_length=60, blank=True)
    due = models.DateField()

    class Meta:
        ordering = ["due", "what"]
        verbose_name = "work due"
        verbose_name_plural = "work due"
        indexes = [
            models.Index(fields=["child", "due"], name="cases_duework_child_due"),
            # "Due in the next ten working days" for a team: the deadlines in the window, then their children.
            models.Index(fields=["due", "child"], name="cases_duework_due_child"),
        ]

    def __str__(self) -> str:
        return f"{self.what} due {self.due:%d %b %Y}"


class CaseSummary(models.Model):
    """One child with anything open: the soonest deadline (caseloads are ordered by it) and, as
    worked out on ``worked_out_on``, why their plans are drifting, if they are."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, primary_key=True, related_name="case_summary")
    next_due = models.DateField(null=True, blank=True)
    stuck_since = models.DateField(
        null=True, blank=True, help_text="The earliest last progress on a drifting plan; empty when nothing is drifting."
    )
    stuck_reasons = models.JSONField(default=list, blank=True)
    last_panel = models.DateField(null=True, blank=True)
    worked_out_on = models.DateField(help_text="The day the drift was judged against.")
    worked_out_at = models.DateTimeField()

    class Meta:
        verbose_name = "case summary"
        verbose_name_plural = "case summaries"
        indexes = [
            models.Index(fields=["stuck_since"], name="cases_summary_stuck_since"),
            # A caseload's first page: the soonest deadlines, read in order from the index.
            models.Index(fields=["next_due"], name="cases_summary_next_due"),
            models.Index(fields=["worked_out_at"], name="cases_summary_worked_out_at"),
        ]

    def __str__(self) -> str:
        return f"Case summary for child {self.child_id}"


class WorkerCaseload(models.Model):
    """How many children one worker holds in one team, with how many have late work, work due in
    the next ten working days or plans drifting: the numbers at the top of a team's caseload and
    of the stuck cases, kept so a team of 20,000 children is not counted on every request.

    Restricted records are not counted here: who may see them depends on who is asking, so the
    pages add those a user may see as they are asked for (a handful at most). ``worker`` is empty
    for the team's unallocated children, ``team`` for children with no team."""

    team = models.ForeignKey("cases.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    worker = models.ForeignKey("cases.Worker", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    children = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0, help_text="Children whose soonest deadline has passed.")
    soon = models.PositiveIntegerField(default=0, help_text="Children with work due in the next ten working days.")
    stuck = models.PositiveIntegerField(default=0, help_text="Children whose plans are drifting.")
    worked_out_on = models.DateField()

    class Meta:
        verbose_name = "worker's caseload"
        verbose_name_plural = "workers' caseloads"
        indexes = [models.Index(fields=["team", "worker"], name="cases_worker_caseload_team")]

    def __str__(self) -> str:
        return f"Caseload of worker {self.worker_id} in team {self.team_id}"
