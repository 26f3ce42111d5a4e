"""Reading an Annex A workbook (inspection/annex_a/reading.py): one cell at a time (codes, dates,
counts, IDs, Excel errors, blanks), then whole workbooks built here with openpyxl: both layouts,
sheet names, header variants, wrong headers, missing sheets, impossible dates, blank rows and
files that are not workbooks at all.

Nothing here touches the database.
"""

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from dateutil.relativedelta import relativedelta

from cases.codes import CategoryOfAbuse, PlacementProvider, PrimaryNeed
from inspection.annex_a.reading import COLUMNS, Kind, RowError, read_cell, read_workbook
from inspection.annex_a.spec import LIST_BY_NUMBER, LISTS

AS_AT = date(2026, 1, 15)
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "annex_a"
OFSTED_SAMPLES = ["example-B-2004.xlsx", "annex_a/2015-01-sample.xlsx", "annex_a/2016-01-sample.xlsx",
                  "annex_a/2016-02-sample.xlsx"]

# The child's own columns, for rows built in tests (the ones a list has are used).
CHILD = {
    "Child Unique ID": "C1",
    "Gender": "b) Female",
    "Ethnicity": "a) WBRI",
    "Date of Birth": date(2015, 3, 1),
    "Age of Child (Years)": 10,
    "Does the Child have a Disability": "b) No",
}


def line(number: int, values: dict | None = None, *, child: dict | None = None) -> dict:
    """A row of List ``number`` as {Ofsted header: value}: the child's columns from CHILD (updated
    with ``child``), then ``values``. Headers must be the list's own, exactly."""
    columns = LIST_BY_NUMBER[number].columns
    row = {header: value for header, value in {**CHILD, **(child or {})}.items() if header in columns}
    for header, value in (values or {}).items():
        assert header in columns, f"List {number} has no column {header!r}"
        row[header] = value
    return row


