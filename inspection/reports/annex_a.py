"""Ofsted's Annex A workbook as a background report job (the same workbook as the
export_annex_a command)."""

import io
from datetime import date

from django.utils import timezone

from .base import Report, RenderedReport


class AnnexAReport(Report):
    kind = "annex_a"
    # Annex A lists every child's ID, date of birth and allocation: for those who see all children.
    permission = "cases.view_all_children"
    is_export = True
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def title_for(self, parameters: dict) -> str:
        return f"Annex A as at {self._as_at(parameters):%-d %B %Y}"

    def render(self, job) -> RenderedReport:
        from inspection.annex_a.workbook import write_annex_a

        buffer = io.BytesIO()
        write_annex_a(buffer, self._as_at(job.parameters))
        return RenderedReport(content=buffer.getvalue())

    @staticmethod
    def _as_at(parameters: dict) -> date:
        value = parameters.get("as_at")
        return date.fromisoformat(value) if value else timezone.localdate()
