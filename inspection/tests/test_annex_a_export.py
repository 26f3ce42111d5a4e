"""Annex A export: the workbook's sheets, titles and headers are Ofsted's, character for character
(the reference JSON and Ofsted's own example workbooks); a small hand-built council gives exactly
the rows expected; a seeded council fills every list but List 11 with codes from the template's
Codes_used; the number of queries does not grow with the number of children; LibreOffice opens it.
"""

import json
import shutil
import subprocess
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Child, Episode, Event, LegalStatus, Placement, Stage, Team, Worker
from inspection.annex_a.spec import CODES_USED, LISTS
from inspection.annex_a.workbook import write_annex_a

pytestmark = pytest.mark.django_db

AS_AT = date(2026, 1, 15)
# Copies of ../shared/reference/annex-a (Ofsted's 2019 template as JSON and Ofsted's example
# workbooks; provenance in SOURCES.md), kept with the tests so they run wherever the repo is.
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "annex_a"
SPEC_JSON = REFERENCE / "annexa_2019_spec.json"
EXAMPLES = REFERENCE
OFSTED_EXAMPLE = EXAMPLES / "example-B-2004.xlsx"  # the workbook the JSON was taken from
OFSTED_SAMPLES = ["annex_a/2015-01-sample.xlsx", "annex_a/2016-01-sample.xlsx", "annex_a/2016-02-sample.xlsx"]

# Each coded column and the Codes_used list its values must come from. The template's own
# wording differs between a few List headers and their Codes_used headings.
CODE_LIST_FOR_COLUMN = {
    "Gender": "Gender",
    "Ethnicity": "Ethnicity",
    "Contact Source": "Contact / Referral Source",
    "Referral Source": "Contact / Referral Source",
    "Referral NFA?": "Referral NFA?",
    "Does the Child have a Disability": "Does the Child have a Disability",
    "Child Seen During Continuous Assessment": "Child Seen During Continuous Assessment",
    "Was the child assessed as requiring LA children’s social care support":
        "Was the child assessed as being in need at assessment?",
    "Was an Initial Child Protection Conference deemed unnecessary?":
        "Was an Initial Child Protection Conference deemed unnecessary?",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan":
        "Did the Initial Child Protection Conference Result in a Child Protection Plan?",
    "Primary Need Code": "Primary Need Code",
    "Reason for Closure": "Reason for Closure",
    "Case status": "Case status",
    "Initial Category of Abuse": "Initial/Latest Category of Abuse",
    "Latest Category of Abuse": "Initial/Latest Category of Abuse",
    "Was the Child Seen Alone?": "Was the Child Seen Alone?",
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)":
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)":
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
    "Child's Category of Need": "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)":
        "Is this a second or subsequent episode of being a Looked After Child within the last 12 months (Y/N)",
    "Child's Legal Status": "Child's Legal Status",
    "What is the permanence plan for this child?": "What is the permanence plan for this child?",
    "Reason Ceased to be Looked After": "Reason Ceased to be Looked After",
    "Placement Type": "Placement Type",
    "Placement Provider": "Placement Provider",
    "Placement Location": "Placement Location",
    "LA of Placement": "LA of Placement",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?":
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?":
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    "Eligibility Category": "Eligibility Category",
    "LA In Touch ": "LA In Touch",
    "Type of Accommodation": "Type of Accommodation",
    "Suitability of Accommodation": "Suitability of Accommodation",
    "Activity Status": "Activity Status",
    "Reason Why Child No Longer Placed for Adoption": "Reason Why Child No Longer Placed for Adoption",
}
COUNT_COLUMNS = ("Age of Child (Years)", "Number of")


def reference_spec() -> dict:
    if not SPEC_JSON.exists():
        pytest.fail(
            f"The Annex A reference file {SPEC_JSON} is missing: copy it from ../shared/reference/annex-a/."
        )
    return json.loads(SPEC_JSON.read_text(encoding="utf-8"))


