"""Importing an Annex A workbook (inspection/annex_a/importing): a seeded council's export imported
into an empty database draws the same lists again, cell for cell, in Ofsted's layout and with the
headers in row 1; a malformed or contradictory workbook imports nothing; a dry run keeps nothing;
re-importing adds nothing and matches children, teams and workers already held; the figures
Annex A gives about history we hold no records of are carried and expire as carried.py says; the
liiatools sample is recognised but rejected cell by cell; and the import_annex_a command.
"""

from datetime import date
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Child, Episode, Event, EventKind, Flag, LegalStatus, Placement, Stage, Team, Worker
from cases.rules import age_on
from inspection.annex_a import carried
from inspection.annex_a.importing import import_annex_a
from inspection.annex_a.spec import LIST_BY_NUMBER, LISTS
from inspection.annex_a.workbook import write_annex_a
from inspection.demo.seed import _clear as clear_seeded_council

from .test_annex_a_reading import line, write_workbook

pytestmark = pytest.mark.django_db

AS_AT = date(2026, 1, 15)  # the seed's "today" and the small council's as-at date
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "annex_a"
LIIATOOLS_SAMPLE = FIXTURES / "liiatools-sample-Annex_A.xlsx"
ALL_LISTS = range(1, 12)


# --- helpers