def write_workbook(path, rows: dict[int, list] | None = None, *, header_in_row_1: bool = False,
                   sheet_name=None, leave_out=(), headers: dict[int, list] | None = None) -> Path:
    """A minimal Annex A workbook: every list's sheet with (unless ``header_in_row_1``) Ofsted's
    title in row 1, the headers from spec.LISTS (or ``headers[n]``), then ``rows[n]``: each a
    dict from ``line`` or a raw list of cells (for blank or odd rows)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in LISTS:
        if spec.number in leave_out:
            continue
        sheet = book.create_sheet(sheet_name(spec) if sheet_name else spec.sheet)
        if not header_in_row_1:
            sheet.append([spec.title_text])
        sheet.append(list((headers or {}).get(spec.number, spec.columns)))
        for row in (rows or {}).get(spec.number, []):
            sheet.append(row if isinstance(row, list) else [row.get(header) for header in spec.columns])
    book.save(path)
    return Path(path)


def errors_as_tuples(book) -> list[tuple]:
    return [(error.list_number, error.row, error.column) for error in book.errors]


# --- read_cell: codes

GENDER = COLUMNS["Gender"][0]
YES_NO = COLUMNS["Referral NFA?"][0]
PROVIDER = COLUMNS["Placement Provider"][0]
PRIMARY_NEED = COLUMNS["Primary Need Code"][0]


@pytest.mark.parametrize("allowed, raw, expected", [
    (GENDER, "b) Female", "b) Female"),  # exact
    (GENDER, "Female", "b) Female"),  # without the letter prefix
    (GENDER, "  FEMALE ", "b) Female"),  # case and spacing
    (GENDER, "B) female.", "b) Female"),  # punctuation
    (GENDER, "c) Not stated / recorded", "c) Not stated/recorded"),
    (YES_NO, "Yes", "a) Yes"),
    (YES_NO, "no", "b) No"),
    (PRIMARY_NEED, "N1 - Abuse or Neglect", "N1 - Abuse or neglect"),
    (PRIMARY_NEED, "N2 - Child's disability", "N2 - Child’s disability"),  # straight quote for Ofsted's curly one
    (PROVIDER, "e) PR4 - Private provision", "e) PR4: Private provision"),
    (PROVIDER, "PR4: Private provision", "e) PR4: Private provision"),
    (COLUMNS["Initial Category of Abuse"][0], "Physical abuse", "b) Physical abuse"),
])
def test_codes_are_matched_leniently_and_come_out_as_ofsteds_code(allowed, raw, expected):
    assert read_cell(allowed, raw) == expected


def test_every_code_reads_as_itself_and_without_its_prefix():
    for header, (kind, _required) in COLUMNS.items():
        if not isinstance(kind, tuple):
            continue
        for code in kind:
            assert read_cell(kind, code) == code, (header, code)
            unprefixed = code.split(") ", 1)[1] if ") " in code[:4] else code
            assert read_cell(kind, unprefixed) == code, (header, unprefixed)


@pytest.mark.parametrize("allowed, raw", [
    (GENDER, "Martian"),
    (GENDER, "F"),
    (YES_NO, "Maybe"),
    (PRIMARY_NEED, "PSRMEM - Support with memory and cognition"),
    (PROVIDER, "PR9 - Somewhere"),
])
def test_an_unknown_code_is_an_error_naming_the_value(allowed, raw):
    with pytest.raises(ValueError) as raised:
        read_cell(allowed, raw)
    message = str(raised.value)
    assert f"“{raw}” is not one of Ofsted's codes for this column" in message
    assert f"“{allowed[0]}”" in message  # shows what would do


def test_the_codes_come_from_the_case_record_choices():
    assert set(PRIMARY_NEED) == set(PrimaryNeed.values)
    assert set(PROVIDER) == set(PlacementProvider.values)
    assert set(COLUMNS["Latest Category of Abuse"][0]) == set(CategoryOfAbuse.values)


# --- read_cell: dates

@pytest.mark.parametrize("raw, expected", [
    (datetime(2026, 3, 5, 0, 0), date(2026, 3, 5)),
    (datetime(2026, 3, 5, 14, 30), date(2026, 3, 5)),
    (date(2026, 3, 5), date(2026, 3, 5)),
    ("05/03/2026", date(2026, 3, 5)),  # day first, as English councils write it
    ("5/3/2026", date(2026, 3, 5)),
    ("2026-03-05", date(2026, 3, 5)),
    (" 05-03-2026 ", date(2026, 3, 5)),
    ("05.03.2026", date(2026, 3, 5)),
])
def test_dates_as_excel_dates_or_text(raw, expected):
    value = read_cell(Kind.DATE, raw)
    assert value == expected and type(value) is date


@pytest.mark.parametrize("raw, message", [
    ("31/02/2026", "31/02/2026 is not a real date."),
    ("29/02/2025", "29/02/2025 is not a real date."),
    ("soon", "“soon” is not a date; dates are written DD/MM/YYYY."),
    ("03/05/26", "“03/05/26” is not a date; dates are written DD/MM/YYYY."),
    (45000, "“45000” is not a date; dates are written DD/MM/YYYY."),
])
def test_impossible_or_unreadable_dates_are_errors(raw, message):
    with pytest.raises(ValueError) as raised:
        read_cell(Kind.DATE, raw)
    assert str(raised.value) == message


# --- read_cell: counts, numbers, IDs, text

@pytest.mark.parametrize("raw, expected", [("2", 2), (2, 2), (2.0, 2), ("0", 0), (" 3 ", 3), ("4.0", 4)])
def test_counts_are_whole_numbers(raw, expected):
    value = read_cell(Kind.COUNT, raw)
    assert value == expected and type(value) is int


@pytest.mark.parametrize("raw, message", [
    (-1, "“-1” is not a count (a whole number, 0 or more)."),
    (1.5, "“1.5” is not a count (a whole number, 0 or more)."),
    ("two", "“two” is not a number."),
    (True, "“True” is not a number."),
])
def test_counts_that_are_not_whole_numbers_are_errors(raw, message):
    with pytest.raises(ValueError) as raised:
        read_cell(Kind.COUNT, raw)
    assert str(raised.value) == message


def test_numbers_accept_fractions():
    # Ages: liiatools writes them as years with a fraction; they are read and not kept.
    assert read_cell(Kind.NUMBER, 6.138261464750171) == pytest.approx(6.138261464750171)
    assert read_cell(Kind.NUMBER, "10.5") == 10.5
    assert read_cell(Kind.NUMBER, -1) == -1  # an unborn child's age
    with pytest.raises(ValueError, match="“ten” is not a number"):
        read_cell(Kind.NUMBER, "ten")


@pytest.mark.parametrize("raw, expected", [
    (123.0, "123"), (123, "123"), ("  AB-12 ", "AB-12"), ("x" * 40, "x" * 40), (9212044, "9212044"),
])
def test_ids(raw, expected):
    assert read_cell(Kind.ID, raw, required=True) == expected


def test_ids_longer_than_40_characters_or_with_fractions_are_errors():
    with pytest.raises(ValueError, match="at most 40 characters"):
        read_cell(Kind.ID, "x" * 41)
    with pytest.raises(ValueError, match="“12.5” is not a Child Unique ID"):
        read_cell(Kind.ID, 12.5)


def test_text_is_trimmed_and_its_spaces_made_plain():
    assert read_cell(Kind.TEXT, "  Dustin\xa0Hazlett ") == "Dustin Hazlett"
    assert read_cell(Kind.TEXT, "Locality  4   Duty Team") == "Locality 4 Duty Team"
    assert read_cell(Kind.TEXT, 1234) == "1234"


@pytest.mark.parametrize("kind", [Kind.TEXT, Kind.DATE, Kind.COUNT, Kind.ID, GENDER])
@pytest.mark.parametrize("raw", ["#N/A", " #REF! ", "#VALUE!"])
def test_excel_errors_are_errors_that_say_so(kind, raw):
    with pytest.raises(ValueError) as raised:
        read_cell(kind, raw)
    assert str(raised.value) == f"The cell holds the Excel error {raw.strip()}; put the value in, or leave it empty."


@pytest.mark.parametrize("kind", [Kind.TEXT, Kind.DATE, Kind.COUNT, Kind.NUMBER, Kind.ID, GENDER])
@pytest.mark.parametrize("raw", [None, "", "   "])
def test_blanks(kind, raw):
    assert read_cell(kind, raw) is None
    with pytest.raises(ValueError) as raised:
        read_cell(kind, raw, required=True)
    assert str(raised.value) == "This must be filled in."


def test_row_error_says_where():
    assert str(RowError(3, 5, "Referral Source", "Wrong.")) == "List_3, row 5, column “Referral Source”: Wrong."
    assert str(RowError(9, 2, "LA In Touch ", "Wrong.")) == "List_9, row 2, column “LA In Touch”: Wrong."
    assert str(RowError(4, None, None, "No sheet.")) == "List_4: No sheet."
    assert str(RowError(None, None, None, "Not a workbook.")) == "Workbook: Not a workbook."
    assert RowError(3, 5, "Gender", "x").as_dict() == {"list": 3, "row": 5, "column": "Gender", "reason": "x"}


# --- read_workbook: layouts and sheet names

CONTACT = {"Date of Contact": date(2025, 12, 1), "Contact Source": "q) 6: Police"}


def test_ofsted_layout_title_in_row_1_headers_in_row_2(tmp_path):
    rows = [line(1, CONTACT), line(1, CONTACT, child={"Child Unique ID": 77.0})]
    path = write_workbook(tmp_path / "a.xlsx", {1: rows})
    book = read_workbook(path, AS_AT)
    assert book.errors == []
    assert book.layouts == {number: "ofsted" for number in range(1, 12)}
    assert [row.number for row in book.rows[1]] == [3, 4]
    first, second = book.rows[1]
    assert first.values == {
        "Child Unique ID": "C1", "Gender": "b) Female", "Ethnicity": "a) WBRI", "Date of Birth": date(2015, 3, 1),
        "Age of Child (Years)": 10, "Date of Contact": date(2025, 12, 1), "Contact Source": "q) 6: Police",
    }
    assert second["Child Unique ID"] == "77"
    assert {number: len(rows) for number, rows in book.rows.items()} == {1: 2, **{n: 0 for n in range(2, 12)}}


def test_header_in_row_1_layout_and_sheets_named_with_a_space(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", {1: [line(1, CONTACT)]}, header_in_row_1=True,
                          sheet_name=lambda spec: f"List {spec.number}")
    book = read_workbook(path, AS_AT)
    assert book.errors == []
    assert book.layouts == {number: "header in row 1" for number in range(1, 12)}
    [row] = book.rows[1]
    assert (row.number, row["Date of Contact"]) == (2, date(2025, 12, 1))


def test_each_sheet_may_have_its_own_layout(tmp_path):
    path = tmp_path / "a.xlsx"
    write_workbook(path, {1: [line(1, CONTACT)]})
    book = openpyxl.load_workbook(path)
    book["List_1"].delete_rows(1)
    book["List_5"].delete_rows(1)
    book.save(path)
    result = read_workbook(path, AS_AT)
    assert result.errors == []
    assert [number for number, layout in result.layouts.items() if layout == "header in row 1"] == [1, 5]
    assert result.rows[1][0].number == 2


def test_header_variants_are_recognised(tmp_path):
    """Case, spacing, punctuation and quotes do not matter; "Age" is "Age of Child (Years)"."""
    headers = {}
    for spec in LISTS:
        variants = []
        for header in spec.columns:
            header = {"Age of Child (Years)": "Age", "LA In Touch ": "LA in Touch", "Case status": "Case Status",
                      "Date of referral": "Date of Referral"}.get(header, header)
            variants.append(header.replace("’", "'").replace("‘", "'").upper() if spec.number in (4, 8) else header)
        headers[spec.number] = variants
    headers[8][5] = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))"  # liiatools' typo
    path = write_workbook(tmp_path / "a.xlsx", {9: [line(9, {"LA In Touch ": "Yes"})]}, headers=headers)
    book = read_workbook(path, AS_AT)
    assert book.errors == []
    assert set(book.layouts.values()) == {"ofsted"} and len(book.layouts) == 11
    assert book.rows[9][0]["LA In Touch "] == "a) Yes"


@pytest.mark.parametrize("sample", OFSTED_SAMPLES)
def test_ofsteds_own_example_workbooks_have_every_header_recognised(sample):
    """Their rows are fake and some are invalid (codes like "F", "POLICE"; dates of birth in 2000),
    but every sheet is found and its headers are Ofsted's."""
    book = read_workbook(FIXTURES / sample, AS_AT)
    assert book.layouts == {number: "ofsted" for number in range(1, 12)}
    assert not [error for error in book.errors if error.row in (None, 1, 2)]


