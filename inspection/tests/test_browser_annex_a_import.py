"""A senior manager uploads an Annex A workbook with mistakes, reads the rejected rows, then
uploads a good one; axe-core finds no violation on any page visited."""

import pytest
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from cases.models import Child
from conftest import PASSWORD
from inspection.tests.test_annex_a_import_views import CONTACT, workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_senior_manager_imports_annex_a(page, live_server, senior_manager, tmp_path):
    bad = tmp_path / "with-mistakes.xlsx"
    bad.write_bytes(workbook({1: [[*CONTACT[:5], "31/02/2026", "q) 6: Police"]]}))
    good = tmp_path / "annex-a.xlsx"
    good.write_bytes(workbook({1: [CONTACT]}))

    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/inspections/readiness/")
    page.get_by_role("link", name="Import Annex A").click()
    expect(page.get_by_role("heading", name="Import Annex A")).to_be_visible()
    assert_accessible(page, "annex-a-import")

    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_role("link", name="Select the Annex A workbook")).to_be_visible()
    assert_accessible(page, "annex-a-import-errors")

    page.get_by_label("Annex A workbook").set_input_files(bad)
    dates = page.get_by_role("group", name="Date the lists were drawn")
    dates.get_by_label("Day").fill("1")
    dates.get_by_label("Month").fill("11")
    dates.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_role("heading", name="Nothing was imported")).to_be_visible()
    expect(page.get_by_role("cell", name="31/02/2026 is not a real date.")).to_be_visible()
    assert_accessible(page, "annex-a-import-rejected")
    assert not Child.objects.exists()

    page.get_by_role("link", name="Import another workbook").click()
    page.get_by_label("Annex A workbook").set_input_files(good)
    dates = page.get_by_role("group", name="Date the lists were drawn")
    dates.get_by_label("Day").fill("1")
    dates.get_by_label("Month").fill("11")
    dates.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    expect(page.get_by_text("Added 1 child and updated 0.")).to_be_visible()
    assert_accessible(page, "annex-a-import-done")
    assert Child.objects.filter(local_id="C-1").exists()
