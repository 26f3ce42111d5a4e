"""Ofsted's Annex A workbook as a background report job (the same workbook as the
export_annex_a command)."""

import io
from datetime import date

from django.utils import timezone

from .base import Progress, Report, RenderedReport, _no_progress


class AnnexAReport(Report):
    kind = "annex_a"
    # Annex A lists every child's ID, date of birth and allocation: for those who see all children.
    permission = "cases.view_all_children"
    is_export = True
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def title_for(self, parameters: dict) -> str:
        return f"Annex A as at {self._as_at(parameters):%-d %B %Y}"

    def render(self, job, progress: Progress = _no_progress) -> RenderedReport:
        from inspection.annex_a.workbook import LISTS, write_annex_a

        buffer = io.BytesIO()
        progress(f"Reading the records for {LISTS[0].sheet.replace('_', ' ')}")

        def list_done(spec, rows: int) -> None:
            following = next((later for later in LISTS if later.number > spec.number), None)
            progress(f"{spec.sheet.replace('_', ' ')} written ({rows:,} rows); "
                     + (f"working on {following.sheet.replace('_', ' ')}" if following else "saving the workbook"))

        write_annex_a(buffer, self._as_at(job.parameters), progress=list_done)
        return RenderedReport(content=buffer.getvalue())

    @staticmethod
    def _as_at(parameters: dict) -> date:
        value = parameters.get("as_at")
        return date.fromisoformat(value) if value else timezone.localdate()
