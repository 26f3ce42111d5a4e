"""The Annex A upload form."""

import zipfile

from django import forms
from django.utils import timezone

from cases.forms import GovUKDateField, GovUKFormMixin

MAX_WORKBOOK_BYTES = 100 * 1024 * 1024


class AnnexAUploadForm(GovUKFormMixin, forms.Form):
    workbook = forms.FileField(
        label="Annex A workbook",
        help_text="An Excel workbook (.xlsx) with sheets List_1 to List_11, as Ofsted's template lays them out "
                  "or with the headers in row 1.",
        error_messages={"required": "Select the Annex A workbook"},
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

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if not workbook.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The workbook must be an Excel .xlsx file")
        if workbook.size > MAX_WORKBOOK_BYTES:
            raise forms.ValidationError("The workbook must be 100 MB or smaller")
        position = workbook.tell()
        valid = zipfile.is_zipfile(workbook)
        workbook.seek(position)
        if not valid:
            raise forms.ValidationError("The file is not an Excel workbook that can be read")
        return workbook

    def clean_as_at(self):
        as_at = self.cleaned_data["as_at"]
        if as_at and as_at > timezone.localdate():
            raise forms.ValidationError("The date the lists were drawn must be today or in the past")
        return as_at
