"""Writing CSV files that are safe to open in Excel (pure: no database).

A cell that starts with =, +, - or @ (or a tab or carriage return) is read by spreadsheet programs
as a formula: text someone typed into a record (a reason, a detail) could then run a formula, or
reach out to another file or address, on the computer of whoever opens the export ("CSV injection",
OWASP). Such a cell gets a leading apostrophe, which spreadsheets show as text and do not run.
"""

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel opens a UTF-8 file correctly (names with accents, the pound sign) only with this mark first.
BYTE_ORDER_MARK = "\ufeff"


def spreadsheet_safe(value) -> str:
    """The value as text, with a leading apostrophe where a spreadsheet would take it for a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Line:
    """csv.writer writes to this and gets the line back, so rows can be sent as they are made."""

    def write(self, line: str) -> str:
        return line


def csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV file a line at a time: the byte order mark and header, then each row, every cell made
    spreadsheet-safe. Rows are read as they are needed, so a file of any length streams."""
    writer = csv.writer(_Line())
    yield BYTE_ORDER_MARK + writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row])
