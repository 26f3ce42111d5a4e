"""Reading an Annex A workbook: finding the eleven lists, checking their headers, and turning
each cell into a checked Python value, with an error for every cell that cannot be read.

Accepted layouts, sheet by sheet:

* Ofsted's: the title ("List 1: Contacts") in row 1, the headers in row 2, rows from row 3.
* Header in row 1 (as many councils' own extracts and the LIIA tools write it): headers in row 1,
  rows from row 2.

Sheets are found by name, "List_1" or "List 1". Headers are matched to Ofsted's ignoring case,
spacing, punctuation and curly quotes ("LA in Touch" is "LA In Touch ", "Case Status" is "Case
status"), plus "Age" for "Age of Child (Years)". Codes are matched the same way and may leave
out Ofsted's letter prefix ("Female" is "b) Female", "Yes" is "a) Yes", "PR4 - Private
provision" is "e) PR4: Private provision"); what comes out is always Ofsted's code exactly.

Nothing here touches the database: ``read_workbook`` returns the rows and the errors.
"""

import math
import re
from collections.abc import Iterable
from itertools import chain
from dataclasses import dataclass, field
from datetime import date, datetime
from os import PathLike
from typing import Any, BinaryIO

from dateutil.relativedelta import relativedelta
from django.db import models
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cases import codes

from .common import PLACED_IN, PLACED_OUT
from .spec import LISTS, ListSpec

