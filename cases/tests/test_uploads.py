"""Uploaded files (cases/uploads.py and every upload form): not empty, smaller than the council's
limit (settings.UPLOAD_MAX_BYTES, 10 MB unless set), named as a kind the form takes and holding what
the name says, with the GOV.UK file upload pattern's messages. Each form that takes a file: the Annex
A workbook, an inspection's report, the board's annual report and evidence of progress."""

import io
import zipfile
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.uploads import DOCUMENTS, PDF, XLSX, check_upload, size_in_words
from property_testing.strategies import NASTY_FILE_CONTENTS, XLSM_TYPES

OOXML = "application/vnd.openxmlformats-officedocument"


def ooxml(content_type: str, *, extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" '
            f'ContentType="{content_type}"/></Types>'))
        archive.writestr("main.xml", "<main/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def odf(mimetype: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


XLSX_BYTES = ooxml(f"{OOXML}.spreadsheetml.sheet.main+xml")
GOOD = {
    "minutes.pdf": b"%PDF-1.7\nminutes",
    "plan.docx": ooxml(f"{OOXML}.wordprocessingml.document.main+xml"),
    "figures.xlsx": XLSX_BYTES,
    "briefing.pptx": ooxml(f"{OOXML}.presentationml.presentation.main+xml"),
    "notes.odt": odf(b"application/vnd.oasis.opendocument.text"),
    "figures.ods": odf(b"application/vnd.oasis.opendocument.spreadsheet"),
    "chart.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
    "photo.JPG": b"\xff\xd8\xff\xe0" + b"\x00" * 20,
    "notes.txt": "Minutes of the meeting – agreed actions.\r\n".encode("utf-8"),
}
BAD = {
    "program.pdf": NASTY_FILE_CONTENTS["windows program"],
    "program.exe": NASTY_FILE_CONTENTS["windows program"],
    "macros.xlsm": ooxml("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    "macros.xlsx": ooxml("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),  # an .xlsm renamed
    "vba.docx": ooxml(f"{OOXML}.wordprocessingml.document.main+xml", extra={"word/vbaProject.bin": b"\xd0\xcf"}),
    "word.xlsx": ooxml(f"{OOXML}.wordprocessingml.document.main+xml"),  # a Word document renamed
    "list.xlsx": NASTY_FILE_CONTENTS["csv"],
    "zip.docx": NASTY_FILE_CONTENTS["zip without content types"],
    "cut.xlsx": XLSX_BYTES[:60],
    "page.txt": b"\x7fELF\x02\x01\x01\x00\x00",
    "image.png": b"<svg/>",
    "report.html": NASTY_FILE_CONTENTS["html"],
    "no-extension": b"%PDF-1.7",
    "notes.odt": odf(b"application/x-something-else"),
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def message(name: str, content: bytes, kinds=DOCUMENTS) -> str | None:
    try:
        check_upload(upload(name, content), kinds)
    except ValidationError as error:
        return error.messages[0]
    return None


def test_the_limit_is_ten_megabytes_unless_the_council_sets_it():
    assert django_settings.UPLOAD_MAX_BYTES == 10 * 1024 * 1024
    assert size_in_words(django_settings.UPLOAD_MAX_BYTES) == "10 MB"
    assert (size_in_words(1536), size_in_words(2_621_440), size_in_words(12)) == ("1.5 KB", "2.5 MB", "12 bytes")
    # Django's own limits: the rest of a form, and how many files one request may carry.
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20


@pytest.mark.parametrize("name", list(GOOD))
def test_documents_of_each_kind_are_accepted(name):
    assert message(name, GOOD[name]) is None


@pytest.mark.parametrize("name", list(BAD))
def test_a_file_that_is_not_what_its_name_says_or_not_a_document_is_refused(name):
    assert message(name, BAD[name]) == (
        "The selected file must be a PDF, Word document (.docx), Excel workbook (.xlsx), PowerPoint presentation "
        "(.pptx), OpenDocument text (.odt), OpenDocument spreadsheet (.ods), PNG, JPG or text file (.txt)")


def test_an_empty_file_and_one_over_the_limit_are_refused_in_the_govuk_words(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    assert message("empty.pdf", b"", (PDF,)) == "The selected file is empty"
    assert message("big.pdf", b"%PDF-" + b"x" * 1020, (PDF,)) == "The selected file must be smaller than 1 KB"
    assert message("exact.pdf", b"%PDF-" + b"x" * 1019, (PDF,)) is None


def test_only_a_real_workbook_is_an_excel_workbook():
    assert message("annex-a.xlsx", XLSX_BYTES, (XLSX,)) is None
    assert message("annex-a.XLSX", XLSX_BYTES, (XLSX,)) is None
    for name, content in [("annex-a.xlsm", XLSX_BYTES), ("annex-a.xlsx", XLSM_TYPES), ("annex-a.xlsx", BAD["list.xlsx"]),
                          ("annex-a.xlsx", BAD["macros.xlsx"]), ("annex-a.xlsx", BAD["word.xlsx"]),
                          ("annex-a.xlsx.exe", XLSX_BYTES), ("annex-a.csv", BAD["list.xlsx"])]:
        assert message(name, content, (XLSX,)) == "The selected file must be an Excel workbook (.xlsx)", name


def test_a_check_leaves_the_file_ready_to_be_read_from_the_start():
    file = upload("figures.xlsx", XLSX_BYTES)
    file.read(10)
    check_upload(file, (XLSX,))
    assert file.tell() == 0 and file.read() == XLSX_BYTES


# --- each form that takes a file


@pytest.mark.django_db
def test_the_annex_a_upload_refuses_a_macro_workbook_and_one_too_big(client, senior_manager, settings):
    client.force_login(senior_manager)
    url = reverse("annex_a_imports:upload")
    as_at = {"as_at_0": "1", "as_at_1": "11", "as_at_2": "2026"}
    page = client.get(url).content.decode()
    assert "smaller than 10 MB" in page
    response = client.post(url, {**as_at, "workbook": upload("annex-a.xlsx", BAD["macros.xlsx"])})
    assert "The selected file must be an Excel workbook (.xlsx)" in response.content.decode()
    settings.UPLOAD_MAX_BYTES = 100
    response = client.post(url, {**as_at, "workbook": upload("annex-a.xlsx", XLSX_BYTES)})
    assert response.status_code == 200 and "The selected file must be smaller than 100 bytes" in response.content.decode()
    from inspection.models import AnnexAImport

    assert not AnnexAImport.objects.exists()


@pytest.mark.django_db
def test_an_inspections_report_must_be_a_pdf(client, senior_manager):
    from inspection.models import Inspection

    client.force_login(senior_manager)
    data = {"kind": "ilacs_standard", "title": "ILACS 2027", "on_site_from_0": "3", "on_site_from_1": "3",
            "on_site_from_2": "2025", "report": upload("report.pdf", BAD["program.pdf"])}
    response = client.post(reverse("inspections:create"), data)
    assert response.status_code == 200 and "The selected file must be a PDF" in response.content.decode()
    assert not Inspection.objects.exists()
    response = client.post(reverse("inspections:create"), {**data, "report": upload("report.pdf", GOOD["minutes.pdf"])})
    assert response.status_code == 302 and Inspection.objects.get().report


@pytest.mark.django_db
def test_the_boards_annual_report_must_be_a_pdf_smaller_than_the_limit(client, senior_manager, settings):
    from lscb.models import AnnualReport, Board

    Board.objects.create(name="Northbridge Safeguarding Children Board", chair="Dr Ann Ellis")
    client.force_login(senior_manager)
    settings.UPLOAD_MAX_BYTES = 100
    data = {"year": "2024 to 2025", "year_end_0": "31", "year_end_1": "3", "year_end_2": "2025"}
    url = reverse("lscb:annual_report_create")
    for document, shown in [(upload("report.pdf", b"%PDF-" + b"x" * 200), "The selected file must be smaller than 100 bytes"),
                            (upload("report.docx", b"PK\x03\x04"), "The selected file must be a PDF"),
                            (upload("report.pdf", b""), "The selected file is empty")]:
        response = client.post(url, {**data, "document": document})
        assert response.status_code == 200 and shown in response.content.decode(), shown
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_evidence_of_progress_names_each_file_refused(client, team_manager, senior_manager, settings):
    from actionplans.models import ProgressEvidence, ProgressUpdate
    from actionplans.tests.plan_support import make_action, make_plan, make_recommendation

    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager, owner=team_manager)
    client.force_login(team_manager)
    settings.UPLOAD_MAX_BYTES = 1024
    today = date.today()
    data = {"date_0": str(today.day), "date_1": str(today.month), "date_2": str(today.year), "note": "Re-audit",
            "status": "on_track", "files": [upload("minutes.docx", GOOD["plan.docx"]),
                                            upload("setup.pdf", BAD["program.pdf"]),
                                            upload("scan.pdf", b"%PDF-" + b"x" * 2000)]}
    response = client.post(reverse("actionplans:progress_add", args=[action.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "setup.pdf must be a PDF, Word document (.docx)" in page and "scan.pdf must be smaller than 1 KB" in page
    assert "minutes.docx" not in page.split("govuk-error-summary")[1].split("</div>")[0]
    assert not ProgressUpdate.objects.exists() and not ProgressEvidence.objects.exists()