def sheets(path) -> dict[str, list[tuple]]:
    """Every sheet's rows, values only, in sheet order."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def assert_same_sheets(got: dict, wanted: dict) -> None:
    """Cell for cell; on a difference, the sheet and the first row that differs."""
    assert list(got) == list(wanted)
    for name in wanted:
        if got[name] != wanted[name]:
            index = next((index for index, (a, b) in enumerate(zip(got[name], wanted[name])) if a != b),
                         min(len(got[name]), len(wanted[name])))
            pytest.fail(f"{name} differs: {len(got[name])} rows, wanted {len(wanted[name])}; first difference at "
                        f"row {index + 1}: {got[name][index:index + 1]} != {wanted[name][index:index + 1]}")


def case_counts() -> dict[str, int]:
    models = (Child, Episode, Event, Flag, Placement, LegalStatus, Team, Worker, get_user_model())
    return {model.__name__: model.objects.count() for model in models}


def seed_and_export(tmp_path, as_at: date, children: int = 300, seed: int = 1) -> Path:
    call_command("seed_demo", children=children, seed=seed, as_of=AS_AT, password="annex-a-tests", stdout=StringIO())
    path = tmp_path / f"seeded-{as_at}.xlsx"
    write_annex_a(path, as_at)
    return path


def empty_case_data() -> None:
    """Everything the seed made but the audit reviewers' logins: the seed's own --replace clearing
    (audits, journeys, events, flags, placements, legal statuses, episodes, children, workers and
    their accounts, the demo logins, teams)."""
    clear_seeded_council()
    left = case_counts()
    assert {name: count for name, count in left.items() if name != "User"} == {
        "Child": 0, "Episode": 0, "Event": 0, "Flag": 0, "Placement": 0, "LegalStatus": 0, "Team": 0, "Worker": 0,
    }
    # What is left: the audit reviewers' logins, which are not workers and wrote no case records.
    left_users = list(get_user_model().objects.values_list("username", flat=True))
    assert left_users and all(username.startswith("qa.reviewer.") for username in left_users), left_users


def make_importer():
    return get_user_model().objects.create_user(username="importer", first_name="Ina", last_name="Porter")


@pytest.fixture
def importer(db):
    return make_importer()


def data_rows(path, number: int) -> list[dict]:
    """List ``number`` of an exported workbook as {header: value} (dates as date)."""
    rows = sheets(path)[f"List_{number}"][2:]
    columns = LIST_BY_NUMBER[number].columns
    return [{header: value.date() if hasattr(value, "date") else value for header, value in zip(columns, row)}
            for row in rows]


# --- a small council, built cell by cell (as at 15 January 2026)


def age(born: date, on: date = AS_AT) -> int:
    return age_on(born, on)


AVA = {"Child Unique ID": "C1", "Gender": "b) Female", "Ethnicity": "a) WBRI", "Date of Birth": date(2015, 3, 1),
       "Age of Child (Years)": age(date(2015, 3, 1)), "Does the Child have a Disability": "b) No"}
BEN = {"Child Unique ID": "C2", "Gender": "a) Male", "Ethnicity": "k) APKN", "Date of Birth": date(2012, 8, 8),
       "Age of Child (Years)": age(date(2012, 8, 8)), "Does the Child have a Disability": "a) Yes"}
CAL = {"Child Unique ID": "C3", "Gender": "a) Male", "Ethnicity": "s) NOBT", "Date of Birth": date(2019, 5, 10),
       "Age of Child (Years)": age(date(2019, 5, 10))}
DEE = {"Child Unique ID": "C4", "Gender": "b) Female", "Ethnicity": "a) WBRI", "Date of Birth": date(2006, 5, 1),
       "Age of Child (Years)": age(date(2006, 5, 1)), "Does the Child have a Disability": "b) No"}
REFERRALS_BEFORE = 3  # List 3: Ava's referrals in the 12 months before her latest; we hold none of them
PREVIOUS_PLANS = 2  # List 7: Ava's earlier plans; we hold none
PLACEMENTS = 4  # List 8: Ben's placements in the last 12 months; we hold his latest only


def small_council(**changes) -> dict[int, list[dict]]:
    """Four children: Ava referred, enquired into and on a child protection plan; Ben in care;
    Cal with a contact and early help; Dee a care leaver. ``changes``: list_N=[rows] replaces a list."""
    rows = {
        1: [line(1, {"Date of Contact": date(2025, 12, 1), "Contact Source": "q) 6: Police"}, child=CAL)],
        2: [line(2, {"Assessment start date": date(2025, 10, 1), "Assessment completion date": date(2025, 10, 20),
                     "Organisation completing assessment": "Early Help Locality 2"}, child=CAL)],
        3: [line(3, {"Date of referral": date(2025, 9, 1), "Referral Source": "q) 6: Police", "Referral NFA?": "b) No",
                     "Number of Referrals in Last 12 Months": REFERRALS_BEFORE, "Allocated Team": "Front Door",
                     "Allocated Worker": "Priya Shah"}, child=AVA)],
        5: [line(5, {"Strategy discussion initiating Section 47 Enquiry Start Date": date(2025, 9, 2),
                     "Was an Initial Child Protection Conference deemed unnecessary?": "b) No",
                     "Date of Initial Child Protection Conference": date(2025, 9, 16),
                     "Did the Initial Child Protection Conference Result in a Child Protection Plan": "a) Yes",
                     "Number of Section 47 Enquiries in the last 12 months": 0,
                     "Number of ICPCs in the last 12 months": 0,
                     "Allocated Team": "Child Protection 1", "Allocated Worker": "Gareth Holt"}, child=AVA)],
        6: [
            line(6, {"CIN Start Date": date(2025, 9, 1), "Date Child Was Last Seen": date(2026, 1, 5),
                     "Case status": "b) Child Protection plan", "Allocated Team": "Child Protection 1",
                     "Allocated Worker": "Gareth Holt"}, child=AVA),
            line(6, {"CIN Start Date": date(2025, 6, 1), "Primary Need Code": "N1 - Abuse or neglect",
                     "Case status": "a) Looked after child", "Allocated Team": "Children in Care",
                     "Allocated Worker": "Helen Marsden"}, child=BEN),
        ],
        7: [line(7, {"Child Protection Plan Start Date": date(2025, 9, 16), "Initial Category of Abuse": "a) Neglect",
                     "Latest Category of Abuse": "d) Emotional abuse",
                     "Date of the Last Statutory Visit": date(2026, 1, 5), "Was the Child Seen Alone?": "a) Yes",
                     "Date of latest review conference": date(2025, 12, 10),
                     "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)":
                         "a) Yes",
                     "Number of Previous Child Protection Plans": PREVIOUS_PLANS,
                     "Allocated Team": "Child Protection 1", "Allocated Worker": "Gareth Holt"}, child=AVA)],
        8: [line(8, {
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "b) No",
            "Date Started to be Looked After": date(2025, 6, 1), "Child's Category of Need": "N1 - Abuse or neglect",
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)":
                "b) No",
            "Start date of current legal status": date(2025, 6, 1), "Child's Legal Status": "C2: FCO",
            "Date of Latest Statutory Review": date(2025, 12, 1), "Date of Last Social Work Visit": date(2026, 1, 10),
            "What is the permanence plan for this child?": "a) Return to family",
            "Date of Last IRO Visit / Contact to the Child": date(2025, 12, 2),
            "Date of Last Health Assessment": date(2025, 9, 1), "Date of Last Dental Check": date(2025, 10, 1),
            "Number of Placements in the Last 12 months": PLACEMENTS,
            "Start Date of Most Recent Placement": date(2025, 11, 1),
            "Placement Type": "d) U4: Foster placement - long term", "Placement Provider": "b) PR1: Own provision",
            "Placement postcode": "AB1 2CD", "URN of Placement": "SC123456", "Placement Location": "a) In",
            "LA of Placement": "WAL - Child placed in Wales",
            "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months": 0,
            "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months": 2,
            "Allocated Team": "Children in Care", "Allocated Worker": "Helen Marsden"}, child=BEN)],
        9: [line(9, {"Allocated Team": "Leaving Care", "Allocated Worker": "Sam Patel",
                     "Eligibility Category": "b) Former relevant child", "LA In Touch ": "a) Yes",
                     "Type of Accommodation": "D: Semi-independent, transitional accommodation and self-contained "
                                              "accommodation",
                     "Suitability of Accommodation": "a) Suitable",
                     "Activity Status": "F2: Full time in education other than higher"}, child=DEE)],
    }
    for key, value in changes.items():
        rows[int(key.removeprefix("list_"))] = value
    return rows


def small_workbook(tmp_path, name: str = "small.xlsx", **changes) -> Path:
    return write_workbook(tmp_path / name, small_council(**changes))


def in_workbook_order(rows: dict[int, list[dict]], number: int) -> list[tuple]:
    return [tuple(row.get(header) for header in LIST_BY_NUMBER[number].columns) for row in rows.get(number, [])]


# --- the round trip (the acceptance)


@pytest.mark.parametrize("as_at", [AS_AT, date(2025, 10, 31)], ids=str)
def test_a_seeded_councils_export_imported_into_an_empty_database_draws_the_same_lists(tmp_path, as_at):
    path = seed_and_export(tmp_path, as_at)
    first = sheets(path)
    data = {number: len(first[f"List_{number}"]) - 2 for number in ALL_LISTS}
    assert data[11] == 0 and all(data[number] > 0 for number in range(1, 11))
    assert sum(data.values()) > 450
    empty_case_data()

    result = import_annex_a(path, as_at=as_at, user=make_importer())

    assert result.ok, [str(error) for error in result.errors[:10]]
    assert result.warnings == []
    assert result.layouts == {number: "ofsted" for number in ALL_LISTS}
    assert result.rows == data
    built = result.built
    assert built.children_added == Child.objects.count() > 150
    assert built.children_updated == built.episodes_updated == 0
    assert built.episodes_added == Episode.objects.count()
    assert sorted(built.teams_added) == sorted(Team.objects.values_list("name", flat=True))
    assert len(built.workers_added) == Worker.objects.count() > 20
    assert not Worker.objects.filter(user__is_active=True).exists()  # they cannot sign in
    again = tmp_path / "again.xlsx"
    write_annex_a(again, as_at)
    assert_same_sheets(sheets(again), first)


def test_with_the_headers_in_row_1_the_same_workbook_imports_to_the_same_lists(tmp_path):
    path = seed_and_export(tmp_path, AS_AT)
    first = sheets(path)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for merged in list(sheet.merged_cells.ranges):  # the title, merged across the columns
            sheet.unmerge_cells(str(merged))
        sheet.delete_rows(1)
    moved = tmp_path / "header-in-row-1.xlsx"
    book.save(moved)
    assert {name: rows[0] for name, rows in sheets(moved).items()} == {
        spec.sheet: spec.columns for spec in LISTS}
    empty_case_data()
    importer = make_importer()

    result = import_annex_a(moved, as_at=AS_AT, user=importer)

    assert result.ok, [str(error) for error in result.errors[:10]]
    assert result.warnings == []
    assert result.layouts == {number: "header in row 1" for number in ALL_LISTS}
    again = tmp_path / "again.xlsx"
    write_annex_a(again, AS_AT)
    assert_same_sheets(sheets(again), first)

    # Ofsted's layout of the same lists, imported on top, adds and changes nothing.
    before = case_counts()
    result = import_annex_a(path, as_at=AS_AT, user=importer)
    assert result.ok and result.warnings == []
    built = result.built
    assert (built.children_added, built.children_updated, built.episodes_added, built.episodes_updated,
            built.events_added, built.teams_added, built.workers_added) == (0, 0, 0, 0, 0, [], [])
    assert case_counts() == before


# --- the small council


def test_the_small_council_imports_and_draws_the_same_lists(tmp_path, importer):
    rows = small_council()
    path = small_workbook(tmp_path)

    result = import_annex_a(path, as_at=AS_AT, user=importer)

    assert result.ok, [str(error) for error in result.errors]
    assert result.warnings == []
    assert result.rows == {1: 1, 2: 1, 3: 1, 4: 0, 5: 1, 6: 2, 7: 1, 8: 1, 9: 1, 10: 0, 11: 0}
    assert result.summary() == [
        "Read 9 rows from 11 lists (as at 15/01/2026).",
        "Added 4 children and updated 0.",
        # Ava: referral, enquiry, plan; Ben: care; Cal: contact, early help; Dee: leaving care. Events:
        # Ava's visit and review conference; Ben's review, visit, health assessment and dental check.
        "Added 7 episodes and updated 0; 6 visits, reviews and checks.",
        "Added 4 teams: Front Door, Child Protection 1, Children in Care, Leaving Care.",
        "Added 4 workers (accounts that cannot sign in until an administrator sets them up).",
    ]
    ava = Child.objects.get(local_id="C1")
    assert (ava.first_name, ava.gender, ava.date_of_birth, ava.disability) == ("", "b) Female", date(2015, 3, 1),
                                                                              "b) No")
    assert (ava.team.name, str(ava.worker)) == ("Child Protection 1", "Gareth Holt")
    assert Child.objects.get(local_id="C3").disability == "c) Unknown"  # Lists 1 and 2 do not say
    episodes = Episode.objects.filter(child=ava).order_by("start_date")
    assert list(episodes.values_list("stage", "start_date", "end_date")) == [
        (Stage.REFERRAL, date(2025, 9, 1), date(2025, 9, 1)),
        (Stage.SECTION_47, date(2025, 9, 2), date(2025, 9, 16)),
        (Stage.CHILD_PROTECTION, date(2025, 9, 16), None),
    ]
    assert set(Episode.objects.values_list("recorded_by", flat=True)) == {importer.pk}
    [placement] = Placement.objects.all()
    assert (placement.start_date, placement.placement_type, placement.postcode, placement.urn,
            placement.out_of_area) == (date(2025, 11, 1), "d) U4: Foster placement - long term", "AB1 2CD",
                                       "SC123456", False)
    assert list(LegalStatus.objects.values_list("start_date", "code")) == [(date(2025, 6, 1), "C2: FCO")]
    # The visit the List 6 row says Ava was last seen at is marked as one where she was seen.
    visit = Event.objects.get(child=ava, kind=EventKind.VISIT)
    assert (visit.date, visit.child_seen, visit.child_seen_alone) == (date(2026, 1, 5), True, True)

    out = tmp_path / "out.xlsx"
    write_annex_a(out, AS_AT)
    for number in ALL_LISTS:
        exported = [tuple(row.values()) for row in data_rows(out, number)]
        assert exported == in_workbook_order(rows, number), f"List {number}"


def test_a_dry_run_checks_and_counts_and_keeps_nothing(tmp_path, importer):
    before = case_counts()
    result = import_annex_a(small_workbook(tmp_path), as_at=AS_AT, user=importer, dry_run=True)
    assert result.ok and not result.imported and result.warnings == []
    summary = result.summary()
    assert summary[1:3] == ["Would add 4 children and update 0.",
                            "Would add 7 episodes and update 0; 6 visits, reviews and checks."]
    assert summary[3].startswith("Would add 4 teams: ") and summary[4].startswith("Would add 4 workers")
    assert case_counts() == before
    assert not Episode.history.exists() and not Child.history.exists()


def test_reimporting_adds_nothing(tmp_path, importer):
    path = small_workbook(tmp_path)
    assert import_annex_a(path, as_at=AS_AT, user=importer).ok
    before = case_counts()
    figures = dict(Episode.objects.values_list("pk", "history_not_held"))

    result = import_annex_a(path, as_at=AS_AT, user=importer)

    assert result.ok and result.warnings == []
    built = result.built
    assert (built.children_added, built.children_updated, built.episodes_added, built.episodes_updated,
            built.events_added, built.teams_added, built.workers_added) == (0, 0, 0, 0, 0, [], [])
    assert result.summary()[1:] == ["Added 0 children and updated 0.",
                                    "Added 0 episodes and updated 0; 0 visits, reviews and checks."]
    assert case_counts() == before
    assert dict(Episode.objects.values_list("pk", "history_not_held")) == figures


def test_children_teams_and_workers_already_held_are_matched(tmp_path, importer, make_child):
    front_door = Team.objects.create(name="Front Door")
    priya_user = get_user_model().objects.create_user(username="priya.shah", first_name="Priya", last_name="Shah")
    priya = Worker.objects.create(user=priya_user, team=front_door)
    held = make_child(front_door, local_id="C1", first_name="Ava", last_name="Ahmed", gender="a) Male",
                      date_of_birth=date(2015, 3, 1), disability="b) No")
    users_before = get_user_model().objects.count()

    result = import_annex_a(small_workbook(tmp_path), as_at=AS_AT, user=importer)

    assert result.ok and result.warnings == []
    assert (result.built.children_added, result.built.children_updated) == (3, 1)
    held.refresh_from_db()
    # The name we hold is kept; the gender is put right.
    assert (held.first_name, held.last_name, held.gender) == ("Ava", "Ahmed", "b) Female")
    assert list(held.history.order_by("history_id").values_list("history_change_reason", "gender")) == [
        (None, "a) Male"), ("Annex A import", "b) Female"), ("Annex A import: allocation", "b) Female")]
    assert (held.team.name, str(held.worker)) == ("Child Protection 1", "Gareth Holt")  # her plan's, now
    assert "Front Door" not in result.built.teams_added and "Priya Shah" not in result.built.workers_added
    assert Team.objects.filter(name__iexact="front door").count() == 1
    assert Worker.objects.filter(user__first_name="Priya", user__last_name="Shah").count() == 1
    referral = Episode.objects.get(child=held, stage=Stage.REFERRAL)
    assert (referral.team, referral.worker) == (front_door, priya)
    # Three teams and three workers were new (two of each for Ava's plan, Ben, Dee).
    assert len(result.built.teams_added) == 3 and len(result.built.workers_added) == 3
    assert get_user_model().objects.count() == users_before + 3


# --- malformed workbooks import nothing


def _wrong_header(book):
    book["List_3"]["G2"] = "Source of referral"


def _impossible_date(book):
    book["List_3"]["F3"] = "31/02/2026"


def _unknown_code(book):
    book["List_7"]["H3"] = "Cruelty"


def _missing_sheet(book):
    del book["List_8"]


WRONG_HEADER = (3, 2, "Referral Source", "Column G should be headed “Referral Source”; it has “Source of referral”.")
IMPOSSIBLE_DATE = (3, 3, "Date of referral", "31/02/2026 is not a real date.")
UNKNOWN_CODE = (7, 3, "Initial Category of Abuse",
                "“Cruelty” is not one of Ofsted's codes for this column (“a) Neglect”, “b) Physical abuse”, "
                "“c) Sexual abuse”, “d) Emotional abuse”, “e) Multiple/not recommended”).")
MISSING_SHEET = (8, None, None, "The workbook has no sheet called List_8 (List 8: Children in care).")


@pytest.mark.parametrize("faults, expected", [
    ([_wrong_header], [WRONG_HEADER]),
    ([_impossible_date], [IMPOSSIBLE_DATE]),
    ([_unknown_code], [UNKNOWN_CODE]),
    ([_missing_sheet], [MISSING_SHEET]),
    # With the header wrong, List 3 is not read, so its date is not reached.
    ([_wrong_header, _impossible_date, _unknown_code, _missing_sheet], [WRONG_HEADER, UNKNOWN_CODE, MISSING_SHEET]),
    ([_impossible_date, _unknown_code, _missing_sheet], [IMPOSSIBLE_DATE, UNKNOWN_CODE, MISSING_SHEET]),
], ids=["wrong-header", "impossible-date", "unknown-code", "missing-sheet", "all-four", "three-cell-and-sheet"])
def test_a_malformed_workbook_imports_nothing(tmp_path, importer, team_a, make_child, faults, expected):
    make_child(team_a, local_id="C2", gender="b) Female")  # held: its gender would be changed by a good import
    path = small_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    for fault in faults:
        fault(book)
    book.save(path)
    before = case_counts()

    result = import_annex_a(path, as_at=AS_AT, user=importer)

    assert not result.ok and not result.imported
    assert [(error.list_number, error.row, error.column, error.reason) for error in result.errors] == expected
    assert result.summary() == [f"Nothing was imported: {len(expected)} problem{'s' if len(expected) > 1 else ''} "
                                f"to put right in the workbook."]
    assert case_counts() == before
    assert Child.objects.get(local_id="C2").gender == "b) Female"


def test_a_case_status_the_other_lists_contradict_rejects_the_row_and_imports_nothing(tmp_path, importer):
    path = small_workbook(tmp_path, list_7=[])  # Ava's plan left off List 7; List 6 still says she has one
    before = case_counts()

    result = import_annex_a(path, as_at=AS_AT, user=importer)

    assert [(error.list_number, error.row, error.column, error.reason) for error in result.errors] == [
        (6, 3, "Case status",
         "The case status is “b) Child Protection plan” but List 7 has no open child protection plan for child C1."),
    ]
    assert str(result.errors[0]).startswith("List_6, row 3, column “Case status”: The case status is")
    assert case_counts() == before  # Everything built before List 6 was checked is undone.
    assert not Team.objects.filter(name="Front Door").exists()


def test_a_cin_start_after_the_plan_that_gives_the_status_is_rejected(tmp_path, importer):
    rows = small_council()
    ava = rows[6][0]
    ava["CIN Start Date"] = date(2025, 10, 1)  # after her plan began (16/09/2025)
    path = small_workbook(tmp_path, list_6=rows[6])
    result = import_annex_a(path, as_at=AS_AT, user=importer)
    assert [str(error) for error in result.errors] == [
        "List_6, row 3, column “CIN Start Date”: 01/10/2025 is after the start of the child's child protection plan "
        "(16/09/2025), which is part of this episode of need."
    ]
    assert Child.objects.count() == 0


def test_a_child_whose_details_differ_between_lists_is_rejected(tmp_path, importer):
    rows = small_council()
    rows[7][0]["Gender"] = "a) Male"
    result = import_annex_a(small_workbook(tmp_path, list_7=rows[7]), as_at=AS_AT, user=importer)
    assert [str(error) for error in result.errors] == [
        "List_7, row 3, column “Gender”: Child C1 has a) Male here but b) Female in List 3 row 3."
    ]
    assert Child.objects.count() == 0


# --- figures about history we hold no records of


def test_counts_beyond_our_records_are_carried_and_expire(tmp_path, importer):
    assert import_annex_a(small_workbook(tmp_path), as_at=AS_AT, user=importer).ok
    referral = Episode.objects.get(child__local_id="C1", stage=Stage.REFERRAL)
    plan = Episode.objects.get(child__local_id="C1", stage=Stage.CHILD_PROTECTION)
    care = Episode.objects.get(child__local_id="C2", stage=Stage.LOOKED_AFTER)
    assert referral.history_not_held == {carried.REFERRALS_12_MONTHS: 3, carried.IMPORTED_AS_AT: "2026-01-15"}
    assert plan.history_not_held == {carried.PREVIOUS_PLANS: 2, carried.EMERGENCY_PROTECTION_6_MONTHS: True,
                                     carried.IMPORTED_AS_AT: "2026-01-15"}
    # We hold Ben's latest placement, so Annex A's four is three more than our records give.
    assert care.history_not_held == {
        carried.PLACEMENTS_12_MONTHS: 3, carried.ABSENT_12_MONTHS: 2, carried.LAST_IRO_CONTACT: "2025-12-02",
        carried.LA_OF_PLACEMENT: "WAL - Child placed in Wales", carried.IMPORTED_AS_AT: "2026-01-15"}
    figures = referral.history_not_held
    assert [carried.extra(figures, carried.REFERRALS_12_MONTHS, day) for day in (
        date(2026, 1, 14), AS_AT, date(2027, 1, 15), date(2027, 1, 16))] == [0, 3, 3, 0]

    def drawn(as_at: date, number: int) -> dict:
        path = tmp_path / f"as-at-{as_at}.xlsx"
        write_annex_a(path, as_at)
        return {row["Child Unique ID"]: row for row in data_rows(path, number)}

    assert drawn(AS_AT, 3)["C1"]["Number of Referrals in Last 12 Months"] == REFERRALS_BEFORE
    ben = drawn(AS_AT, 8)["C2"]
    assert (ben["Number of Placements in the Last 12 months"], ben[
        "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months"]) == (4, 2)
    # Twelve months on, the placements Annex A counted are still in the window; a day later they are not.
    assert drawn(date(2027, 1, 15), 8)["C2"]["Number of Placements in the Last 12 months"] == 4
    later = drawn(date(2027, 1, 16), 8)["C2"]
    assert later["Number of Placements in the Last 12 months"] == 1
    assert later["Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months"] == 0
    assert later["Date of Last IRO Visit / Contact to the Child"] == date(2025, 12, 2)  # not a count: kept
    # Previous plans do not expire; the emergency protection flag does, after six months.
    epo = "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)"
    ava = drawn(date(2026, 7, 15), 7)["C1"]
    assert (ava["Number of Previous Child Protection Plans"], ava[epo]) == (2, "a) Yes")
    ava = drawn(date(2027, 2, 15), 7)["C1"]
    assert (ava["Number of Previous Child Protection Plans"], ava[epo]) == (2, "b) No")


def test_a_count_smaller_than_our_records_give_is_a_warning(tmp_path, importer):
    rows = small_council()
    # Two referrals listed for Ava, but "0 in the 12 months before the latest": the records make 1.
    earlier = {**rows[3][0], "Date of referral": date(2025, 8, 1), "Number of Referrals in Last 12 Months": 0}
    rows[3][0]["Number of Referrals in Last 12 Months"] = 0
    result = import_annex_a(small_workbook(tmp_path, list_3=[earlier, rows[3][0]]), as_at=AS_AT, user=importer)
    assert result.ok
    assert result.warnings[0] == ("List 3 row 4: Number of Referrals in Last 12 Months is 0, but the records the "
                                  "lists give already make 1; 1 will be shown.")
    assert Episode.objects.filter(child__local_id="C1", stage=Stage.REFERRAL).count() == 2


# --- open assessments, child in need plans, closed episodes, care that ended, adoption


def test_open_assessments_plans_closed_episodes_and_adoptions_draw_the_same_lists(tmp_path, importer):
    """List 6 rows the other lists do not explain are bridged by a child in need plan (Hana's open
    one, Ian's closed one); an open assessment gives "d) Open assessment"; care that ended with
    missing episodes and a return interview; an adoption whose entry to care and fostering for
    adoption we hold no records of."""
    born = {"Gender": "a) Male", "Ethnicity": "a) WBRI", "Date of Birth": date(2013, 1, 1),
            "Age of Child (Years)": age(date(2013, 1, 1)), "Does the Child have a Disability": "b) No"}
    gus, hana, ian, jay, kit = ({**born, "Child Unique ID": local_id} for local_id in ("G1", "H1", "I1", "J1", "K1"))
    front_door = {"Allocated Team": "Front Door", "Allocated Worker": "Priya Shah"}
    cin_team = {"Allocated Team": "CIN Team", "Allocated Worker": "Ann Lee"}
    in_care = {"Allocated Team": "Children in Care", "Allocated Worker": "Helen Marsden"}
    rows = {
        3: [line(3, {"Date of referral": date(2025, 11, 30), "Referral Source": "q) 6: Police",
                     "Referral NFA?": "b) No", "Number of Referrals in Last 12 Months": 0, **front_door}, child=gus)],
        4: [line(4, {"Continuous Assessment Start Date": date(2025, 12, 1),
                     "Child Seen During Continuous Assessment": "c) Unknown", **front_door}, child=gus)],
        6: [
            line(6, {"CIN Start Date": date(2025, 11, 30), "Case status": "d) Open assessment", **front_door},
                 child=gus),
            line(6, {"CIN Start Date": date(2025, 3, 1), "Primary Need Code": "N4 - Family in acute stress",
                     "Date Child Was Last Seen": date(2026, 1, 2), "Case status": "c) Child in need plan", **cin_team},
                 child=hana),
            line(6, {"CIN Start Date": date(2024, 6, 1), "Primary Need Code": "N5 - Family dysfunction",
                     "CIN Closure Date": date(2025, 9, 30),
                     "Reason for Closure":
                         "RC7 - Services ceased for any other reason, including child no longer in need",
                     "Case status": "e) Closed episode", **cin_team}, child=ian),
            line(6, {"CIN Start Date": date(2025, 2, 1), "Primary Need Code": "N2 - Child’s disability",
                     "CIN Closure Date": date(2025, 12, 20), "Case status": "e) Closed episode", **in_care}, child=jay),
        ],
        8: [line(8, {
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "a) Yes",
            "Date Started to be Looked After": date(2025, 2, 1),
            "Child's Category of Need": "N2 - Child’s disability",
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)":
                "a) Yes",
            "Start date of current legal status": date(2025, 2, 1),
            "Child's Legal Status": "V2: Single period under S20",
            "Number of Placements in the Last 12 months": 1, "Date Ceased to be Looked After ": date(2025, 12, 20),
            "Reason Ceased to be Looked After":
                "e) E4A: Returned home to live with parents or relatives - part of planning",
            "Start Date of Most Recent Placement": date(2025, 2, 1),
            "Placement Type": "f) U6: Foster placement - not FFA",
            "Placement Provider": "b) PR1: Own provision", "Placement Location": "b) Out",
            "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months": 2,
            "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months": 1,
            "Was the child offered a Return Interview after their last missing episode (Y/N)?": "a) Yes",
            "Did the child accept a Return Interview after their last missing episode (Y/N)?": "b) No",
            **in_care}, child=jay)],
        10: [line(10, {"Family identifier": "FAM1", "Date the Child Entered Care": date(2024, 1, 10),
                       "Date of Decision that Child Should be Placed for Adoption": date(2025, 3, 1),
                       "Date of Placement Order": date(2025, 5, 1),
                       "Date of Matching Child and Prospective Adopters": date(2025, 7, 1),
                       "Date Placed for Adoption": date(2025, 8, 1),
                       "Date the child was placed for fostering in FFA or concurrent planning placement":
                           date(2024, 2, 1)}, child=kit)],
    }
    path = write_workbook(tmp_path / "more.xlsx", rows)

    result = import_annex_a(path, as_at=AS_AT, user=importer)

    assert result.ok, [str(error) for error in result.errors]
    assert result.warnings == []
    plans = Episode.objects.filter(stage=Stage.CHILD_IN_NEED).order_by("child__local_id")
    assert list(plans.values_list("child__local_id", "start_date", "end_date", "primary_need", "closure_reason")) == [
        ("H1", date(2025, 3, 1), None, "N4 - Family in acute stress", ""),
        ("I1", date(2024, 6, 1), date(2025, 9, 30), "N5 - Family dysfunction",
         "RC7 - Services ceased for any other reason, including child no longer in need"),
    ]
    assert Event.objects.get(child__local_id="H1").child_seen is True  # the visit she was last seen at
    assert Child.objects.get(local_id="J1").unaccompanied_asylum_seeking is True
    care = Episode.objects.get(child__local_id="J1", stage=Stage.LOOKED_AFTER)
    assert (care.end_date, care.history_not_held[carried.MISSING_12_MONTHS],
            care.history_not_held[carried.RETURN_INTERVIEW_OFFERED]) == (date(2025, 12, 20), 2, "a) Yes")
    adoption = Episode.objects.get(child__local_id="K1", stage=Stage.ADOPTION)
    assert adoption.history_not_held == {
        carried.FAMILY_IDENTIFIER: "FAM1", carried.ENTERED_CARE: "2024-01-10",
        carried.FOSTERING_FOR_ADOPTION: "2024-02-01", carried.IMPORTED_AS_AT: "2026-01-15"}
    out = tmp_path / "out.xlsx"
    write_annex_a(out, AS_AT)
    for number in ALL_LISTS:
        assert [tuple(row.values()) for row in data_rows(out, number)] == in_workbook_order(rows, number), number

    again = import_annex_a(path, as_at=AS_AT, user=importer)
    assert again.ok and again.warnings == []
    assert (again.built.children_added, again.built.episodes_added, again.built.episodes_updated,
            again.built.events_added) == (0, 0, 0, 0)


# --- the liiatools sample


def test_the_liiatools_sample_is_recognised_but_its_bad_cells_are_rejected(importer):
    before = case_counts()
    result = import_annex_a(LIIATOOLS_SAMPLE, as_at=date(2021, 3, 31), user=importer)

    assert result.layouts == {number: "header in row 1" for number in ALL_LISTS}
    assert not [error for error in result.errors if error.row in (None, 1)]  # every sheet and header recognised
    assert not result.ok
    where = {(error.list_number, error.row, error.column): error.reason for error in result.errors}
    assert where[6, 2, "Primary Need Code"].startswith(
        "“PSRMEM - Support with memory and cognition” is not one of Ofsted's codes for this column")
    assert where[6, 2, "Allocated Team"] == ("The cell holds the Excel error #N/A; put the value in, or leave it "
                                             "empty.")
    assert where[1, 3, "Date of Birth"] == "This must be filled in."
    assert where[8, 4, "Ethnicity"] == "This must be filled in."
    assert "“CS Assessment Updated” is not one of Ofsted's codes" in where[
        4, 2, "Was the child assessed as requiring LA children’s social care support"]
    # Its lenient codes are read, not rejected: "Female", "No", "N1 - Abuse or Neglect", "e) PR4 - Private provision".
    assert (1, 2, "Gender") not in where and (3, 2, "Referral NFA?") not in where
    assert not [key for key in where if key[0] == 8 and key[2] in ("Child's Category of Need", "Placement Provider")]
    assert result.rows[3] == 6 and result.rows[7] == 7
    assert result.summary() == [f"Nothing was imported: {len(result.errors)} problems to put right in the workbook."]
    assert case_counts() == before


# --- the command


def test_command_imports_and_prints_the_summary(tmp_path):
    out = StringIO()
    path = small_workbook(tmp_path)
    call_command("import_annex_a", str(path), "--as-at", "2026-01-15", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "Read 9 rows from 11 lists (as at 15/01/2026)." in text
    assert "Added 4 children and updated 0." in text
    assert f"Imported {path} in " in text
    assert Child.objects.count() == 4
    author = get_user_model().objects.get(username="annex-a-import")
    assert not author.is_active and not author.has_usable_password()
    assert set(Episode.objects.values_list("recorded_by", flat=True)) == {author.pk}


def test_command_with_a_named_user(tmp_path, importer):
    call_command("import_annex_a", str(small_workbook(tmp_path)), "--as-at", "2026-01-15", "--user", "importer",
                 stdout=StringIO())
    assert set(Episode.objects.values_list("recorded_by", flat=True)) == {importer.pk}


def test_command_rejects_a_bad_workbook_listing_every_problem(tmp_path):
    path = small_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    _impossible_date(book)
    _unknown_code(book)
    book.save(path)
    before = case_counts()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"Nothing was imported from .*small.xlsx: 2 rows or sheets rejected"):
        call_command("import_annex_a", str(path), "--as-at", "2026-01-15", stdout=out, stderr=err)
    assert err.getvalue().splitlines() == [
        "List_3, row 3, column “Date of referral”: 31/02/2026 is not a real date.",
        f"List_7, row 3, column “Initial Category of Abuse”: {UNKNOWN_CODE[3]}",
    ]
    assert "Nothing was imported: 2 problems to put right in the workbook." in out.getvalue()
    assert "Imported" not in out.getvalue()
    before.pop("User")  # the command's own author account may have been made
    assert {name: count for name, count in case_counts().items() if name != "User"} == before


def test_command_dry_run_keeps_nothing(tmp_path):
    out = StringIO()
    path = small_workbook(tmp_path)
    before = case_counts()
    call_command("import_annex_a", str(path), "--as-at", "2026-01-15", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Would add 4 children and update 0." in text
    assert f"Checked (dry run, nothing kept) {path} in " in text and "Imported" not in text
    after = case_counts()
    assert after.pop("User") <= before.pop("User") + 1  # at most the import account
    assert after == before


def test_command_refuses_an_unknown_user_a_missing_file_and_a_bad_date(tmp_path):
    path = small_workbook(tmp_path)
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("import_annex_a", str(path), "--as-at", "2026-01-15", "--user", "nobody", stdout=StringIO())
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_annex_a", str(tmp_path / "nowhere.xlsx"), stdout=StringIO())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_annex_a", str(path), "--as-at", "15/01/2026", stdout=StringIO())
    assert Child.objects.count() == 0


def test_command_warns_about_list_11(tmp_path):
    adopter = ["A1", "F1", "a) Male", "a) WBRI", "b) No", "Yes"] + [None] * 13
    path = write_workbook(tmp_path / "a.xlsx", {**small_council(), 11: [adopter]})
    out = StringIO()
    call_command("import_annex_a", str(path), "--as-at", "2026-01-15", stdout=out)
    text = out.getvalue()
    assert "Warning: List 11 (adopters): 1 row" in text
    assert "not imported; Line of Sight holds no records of adopters." in text and "Imported" in text


# --- Problems found in review and put right: a non-workbook file, importing over records we hold, a 0 count


def test_command_reports_a_file_that_is_not_a_workbook_as_an_error(tmp_path):
    """The command opens the file and passes the open file to read_workbook, which catches only
    InvalidFileException, OSError, KeyError and ValueError; openpyxl raises zipfile.BadZipFile for
    anything that is not a zip, so a CSV (or an old .xls) ends in a traceback, not a CommandError."""
    path = tmp_path / "annex-a.csv"
    path.write_text("Child Unique ID,Gender\nC1,b) Female\n")
    err = StringIO()
    try:
        call_command("import_annex_a", str(path), "--as-at", "2026-01-15", stdout=StringIO(), stderr=err)
    except CommandError:
        pass
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"import_annex_a raised {type(error).__module__}.{type(error).__name__}: {error}")
    else:
        pytest.fail("import_annex_a accepted a CSV file")
    assert err.getvalue().startswith("Workbook: This is not an Excel workbook that can be read")


def _own_records(make_user):
    """Ella: referred 25/07/2025, the decision made on 28/07/2025; assessed 28/07 to 27/09/2025; a child
    in need plan since. An early help episode from 01/08 to 17/08/2025. A care leaver, Finn, the
    council no longer in touch with, whose accommodation it last knew. Two workers named Jo Bloggs."""
    team = Team.objects.create(name="Assessment North")
    author = make_user("author", None, team)
    first_jo = Worker.objects.create(user=get_user_model().objects.create_user(
        username="jo.1", first_name="Jo", last_name="Bloggs"), team=team)
    second_jo = Worker.objects.create(user=get_user_model().objects.create_user(
        username="jo.2", first_name="Jo", last_name="Bloggs"), team=team)
    ella = Child.objects.create(local_id="E1", date_of_birth=date(2016, 4, 4), gender="b) Female",
                                ethnicity="a) WBRI", disability="b) No", team=team, worker=second_jo)
    finn = Child.objects.create(local_id="F1", date_of_birth=date(2006, 2, 2), gender="a) Male",
                                ethnicity="a) WBRI", disability="b) No", team=team, worker=second_jo)
    common = {"recorded_by": author, "team": team, "worker": second_jo}
    Episode.objects.create(child=ella, stage=Stage.REFERRAL, start_date=date(2025, 7, 25), end_date=date(2025, 7, 28),
                           decision_date=date(2025, 7, 28), no_further_action=False, source="q) 6: Police", **common)
    Episode.objects.create(child=ella, stage=Stage.ASSESSMENT, start_date=date(2025, 7, 28),
                           end_date=date(2025, 9, 27), authorised_date=date(2025, 9, 27), child_seen=True,
                           child_in_need=True, **common)
    Episode.objects.create(child=ella, stage=Stage.CHILD_IN_NEED, start_date=date(2025, 9, 27),
                           primary_need="N4 - Family in acute stress", **common)
    Episode.objects.create(child=ella, stage=Stage.EARLY_HELP, start_date=date(2025, 8, 1),
                           end_date=date(2025, 8, 17), organisation="Locality 1", **common)
    Episode.objects.create(child=finn, stage=Stage.CARE_LEAVER, start_date=date(2024, 2, 2),
                           eligibility="b) Former relevant child", in_touch="b) No",
                           accommodation="B: Parents/relatives", accommodation_suitable=True,
                           activity="P3: Part time in training or employment", **common)
    return first_jo, second_jo


def test_importing_the_councils_own_export_into_its_records_changes_nothing(tmp_path, importer, make_user):
    """Annex A is silent about when a referral's decision was made, when an enquiry or early help
    ended, and (when not in touch) where a care leaver lives; the importer fills these in with its
    assumptions for new records, but it also overwrites the records it already holds with them.
    Here the council's own lists, drawn from its own records and imported back: the referral's
    decision moves to the day it was made, which splits Ella's episode of need, and the List 6 row
    is then rejected ("already has a child in need plan open since 27/09/2025")."""
    _own_records(make_user)
    path = tmp_path / "own.xlsx"
    write_annex_a(path, AS_AT)

    result = import_annex_a(path, as_at=AS_AT, user=importer)

    assert [str(error) for error in result.errors] == []
    assert (result.built.episodes_added, result.built.episodes_updated) == (0, 0)


def test_a_held_episode_keeps_what_annex_a_does_not_say(tmp_path, importer, make_user):
    """The same records, without the List 6 row that makes the import fail: the import goes through
    and changes held records it should leave alone."""
    first_jo, second_jo = _own_records(make_user)
    path = tmp_path / "own.xlsx"
    write_annex_a(path, AS_AT)
    book = openpyxl.load_workbook(path)
    book["List_6"].delete_rows(3)  # Ella's row
    book.save(path)

    result = import_annex_a(path, as_at=AS_AT, user=importer)
    assert result.ok

    ella = {episode.stage: episode for episode in Episode.objects.filter(child__local_id="E1")}
    finn = Episode.objects.get(child__local_id="F1")
    problems = []
    referral = ella[Stage.REFERRAL]
    if (referral.decision_date, referral.end_date) != (date(2025, 7, 28), date(2025, 7, 28)):
        problems.append(f"referral decision/end moved to {referral.decision_date}/{referral.end_date}")
    if ella[Stage.EARLY_HELP].end_date != date(2025, 8, 17):
        problems.append(f"closed early help now ends {ella[Stage.EARLY_HELP].end_date} (reopened if None)")
    if (finn.accommodation, finn.accommodation_suitable, finn.activity) != (
            "B: Parents/relatives", True, "P3: Part time in training or employment"):
        problems.append(f"care leaver's accommodation/suitability/activity now {finn.accommodation!r}/"
                        f"{finn.accommodation_suitable}/{finn.activity!r}")
    if referral.worker_id != second_jo.pk:
        problems.append("referral moved from its worker Jo Bloggs to the other Jo Bloggs")
    assert problems == [], "\n".join(problems)


def test_an_absence_count_of_0_is_drawn_as_0_not_blank(tmp_path, importer):
    """Councils write 0 for no absences (the liiatools sample does, on every row). _carry drops a
    carried figure of 0 (``value == 0`` -> removed), and List 8 shows absences only when the key is
    there, so the 0 comes back blank and the import warns that List 8 "will not be drawn exactly as
    the workbook has it"."""
    absent = "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months"
    rows = small_council()
    rows[8][0][absent] = 0
    result = import_annex_a(small_workbook(tmp_path, list_8=rows[8]), as_at=AS_AT, user=importer)
    assert result.ok
    out = tmp_path / "out.xlsx"
    write_annex_a(out, AS_AT)
    assert data_rows(out, 8)[0][absent] == 0
    assert result.warnings == []


def test_the_imported_children_are_worked_out_for_caseloads_at_once_and_a_dry_run_works_out_nothing(tmp_path, importer):
    from cases.models import CaseSummary, WorkerCaseload

    import_annex_a(small_workbook(tmp_path), as_at=AS_AT, user=importer, dry_run=True)
    assert not CaseSummary.objects.exists() and not WorkerCaseload.objects.exists()
    import_annex_a(small_workbook(tmp_path), as_at=AS_AT, user=importer)
    ava = Child.objects.get(local_id="C1")  # on a child protection plan, as the workbook says
    assert CaseSummary.objects.filter(child=ava).exists()
    assert WorkerCaseload.objects.get(team=ava.team, worker=ava.worker).children == 1
