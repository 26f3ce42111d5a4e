"""The inspection record form (GOV.UK Design System)."""

from django import forms

from cases.forms import GovUKFormMixin, govuk_formfield
from cases.lost_updates import RecordVersionMixin
from cases.rules import end_before_start
from cases.uploads import FILE_ERRORS, PDF, check_upload, limit_in_words

from ..models import Inspection


class InspectionForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Inspection
        fields = [
            "kind", "title", "notified_on", "on_site_from", "on_site_to", "feedback_on", "draft_report_on",
            "published_on", "priority_actions", "overall_grade", "report", "notes",
        ]
        formfield_callback = govuk_formfield
        widgets = {"kind": forms.RadioSelect}

    def adjust_fields(self) -> None:
        self.fields["report"].help_text = f"The published report, as a PDF smaller than {limit_in_words()}."
        self.fields["report"].error_messages.update(FILE_ERRORS)

    def clean_report(self):
        """A newly chosen file must be a PDF (by its name and its content) within the size allowed."""
        report = self.cleaned_data.get("report")
        if report and hasattr(report, "content_type"):
            check_upload(report, (PDF,))
        return report

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("on_site_from")
        checks = {
            "on_site_to": end_before_start(start, cleaned.get("on_site_to"), "the first day on site"),
            "feedback_on": end_before_start(start, cleaned.get("feedback_on"), "the first day on site"),
            "published_on": end_before_start(start, cleaned.get("published_on"), "the first day on site"),
        }
        for name, message in checks.items():
            if message and name not in self.errors:
                self.add_error(name, message.replace("The end date", "This date"))
        if cleaned.get("overall_grade") and not cleaned.get("published_on"):
            self.add_error("published_on", "Enter the date the report was published, to record its overall grade")
        return cleaned
