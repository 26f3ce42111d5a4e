"""Progress updates: the owner (or anyone who may change actions) reports progress with evidence
documents; others get 403; completing needs evidence of impact; files over 20 MB are refused and
nothing is saved; evidence downloads are checked and written to the access log."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actionplans.models import ProgressEvidence, ProgressUpdate
from actionplans.rules import Status
from cases.models import AccessLogEntry

from .plan_support import freeze_today, make_action, make_plan, make_recommendation, make_update


def docx() -> bytes:
    """The smallest file that is a Word document by its content: a zip naming the document part."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(senior_manager, team_manager):
    return make_action(make_recommendation(make_plan(senior_manager)), senior_manager, owner=team_manager)


def _progress(**extra):
    data = {"date_0": "1", "date_1": "6", "date_2": "2026", "note": "Audit tool agreed; first re-audit booked.",
            "status": "on_track", "evidence_of_impact": ""}
    data.update(extra)
    return data


def test_the_form_starts_with_today_and_the_current_status(client, team_manager, owned, monkeypatch):
    freeze_today(monkeypatch, date(2026, 6, 3))
    owned.status = Status.AT_RISK
    owned.save()
    client.force_login(team_manager)
    page = client.get(f"/action-plans/actions/{owned.pk}/progress/").content.decode()
    assert 'name="date_0" value="3"' in page and 'name="date_1" value="6"' in page and 'name="date_2" value="2026"' in page
    assert re.search(r'value="at_risk"\s+checked', page) and len(re.findall(r"\bchecked=", page)) == 1
    assert re.search(r'<input type="file" name="files" class="[^"]*\bgovuk-file-upload\b[^"]*" multiple', page)


def test_an_owner_reports_progress_with_several_evidence_files(client, team_manager, owned, monkeypatch):
    freeze_today(monkeypatch, date(2026, 6, 3))
    client.force_login(team_manager)
    files = [SimpleUploadedFile("re-audit.pdf", b"%PDF-1.4 one", content_type="application/pdf"),
             SimpleUploadedFile("minutes.docx", docx(), content_type="application/octet-stream")]
    response = client.post(f"/action-plans/actions/{owned.pk}/progress/", {**_progress(status="at_risk"), "files": files})
    assert response.status_code == 302 and response["Location"] == f"/action-plans/actions/{owned.pk}/"
    update = ProgressUpdate.objects.get()
    assert (update.author, update.date, update.status) == (team_manager, date(2026, 6, 1), "at_risk")
    assert sorted(evidence.name for evidence in update.evidence.all()) == ["minutes.docx", "re-audit.pdf"]
    owned.refresh_from_db()
    assert owned.status == Status.AT_RISK and owned.history.first().history_user == team_manager
    page = client.get(response["Location"]).content.decode()
    assert "Progress update saved." in page and "minutes.docx" in page


def test_a_team_manager_cannot_update_someone_else_s_action(client, senior_manager, team_manager, make_user, team_a):
    from inspection.roles import Role

    other = make_user("other.manager", Role.TEAM_MANAGER, team_a)
    action = make_action(make_recommendation(make_plan(senior_manager)), senior_manager, owner=other)
    client.force_login(team_manager)
    assert client.get(f"/action-plans/actions/{action.pk}/progress/").status_code == 403
    assert client.post(f"/action-plans/actions/{action.pk}/progress/", _progress()).status_code == 403
    assert "Report progress" not in client.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert not ProgressUpdate.objects.exists()


def test_an_auditor_updates_their_own_action_only(client, senior_manager, auditor, owned):
    client.force_login(auditor)
    assert client.post(f"/action-plans/actions/{owned.pk}/progress/", _progress()).status_code == 403
    own = make_action(owned.recommendation, senior_manager, owner=auditor)
    assert client.post(f"/action-plans/actions/{own.pk}/progress/", _progress()).status_code == 302


def test_a_senior_manager_may_update_any_action(client, senior_manager, owned):
    client.force_login(senior_manager)
    assert client.post(f"/action-plans/actions/{owned.pk}/progress/", _progress()).status_code == 302
    assert ProgressUpdate.objects.get().author == senior_manager