# --- read_workbook: errors

def test_a_wrong_header_names_the_list_row_column_and_letter(tmp_path):
    headers = {3: [*LIST_BY_NUMBER[3].columns]}
    headers[3][6] = "Source of referral"
    path = write_workbook(tmp_path / "a.xlsx", {3: [line(3, {"Date of referral": date(2025, 12, 1)})]},
                          headers=headers)
    book = read_workbook(path, AS_AT)
    assert [str(error) for error in book.errors] == [
        "List_3, row 2, column “Referral Source”: Column G should be headed “Referral Source”; "
        "it has “Source of referral”."
    ]
    assert 3 not in book.rows and 3 not in book.layouts  # the sheet is not read at all
    assert book.layouts.keys() == set(range(1, 12)) - {3}


def test_missing_and_extra_headers(tmp_path):
    columns = list(LIST_BY_NUMBER[1].columns)
    headers = {1: columns[:-1], 2: [*LIST_BY_NUMBER[2].columns, "Notes"]}
    book = read_workbook(write_workbook(tmp_path / "a.xlsx", headers=headers), AS_AT)
    assert [str(error) for error in book.errors] == [
        "List_1, row 2, column “Contact Source”: Column G should be headed “Contact Source”; it has nothing.",
        "List_2, row 2: Column I (“Notes”) is not one of the list's 8 columns.",
    ]


