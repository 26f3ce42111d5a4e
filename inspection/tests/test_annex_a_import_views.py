"""The Annex A upload page and an import's result page: who may use them, the form's errors,
and an upload run by the (eager) worker to an imported or rejected result."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Child, Episode
from inspection.annex_a.spec import LISTS
from inspection.models import AnnexAImport

pytestmark = pytest.mark.django_db

UPLOAD = reverse("annex_a_imports:upload")


def workbook(rows: dict[int, list[list]] | None = None, *, drop_sheet: int | None = None) -> bytes:
    """An Annex A workbook in Ofsted's layout with the given rows."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in LISTS:
        if spec.number == drop_sheet:
            continue
        sheet = book.create_sheet(spec.sheet)
        sheet.append([spec.title_text])
        sheet.append(list(spec.columns))
        for row in (rows or {}).get(spec.number, []):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CONTACT = ["C-1", "a) Male", "a) WBRI", date(2015, 4, 1), 11, date(2026, 10, 1), "q) 6: Police"]


def post(client, content: bytes, name="annex-a.xlsx", **fields):
    data = {"workbook": SimpleUploadedFile(name, content), "as_at_0": "1", "as_at_1": "11", "as_at_2": "2026"}
    data.update(fields)
    return client.post(UPLOAD, data)


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "auditor", "elected_member", "administrator"])
def test_only_senior_managers_may_import(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(UPLOAD).status_code == 403
    assert post(client, workbook({1: [CONTACT]})).status_code == 403
    assert not Child.objects.exists()


def test_other_roles_cannot_read_an_import(client, senior_manager, team_manager):
    upload = AnnexAImport.objects.create(uploaded_by=senior_manager, file_name="a.xlsx", as_at=date(2026, 11, 1))
    client.force_login(team_manager)
    assert client.get(reverse("annex_a_imports:detail", args=[upload.pk])).status_code == 403


def test_the_upload_page_shows_the_form_and_recent_imports(client, senior_manager):
    AnnexAImport.objects.create(uploaded_by=senior_manager, file_name="last-year.xlsx", as_at=date(2025, 11, 1),
                                status=AnnexAImport.Status.IMPORTED)
    client.force_login(senior_manager)
    response = client.get(UPLOAD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Annex A workbook" in page and "Date the lists were drawn" in page
    assert "last-year.xlsx" in page and "Imported" in page


def test_an_upload_is_imported_in_the_background_and_the_result_shown(client, senior_manager,
                                                                      django_capture_on_commit_callbacks):
    client.force_login(senior_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, workbook({1: [CONTACT]}))
    upload = AnnexAImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("annex_a_imports:detail", args=[upload.pk])
    assert upload.status == AnnexAImport.Status.IMPORTED
    assert upload.uploaded_by == senior_manager and upload.as_at == date(2026, 11, 1)
    assert not upload.file, "the workbook is not kept once imported"
    child = Child.objects.get(local_id="C-1")
    assert child.full_name == "Name not recorded"
    assert Episode.objects.get(child=child).start_date == date(2026, 10, 1)
    page = client.get(response["Location"]).content.decode()
    assert "Added 1 child and updated 0." in page


def test_a_check_only_upload_keeps_nothing(client, senior_manager, django_capture_on_commit_callbacks):
    client.force_login(senior_manager)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, workbook({1: [CONTACT]}), dry_run="on")
    upload = AnnexAImport.objects.get()
    assert upload.status == AnnexAImport.Status.CHECKED
    assert not Child.objects.exists()
    page = client.get(reverse("annex_a_imports:detail", args=[upload.pk])).content.decode()
    assert "Checked: nothing was kept" in page and "Would add 1 child and update 0." in page


def test_a_rejected_workbook_lists_every_row_and_imports_nothing(client, senior_manager,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(senior_manager)
    bad_contact = [*CONTACT[:5], "31/02/2026", "Carrier pigeon"]
    with django_capture_on_commit_callbacks(execute=True):
        post(client, workbook({1: [CONTACT, bad_contact]}, drop_sheet=9))
    upload = AnnexAImport.objects.get()
    assert upload.status == AnnexAImport.Status.REJECTED
    assert not Child.objects.exists()
    assert upload.error_count == 3
    assert {(error["list"], error["row"], error["column"]) for error in upload.errors} == {
        (1, 4, "Date of Contact"), (1, 4, "Contact Source"), (9, None, None),
    }
    page = client.get(reverse("annex_a_imports:detail", args=[upload.pk])).content.decode()
    assert "Nothing was imported" in page
    assert "31/02/2026 is not a real date." in page
    assert "The workbook has no sheet called List_9" in page


@pytest.mark.parametrize(("name", "content", "fields", "message"), [
    ("annex-a.csv", b"a,b", {}, "The selected file must be an Excel workbook (.xlsx)"),
    ("annex-a.xlsx", b"not a zip", {}, "The selected file must be an Excel workbook (.xlsx)"),
    ("annex-a.xlsx", None, {"as_at_2": "2099"}, "The date the lists were drawn must be today or in the past"),
    ("annex-a.xlsx", None, {"as_at_0": "31", "as_at_1": "2"}, "Enter a real date"),
])
def test_bad_input_reshows_the_form_with_the_reason(client, senior_manager, name, content, fields, message):
    client.force_login(senior_manager)
    response = post(client, content if content is not None else workbook(), name=name, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AnnexAImport.objects.exists()


def test_a_missing_file_is_asked_for(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post(UPLOAD, {"as_at_0": "1", "as_at_1": "11", "as_at_2": "2026"})
    assert response.status_code == 200
    assert "Select the Annex A workbook" in response.content.decode()
