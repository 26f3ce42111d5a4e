"""Asking for a report in the browser and downloading it when it is ready, with My reports
updating itself while the job runs (static/js/report-status.mjs), checked with axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

import browser_testing
from browser_testing import assert_accessible
from conftest import PASSWORD
from inspection import services
from inspection.models import ReportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_asks_for_a_report_watches_it_run_and_downloads_it(page, live_server, senior_manager, monkeypatch):
    queued = []
    # The worker is played by this test, so the page can be seen waiting before the job runs.
    monkeypatch.setattr("inspection.tasks.render_report.apply_async", lambda args, **options: queued.append(args[0]))
    browser_testing.sign_in(page, live_server, "senior", PASSWORD)
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.get_by_role("heading", name="My reports")).to_be_visible()
    expect(page.get_by_role("button", name="Action plan progress")).to_be_visible()
    assert_accessible(page, "my-reports-offers")

    page.get_by_role("button", name="Action plan progress").click()
    expect(page.get_by_text("has been requested")).to_be_visible()
    expect(page.get_by_text("Queued", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Check again")).to_be_visible()
    assert_accessible(page, "my-reports-queued")
    job = ReportJob.objects.get(requested_by=senior_manager)
    assert queued == [job.pk] and job.kind == "action_plan_progress"

    services.report_job_run(job_pk=job.pk)  # the worker finishes; the page notices without a reload
    expect(page.locator("[data-report-announcer]")).to_have_text(f"{job.title} is ready to download.", timeout=15000)
    expect(page.get_by_text("Ready", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Check again")).to_have_count(0)
    assert_accessible(page, "my-reports-ready")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("action-plan-progress-")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_a_failed_report_says_why_on_my_reports(page, live_server, senior_manager, monkeypatch):
    job = ReportJob.objects.create(kind="action_plan", title="Action plan: Improvement plan", requested_by=senior_manager,
                                   parameters={"plan": 999999})  # the plan was deleted before the job ran
    services.report_job_run(job_pk=job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    browser_testing.sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/reports/")
    expect(page.get_by_text("Failed", exact=True)).to_be_visible()
    expect(page.get_by_text(job.error)).to_be_visible()
    assert_accessible(page, "my-reports-failed")
