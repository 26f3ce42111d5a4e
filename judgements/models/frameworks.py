"""Ofsted's frameworks and their judgement areas, as rows (written from judgements/frameworks.py
by a data migration; codes are stable and used everywhere else)."""

from django.db import models

from ..frameworks import FRAMEWORKS, FrameworkSpec, Kind


class Framework(models.Model):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40)
    in_force_from = models.DateField()
    in_force_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["in_force_from"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def spec(self) -> FrameworkSpec:
        return FRAMEWORKS[self.code]

    @property
    def has_overall(self) -> bool:
        return self.spec.has_overall


class JudgementArea(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(max_length=30)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.CHOICES)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="graded")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="one_area_per_code_in_a_framework")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_overall(self) -> bool:
        return self.kind == Kind.OVERALL
