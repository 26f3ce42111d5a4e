"""Annex A uploads in the browser when something is wrong that is not in the workbook's rows: a
workbook with macros is refused with the GOV.UK message, and a good one uploaded while the
background service (Redis) is away is kept, says it is waiting, and shows its result without a
reload once the service is back; axe-core finds no violation."""

import pytest
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from inspection.models import AnnexAImport
from inspection.tasks import requeue_waiting_reports, run_annex_a_import
from inspection.tests.test_annex_a_import_views import CONTACT, workbook
from property_testing.strategies import NASTY_FILE_CONTENTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _service_away(*args, **kwargs):
    from kombu.exceptions import OperationalError

    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def _upload(page, path):
    page.get_by_label("Annex A workbook").set_input_files(path)
    dates = page.get_by_role("group", name="Date the lists were drawn")
    dates.get_by_label("Day").fill("1")
    dates.get_by_label("Month").fill("11")
    dates.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Upload and import").click()


def test_a_macro_workbook_is_refused_and_a_good_one_waits_for_the_background_service(
    page, live_server, senior_manager, tmp_path, monkeypatch
):
    macros = tmp_path / "annex-a.xlsx"
    macros.write_bytes(NASTY_FILE_CONTENTS["workbook with macros (.xlsm)"])
    good = tmp_path / "annex-a-good.xlsx"
    good.write_bytes(workbook({1: [CONTACT]}))
    monkeypatch.setattr(run_annex_a_import, "apply_async", _service_away)

    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/inspections/annex-a/imports/")
    expect(page.get_by_text("smaller than 10 MB")).to_be_visible()
    _upload(page, macros)
    expect(page.get_by_role("link", name="The selected file must be an Excel workbook (.xlsx)")).to_be_visible()
    assert_accessible(page, "annex-a-import-not-a-workbook")
    assert not AnnexAImport.objects.exists()

    _upload(page, good)
    expect(page.get_by_text("It will be imported as soon as the background service is back.")).to_be_visible()
    expect(page.get_by_text("Waiting for the background service").first).to_be_visible()
    expect(page.get_by_text("its import starts by itself as soon as the service is back")).to_be_visible()
    assert_accessible(page, "annex-a-import-waiting")
    assert AnnexAImport.objects.get().status == AnnexAImport.Status.WAITING

    monkeypatch.undo()  # the service is back: the waiting upload is sent (and run here, eagerly)
    assert requeue_waiting_reports.apply().get() == 1
    expect(page.get_by_role("heading", name="Imported")).to_be_visible(timeout=15_000)  # without a reload
    expect(page.get_by_text("Added 1 child and updated 0.")).to_be_visible()
    assert_accessible(page, "annex-a-import-waited-and-imported")
