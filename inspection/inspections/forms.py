"""The inspection record form (GOV.UK Design System)."""

from django import forms

from cases.forms import GovUKFormMixin, govuk_formfield
from cases.rules import end_before_start

from ..models import Inspection

MAX_REPORT_BYTES = 20 * 1024 * 1024


class InspectionForm(GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Inspection
        fields = [
            "kind", "title", "notified_on", "on_site_from", "on_site_to", "feedback_on", "draft_report_on",
            "published_on", "priority_actions", "overall_grade", "report", "notes",
        ]
        formfield_callback = govuk_formfield
        widgets = {"kind": forms.RadioSelect}

    def clean_report(self):
        report = self.cleaned_data.get("report")
        if report and getattr(report, "size", 0) > MAX_REPORT_BYTES:
            raise forms.ValidationError("The report must be 20 MB or smaller")
        if report and hasattr(report, "read") and getattr(report, "content_type", "application/pdf") != "application/pdf":
            raise forms.ValidationError("The report must be a PDF")
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