def export(tmp_path, as_at: date = AS_AT) -> tuple[Path, dict[int, int]]:
    path = tmp_path / "annex-a.xlsx"
    counts = write_annex_a(path, as_at)
    return path, counts


def layout(workbook) -> list[tuple[str, list, list]]:
    """(sheet name, row 1, row 2) of each List sheet, trailing blank cells dropped."""
    def trimmed(row):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        return values

    return [
        (sheet.title, trimmed(next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))),
         trimmed(next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))))
        for sheet in workbook.worksheets if sheet.title.replace(" ", "_").startswith("List_")
    ]


def data_rows(workbook, number: int) -> list[list]:
    """The data rows of List ``number``, dates as ``date``."""
    sheet = workbook[f"List_{number}"]
    return [[value.date() if isinstance(value, datetime) else value for value in row]
            for row in sheet.iter_rows(min_row=3, max_col=sheet.max_column, values_only=True)]


# --- Layout: Ofsted's sheets, titles and headers


def test_spec_module_is_the_reference_json_copied_exactly():
    reference = reference_spec()
    assert [(str(spec.number), spec.title, spec.sheet, list(spec.columns)) for spec in LISTS] == [
        (number, item["title"], item["sheet"], item["columns"]) for number, item in reference["lists"].items()
    ]
    assert {name: list(codes) for name, codes in CODES_USED.items()} == {
        name: item["codes"] for name, item in reference["codes_used"].items()
    }


def test_export_sheet_names_titles_and_headers_equal_the_reference_json(tmp_path):
    reference = reference_spec()
    path, _ = export(tmp_path)
    workbook = openpyxl.load_workbook(path)
    expected = [
        (item["sheet"], [f"List {number}: {item['title']}"], item["columns"])
        for number, item in reference["lists"].items()
    ]
    assert workbook.sheetnames == [item["sheet"] for item in reference["lists"].values()]
    assert layout(workbook) == expected
    for sheet_name, _title, headers in expected:
        sheet = workbook[sheet_name]
        # As in Ofsted's template: the title alone in A1, merged across the list's columns.
        assert [str(merged) for merged in sheet.merged_cells.ranges] == [
            f"A1:{openpyxl.utils.get_column_letter(len(headers))}1"
        ]
        assert sheet["A1"].font.b


def test_export_titles_and_headers_equal_ofsteds_example_workbook(tmp_path):
    """example-B-2004.xlsx is Ofsted's August 2019 template with a few fake rows. Its List sheets
    (after Front_Sheet, FAQ_and_changes, Guidance and Codes_used, which we do not reproduce) have
    the same names, titles and headers as our export, character for character."""
    if not OFSTED_EXAMPLE.exists():
        pytest.fail(f"Ofsted's example workbook {OFSTED_EXAMPLE} is missing from inspection/tests/fixtures/annex_a.")
    ofsted = openpyxl.load_workbook(OFSTED_EXAMPLE)
    assert ofsted["Guidance"]["A1"].value == "Update: August 2019"
    path, _ = export(tmp_path)
    ours = openpyxl.load_workbook(path)
    assert layout(ours) == layout(ofsted)
    assert ofsted.sheetnames[4:] == ours.sheetnames


@pytest.mark.parametrize("sample", OFSTED_SAMPLES)
def test_ofsteds_other_samples_have_the_same_titles_and_headers(sample, tmp_path):
    """The other example workbooks are the same August 2019 template. One difference: in
    2016-01-sample.xlsx the third List sheet is named "List 3" (a space, not an underscore); its
    title and headers are still Ofsted's, so that is a local edit, not another layout."""
    path = EXAMPLES / sample
    if not path.exists():
        pytest.fail(f"Ofsted's sample workbook {path} is missing from inspection/tests/fixtures/annex_a.")
    sample_layout = layout(openpyxl.load_workbook(path))
    ours = layout(openpyxl.load_workbook(export(tmp_path)[0]))
    assert [(title, headers) for _, title, headers in sample_layout] == [(title, headers) for _, title, headers in ours]
    renamed = [(theirs[0], mine[0]) for theirs, mine in zip(sample_layout, ours) if theirs[0] != mine[0]]
    assert renamed == ([("List 3", "List_3")] if sample.endswith("2016-01-sample.xlsx") else [])


