"""Forms for the board's business: reviews (dates in order, a reference that names no child),
multi-agency audits, training with numbers by agency, the challenge log, performance data, and
annual reports with their checklist and document."""

from __future__ import annotations

import hashlib
from datetime import date

from crispy_forms_gds.layout import HTML, Field, Fieldset, Fixed, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from cases.forms import GovUKFormMixin, govuk_formfield
from cases.lost_updates import RecordVersionMixin
from cases.uploads import FILE_ERRORS, PDF, check_upload, limit_in_words

from .. import rules, selectors
from ..models import AnnualReport, Board, Challenge, MultiAgencyAudit, PerformanceReport, SafeguardingReview, TrainingEvent
from .common import COUNT_ERRORS, NUMBER, after, not_in_future


class ReviewForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = SafeguardingReview
        fields = ["reference", "kind", "incident_known_on", "notified_on", "decided_on", "criteria_met",
                  "commissioned_on", "reviewer", "published_on", "learning", "dissemination"]
        formfield_callback = govuk_formfield
        widgets = {"kind": forms.RadioSelect, "learning": forms.Textarea(attrs={"rows": 5}),
                   "dissemination": forms.Textarea(attrs={"rows": 4})}
        labels = {"kind": "Kind of review"}
        help_texts = {
            "reference": "The board's reference, such as 'Child K' or 'SCR 2015/02'. Never the child's name: "
                         "members from other agencies read this.",
            "learning": "One learning point per line.",
            "dissemination": "Briefings, training, newsletters: who heard the learning and when.",
        }

    def __init__(self, *args, user, today: date, **kwargs):
        self.user, self.today = user, today
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["kind"].choices = rules.ReviewKind.CHOICES  # no blank radio
        self.fields["commissioned_on"].label = "Date the review was commissioned"
        self.fields["published_on"].label = "Date the review was published"
        self.fields["criteria_met"].help_text = "Leave blank until the decision is made"

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if selectors.reference_names_a_child(user=self.user, reference=reference):
            raise ValidationError("The reference contains a child's name: use the board's reference, such as 'Child K'")
        return reference

    def clean(self):
        cleaned = super().clean()
        order = ["incident_known_on", "notified_on", "decided_on", "commissioned_on", "published_on"]
        not_in_future(cleaned, self, order, self.today)
        after(cleaned, self, "incident_known_on", "notified_on",
               "The notification must be on or after the date the council became aware")
        after(cleaned, self, "notified_on", "decided_on", "The decision must be on or after the notification")
        after(cleaned, self, "decided_on", "commissioned_on", "The review must be commissioned on or after the decision")
        after(cleaned, self, "commissioned_on", "published_on", "The review must be published on or after it was commissioned")
        after(cleaned, self, "decided_on", "published_on", "The review must be published on or after the decision")
        if cleaned.get("decided_on") and not cleaned.get("notified_on") and "decided_on" not in self.errors:
            self.add_error("notified_on", "Enter the date of the notification: the decision's deadline counts from it")
        return cleaned


class MultiAgencyAuditForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = MultiAgencyAudit
        fields = ["title", "theme", "completed_on", "agencies", "cases_audited", "findings"]
        formfield_callback = govuk_formfield
        widgets = {"findings": forms.Textarea(attrs={"rows": 6}),
                   "cases_audited": forms.TextInput(attrs={**NUMBER, "class": "govuk-input--width-4"})}
        help_texts = {"theme": "For example, Neglect, Child sexual exploitation, Domestic abuse.",
                      "agencies": "For example, Police, Health, Schools, Children's social care.",
                      "findings": "What the audit found, and what the board asked agencies to do."}

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["completed_on"].label = "Date completed"
        self.fields["cases_audited"].label = "Number of cases audited"

    def clean(self):
        cleaned = super().clean()
        not_in_future(cleaned, self, ["completed_on"], self.today)
        return cleaned


class TrainingEventForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    """The event, how many came from each of the board's agencies, and the evaluation of impact."""

    version_parts = ("attendance",)

    other_agency = forms.CharField(label="Another agency (optional)", required=False, max_length=150)
    other_count = forms.IntegerField(label="How many came from it", required=False, min_value=1, max_value=10000,
                                     widget=forms.TextInput(attrs=NUMBER), error_messages=COUNT_ERRORS)

    class Meta:
        model = TrainingEvent
        fields = ["title", "date", "evaluation"]
        formfield_callback = govuk_formfield
        widgets = {"evaluation": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"evaluation": "What changed in practice afterwards, and how the board knows: follow-up "
                                    "questionnaires, audits, supervision."}

    def __init__(self, *args, board: Board, today: date, **kwargs):
        self.board, self.today = board, today
        super().__init__(*args, **kwargs)
        saved = {row.agency: row.attended for row in self.instance.attendance.all()} if self.instance.pk else {}
        self.agencies = sorted(set(selectors.agencies(board=board)) | set(saved), key=str.lower)
        counts = []
        for agency in self.agencies:
            name = self.count_field(agency)
            self.fields[name] = forms.IntegerField(label=agency, required=False, min_value=0, max_value=10000,
                                                   widget=forms.TextInput(attrs=NUMBER), error_messages=COUNT_ERRORS)
            self.initial.setdefault(name, saved.get(agency))
            counts.append(Field.text(name, field_width=Fixed.FOUR))
        self.fields["date"].label = "Date of the training"
        self.helper.layout = Layout(
            Fieldset("title", "date", legend="The training", legend_size=Size.MEDIUM),
            Fieldset(HTML('<p class="govuk-body">Leave blank where nobody came.</p>'), *counts,
                     Field.text("other_agency", field_width=Fixed.TWENTY), Field.text("other_count", field_width=Fixed.FOUR),
                     legend="How many people came from each agency", legend_size=Size.MEDIUM),
            Fieldset("evaluation", legend="Impact", legend_size=Size.MEDIUM),
        )

    @staticmethod
    def count_field(agency: str) -> str:
        """The field for an agency's number, named after the agency so that it means the same agency
        even if the list changes between showing the form and saving it."""
        return "count_" + hashlib.sha1(agency.lower().encode()).hexdigest()[:12]

    def clean(self):
        cleaned = super().clean()
        other, count = cleaned.get("other_agency", "").strip(), cleaned.get("other_count")
        if other and not count and "other_count" not in self.errors:
            self.add_error("other_count", f"Enter how many came from {other}")
        if count and not other:
            self.add_error("other_agency", "Enter the name of the other agency")
        if other.lower() in {agency.lower() for agency in self.agencies}:
            self.add_error("other_agency", f"{other} is listed above: enter the number there")
        not_in_future(cleaned, self, ["date"], self.today)
        return cleaned

    def attendance(self) -> dict[str, int]:
        data = self.cleaned_data
        counts = {agency: data.get(self.count_field(agency)) for agency in self.agencies}
        if data.get("other_agency", "").strip():
            counts[" ".join(data["other_agency"].split())] = data.get("other_count")
        return {agency: count for agency, count in counts.items() if count}


class ChallengeForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["raised_on", "raised_by", "agency", "issue", "response", "outcome", "closed_on"]
        formfield_callback = govuk_formfield
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("issue", "response", "outcome")}
        labels = {"issue": "The challenge", "response": "The agency's response"}
        help_texts = {"outcome": "What changed for children and families as a result.",
                      "agency": "For example, Police, Health, Schools."}

    def __init__(self, *args, board: Board, today: date, **kwargs):
        self.board, self.today = board, today
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["raised_on"].label = "Date raised"
        self.fields["closed_on"].label = "Date closed"
        self.fields["closed_on"].help_text = "Leave blank while the challenge is open. For example, 27 3 2026"
        raised_by = self.fields["raised_by"]
        raised_by.label = "Raised by (optional)"
        raised_by.queryset = self.board.members.order_by("name")
        raised_by.label_from_instance = lambda m: f"{m.name} ({m.agency})"

    def clean(self):
        cleaned = super().clean()
        not_in_future(cleaned, self, ["raised_on", "closed_on"], self.today)
        after(cleaned, self, "raised_on", "closed_on", "The challenge must be closed on or after it was raised")
        if cleaned.get("closed_on") and not cleaned.get("outcome", "").strip():
            self.add_error("outcome", "Say what changed before closing the challenge")
        return cleaned


class PerformanceReportForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    class Meta:
        model = PerformanceReport
        fields = ["period", "received_on", "summary", "analysis"]
        formfield_callback = govuk_formfield
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "analysis": forms.Textarea(attrs={"rows": 5})}
        labels = {"period": "Period the data covers"}

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def adjust_fields(self) -> None:
        self.fields["received_on"].label = "Date the board received it"

    def clean(self):
        cleaned = super().clean()
        not_in_future(cleaned, self, ["received_on"], self.today)
        return cleaned


class AnnualReportForm(RecordVersionMixin, GovUKFormMixin, forms.ModelForm):
    """The report and the checklist of what a good board's annual report shows."""

    version_parts = ("checks",)

    class Meta:
        model = AnnualReport
        fields = ["year", "year_end", "published_on", "document"]
        formfield_callback = govuk_formfield
        labels = {"year": "Year it covers", "document": "The report (PDF, optional)"}

    def __init__(self, *args, board: Board, today: date, **kwargs):
        self.board, self.today = board, today
        super().__init__(*args, **kwargs)
        recorded = {check.key: check for check in self.instance.checks.all()} if self.instance.pk else {}
        lines = []
        for key, text in rules.ANNUAL_REPORT_CHECKLIST:
            self.fields[f"shown_{key}"] = forms.BooleanField(label="The report shows this", required=False)
            self.fields[f"note_{key}"] = forms.CharField(label="Where, or what is missing", required=False,
                                                         widget=forms.Textarea(attrs={"rows": 2}))
            if key in recorded:
                self.initial.setdefault(f"shown_{key}", recorded[key].shown)
                self.initial.setdefault(f"note_{key}", recorded[key].note)
            lines.append(Fieldset(Field.checkbox(f"shown_{key}", small=True), f"note_{key}", legend=text,
                                  legend_size=Size.SMALL))
        self.fields["document"].help_text = f"Smaller than {limit_in_words()}."
        self.fields["document"].error_messages.update(FILE_ERRORS)
        self.fields["year_end"].label = "Last day of the year it covers"
        self.fields["year_end"].help_text = "For example, 31 3 2026"
        self.fields["published_on"].label = "Date it was published"
        self.fields["published_on"].help_text = (
            f"The board's target is {board.annual_report_months} months after the year ends. Leave blank until published."
        )
        self.helper.layout = Layout(
            Fieldset("year", "year_end", "published_on", "document", legend="The report", legend_size=Size.MEDIUM),
            Fieldset(HTML('<p class="govuk-body">What a good board\'s annual report shows (Ofsted\'s review of '
                          'safeguarding boards).</p>'),
                     *lines, legend="Checklist", legend_size=Size.MEDIUM),
        )

    def clean_document(self):
        """A newly chosen file must be a PDF (by its name and its content) within the size allowed."""
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):
            check_upload(document, (PDF,))
        return document

    def clean(self):
        cleaned = super().clean()
        not_in_future(cleaned, self, ["published_on"], self.today)
        after(cleaned, self, "year_end", "published_on", "The report must be published after the year it covers ends")
        year_end = cleaned.get("year_end")
        if year_end and self.board.annual_reports.filter(year_end=year_end).exclude(pk=self.instance.pk).exists():
            self.add_error("year_end", "There is already an annual report for the year ending on that date")
        return cleaned

    def checks(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {key: (bool(data.get(f"shown_{key}")), data.get(f"note_{key}", "").strip())
                for key, _ in rules.ANNUAL_REPORT_CHECKLIST}