def test_a_missing_sheet_is_named(tmp_path):
    book = read_workbook(write_workbook(tmp_path / "a.xlsx", leave_out=(4, 11)), AS_AT)
    assert [str(error) for error in book.errors] == [
        "List_4: The workbook has no sheet called List_4 (List 4: Assessments).",
        "List_11: The workbook has no sheet called List_11 (List 11: Adopters).",
    ]
    assert sorted(book.layouts) == [1, 2, 3, 5, 6, 7, 8, 9, 10]


def test_a_date_after_the_as_at_date(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", {1: [
        line(1, {**CONTACT, "Date of Contact": AS_AT}),  # the day itself is fine
        line(1, {**CONTACT, "Date of Contact": AS_AT + relativedelta(days=1)}),
    ]})
    book = read_workbook(path, AS_AT)
    assert [str(error) for error in book.errors] == [
        "List_1, row 4, column “Date of Contact”: 16/01/2026 is after 15/01/2026, the date the lists were drawn.",
    ]
    assert [row.number for row in book.rows[1]] == [3]


def test_a_date_of_birth_making_the_child_over_25(tmp_path):
    too_old = AS_AT - relativedelta(years=26, days=1)
    oldest = AS_AT - relativedelta(years=25, months=11)
    unborn = AS_AT + relativedelta(months=3)  # an unborn child's expected date of birth is allowed
    too_far = AS_AT + relativedelta(months=11)
    path = write_workbook(tmp_path / "a.xlsx", {9: [
        line(9, child={"Date of Birth": too_old}), line(9, child={"Date of Birth": oldest}),
    ], 1: [line(1, CONTACT, child={"Date of Birth": unborn}), line(1, CONTACT, child={"Date of Birth": too_far})]})
    book = read_workbook(path, AS_AT)
    assert [str(error) for error in book.errors] == [
        "List_1, row 4, column “Date of Birth”: 15/12/2026 is too far after 15/01/2026 even for an unborn child.",
        "List_9, row 3, column “Date of Birth”: 14/01/2000 would make the child over 25.",
    ]
    assert [row.number for row in book.rows[9]] == [4]