# --- A small hand-built council, row by row


def _worker(first: str, last: str, team: Team) -> Worker:
    user = get_user_model().objects.create_user(username=f"{first}.{last}".lower(), first_name=first, last_name=last)
    return Worker.objects.create(user=user, team=team)


@pytest.fixture
def council(db):
    """As at 15 January 2026 (six months back: 15 July 2025; twelve: 15 January 2025)."""
    teams = {name: Team.objects.create(name=name) for name in
             ("Front Door", "Child Protection 1", "Children in Care", "Leaving Care", "Early Help")}
    priya = _worker("Priya", "Shah", teams["Front Door"])
    gareth = _worker("Gareth", "Holt", teams["Child Protection 1"])
    helen = _worker("Helen", "Marsden", teams["Children in Care"])
    sam = _worker("Sam", "Okafor", teams["Leaving Care"])
    author = priya.user

    def child(local_id, gender, ethnicity, born, disability, team, worker, **extra):
        return Child.objects.create(
            local_id=local_id, first_name="Test", last_name=local_id, date_of_birth=born, gender=gender,
            ethnicity=ethnicity, disability=disability, team=teams[team], worker=worker, **extra,
        )

    def episode(of, stage, start, end=None, **fields):
        return Episode.objects.create(child=of, stage=stage, start_date=start, end_date=end, recorded_by=author,
                                      team=of.team, worker=of.worker, **fields)

    def event(of, kind, day, on=None, **fields):
        return Event.objects.create(child=of, episode=on, kind=kind, date=day, author=author, **fields)

    # Ava: two contacts (one too old), one after the as-at date; a referral with no further action,
    # and an earlier one (outside the six months, but counted in the twelve before the latest).
    ava = child("C001", "b) Female", "a) WBRI", date(2015, 3, 1), "b) No", "Front Door", priya)
    episode(ava, Stage.CONTACT, date(2025, 5, 1), date(2025, 5, 1), source="a) 1A: Individual")
    episode(ava, Stage.CONTACT, date(2025, 10, 1), date(2025, 10, 2), source="q) 6: Police")
    episode(ava, Stage.CONTACT, date(2026, 1, 20), date(2026, 1, 20), source="q) 6: Police")
    episode(ava, Stage.REFERRAL, date(2025, 3, 10), date(2025, 3, 11), source="q) 6: Police", no_further_action=True)
    episode(ava, Stage.REFERRAL, date(2025, 10, 2), date(2025, 10, 3), source="q) 6: Police", no_further_action=True)

    # Jack: contact, referral, assessment, then a child in need plan.
    jack = child("C002", "a) Male", "f) MWBC", date(2018, 6, 20), "a) Yes", "Child Protection 1", gareth)
    episode(jack, Stage.CONTACT, date(2025, 8, 4), date(2025, 8, 4), source="e) 2A: Schools")
    referral = episode(jack, Stage.REFERRAL, date(2025, 8, 4), date(2025, 8, 5), source="e) 2A: Schools",
                       no_further_action=False)
    episode(jack, Stage.ASSESSMENT, date(2025, 8, 5), date(2025, 9, 15), stepped_from=referral, child_seen=True,
            authorised_date=date(2025, 9, 15), child_in_need=True)
    plan = episode(jack, Stage.CHILD_IN_NEED, date(2025, 9, 15), primary_need="N5 - Family dysfunction")
    event(jack, "visit", date(2025, 12, 1), plan, child_seen=True, child_seen_alone=False)
    event(jack, "visit", date(2026, 1, 5), plan, child_seen=True, child_seen_alone=False)
    event(jack, "visit", date(2026, 1, 12), plan, child_seen=False, child_seen_alone=False)

    # Mia: an earlier plan; an enquiry in April with no conference; the enquiry that led to an
    # initial conference and her current plan; visits (the last seen alone) and a review.
    mia = child("C003", "b) Female", "a) WBRI", date(2012, 11, 30), "b) No", "Child Protection 1", gareth)
    episode(mia, Stage.CHILD_PROTECTION, date(2023, 2, 1), date(2023, 12, 1), initial_category="a) Neglect",
            latest_category="a) Neglect")
    episode(mia, Stage.SECTION_47, date(2025, 4, 1), date(2025, 4, 8), conference_not_required=True)
    episode(mia, Stage.SECTION_47, date(2025, 9, 1), date(2025, 9, 20), conference_not_required=False,
            conference_date=date(2025, 9, 20), conference_led_to_plan=True)
    plan = episode(mia, Stage.CHILD_PROTECTION, date(2025, 9, 20), initial_category="d) Emotional abuse",
                   latest_category="a) Neglect")
    event(mia, "visit", date(2025, 12, 10), plan, child_seen=True, child_seen_alone=False)
    event(mia, "visit", date(2026, 1, 8), plan, child_seen=True, child_seen_alone=True)
    event(mia, "review_conference", date(2025, 12, 18), plan, plan_continues=True)

    # Leo: in care since March 2024 under a full care order, two placements, checks and a PEP,
    # one missing episode in the last twelve months (and one before).
    leo = child("C004", "a) Male", "n) BCRB", date(2016, 7, 15), "c) Unknown", "Children in Care", helen)
    care = episode(leo, Stage.LOOKED_AFTER, date(2024, 3, 1), category_of_need="N1 - Abuse or neglect",
                   permanence_plan="f) Long-term fostering")
    for start, status in ((date(2024, 3, 1), "L2: EPO"), (date(2024, 3, 5), "C1: ICO"), (date(2024, 10, 1), "C2: FCO")):
        LegalStatus.objects.create(episode=care, start_date=start, code=status, recorded_by=author)
    Placement.objects.create(episode=care, start_date=date(2024, 3, 1), end_date=date(2025, 3, 31),
                             placement_type="f) U6: Foster placement - not FFA", provider="b) PR1: Own provision",
                             postcode="DB1 1AA", recorded_by=author)
    Placement.objects.create(episode=care, start_date=date(2025, 3, 31), placement_type="d) U4: Foster placement - long term",
                             provider="e) PR4: Private provision", urn="SC123456", postcode="M1 1AE", out_of_area=True,
                             recorded_by=author)
    event(leo, "looked_after_review", date(2025, 10, 20), care, plan_continues=True)
    event(leo, "visit", date(2025, 12, 29), care, child_seen=True, child_seen_alone=True)
    event(leo, "health_assessment", date(2025, 6, 10), care)
    event(leo, "dental_check", date(2025, 9, 2), care)
    event(leo, "personal_education_plan", date(2025, 11, 12), care)
    event(leo, "missing_episode", date(2024, 12, 1), care, end_date=date(2024, 12, 1), return_interview_offered=False)
    event(leo, "missing_episode", date(2025, 11, 1), care, end_date=date(2025, 11, 2), return_interview_offered=True,
          return_interview_accepted=False)

    # Ella and Noah: care leavers, one the council is in touch with and one who refuses contact.
    ella = child("C005", "b) Female", "a) WBRI", date(2006, 5, 10), "b) No", "Leaving Care", sam)
    episode(ella, Stage.LOOKED_AFTER, date(2020, 1, 1), date(2024, 5, 10), category_of_need="N4 - Family in acute stress",
            reason_ceased="m) E5: Moved into independent living - supported")
    episode(ella, Stage.CARE_LEAVER, date(2024, 5, 10), eligibility="b) Former relevant child", in_touch="a) Yes",
            accommodation="D: Semi-independent, transitional accommodation and self-contained accommodation",
            accommodation_suitable=True, activity="F3: Full time in training or employment")
    noah = child("C006", "a) Male", "d) WOTH", date(2005, 12, 1), "b) No", "Leaving Care", sam)
    episode(noah, Stage.CARE_LEAVER, date(2023, 12, 1), eligibility="b) Former relevant child", in_touch="d) Refu",
            accommodation="R: Residence not known", activity="G5: Not in education, employment or training - other")

    # Isla: in care from four months old, fostered for adoption, placed with her adopters.
    isla = child("C007", "b) Female", "a) WBRI", date(2023, 2, 14), "b) No", "Children in Care", helen)
    care = episode(isla, Stage.LOOKED_AFTER, date(2023, 6, 1), category_of_need="N1 - Abuse or neglect",
                   permanence_plan="b) Adoption")
    LegalStatus.objects.create(episode=care, start_date=date(2023, 6, 1), code="C1: ICO", recorded_by=author)
    LegalStatus.objects.create(episode=care, start_date=date(2024, 5, 20), code="E1: Placement order", recorded_by=author)
    Placement.objects.create(episode=care, start_date=date(2023, 6, 1), end_date=date(2024, 9, 1),
                             placement_type="e) U5: Foster placement - FFA", provider="b) PR1: Own provision",
                             recorded_by=author)
    Placement.objects.create(episode=care, start_date=date(2024, 9, 1),
                             placement_type="j) A6: Placed for adoption - order - not foster",
                             provider="b) PR1: Own provision", recorded_by=author)
    episode(isla, Stage.ADOPTION, date(2024, 1, 10), placement_order_date=date(2024, 5, 20),
            matched_date=date(2024, 8, 15), placed_date=date(2024, 9, 1))

    # Zara: early help, assessment completed.
    zara = child("C008", "b) Female", "k) APKN", date(2019, 9, 9), "b) No", "Early Help", None)
    episode(zara, Stage.EARLY_HELP, date(2025, 9, 1), organisation="Oakfield Primary School",
            assessment_completed_date=date(2025, 9, 20))