OLDEST_AGE = 26  # care leavers are supported to 25; anyone older is a wrong date of birth
EXCEL_ERRORS = {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"}
DATE_TEXT = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
HEADER_ALIASES = {"age": "age of child years"}  # normalised header -> normalised Ofsted header


@dataclass(frozen=True)
class RowError:
    """One reason a row (or a sheet) cannot be imported. ``row`` is the spreadsheet's own row
    number; ``column`` the header (Ofsted's wording) or None for the whole row or sheet."""

    list_number: int | None
    row: int | None
    column: str | None
    reason: str

    @property
    def sheet(self) -> str:
        return f"List_{self.list_number}" if self.list_number else "Workbook"

    def as_dict(self) -> dict:
        return {"list": self.list_number, "row": self.row, "column": self.column, "reason": self.reason}

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column “{self.column.strip()}”")
        return f"{', '.join(where)}: {self.reason}"


@dataclass
class Row:
    """One data row: its spreadsheet row number and its values by Ofsted's header."""

    list_number: int
    number: int
    values: dict[str, Any]

    def __getitem__(self, header: str):
        return self.values.get(header)


@dataclass
class Workbook:
    rows: dict[int, list[Row]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    layouts: dict[int, str] = field(default_factory=dict)  # list number -> "ofsted" or "header in row 1"


# --- what each column holds

class Kind:
    ID = "id"
    TEXT = "text"
    DATE = "date"
    COUNT = "count"
    NUMBER = "number"  # read and checked but not kept (ages: we work them out from the date of birth)


YES_NO = ("a) Yes", "b) No")
YES_NO_UNKNOWN = ("a) Yes", "b) No", "c) Unknown")


def _values(choices: type[models.TextChoices]) -> tuple[str, ...]:
    return tuple(choices.values)


# Columns by Ofsted's header: (kind or the codes allowed, required).
COLUMNS: dict[str, tuple[Any, bool]] = {
    "Child Unique ID": (Kind.ID, True),
    "Gender": (_values(codes.Gender), True),
    "Ethnicity": (_values(codes.Ethnicity), True),
    "Date of Birth": (Kind.DATE, True),
    "Age of Child (Years)": (Kind.NUMBER, False),
    "Does the Child have a Disability": (_values(codes.Disability), False),
    "Date of Contact": (Kind.DATE, True),
    "Contact Source": (_values(codes.ContactSource), False),
    "Assessment start date": (Kind.DATE, True),
    "Assessment completion date": (Kind.DATE, False),
    "Organisation completing assessment": (Kind.TEXT, False),
    "Date of referral": (Kind.DATE, True),
    "Referral Source": (_values(codes.ContactSource), False),
    "Referral NFA?": (YES_NO, False),
    "Number of Referrals in Last 12 Months": (Kind.COUNT, False),
    "Allocated Team": (Kind.TEXT, False),
    "Allocated Worker": (Kind.TEXT, False),
    "Continuous Assessment Start Date": (Kind.DATE, True),
    "Child Seen During Continuous Assessment": (YES_NO_UNKNOWN, False),
    "Continuous Assessment Date of Authorisation": (Kind.DATE, False),
    "Was the child assessed as requiring LA children’s social care support": (YES_NO, False),
    "Strategy discussion initiating Section 47 Enquiry Start Date": (Kind.DATE, True),
    "Was an Initial Child Protection Conference deemed unnecessary?": (YES_NO, False),
    "Date of Initial Child Protection Conference": (Kind.DATE, False),
    "Did the Initial Child Protection Conference Result in a Child Protection Plan": (YES_NO, False),
    "Number of Section 47 Enquiries in the last 12 months": (Kind.COUNT, False),
    "Number of ICPCs in the last 12 months": (Kind.COUNT, False),
    "CIN Start Date": (Kind.DATE, True),
    "Primary Need Code": (_values(codes.PrimaryNeed), False),
    "Date Child Was Last Seen": (Kind.DATE, False),
    "CIN Closure Date": (Kind.DATE, False),
    "Reason for Closure": (_values(codes.ClosureReason), False),
    "Case status": (("a) Looked after child", "b) Child Protection plan", "c) Child in need plan",
                     "d) Open assessment", "e) Closed episode"), True),
    "Child Protection Plan Start Date": (Kind.DATE, True),
    "Initial Category of Abuse": (_values(codes.CategoryOfAbuse), False),
    "Latest Category of Abuse": (_values(codes.CategoryOfAbuse), False),
    "Date of the Last Statutory Visit": (Kind.DATE, False),
    "Was the Child Seen Alone?": (YES_NO_UNKNOWN, False),
    "Date of latest review conference": (Kind.DATE, False),
    "Child Protection Plan End Date": (Kind.DATE, False),
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)": (YES_NO, False),
    "Number of Previous Child Protection Plans": (Kind.COUNT, False),
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": (YES_NO, False),
    "Date Started to be Looked After": (Kind.DATE, True),
    "Child's Category of Need": (_values(codes.LookedAfterNeed), False),
    "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": (YES_NO, False),
    "Start date of current legal status": (Kind.DATE, False),
    "Child's Legal Status": (_values(codes.LegalStatusCode), False),
    "Date of Latest Statutory Review": (Kind.DATE, False),
    "Date of Last Social Work Visit": (Kind.DATE, False),
    "What is the permanence plan for this child?": (_values(codes.PermanencePlan), False),
    "Date of Last IRO Visit / Contact to the Child": (Kind.DATE, False),
    "Date of Last Health Assessment": (Kind.DATE, False),
    "Date of Last Dental Check": (Kind.DATE, False),
    "Number of Placements in the Last 12 months": (Kind.COUNT, False),
    "Date Ceased to be Looked After ": (Kind.DATE, False),
    "Reason Ceased to be Looked After": (_values(codes.ReasonCeased), False),
    "Start Date of Most Recent Placement": (Kind.DATE, False),
    "Placement Type": (_values(codes.PlacementType), False),
    "Placement Provider": (_values(codes.PlacementProvider), False),
    "Placement postcode": (Kind.TEXT, False),
    "URN of Placement": (Kind.TEXT, False),
    "Placement Location": ((PLACED_IN, PLACED_OUT), False),
    "LA of Placement": (Kind.TEXT, False),
    "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months": (Kind.COUNT, False),
    "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months": (Kind.COUNT, False),
    "Was the child offered a Return Interview after their last missing episode (Y/N)?": (YES_NO_UNKNOWN, False),
    "Did the child accept a Return Interview after their last missing episode (Y/N)?": (YES_NO_UNKNOWN, False),
    "Eligibility Category": (_values(codes.CareLeaverEligibility), False),
    "LA In Touch ": (_values(codes.InTouch), False),
    "Type of Accommodation": (_values(codes.AccommodationType), False),
    "Suitability of Accommodation": (_values(codes.AccommodationSuitability), False),
    "Activity Status": (_values(codes.ActivityStatus), False),
    "Family identifier": (Kind.TEXT, False),
    "Date the Child Entered Care": (Kind.DATE, False),
    "Date of Decision that Child Should be Placed for Adoption": (Kind.DATE, True),
    "Date of Placement Order": (Kind.DATE, False),
    "Date of Matching Child and Prospective Adopters": (Kind.DATE, False),
    "Date Placed for Adoption": (Kind.DATE, False),
    "Date of Adoption Order ": (Kind.DATE, False),
    "Date of Decision that Child Should No Longer be Placed for Adoption": (Kind.DATE, False),
    "Reason Why Child No Longer Placed for Adoption": (_values(codes.AdoptionReversalReason), False),
    "Date the child was placed for fostering in FFA or concurrent planning placement": (Kind.DATE, False),
}
# The longest text each text column's record field holds.
MAX_LENGTHS = {
    "Organisation completing assessment": 120, "Allocated Team": 120, "Allocated Worker": 150,
    "Placement postcode": 10, "URN of Placement": 20, "LA of Placement": 100, "Family identifier": 100,
}
# List 11 (adopters) is read only to count its rows: we hold no adopter records.
COLUMN_KINDS_OF_LIST_11 = Kind.TEXT

# Pairs (start, end) checked on every row that has both: the end must not come before the start.
ORDER = [
    ("Assessment start date", "Assessment completion date"),
    ("Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"),
    ("Strategy discussion initiating Section 47 Enquiry Start Date", "Date of Initial Child Protection Conference"),
    ("CIN Start Date", "CIN Closure Date"),
    ("Child Protection Plan Start Date", "Child Protection Plan End Date"),
    ("Date Started to be Looked After", "Date Ceased to be Looked After "),
    ("Date of Decision that Child Should be Placed for Adoption", "Date of Adoption Order "),
]


def normalise(text: Any) -> str:
    """Lower case, letters and digits only, single spaces: for matching headers and codes."""
    text = str(text).replace("’", "'").replace("‘", "'").casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _without_prefix(text: str) -> str:
    """ "b) Female" -> "Female"; "zz) T4: ..." -> "T4: ..."."""
    return re.sub(r"^[a-z]{1,2}\)\s*", "", text.strip(), flags=re.IGNORECASE)


_CODE_LOOKUP: dict[tuple[str, ...], dict[str, str]] = {}


def _code_lookup(allowed: tuple[str, ...]) -> dict[str, str]:
    lookup = _CODE_LOOKUP.get(allowed)
    if lookup is None:
        lookup = {}
        for value in allowed:
            lookup.setdefault(normalise(value), value)
            lookup.setdefault(normalise(_without_prefix(value)), value)
        _CODE_LOOKUP[allowed] = lookup
    return lookup


def read_workbook(source: str | PathLike | BinaryIO, as_at: date) -> Workbook:
    """Read every list from ``source``. Rows with errors are reported and left out of ``rows``."""
    result = Workbook()
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - whatever openpyxl raises, the file cannot be read as a workbook
        result.errors.append(RowError(None, None, None, (
            f"This is not an Excel workbook that can be read ({error.__class__.__name__}: {error}). "
            f"Save it from Excel as an .xlsx workbook and try again.")))
        return result
    try:
        sheets = {normalise(name): name for name in book.sheetnames}
        for spec in LISTS:
            name = sheets.get(normalise(spec.sheet))
            if name is None:
                result.errors.append(RowError(spec.number, None, None,
                                              f"The workbook has no sheet called {spec.sheet} ({spec.title_text})."))
                continue
            rows = _SheetRows(book[name])
            try:
                _read_sheet(result, spec, rows, as_at)
            except _UnreadableRow as unreadable:
                error = unreadable.__cause__
                result.errors.append(RowError(spec.number, rows.count + 1, None, (
                    f"This row could not be read ({error.__class__.__name__}: {error}), nor the rest of the sheet. "
                    f"Open the workbook in Excel, save it again as an .xlsx workbook and try again.")))
    finally:
        book.close()
    return result


class _UnreadableRow(Exception):
    """openpyxl could not read the next row of a sheet (its XML broken, a value it cannot convert)."""


class _SheetRows:
    """A sheet's rows as values, counting them, with whatever openpyxl raises while reading the next
    one turned into _UnreadableRow (errors in our own code still surface as themselves)."""

    def __init__(self, sheet):
        self._rows = sheet.iter_rows(values_only=True)
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self) -> tuple:
        try:
            row = next(self._rows)
        except StopIteration:
            raise
        except Exception as error:  # noqa: BLE001 - a sheet openpyxl cannot read is the workbook's fault
            raise _UnreadableRow from error
        self.count += 1
        return row


