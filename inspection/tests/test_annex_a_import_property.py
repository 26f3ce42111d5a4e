"""Bad Annex A workbooks (property tests): a good workbook (the small council of
test_annex_a_import.py) spoiled cell by cell (wrong types, blanks, huge text, formulas, dates as
text, duplicate and clashing IDs, unknown codes), sheet by sheet (missing, renamed, extra sheets,
columns and header rows added or taken away, merged cells) and as a file (random bytes, a cut-off
zip, a macro workbook, a CSV file or a program named .xlsx, broken XML inside), run through the
import as the worker runs it (``annex_a_import_run``, not through Celery).

Whatever the workbook, the import ends (never "failed": that is an error nobody foresaw); a workbook
with anything wrong is rejected with reasons that say where (the list, the row, the column) and
what is wrong, and nothing is written but the upload's own record; a good workbook imports.
"""

import io
import json
import zipfile
from datetime import date, datetime, time

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from cases.models import Child
from inspection.annex_a.spec import LISTS
from inspection.annex_a_imports.services import annex_a_import_run
from inspection.models import AnnexAImport
from property_testing.database import changed_tables, fingerprint, postgres_rules
from property_testing.probe import TALLY, TALLY_FOLDER
from property_testing.strategies import NASTY_FILE_CONTENTS, NASTY_TEXT, hostile_text

from .test_annex_a_import import AS_AT, small_council
from .test_annex_a_reading import write_workbook

pytestmark = pytest.mark.django_db

UPLOAD_TABLE = AnnexAImport._meta.db_table
WORKBOOKS, FILES = 3, 2  # spoiled workbooks and broken files tried, for each of the profile's examples (45 and 30)
SHEETS = [spec.sheet for spec in LISTS]
ILLEGAL_IN_XLSX = {chr(code) for code in (*range(0, 9), 11, 12, *range(14, 32))}  # openpyxl refuses to write them
IDS = ["C1", "C2", "C3", "C4", "C1 ", "c1", "C-999", "", " ", "0", "1.0", "C1\u200b", "x" * 41]
CODES = ["z) Martian", "b) Female", "a) Male", "Female", "FEMALE", "a) WBRI", "WBRI", "q) 6: Police", "N1 - Abuse or neglect",
         "a) Yes", "b) No", "c) Unknown", "Yes", "d) U4: Foster placement - long term", "#N/A", "#REF!", "a)", ")"]
DATES_AS_TEXT = ["31/02/2025", "29/02/2025", "01/13/2025", "2025-13-01", "2025-02-31", "15/01/2026", "16/01/2099",
                 "01/01/1899", "1/1/25", "yesterday", "2025.06.01", "00/00/0000", "31-12-2025", "45000"]
FORMULAS = ["=1/0", "=A1", "=SUM(A1:A3)", '=HYPERLINK("http://evil.example","click")', "=NOW()", '=CONCAT("C","1")',
            "=", "=cmd|' /C calc'!A0", "@SUM(1)"]


def _writable(text: str) -> str:
    return "".join(character for character in text if character not in ILLEGAL_IN_XLSX)


CELL_VALUES = st.one_of(
    st.none(), st.just(""), st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.dates(date(1900, 3, 1), date(9999, 12, 31)), st.datetimes(datetime(1900, 3, 1)),
    st.times(), st.sampled_from(IDS + CODES + DATES_AS_TEXT + FORMULAS),
    st.sampled_from(NASTY_TEXT).map(_writable), hostile_text().map(_writable),
)


def _good_workbook(tmp_path) -> bytes:
    return write_workbook(tmp_path / "good.xlsx", small_council()).read_bytes()


# --- spoiling the workbook


def _set_cell(book, draw):
    sheet = book[draw(st.sampled_from(book.sheetnames))]
    row = draw(st.integers(1, sheet.max_row + 2))
    column = draw(st.integers(1, sheet.max_column + 2))
    sheet.cell(row=row, column=column).value = draw(CELL_VALUES)
    return f"{sheet.title}!{openpyxl.utils.get_column_letter(column)}{row}"


def _copy_row(book, draw):
    """A row of one list again, or another child's ID on it: duplicates and clashing details."""
    sheet = book[draw(st.sampled_from(book.sheetnames))]
    if sheet.max_row < 3:
        return "nothing to copy"
    row = [cell.value for cell in sheet[draw(st.integers(3, sheet.max_row))]]
    if draw(st.booleans()) and row:
        row[0] = draw(st.sampled_from(IDS))
    sheet.append(row)
    return f"{sheet.title}: a row copied"


