"""Ofsted's four-point scale, used by judgements, case audits and self-assessment alike."""

from django.db import models


class Grade(models.IntegerChoices):
    OUTSTANDING = 1, "Outstanding"
    GOOD = 2, "Good"
    REQUIRES_IMPROVEMENT = 3, "Requires improvement"
    INADEQUATE = 4, "Inadequate"

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag colour a grade is shown in."""
        return {1: "govuk-tag--green", 2: "govuk-tag--turquoise", 3: "govuk-tag--yellow", 4: "govuk-tag--red"}[self.value]