def _read_sheet(result: Workbook, spec: ListSpec, rows: Iterable[tuple], as_at: date) -> None:
    rows = iter(rows)
    first = next(rows, ())
    second = next(rows, ())
    expected = [normalise(header) for header in spec.columns]
    if _headers_match(first, expected):
        header_row, layout, pending = 1, "header in row 1", [second]
    elif _headers_match(second, expected):
        header_row, layout, pending = 2, "ofsted", []
    else:
        # Report against the row that looks most like a header row (the title row of Ofsted's
        # layout matches none; a data row matches few).
        found, row_number = (first, 1) if _header_likeness(first, expected) > _header_likeness(second, expected) \
            else (second, 2)
        result.errors.extend(_header_errors(spec, found, row_number))
        return
    result.layouts[spec.number] = layout
    sheet_rows = result.rows.setdefault(spec.number, [])
    number = header_row
    for cells in chain(pending, rows):
        number += 1
        if not any(_filled(cell) for cell in cells):
            continue
        row, errors = _read_row(spec, number, cells, as_at)
        if errors:
            result.errors.extend(errors)
        else:
            sheet_rows.append(row)


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _header_key(cell) -> str:
    key = normalise(cell) if cell is not None else ""
    return HEADER_ALIASES.get(key, key)


def _header_likeness(cells: tuple, expected: list[str]) -> int:
    return sum(1 for index, header in enumerate(expected) if index < len(cells) and _header_key(cells[index]) == header)