def _structure(book, draw):
    sheet = book[draw(st.sampled_from(book.sheetnames))]
    change = draw(st.sampled_from(["remove sheet", "rename sheet", "extra sheet", "insert column", "delete column",
                                   "delete first row", "insert rows", "merge cells", "move sheet", "blank sheet"]))
    if change == "remove sheet" and len(book.sheetnames) > 1:
        book.remove(sheet)
    elif change == "rename sheet":
        sheet.title = draw(st.sampled_from(["List 1", "list_2 ", "Sheet1", "List_12", "List_1 (2)", "Contacts", "LIST_3"]))[:31]
    elif change == "extra sheet":
        extra = book.create_sheet(draw(st.sampled_from(["Notes", "List_0", "List_99", "Sheet"])))
        extra.append(["Child Unique ID", "Gender"])
    elif change == "insert column":
        sheet.insert_cols(draw(st.integers(1, sheet.max_column + 1)))
    elif change == "delete column":
        sheet.delete_cols(draw(st.integers(1, max(sheet.max_column, 1))))
    elif change == "delete first row":
        sheet.delete_rows(1)
    elif change == "insert rows":
        sheet.insert_rows(draw(st.integers(1, sheet.max_row + 1)), draw(st.integers(1, 3)))
    elif change == "merge cells":
        top, left = draw(st.integers(1, sheet.max_row + 1)), draw(st.integers(1, sheet.max_column))
        sheet.merge_cells(start_row=top, start_column=left, end_row=top + draw(st.integers(0, 2)),
                          end_column=left + draw(st.integers(1, 3)))
    elif change == "move sheet":
        book.move_sheet(sheet, offset=draw(st.integers(-3, 3)))
    elif change == "blank sheet":
        for row in sheet.iter_rows():
            for cell in row:
                if type(cell).__name__ == "Cell":
                    cell.value = None
    return f"{sheet.title}: {change}"


