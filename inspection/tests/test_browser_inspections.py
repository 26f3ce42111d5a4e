"""A senior manager records an inspection and reads its timetable and the forecast; axe-core
finds no violation on any page visited."""

from datetime import date

import pytest
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from inspection.models import Inspection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_senior_manager_records_an_inspection_and_sees_the_timetable(page, live_server, senior_manager):
    Inspection.objects.create(kind="ilacs_standard", title="ILACS standard inspection, 2024", on_site_from=date(2024, 3, 4),
                              published_on=date(2024, 5, 10), overall_grade=3, created_by=senior_manager)
    sign_in(page, live_server, "senior", PASSWORD)
    page.get_by_role("link", name="Inspections", exact=True).click()
    expect(page.get_by_text("An ILACS standard inspection (two weeks on site)")).to_be_visible()
    assert_accessible(page, "inspections")
    page.get_by_role("link", name="Readiness").click()
    expect(page.get_by_role("heading", name="Are we ready?")).to_be_visible()
    assert_accessible(page, "readiness")
    page.get_by_role("link", name="Check Annex A data first").click()
    expect(page.get_by_role("heading", name="Annex A data quality")).to_be_visible()
    assert_accessible(page, "annex-a-data-quality")
    page.get_by_role("link", name="Back to readiness").click()
    page.get_by_role("link", name="Inspections", exact=True).first.click()
    page.get_by_role("button", name="Record an inspection").click()
    expect(page.get_by_role("heading", name="Record an inspection")).to_be_visible()
    assert_accessible(page, "inspection-form")
    page.get_by_label("Focused visit").check()
    page.get_by_label("Title").fill("Focused visit: children in care")
    on_site = page.get_by_role("group", name="First day inspectors are on site")
    on_site.get_by_label("Day").fill("3")
    on_site.get_by_label("Month").fill("3")
    on_site.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Focused visit: children in care")).to_be_visible()
    expect(page.get_by_role("cell", name="Inspectors on site")).to_be_visible()
    assert_accessible(page, "inspection-detail")


def test_a_senior_manager_writes_the_self_evaluation_and_compares_versions(page, live_server, senior_manager):
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/self-evaluation/")
    expect(page.get_by_role("button", name="Start a self-evaluation")).to_be_visible()
    assert_accessible(page, "self-evaluation-list")
    page.get_by_role("button", name="Start a self-evaluation").click()
    page.get_by_label("Title").fill("Self-evaluation 2026 to 2027")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Write the first version")).to_be_visible()
    assert_accessible(page, "self-evaluation-edit")
    page.get_by_label("What we know about the quality and impact of social work practice").fill("Most visits are timely.")
    page.get_by_label("How we know it").fill("Monthly case audits and performance data.")
    page.get_by_label("Our plans to maintain or improve practice").fill("Strengthen supervision.")
    page.get_by_role("button", name="Save this version").click()
    expect(page.get_by_text("Version 1 saved.")).to_be_visible()
    page.get_by_role("button", name="Write a new version").click()
    page.get_by_label("Our plans to maintain or improve practice").fill("Strengthen supervision and plans.")
    page.get_by_role("button", name="Save this version").click()
    expect(page.get_by_text("Version 2 saved.")).to_be_visible()
    assert_accessible(page, "self-evaluation-detail")
    page.get_by_role("link", name="compare with version 1").click()
    expect(page.locator(".los-diff ins.los-added")).to_have_text(" and plans")
    assert_accessible(page, "self-evaluation-compare")