D = date
AVA = ["C001", "b) Female", "a) WBRI", D(2015, 3, 1), 10]
JACK = ["C002", "a) Male", "f) MWBC", D(2018, 6, 20), 7]
MIA = ["C003", "b) Female", "a) WBRI", D(2012, 11, 30), 13]
LEO = ["C004", "a) Male", "n) BCRB", D(2016, 7, 15), 9]
ELLA = ["C005", "b) Female", "a) WBRI", D(2006, 5, 10), 19]
NOAH = ["C006", "a) Male", "d) WOTH", D(2005, 12, 1), 20]
ISLA = ["C007", "b) Female", "a) WBRI", D(2023, 2, 14), 2]
ZARA = ["C008", "b) Female", "k) APKN", D(2019, 9, 9), 6]
EXPECTED = {
    1: [[*AVA, D(2025, 10, 1), "q) 6: Police"], [*JACK, D(2025, 8, 4), "e) 2A: Schools"]],
    2: [[*ZARA, D(2025, 9, 1), D(2025, 9, 20), "Oakfield Primary School"]],
    3: [[*AVA, D(2025, 10, 2), "q) 6: Police", "a) Yes", 1, "Front Door", "Priya Shah"],
        [*JACK, D(2025, 8, 4), "e) 2A: Schools", "b) No", 0, "Child Protection 1", "Gareth Holt"]],
    4: [[*JACK, "a) Yes", D(2025, 8, 5), "a) Yes", D(2025, 9, 15), "a) Yes", "Child Protection 1", "Gareth Holt"]],
    5: [[*MIA, "b) No", D(2025, 9, 1), "b) No", D(2025, 9, 20), "a) Yes", 1, 0, "Child Protection 1", "Gareth Holt"]],
    6: [[*JACK, "a) Yes", D(2025, 8, 4), "N5 - Family dysfunction", D(2026, 1, 5), None, None, "c) Child in need plan",
         "Child Protection 1", "Gareth Holt"],
        [*MIA, "b) No", D(2025, 9, 1), None, D(2026, 1, 8), None, None, "b) Child Protection plan",
         "Child Protection 1", "Gareth Holt"],
        [*LEO, "c) Unknown", D(2024, 3, 1), "N1 - Abuse or neglect", D(2025, 12, 29), None, None,
         "a) Looked after child", "Children in Care", "Helen Marsden"],
        [*ISLA, "b) No", D(2023, 6, 1), "N1 - Abuse or neglect", None, None, None, "a) Looked after child",
         "Children in Care", "Helen Marsden"]],
    7: [[*MIA, "b) No", D(2025, 9, 20), "d) Emotional abuse", "a) Neglect", D(2026, 1, 8), "a) Yes", D(2025, 12, 18),
         None, "b) No", 1, "Child Protection 1", "Gareth Holt"]],
    8: [[*LEO, "b) No", "c) Unknown", D(2024, 3, 1), "N1 - Abuse or neglect", "b) No", D(2024, 10, 1), "C2: FCO",
         D(2025, 10, 20), D(2025, 12, 29), "f) Long-term fostering", None, D(2025, 6, 10), D(2025, 9, 2), 2, None, None,
         D(2025, 3, 31), "d) U4: Foster placement - long term", "e) PR4: Private provision", "M1 1AE", "SC123456",
         "b) Out", None, 1, None, "a) Yes", "b) No", "Children in Care", "Helen Marsden"],
        [*ISLA, "b) No", "b) No", D(2023, 6, 1), "N1 - Abuse or neglect", "b) No", D(2024, 5, 20), "E1: Placement order",
         None, None, "b) Adoption", None, None, None, 1, None, None, D(2024, 9, 1),
         "j) A6: Placed for adoption - order - not foster", "b) PR1: Own provision", None, None, "a) In", None, 0, None,
         None, None, "Children in Care", "Helen Marsden"]],
    9: [[*ELLA, "b) No", "Leaving Care", "Sam Okafor", "b) Former relevant child", "a) Yes",
         "D: Semi-independent, transitional accommodation and self-contained accommodation", "a) Suitable",
         "F3: Full time in training or employment"],
        [*NOAH, "b) No", "Leaving Care", "Sam Okafor", "b) Former relevant child", "d) Refu", None, None, None]],
    10: [["C007", None, *ISLA[1:], "b) No", D(2023, 6, 1), D(2024, 1, 10), D(2024, 5, 20), D(2024, 8, 15),
          D(2024, 9, 1), None, None, None, D(2023, 6, 1)]],
    11: [],
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_hand_built_council_gives_exactly_the_expected_rows(council, tmp_path, number):
    path, counts = export(tmp_path)
    workbook = openpyxl.load_workbook(path)
    assert data_rows(workbook, number) == EXPECTED[number]
    assert counts[number] == len(EXPECTED[number])


def test_cells_are_typed_dates_numbers_and_code_strings(council, tmp_path):
    """Dates are real dates shown DD/MM/YYYY, ages and counts are numbers, codes are text."""
    workbook = openpyxl.load_workbook(export(tmp_path)[0])
    dates = numbers = 0
    for spec in LISTS:
        sheet = workbook[spec.sheet]
        for row in sheet.iter_rows(min_row=3):
            for header, cell in zip(spec.columns, row):
                if cell.value is None:
                    continue
                if isinstance(cell.value, datetime):
                    assert cell.number_format == "DD/MM/YYYY" and cell.data_type == "d"
                    dates += 1
                elif header.startswith(COUNT_COLUMNS):
                    assert type(cell.value) is int and cell.data_type == "n"
                    numbers += 1
                else:
                    assert isinstance(cell.value, str), (spec.sheet, header, cell.value)
    assert dates > 40 and numbers > 20


def test_a_looked_after_childs_education_plan_is_not_in_list_8(council, tmp_path):
    """The 2019 template has no PEP column: the PEP date (12/11/2025) must not turn up anywhere."""
    workbook = openpyxl.load_workbook(export(tmp_path)[0])
    assert all(D(2025, 11, 12) not in row for row in data_rows(workbook, 8))


def test_as_at_an_earlier_date_leaves_out_what_had_not_happened(council, tmp_path):
    workbook = openpyxl.load_workbook(export(tmp_path, as_at=D(2025, 9, 10))[0])
    # Jack's assessment was still open on 10 September 2025: no authorisation date or outcome yet.
    assert data_rows(workbook, 4) == [
        [*JACK[:4], 7, "a) Yes", D(2025, 8, 5), "a) Yes", None, None, "Child Protection 1", "Gareth Holt"]
    ]
    # The six months now reach back to 10 March: Mia's April enquiry is listed too. Her September
    # enquiry had begun but no conference had been held.
    assert data_rows(workbook, 5) == [
        [*MIA[:4], 12, "b) No", D(2025, 4, 1), "a) Yes", None, None, 1, 0, "Child Protection 1", "Gareth Holt"],
        [*MIA[:4], 12, "b) No", D(2025, 9, 1), "b) No", None, None, 1, 0, "Child Protection 1", "Gareth Holt"],
    ]
    # Her plan had not begun, and nor had Ava's second referral been made.
    assert data_rows(workbook, 7) == []
    assert [row[5] for row in data_rows(workbook, 3)] == [D(2025, 3, 10), D(2025, 8, 4)]


def by_header(workbook, number: int) -> list[dict]:
    columns = LISTS[number - 1].columns
    return [dict(zip(columns, row)) for row in data_rows(workbook, number)]


def test_closed_cases_and_police_protection(make_user, tmp_path):
    """A child in need plan closed in the six months; a short period of care under police
    protection that ended in them; a child protection plan that ended after it."""
    team = Team.objects.create(name="Child Protection 2")
    author = make_user("ruth", None, team)
    other = Team.objects.create(name="Assessment South")
    child = Child.objects.create(local_id="D001", first_name="Ben", last_name="Test", date_of_birth=D(2014, 1, 20),
                                 gender="a) Male", ethnicity="a) WBRI", disability="b) No", team=other)
    common = {"child": child, "recorded_by": author, "team": team, "worker": author.worker}
    Episode.objects.create(stage=Stage.CHILD_IN_NEED, start_date=D(2025, 1, 6), end_date=D(2025, 10, 31),
                           primary_need="N4 - Family in acute stress",
                           closure_reason="RC7 - Services ceased for any other reason, including child no longer in need",
                           **common)
    care = Episode.objects.create(stage=Stage.LOOKED_AFTER, start_date=D(2025, 8, 1), end_date=D(2025, 8, 3),
                                  category_of_need="N1 - Abuse or neglect",
                                  reason_ceased="e) E4A: Returned home to live with parents or relatives - part of planning",
                                  **common)
    LegalStatus.objects.create(episode=care, start_date=D(2025, 8, 1), code="L1: Police protection LA accommodation",
                               recorded_by=author)
    Episode.objects.create(stage=Stage.CHILD_PROTECTION, start_date=D(2025, 2, 3), end_date=D(2025, 10, 31),
                           initial_category="b) Physical abuse", latest_category="b) Physical abuse", **common)
    workbook = openpyxl.load_workbook(export(tmp_path)[0])

    [need] = by_header(workbook, 6)
    assert (need["CIN Start Date"], need["Primary Need Code"], need["CIN Closure Date"], need["Reason for Closure"],
            need["Case status"]) == (D(2025, 1, 6), "N4 - Family in acute stress", D(2025, 10, 31),
                                     "RC7 - Services ceased for any other reason, including child no longer in need",
                                     "e) Closed episode")
    # Closed: the team and worker the case was last allocated to, not the child's team now.
    assert (need["Allocated Team"], need["Allocated Worker"]) == ("Child Protection 2", "Ruth Tester")

    [plan] = by_header(workbook, 7)
    assert plan["Child Protection Plan End Date"] == D(2025, 10, 31)
    assert plan["Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)"] == "a) Yes"
    assert plan["Date of the Last Statutory Visit"] is None and plan["Was the Child Seen Alone?"] is None

    [stay] = by_header(workbook, 8)
    assert (stay["Date Ceased to be Looked After "], stay["Reason Ceased to be Looked After"]) == (
        D(2025, 8, 3), "e) E4A: Returned home to live with parents or relatives - part of planning")
    assert (stay["Child's Legal Status"], stay["Number of Placements in the Last 12 months"]) == (
        "L1: Police protection LA accommodation", 0)
    assert stay["Placement Location"] is None and stay["Allocated Team"] == "Child Protection 2"

    # As at 1 March 2026 the police protection is more than six months back; the plan is not.
    workbook = openpyxl.load_workbook(export(tmp_path, as_at=D(2026, 3, 1))[0])
    [plan] = by_header(workbook, 7)
    assert plan["Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)"] == "b) No"


# --- A seeded council


def seed_council(children: int = 300) -> None:
    call_command("seed_demo", children=children, seed=1, as_of=AS_AT, password="annex-a-tests", stdout=StringIO())


def test_seeded_council_fills_every_list_but_adopters_with_template_codes(tmp_path):
    seed_council()
    path, counts = export(tmp_path)
    assert [number for number, rows in counts.items() if rows == 0] == [11]
    workbook = openpyxl.load_workbook(path)
    used_lists = set()
    for spec in LISTS:
        rows = data_rows(workbook, spec.number)
        assert len(rows) == counts[spec.number]
        for index, header in enumerate(spec.columns):
            if header in CODE_LIST_FOR_COLUMN:
                allowed = set(CODES_USED[CODE_LIST_FOR_COLUMN[header]])
                used_lists.add(CODE_LIST_FOR_COLUMN[header])
                assert {row[index] for row in rows} - {None} <= allowed, (spec.sheet, header)
            if header == "Age of Child (Years)":
                assert all(type(row[index]) is int and 0 <= row[index] <= 25 for row in rows)
    assert set(CODES_USED) - used_lists == {"Reason for leaving adoption process"}  # List 11 only
    # One row per child where Ofsted asks for a single entry.
    for number in (6, 7, 8, 9):
        ids = [row[0] for row in data_rows(workbook, number)]
        assert len(ids) == len(set(ids))


def test_queries_do_not_grow_with_the_number_of_children(tmp_path):
    with CaptureQueriesContext(connection) as empty:
        export(tmp_path)
    seed_council(120)
    with CaptureQueriesContext(connection) as seeded:
        counts = export(tmp_path)[1]
    assert sum(counts.values()) > 100
    assert len(seeded.captured_queries) == len(empty.captured_queries) <= 40


# --- The command


def test_command_writes_the_workbook_and_reports_rows_and_time(council, tmp_path):
    out = StringIO()
    path = tmp_path / "annex.xlsx"
    call_command("export_annex_a", "--as-at", "2026-01-15", "--out", str(path), stdout=out)
    text = out.getvalue()
    assert "Annex A as at 15/01/2026" in text
    assert "List 3: Referral: 2 rows" in text and "List 2: Early Help: 1 row " in text
    assert "List 11: Adopters: 0 rows" in text
    assert "Wrote 17 rows in 11 lists" in text and " s." in text
    assert openpyxl.load_workbook(path).sheetnames[0] == "List_1"


def test_command_refuses_a_date_it_cannot_read(tmp_path):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_annex_a", "--as-at", "15/01/2026", "--out", str(tmp_path / "a.xlsx"), stdout=StringIO())


# --- LibreOffice


@pytest.mark.integration
def test_export_opens_in_libreoffice(council, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is needed: add libreoffice-calc-nogui to scripts/test.sh")
    path, _ = export(tmp_path)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "annex-a.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "List 1: Contacts" in text and "List 11: Adopters" in text
    assert "C004" in text and "q) 6: Police" in text
    assert "01/10/2025" in text  # a date shown as DD/MM/YYYY