def _headers_match(cells: tuple, expected: list[str]) -> bool:
    found = [_header_key(cell) for cell in cells[:len(expected)]]
    return found == expected and not any(_filled(cell) for cell in cells[len(expected):])


def _header_errors(spec: ListSpec, cells: tuple, row: int) -> list[RowError]:
    errors = []
    for index, header in enumerate(spec.columns):
        cell = cells[index] if index < len(cells) else None
        if _header_key(cell) != normalise(header):
            shown = "nothing" if not _filled(cell) else f"“{str(cell).strip()}”"
            errors.append(RowError(spec.number, row, header,
                                   f"Column {get_column_letter(index + 1)} should be headed “{header.strip()}”; "
                                   f"it has {shown}."))
    for index in range(len(spec.columns), len(cells)):
        if _filled(cells[index]):
            errors.append(RowError(spec.number, row, None,
                                   f"Column {get_column_letter(index + 1)} (“{str(cells[index]).strip()}”) is not "
                                   f"one of the list's {len(spec.columns)} columns."))
    if not errors:
        errors.append(RowError(spec.number, row, None, "The header row could not be found."))
    return errors


def _read_row(spec: ListSpec, number: int, cells: tuple, as_at: date) -> tuple[Row, list[RowError]]:
    values, errors = {}, []
    for index, header in enumerate(spec.columns):
        raw = cells[index] if index < len(cells) else None
        if spec.number == 11:
            values[header] = None if raw is None else str(raw).strip()
            continue
        kind, required = COLUMNS[header]
        try:
            values[header] = read_cell(kind, raw, required=required, max_length=MAX_LENGTHS.get(header))
        except ValueError as error:
            errors.append(RowError(spec.number, number, header, str(error)))
    for index in range(len(spec.columns), len(cells)):
        if _filled(cells[index]):
            errors.append(RowError(spec.number, number, None,
                                   f"Column {get_column_letter(index + 1)} has a value but no header."))
    if spec.number != 11 and not errors:
        errors.extend(_check_dates(spec, number, values, as_at))
    return Row(spec.number, number, values), errors


