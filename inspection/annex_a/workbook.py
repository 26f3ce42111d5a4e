"""The Annex A workbook: sheets List_1 to List_11, laid out as Ofsted's template lays them out.

Each sheet: row 1 the title ("List 1: Contacts") in A1, bold on the template's lilac and merged
across the list's columns as in the template; row 2 the column headers exactly as the template
writes them; the rows from row 3. Dates are real dates shown as DD/MM/YYYY; codes are the
template's code strings ("a) Male", "q) 6: Police"); ages and counts are numbers; blanks are
empty cells. The template's other sheets (Front_Sheet, FAQ_and_changes, Guidance, Codes_used)
and its data validations are not copied.

Written with openpyxl in write-only mode: each row goes to the file as it is made, so memory
stays flat however many children there are.
"""

from datetime import date
from os import PathLike
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .common import Context
from .lists import BUILDERS
from .spec import LISTS, ListSpec

DATE_FORMAT = "DD/MM/YYYY"
TITLE_FONT = Font(name="Calibri", size=10, bold=True)
TITLE_FILL = PatternFill("solid", fgColor="FFE4B9E5")  # the template's title colour
TITLE_ALIGNMENT = Alignment(horizontal="center", wrap_text=True)
HEADER_FONT = Font(name="Tahoma", size=10)  # as the template: plain, wrapped, left
HEADER_ALIGNMENT = Alignment(horizontal="left", wrap_text=True)
COLUMN_WIDTH = 18


class RowWidthError(ValueError):
    """A list produced a row with a different number of cells from its headers (a bug)."""


def write_annex_a(destination: str | PathLike | BinaryIO, as_at: date, *, progress=None) -> dict[int, int]:
    """Write the workbook as at ``as_at`` to ``destination`` (a path or a binary file).

    Returns the number of data rows written to each list, by list number. ``progress``, if
    given, is called with (list spec, rows written) as each sheet is finished.
    """
    context = Context.load(as_at)
    workbook = Workbook(write_only=True)
    counts = {}
    for spec in LISTS:
        sheet = workbook.create_sheet(spec.sheet)
        counts[spec.number] = _write_sheet(sheet, spec, BUILDERS[spec.number](context))
        if progress is not None:
            progress(spec, counts[spec.number])
    workbook.save(destination)
    return counts


def _write_sheet(sheet, spec: ListSpec, rows) -> int:
    width = len(spec.columns)
    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTH
    sheet.freeze_panes = "A3"
    sheet.merged_cells.add(f"A1:{get_column_letter(width)}1")

    title = WriteOnlyCell(sheet, value=spec.title_text)
    title.font, title.fill, title.alignment = TITLE_FONT, TITLE_FILL, TITLE_ALIGNMENT
    sheet.append([title])
    sheet.append([_header(sheet, text) for text in spec.columns])

    # One date cell per column, reused row after row: a write-only sheet writes each row to the
    # file as it is appended, so the cell is free again for the next row (a new styled cell per
    # date costs about a sixth of the writing time).
    date_cells = [_date_cell(sheet) for _ in range(width)]
    count = 0
    for row in rows:
        if len(row) != width:
            raise RowWidthError(f"{spec.sheet}: a row of {len(row)} cells for {width} columns")
        cells = list(row)
        for index, value in enumerate(cells):
            if isinstance(value, date):
                cell = date_cells[index]
                cell.value = value
                cells[index] = cell
        sheet.append(cells)
        count += 1
    return count


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font, cell.alignment = HEADER_FONT, HEADER_ALIGNMENT
    return cell


def _date_cell(sheet) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    cell.number_format = DATE_FORMAT
    return cell