@pytest.mark.parametrize("number, values, column, reason", [
    (7, {"Child Protection Plan Start Date": date(2025, 12, 1), "Child Protection Plan End Date": date(2025, 11, 1)},
     "Child Protection Plan End Date", "01/11/2025 is before the child protection plan start date (01/12/2025)."),
    (8, {"Date Started to be Looked After": date(2025, 10, 2), "Date Ceased to be Looked After ": date(2025, 10, 1)},
     "Date Ceased to be Looked After ", "01/10/2025 is before the date started to be looked after (02/10/2025)."),
    (4, {"Continuous Assessment Start Date": date(2025, 10, 2),
         "Continuous Assessment Date of Authorisation": date(2025, 9, 30)},
     "Continuous Assessment Date of Authorisation",
     "30/09/2025 is before the continuous assessment start date (02/10/2025)."),
])
def test_an_end_before_its_start(tmp_path, number, values, column, reason):
    path = write_workbook(tmp_path / "a.xlsx", {number: [line(number, values)]})
    book = read_workbook(path, AS_AT)
    assert [(error.list_number, error.row, error.column, error.reason) for error in book.errors] == [
        (number, 3, column, reason)
    ]
    assert book.rows[number] == []


def test_every_bad_cell_of_a_row_is_reported_and_the_row_left_out(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", {3: [
        line(3, {"Date of referral": "31/02/2026", "Referral Source": "Neighbour", "Referral NFA?": "No",
                 "Number of Referrals in Last 12 Months": "two", "Allocated Team": "#N/A"},
             child={"Child Unique ID": None}),
        line(3, {"Date of referral": date(2025, 11, 3), "Referral NFA?": "Yes",
                 "Number of Referrals in Last 12 Months": 1.0}),
    ]})
    book = read_workbook(path, AS_AT)
    assert errors_as_tuples(book) == [
        (3, 3, "Child Unique ID"), (3, 3, "Date of referral"), (3, 3, "Referral Source"),
        (3, 3, "Number of Referrals in Last 12 Months"), (3, 3, "Allocated Team"),
    ]
    assert book.errors[1].reason == "31/02/2026 is not a real date."
    assert "Excel error #N/A" in book.errors[4].reason
    [row] = book.rows[3]
    assert (row.number, row["Referral NFA?"], row["Number of Referrals in Last 12 Months"]) == (4, "a) Yes", 1)


def test_a_value_beyond_the_last_column(tmp_path):
    extra = [line(1, CONTACT)[header] for header in LIST_BY_NUMBER[1].columns] + [None, "stray"]
    book = read_workbook(write_workbook(tmp_path / "a.xlsx", {1: [extra]}), AS_AT)
    assert [str(error) for error in book.errors] == ["List_1, row 3: Column I has a value but no header."]


def test_blank_rows_are_skipped(tmp_path):
    width = len(LIST_BY_NUMBER[1].columns)
    path = write_workbook(tmp_path / "a.xlsx", {1: [
        line(1, CONTACT), [None] * width, ["  ", "", None], line(1, CONTACT, child={"Child Unique ID": "C2"}),
    ]})
    book = read_workbook(path, AS_AT)
    assert book.errors == []
    assert [(row.number, row["Child Unique ID"]) for row in book.rows[1]] == [(3, "C1"), (6, "C2")]


def test_list_11_rows_are_read_as_text_and_counted(tmp_path):
    adopter = ["A1", "F1", "a) Male", "a) WBRI", "b) No", "Yes", datetime(2025, 8, 6)] + [None] * 12
    book = read_workbook(write_workbook(tmp_path / "a.xlsx", {11: [adopter]}), AS_AT)
    assert book.errors == []
    [row] = book.rows[11]
    assert row["Individual adopter identifier"] == "A1" and row["Date enquiry received"] == "2025-08-06 00:00:00"