def read_cell(kind, raw, *, required: bool = False, max_length: int | None = None):
    """The value of one cell, or ValueError with the reason in the officer's words."""
    if isinstance(raw, str):
        raw = raw.strip()
        if raw in EXCEL_ERRORS:
            raise ValueError(f"The cell holds the Excel error {raw}; put the value in, or leave it empty.")
    if raw is None or raw == "":
        if required:
            raise ValueError("This must be filled in.")
        return None
    if isinstance(kind, tuple):
        return _read_code(kind, raw)
    if kind == Kind.DATE:
        return _read_date(raw)
    if kind in (Kind.COUNT, Kind.NUMBER):
        return _read_number(raw, whole=kind == Kind.COUNT)
    if kind == Kind.ID:
        return _read_id(raw)
    text = " ".join(str(raw).replace("\xa0", " ").split())
    if max_length is not None and len(text) > max_length:
        raise ValueError(f"This is {len(text)} characters long; at most {max_length} fit.")
    return text


def _read_code(allowed: tuple[str, ...], raw) -> str:
    value = _code_lookup(allowed).get(normalise(raw))
    if value is None:
        value = _code_lookup(allowed).get(normalise(_without_prefix(str(raw))))
    if value is None:
        shown = ", ".join(f"“{code}”" for code in allowed[:6]) + (" …" if len(allowed) > 6 else "")
        raise ValueError(f"“{raw}” is not one of Ofsted's codes for this column ({shown}).")
    return value


def _read_date(raw) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        for pattern in DATE_TEXT:
            try:
                return datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", raw):
            raise ValueError(f"{raw} is not a real date.")
    raise ValueError(f"“{raw}” is not a date; dates are written DD/MM/YYYY.")


def _read_number(raw, *, whole: bool) -> int | float:
    if isinstance(raw, bool):
        raise ValueError(f"“{raw}” is not a number.")
    if isinstance(raw, (int, float)):
        number = raw
    else:
        try:
            number = float(str(raw))
        except ValueError:
            raise ValueError(f"“{raw}” is not a number.") from None
    if not math.isfinite(number):
        raise ValueError(f"“{raw}” is not a number.")
    if whole:
        if number != int(number) or number < 0:
            raise ValueError(f"“{raw}” is not a count (a whole number, 0 or more).")
        return int(number)
    return number


def _read_id(raw) -> str:
    if isinstance(raw, float):
        if raw != int(raw):
            raise ValueError(f"“{raw}” is not a Child Unique ID.")
        raw = int(raw)
    value = str(raw).strip()
    if len(value) > 40:
        raise ValueError("A Child Unique ID is at most 40 characters.")
    return value


def _check_dates(spec: ListSpec, number: int, values: dict, as_at: date) -> list[RowError]:
    """Dates that cannot be right: after the date the lists were drawn, a birth more than 26
    years before it, an end before its start. (An unborn child's expected date of birth may be
    after it: Ofsted lists unborn children with age -1.)"""
    errors = []
    born = values.get("Date of Birth")
    if born is not None:
        if born <= as_at - relativedelta(years=OLDEST_AGE):
            errors.append(RowError(spec.number, number, "Date of Birth",
                                   f"{born:%d/%m/%Y} would make the child over {OLDEST_AGE - 1}."))
        elif born > as_at + relativedelta(months=10):
            errors.append(RowError(spec.number, number, "Date of Birth",
                                   f"{born:%d/%m/%Y} is too far after {as_at:%d/%m/%Y} even for an unborn child."))
    for header, value in values.items():
        if isinstance(value, date) and header != "Date of Birth" and value > as_at:
            errors.append(RowError(spec.number, number, header,
                                   f"{value:%d/%m/%Y} is after {as_at:%d/%m/%Y}, the date the lists were drawn."))
    for start, end in ORDER:
        if values.get(start) and values.get(end) and values[end] < values[start]:
            errors.append(RowError(spec.number, number, end,
                                   f"{values[end]:%d/%m/%Y} is before the {start.strip().lower()} "
                                   f"({values[start]:%d/%m/%Y})."))
    return errors
