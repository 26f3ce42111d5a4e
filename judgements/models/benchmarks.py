"""National inspection outcomes (reference data with their sources), to show where a council sits."""

from django.db import models

from .frameworks import Framework, JudgementArea


class NationalOutcome(models.Model):
    """How many councils had each grade for one judgement area, as a published statistic says."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="national_outcomes")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="national_outcomes")
    as_at = models.DateField(help_text="The date the published figures describe.")
    description = models.CharField(max_length=300, help_text="What was counted, for example each council's most recent inspection.")
    outstanding = models.PositiveSmallIntegerField()
    good = models.PositiveSmallIntegerField()
    requires_improvement = models.PositiveSmallIntegerField()
    inadequate = models.PositiveSmallIntegerField()
    source_title = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500)

    class Meta:
        ordering = ["framework", "area__order", "-as_at"]

    def __str__(self) -> str:
        return f"{self.area} ({self.framework}), {self.as_at:%d %B %Y}"

    @property
    def total(self) -> int:
        return self.outstanding + self.good + self.requires_improvement + self.inadequate

    def count_for(self, grade: int) -> int:
        return [self.outstanding, self.good, self.requires_improvement, self.inadequate][grade - 1]