def test_completing_needs_evidence_of_impact_and_nothing_is_saved_without(client, team_manager, owned):
    client.force_login(team_manager)
    upload = SimpleUploadedFile("note.txt", b"note")
    response = client.post(f"/action-plans/actions/{owned.pk}/progress/", {**_progress(status="complete"), "files": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Describe the evidence of impact before marking the action complete" in page
    assert not ProgressUpdate.objects.exists() and not ProgressEvidence.objects.exists()
    owned.refresh_from_db()
    assert owned.status == Status.ON_TRACK
    response = client.post(f"/action-plans/actions/{owned.pk}/progress/", _progress(
        status="complete", evidence_of_impact="Re-audit in May: 9 of 10 plans SMART, up from 4."))
    assert response.status_code == 302
    owned.refresh_from_db()
    assert owned.status == Status.COMPLETE and owned.completed_on == date(2026, 6, 1)
    assert owned.evidence_of_impact.startswith("Re-audit in May")


def test_an_action_with_evidence_already_recorded_can_be_completed(client, team_manager, owned):
    owned.evidence_of_impact = "Fewer repeat referrals."
    owned.save()
    client.force_login(team_manager)
    assert client.post(f"/action-plans/actions/{owned.pk}/progress/", _progress(status="complete")).status_code == 302


def test_a_file_over_the_limit_is_refused_and_nothing_is_saved(client, team_manager, owned, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(team_manager)
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"x" * 1020, content_type="application/pdf")
    small = SimpleUploadedFile("small.pdf", b"%PDF", content_type="application/pdf")
    response = client.post(f"/action-plans/actions/{owned.pk}/progress/", {**_progress(), "files": [small, big]})
    page = response.content.decode()
    assert response.status_code == 200 and "scan.pdf must be smaller than 1 KB" in page
    assert "govuk-file-upload--error" in page
    assert not ProgressUpdate.objects.exists() and not ProgressEvidence.objects.exists()


def test_a_file_of_exactly_the_limit_is_accepted(client, team_manager, owned, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(team_manager)
    exact = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"x" * 1019, content_type="application/pdf")
    assert client.post(f"/action-plans/actions/{owned.pk}/progress/", {**_progress(), "files": exact}).status_code == 302
    assert ProgressEvidence.objects.get().file.size == 1024


def test_bad_dates_and_a_missing_note_are_shown_back(client, team_manager, owned, monkeypatch):
    freeze_today(monkeypatch, date(2026, 6, 3))
    client.force_login(team_manager)
    page = client.post(f"/action-plans/actions/{owned.pk}/progress/", _progress(date_0="4", note="")).content.decode()
    assert "The date of the update must be today or in the past" in page and "Describe the progress made" in page
    assert not ProgressUpdate.objects.exists()


# --- downloading evidence


def test_officers_download_evidence_and_the_download_is_logged(client, senior_manager, team_manager, auditor, owned):
    update = make_update(owned, team_manager)
    evidence = update.evidence.get()
    for user in (team_manager, auditor, senior_manager):
        client.force_login(user)
        response = client.get(f"/action-plans/evidence/{evidence.token}/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
        assert 'attachment; filename="re-audit summary.pdf"' in response["Content-Disposition"]
    entries = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.DOWNLOADED)
    assert entries.count() == 3 and {entry.user for entry in entries} == {team_manager, auditor, senior_manager}
    assert all("re-audit summary.pdf" in entry.detail and entry.child is None for entry in entries)


def test_an_unknown_evidence_token_is_not_found(client, team_manager):
    client.force_login(team_manager)
    assert client.get("/action-plans/evidence/6f1c1e5e-0000-4000-8000-000000000000/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_refused_downloads_are_not_logged(client, elected_member, team_manager, owned):
    token = make_update(owned, team_manager).evidence.get().token
    client.force_login(elected_member)
    assert client.get(f"/action-plans/evidence/{token}/").status_code == 403
    assert not AccessLogEntry.objects.exists()
