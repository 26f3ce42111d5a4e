"""What the libraries cost alone, doing exactly the work an export does: the floor each export
is held against. Annex A is held against openpyxl writing the same cells into a write-only
workbook; each PDF against WeasyPrint laying out the same finished HTML. The difference is ours:
gathering the records, building the rows and the page, and any waste in how we call the library."""

import tempfile
import time
from pathlib import Path

from django.conf import settings


def openpyxl_alone(workbook_path: Path) -> tuple[float, int]:
    """Seconds for openpyxl alone to write the cells of the workbook at ``workbook_path`` (every
    sheet, every row, values only) into a new write-only workbook and save it, and how many
    cells that was. Each sheet is read back first, outside the timing, one sheet at a time so that
    a council-sized workbook is never held in memory whole."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(workbook_path, read_only=True)
    target = Workbook(write_only=True)
    seconds, cells = 0.0, 0
    try:
        for sheet in source.worksheets:
            rows = [row for row in sheet.iter_rows(values_only=True)]
            cells += sum(len(row) for row in rows)
            started = time.perf_counter()
            written = target.create_sheet(sheet.title)
            for row in rows:
                written.append(row)
            seconds += time.perf_counter() - started
            del rows
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            target.save(Path(folder) / "openpyxl-alone.xlsx")
            seconds += time.perf_counter() - started
    finally:
        source.close()
    return seconds, cells


def weasyprint_alone(page: str) -> float:
    """Seconds for WeasyPrint to lay out ``page`` and write the PDF, as Report.render does."""
    from weasyprint import HTML

    started = time.perf_counter()
    HTML(string=page, base_url=str(settings.BASE_DIR)).write_pdf()
    return time.perf_counter() - started
