"""An Annex A workbook uploaded while the background service (Redis, the Celery broker) is away: the
upload is accepted and kept, its page says it is waiting for the service, and it is sent to the
worker when the service is back (inspection.tasks.requeue_waiting_reports, with the report jobs)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Child
from inspection.annex_a_imports import services
from inspection.models import AnnexAImport
from inspection.tasks import requeue_waiting_reports, run_annex_a_import

from .test_annex_a_import_views import CONTACT, workbook

pytestmark = pytest.mark.django_db

UPLOAD = reverse("annex_a_imports:upload")


def _service_away(*args, **kwargs):
    from kombu.exceptions import OperationalError

    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def _upload(client, django_capture_on_commit_callbacks):
    data = {"workbook": SimpleUploadedFile("annex-a.xlsx", workbook({1: [CONTACT]})),
            "as_at_0": "1", "as_at_1": "11", "as_at_2": "2026"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(UPLOAD, data)
    assert len(callbacks) == 1
    return response


def test_an_upload_with_the_background_service_away_is_kept_and_says_it_is_waiting(
    client, senior_manager, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    monkeypatch.setattr(run_annex_a_import, "apply_async", _service_away)
    client.force_login(senior_manager)

    response = _upload(client, django_capture_on_commit_callbacks)

    upload = AnnexAImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("annex_a_imports:detail", args=[upload.pk])
    assert upload.status == AnnexAImport.Status.WAITING and upload.is_pending
    assert upload.file  # kept until it is imported
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the background service" in page
    assert "starts by itself as soon as the service is back" in page
    assert "js/annex-a-import-status.mjs" in page and "Check again" in page  # the page keeps checking
    assert 'http-equiv="refresh"' not in page  # without reloading itself under the reader
    assert "Waiting for the background service" in client.get(UPLOAD).content.decode()  # the recent imports too
    assert f"Annex A import {upload.pk} could not be sent to the report service" in caplog.text
    assert not Child.objects.exists()


def test_waiting_uploads_are_sent_when_the_service_is_back_and_only_once(senior_manager, monkeypatch):
    waiting = AnnexAImport.objects.create(uploaded_by=senior_manager, file_name="a.xlsx", as_at=date(2026, 11, 1),
                                          status=AnnexAImport.Status.WAITING)
    queued = AnnexAImport.objects.create(uploaded_by=senior_manager, file_name="b.xlsx", as_at=date(2026, 11, 1))
    sent = []
    monkeypatch.setattr(run_annex_a_import, "apply_async", lambda args, **options: sent.append((args, options)))

    assert requeue_waiting_reports.apply().get() == 1

    ((args, options),) = sent
    assert args == (waiting.pk,)  # not the one sent normally
    assert options["retry"] is True and options["retry_policy"]["max_retries"] <= 1  # a page never waits long
    waiting.refresh_from_db(), queued.refresh_from_db()
    assert waiting.status == queued.status == AnnexAImport.Status.QUEUED
    assert requeue_waiting_reports.apply().get() == 0  # nothing sent twice


def test_an_upload_that_still_cannot_be_sent_keeps_waiting(senior_manager, monkeypatch):
    upload = AnnexAImport.objects.create(uploaded_by=senior_manager, file_name="a.xlsx", as_at=date(2026, 11, 1),
                                         status=AnnexAImport.Status.WAITING)
    monkeypatch.setattr(run_annex_a_import, "apply_async", _service_away)
    assert services.annex_a_imports_resend_waiting() == 0
    upload.refresh_from_db()
    assert upload.status == AnnexAImport.Status.WAITING


def test_a_waiting_upload_is_imported_when_the_worker_takes_it(
    client, senior_manager, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(senior_manager)
    with monkeypatch.context() as away:
        away.setattr(run_annex_a_import, "apply_async", _service_away)
        _upload(client, django_capture_on_commit_callbacks)
    upload = AnnexAImport.objects.get()
    assert upload.status == AnnexAImport.Status.WAITING

    assert requeue_waiting_reports.apply().get() == 1  # the service is back; the worker runs it (eagerly here)

    upload.refresh_from_db()
    assert upload.status == AnnexAImport.Status.IMPORTED, upload.failure
    assert Child.objects.filter(local_id="C-1").exists()
    assert not upload.file  # the workbook is not kept once imported
