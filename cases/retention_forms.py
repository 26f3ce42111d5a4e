"""The forms of the retention review: choosing a team, and recording a decision (GOV.UK style)."""

from django import forms

from .forms import GovUKFormMixin
from .models import RetentionReview, Team
from .widgets import Select

MAX_KEEP_YEARS = 25


class RetentionFilterForm(GovUKFormMixin, forms.Form):
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.all(), required=False, empty_label="Every team", widget=Select,
        error_messages={"invalid_choice": "Choose a team from the list"},
    )


class RetentionReviewForm(GovUKFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="What should happen to this record?", choices=RetentionReview.Decision.choices,
        widget=forms.RadioSelect, error_messages={"required": "Choose what should happen to this record"},
    )
    keep_years = forms.IntegerField(
        label="If you keep it: for how many more years?", required=False, min_value=1, max_value=MAX_KEEP_YEARS,
        help_text=f"It comes back to this list for review after that. A whole number from 1 to {MAX_KEEP_YEARS}.",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the number of years as a whole number, like 2",
                        "min_value": "Keep it for at least 1 year",
                        "max_value": f"Keep it for {MAX_KEEP_YEARS} years at most, then review it again"},
    )
    reason = forms.CharField(
        label="Reason for the decision", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: a claim against the council is still open; or no further involvement and the "
        "retention period has passed.",
        error_messages={"required": "Enter the reason for the decision"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == RetentionReview.Decision.KEEP:
            if cleaned.get("keep_years") is None and "keep_years" not in self.errors:
                self.add_error("keep_years", "Enter how many more years to keep the record")
        else:
            cleaned["keep_years"] = None
        return cleaned
