"""The Annex A upload form."""

from django import forms
from django.utils import timezone

from cases.forms import GovUKDateField, GovUKFormMixin
from cases.uploads import FILE_ERRORS, XLSX, check_upload, limit_in_words


class AnnexAUploadForm(GovUKFormMixin, forms.Form):
    workbook = forms.FileField(
        label="Annex A workbook",
        help_text="An Excel workbook (.xlsx) with sheets List_1 to List_11, as Ofsted's template lays them out "
                  "or with the headers in row 1, smaller than {limit}.",
        error_messages={**FILE_ERRORS, "required": "Select the Annex A workbook"},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    as_at = GovUKDateField(
        label="Date the lists were drawn",
        help_text="Ages, and the six and 12 months the lists cover, are reckoned back from this date. "
                  "For example, 27 3 2026",
        require_all_fields=False,
    )
    dry_run = forms.BooleanField(
        label="Check only: show what would be imported and keep nothing", required=False,
    )

    def adjust_fields(self) -> None:
        self.fields["workbook"].help_text = self.fields["workbook"].help_text.format(limit=limit_in_words())

    def clean_workbook(self):
        """An .xlsx workbook (not one with macros, nor another file renamed), within the size allowed."""
        workbook = self.cleaned_data["workbook"]
        check_upload(workbook, (XLSX,))
        return workbook

    def clean_as_at(self):
        as_at = self.cleaned_data["as_at"]
        if as_at and as_at > timezone.localdate():
            raise forms.ValidationError("The date the lists were drawn must be today or in the past")
        return as_at