def test_a_csv_file_gives_one_clear_error(tmp_path):
    path = tmp_path / "annex-a.csv"
    path.write_text("Child Unique ID,Gender\nC1,b) Female\n")
    book = read_workbook(path, AS_AT)
    assert len(book.errors) == 1
    assert str(book.errors[0]).startswith("Workbook: This is not an Excel workbook that can be read")
    assert book.rows == {} and book.layouts == {}


def test_a_file_that_is_not_there_gives_one_clear_error(tmp_path):
    book = read_workbook(tmp_path / "nowhere.xlsx", AS_AT)
    assert len(book.errors) == 1 and book.errors[0].list_number is None
    assert book.errors[0].reason.startswith("This is not an Excel workbook that can be read")


# --- Problems found in review and put right: unreadable files, header errors on the right row, non-finite
# counts, the 26th birthday


@pytest.mark.parametrize("content", [
    b"Child Unique ID,Gender\nC1,b) Female\n",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # the signature an old .xls file starts with
], ids=["csv-renamed-xlsx", "old-xls-header"])
def test_a_file_named_xlsx_that_is_not_a_workbook_gives_one_clear_error(tmp_path, content):
    """A CSV saved with an .xlsx name, or an old .xls (OLE2) renamed, is not a zip file: openpyxl
    raises zipfile.BadZipFile, which read_workbook does not catch. The command passes an open file,
    so there every non-workbook (even a .csv) fails this way."""
    path = tmp_path / "annex-a.xlsx"
    path.write_bytes(content)
    try:
        book = read_workbook(path, AS_AT)
    except Exception as error:  # noqa: BLE001 - the point is that it must not raise
        pytest.fail(f"read_workbook raised {type(error).__module__}.{type(error).__name__}: {error} "
                    f"instead of reporting one error")
    assert len(book.errors) == 1 and book.errors[0].list_number is None


def test_a_non_workbook_given_as_an_open_file_gives_one_clear_error(tmp_path):
    path = tmp_path / "annex-a.csv"
    path.write_text("Child Unique ID,Gender\nC1,b) Female\n")
    with path.open("rb") as handle:
        try:
            book = read_workbook(handle, AS_AT)
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"read_workbook raised {type(error).__name__}: {error} instead of reporting one error")
    assert len(book.errors) == 1 and book.errors[0].list_number is None


def test_a_wrong_header_in_a_header_in_row_1_sheet_is_reported_on_row_1(tmp_path):
    """With the headers in row 1 and data from row 2, one misspelt header makes the reader compare
    the first data row with the headers: every column is reported on row 2 ("Column A should be
    headed “Child Unique ID”; it has “C1”") and the misspelt header is not named."""
    headers = {3: [*LIST_BY_NUMBER[3].columns]}
    headers[3][6] = "Source of referral"
    path = write_workbook(tmp_path / "a.xlsx", {3: [line(3, {"Date of referral": date(2025, 12, 1)})]},
                          headers=headers, header_in_row_1=True)
    book = read_workbook(path, AS_AT)
    assert [str(error) for error in book.errors] == [
        "List_3, row 1, column “Referral Source”: Column G should be headed “Referral Source”; "
        "it has “Source of referral”."
    ]


def test_a_count_written_as_inf_is_an_error_not_a_crash():
    """float("inf") is a float, so "inf" (or "1e400") in a count cell reaches int(), which raises
    OverflowError: not a ValueError, so read_workbook does not catch it and the import crashes."""
    for raw in ("inf", "1e400"):
        try:
            read_cell(Kind.COUNT, raw)
        except ValueError as error:
            assert "is not" in str(error)
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"read_cell(Kind.COUNT, {raw!r}) raised {type(error).__name__}: {error}")
        else:
            pytest.fail(f"read_cell(Kind.COUNT, {raw!r}) accepted it")


def test_a_child_26_on_the_as_at_date_is_over_25(tmp_path):
    """The check is ``born < as_at - 26 years``: a child born exactly 26 years before the as-at
    date (26 that day) is let through, one day short of the rule it states."""
    born = AS_AT - relativedelta(years=26)
    path = write_workbook(tmp_path / "a.xlsx", {9: [line(9, child={"Date of Birth": born})]})
    book = read_workbook(path, AS_AT)
    assert [str(error) for error in book.errors] == [
        "List_9, row 3, column “Date of Birth”: 15/01/2000 would make the child over 25."
    ]
