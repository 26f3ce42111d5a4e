"""A record of each reminder email sent to an action's owner, so the daily task sends an owner at
most one reminder a day however often it runs, and anyone can see what was sent."""

from django.conf import settings
from django.db import models


class ActionReminder(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_reminders")
    day = models.DateField("Day the reminder was for")
    email = models.EmailField("Sent to")
    subject = models.CharField(max_length=200)
    actions = models.JSONField("Actions in the reminder", default=list)  # action primary keys
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "owner"]
        constraints = [models.UniqueConstraint(fields=["owner", "day"], name="one_action_reminder_per_owner_per_day")]
        verbose_name = "reminder sent"
        verbose_name_plural = "reminders sent"

    def __str__(self) -> str:
        return f"{self.subject} to {self.email} on {self.day:%-d %B %Y}"
