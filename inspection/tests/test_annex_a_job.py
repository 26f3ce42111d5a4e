"""Annex A as a background job from the readiness page: who may produce it, the spreadsheet
download, the access log, and the readiness checklist noticing it."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cases.models import AccessLogEntry
from inspection.models import ReportJob

pytestmark = pytest.mark.django_db


def test_only_those_who_see_every_child_may_produce_annex_a(client, practitioner, team_manager, elected_member):
    assert client.post("/reports/annex-a/").status_code == 302  # to sign in
    for user in (practitioner, team_manager, elected_member):
        client.force_login(user)
        assert client.post("/reports/annex-a/").status_code == 403
    assert not ReportJob.objects.exists()
    assert client.get("/reports/annex-a/").status_code == 405


def test_an_auditor_produces_annex_a_and_downloads_the_workbook(client, auditor, child_a, django_capture_on_commit_callbacks):
    client.force_login(auditor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/annex-a/")
    assert response.status_code == 302 and response["Location"] == "/reports/"
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.READY, job.error
    assert job.title == f"Annex A as at {timezone.localdate():%-d %B %Y}"
    assert "Download spreadsheet" in client.get("/reports/").content.decode()
    download = client.get(f"/reports/{job.pk}/download/")
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert download["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)
    assert workbook.sheetnames[:2] == ["List_1", "List_2"] and len(workbook.sheetnames) == 11
    actions = set(AccessLogEntry.objects.filter(user=auditor).values_list("action", flat=True))
    assert actions == {AccessLogEntry.Action.EXPORTED, AccessLogEntry.Action.DOWNLOADED}
    readiness = client.get("/inspections/readiness/").content.decode()
    assert f"Last produced on {timezone.localdate():%-d %B %Y}." in readiness
