"""Retention review: what the records team decided about a closed child's record once it fell due
for review (cases/retention.py says when). Each decision is a new row, kept with who made it and
when; a record kept for a further period comes back to the list on its next review date."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .people import Child


class RetentionReview(models.Model):
    class Decision(models.TextChoices):
        KEEP = "keep", "Keep it for a further period"
        DESTROY = "destroy", "Mark it for destruction by the records team"
        ARCHIVE = "archive", "Mark it for archiving by the records team"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="retention_reviews")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField()
    keep_years = models.PositiveSmallIntegerField("Kept for a further (years)", null=True, blank=True)
    next_review_on = models.DateField(
        "Next review", null=True, blank=True,
        help_text="When a record kept for a further period comes back for review; blank once marked for "
        "destruction or archiving.",
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["child", "next_review_on"], name="cases_retention_child_next")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="keep", keep_years__gte=1, next_review_on__isnull=False)
                | (~Q(decision="keep") & Q(keep_years__isnull=True, next_review_on__isnull=True)),
                name="retention_keep_has_a_next_review",
                violation_error_message="A record kept for a further period needs the years and its next review date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child}: {self.get_decision_display()} ({self.decided_at:%d %b %Y})"