def _rezip(content: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return out.getvalue()


def _file_level(good: bytes, draw) -> tuple[bytes, str]:
    change = draw(st.sampled_from(["nasty file", "cut off", "byte changed", "broken sheet XML", "sheet XML control",
                                   "no content types"]))
    if change == "nasty file":
        name = draw(st.sampled_from(sorted(NASTY_FILE_CONTENTS)))
        return NASTY_FILE_CONTENTS[name], name
    if change == "cut off":
        return good[:draw(st.integers(0, len(good) - 1))], change
    if change == "byte changed":
        at = draw(st.integers(0, len(good) - 1))
        return good[:at] + bytes([good[at] ^ draw(st.integers(1, 255))]) + good[at + 1:], f"byte {at} changed"
    sheet = f"xl/worksheets/sheet{draw(st.integers(1, 11))}.xml"
    if change == "broken sheet XML":
        return _rezip(good, lambda name, data: data[: len(data) // 2] if name == sheet else data), change
    if change == "sheet XML control":
        bad = draw(st.sampled_from([b"&#1;", b"&#0;", b"\x00", b"_x0000_", b"&#xFFFE;", b"]]>"]))
        return _rezip(good, lambda name, data: data.replace(b"<v>", b"<v>" + bad, 1) if name == sheet else data), change
    return _rezip(good, lambda name, data: b"" if name == "[Content_Types].xml" else data), change


class Spoiled:
    """A spoiled file and what was done to it (shown when a test fails, rather than its bytes)."""

    def __init__(self, content: bytes, changes: list[str]):
        self.content, self.changes = content, changes

    def __repr__(self) -> str:
        return f"Spoiled({self.changes}, {len(self.content)} bytes)"


@st.composite
def spoiled_workbooks(draw, good: bytes) -> Spoiled:
    """The good workbook with one to three cells, rows or sheets spoiled."""
    book = openpyxl.load_workbook(io.BytesIO(good))
    changes = [draw(st.sampled_from([_set_cell, _set_cell, _set_cell, _copy_row, _structure]))(book, draw)
               for _ in range(draw(st.integers(1, 3)))]
    buffer = io.BytesIO()
    book.save(buffer)
    return Spoiled(buffer.getvalue(), changes)


@st.composite
def spoiled_files(draw, good: bytes) -> Spoiled:
    """Not a workbook at all, or the good workbook's file broken."""
    content, what = _file_level(good, draw)
    return Spoiled(content, [what])


# --- importing, as the worker does


def run_import(content: bytes, user) -> tuple[AnnexAImport, list[str]]:
    """Upload ``content`` and run its import; the upload and the tables the import changed (other than
    the upload's own), all undone afterwards."""
    with postgres_rules(), transaction.atomic():
        try:
            before = fingerprint()
            upload = AnnexAImport(uploaded_by=user, file_name="annex-a.xlsx", as_at=AS_AT)
            upload.file.save("annex-a.xlsx", ContentFile(content), save=True)
            annex_a_import_run(upload_pk=upload.pk)
            upload.refresh_from_db()
            return upload, [table for table in changed_tables(before, fingerprint()) if table != UPLOAD_TABLE]
        finally:
            transaction.set_rollback(True)


def test_the_good_workbook_imports(tmp_path, senior_manager):
    upload, changed = run_import(_good_workbook(tmp_path), senior_manager)
    assert upload.status == AnnexAImport.Status.IMPORTED, (upload.failure, upload.errors)
    assert "cases_child" in changed and "cases_episode" in changed
    assert not Child.objects.exists()  # undone


def check(upload: AnnexAImport, changed: list[str], changes: list[str]) -> None:
    """Imported, or rejected with reasons and nothing written; never failed."""
    assert upload.status != AnnexAImport.Status.FAILED, f"{changes}: the import failed: {upload.failure}"
    assert upload.status in (AnnexAImport.Status.IMPORTED, AnnexAImport.Status.REJECTED), upload.status
    if upload.status == AnnexAImport.Status.REJECTED:
        assert not changed, f"{changes}: rejected, but {changed} changed"
        assert upload.errors and upload.error_count >= len(upload.errors)
        for error in upload.errors:
            assert error["reason"].strip(), error
            assert error["list"] is not None or error["row"] is None, error  # a row is always a list's row
        assert upload.summary["summary"][0].startswith("Nothing was imported")
    else:
        assert not upload.errors and upload.summary["children_added"] >= 0


def test_a_spoiled_workbook_is_imported_or_rejected_with_its_reasons_and_nothing_half_done(tmp_path, senior_manager):
    good = _good_workbook(tmp_path)

    @seed(20261129)
    @settings(max_examples=round(settings.default.max_examples * WORKBOOKS))
    @given(spoiled_workbooks(good))
    def import_it(spoiled):
        TALLY["annex_a workbooks"] += 1
        check(*run_import(spoiled.content, senior_manager), spoiled.changes)

    import_it()
    _write_tally()


def test_a_file_that_is_not_a_workbook_is_rejected_and_a_broken_one_never_fails(tmp_path, senior_manager):
    good = _good_workbook(tmp_path)

    @seed(20261130)
    @settings(max_examples=round(settings.default.max_examples * FILES))
    @given(spoiled_files(good))
    def import_it(spoiled):
        TALLY["annex_a files"] += 1
        upload, changed = run_import(spoiled.content, senior_manager)
        check(upload, changed, spoiled.changes)
        if spoiled.changes[0] in NASTY_FILE_CONTENTS or spoiled.changes[0] == "cut off":
            assert upload.status == AnnexAImport.Status.REJECTED, spoiled.changes

    import_it()
    _write_tally()


def _write_tally() -> None:
    TALLY_FOLDER.mkdir(parents=True, exist_ok=True)
    for name in ("annex_a workbooks", "annex_a files"):
        if TALLY[name]:
            (TALLY_FOLDER / f"{name.replace(' ', '-')}.json").write_text(json.dumps(
                {"name": name, "form": "inspection.annex_a.importing.import_annex_a", "submissions": TALLY[name]}) + "\n")


def test_zz_the_reasons_say_where_and_what(tmp_path, senior_manager):
    """One spoiled cell of each kind: the reason names the list, the row and the column."""
    good = openpyxl.load_workbook(io.BytesIO(_good_workbook(tmp_path)))
    sheet = good["List_3"]
    sheet["F3"] = "31/02/2025"  # the date of referral, impossible
    sheet["G3"] = "z) Martian"  # the referral source, not a code
    sheet["D3"] = datetime.combine(date(2015, 3, 1), time())  # the same date of birth: fine
    buffer = io.BytesIO()
    good.save(buffer)
    upload, changed = run_import(buffer.getvalue(), senior_manager)
    assert upload.status == AnnexAImport.Status.REJECTED and not changed
    where = {(error["list"], error["row"], error["column"]) for error in upload.errors}
    assert where == {(3, 3, "Date of referral"), (3, 3, "Referral Source")}


def test_zz_a_sheet_whose_xml_is_broken_is_named_with_the_row_that_could_not_be_read(tmp_path, senior_manager):
    """A character XML does not allow, put in List_3's first value: the rows before it are read, and the
    reason names the list and the row where reading stopped."""
    good = _good_workbook(tmp_path)
    broken = _rezip(good, lambda name, data: data.replace(b"<v>", b"<v>&#1;", 1)
                    if name == "xl/worksheets/sheet3.xml" else data)
    upload, changed = run_import(broken, senior_manager)
    assert upload.status == AnnexAImport.Status.REJECTED and not changed
    [error] = upload.errors
    assert (error["list"], error["column"]) == (3, None) and error["row"] >= 1
    assert error["reason"].startswith("This row could not be read (ParseError")
