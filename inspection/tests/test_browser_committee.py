"""A senior manager writes a committee report, checks it on screen with its figures, produces the
PDF and issues it; an elected member then finds it in the list and reads it. axe-core finds no
violation on any page visited; the screenshots are in test-artifacts/ for looking at."""

import importlib

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from inspection.models import CommitteeReport, ReportJob
from inspection.tests.test_committee_report import make_audits, make_judgements, make_plans, make_snapshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def frameworks():
    """A transactional test's flush removes what the data migrations wrote: write it again."""
    importlib.import_module("judgements.migrations.0002_frameworks").write_frameworks(django_apps, None)


def test_an_officer_writes_produces_and_issues_a_paper_and_a_member_reads_it(
    page, live_server, senior_manager, elected_member, make_child, team_a, auditor, audit_template, frameworks,
):
    make_snapshots()
    make_audits([make_child(team_a) for _ in range(4)], audit_template, auditor)
    make_plans(senior_manager)
    make_judgements(senior_manager)

    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/committee-reports/")
    expect(page.get_by_role("heading", name="Committee reports")).to_be_visible()
    assert_accessible(page, "committee-list-officer")
    page.get_by_role("button", name="Write a committee report").click()
    expect(page.get_by_role("heading", name="Write a committee report")).to_be_visible()
    page.get_by_role("button", name="Save the draft").click()  # nothing filled in
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page, "committee-form-errors")

    page.get_by_label("Report to").fill("Children and Young People Scrutiny Committee")
    meeting = page.get_by_role("group", name="Date of the meeting")
    meeting.get_by_label("Day").fill("26")
    meeting.get_by_label("Month").fill("11")
    meeting.get_by_label("Year").fill("2026")
    figures = page.get_by_role("group", name="Figures as at")
    figures.get_by_label("Day").fill("15")
    figures.get_by_label("Month").fill("11")
    figures.get_by_label("Year").fill("2026")
    page.get_by_label("Reporting officer").fill("Strategic Director, Children's Services")
    page.get_by_label("Subject").fill("Ofsted inspection: preparation and performance")
    page.get_by_label("1. Purpose of the report").fill("To update members on preparation for the inspection.")
    page.get_by_label("2. Recommendations").fill("Members note the contents of the report.\n"
                                                 "Members receive a further report after the inspection.")
    page.get_by_label("3. Supporting information").fill(
        "The council was last inspected in March 2024.\n\nInspectors will look at:\n- the impact of the help given;"
        "\n- the child's own experience.")
    page.get_by_label("9. Risk analysis").fill("A poor judgement would harm the council's reputation.")
    page.get_by_role("button", name="Save the draft").click()

    expect(page.get_by_role("heading", name="Ofsted inspection: preparation and performance")).to_be_visible()
    expect(page.get_by_text("Figures as at 31 October 2026, the latest held on or before 15 November 2026")).to_be_visible()
    expect(page.get_by_role("heading", name="10. Equality and diversity issues")).to_be_visible()
    expect(page.get_by_role("button", name="Issue to members")).to_have_count(0)
    assert_accessible(page, "committee-detail-draft")

    page.get_by_role("button", name="Produce the PDF").click()
    expect(page.get_by_role("heading", name="My reports")).to_be_visible()
    report = CommitteeReport.objects.get()
    job = ReportJob.objects.get(kind="committee")
    assert job.status == ReportJob.Status.READY, job.error
    page.goto(f"{live_server.url}/committee-reports/{report.pk}/")
    page.get_by_role("button", name="Issue to members").click()
    expect(page.get_by_text("has been issued to members.")).to_be_visible()
    assert_accessible(page, "committee-detail-issued-officer")
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.ISSUED and report.rendered == job

    page.context.clear_cookies()
    sign_in(page, live_server, "councillor", PASSWORD)
    page.goto(f"{live_server.url}/committee-reports/")
    assert_accessible(page, "committee-list-member")
    page.get_by_role("link", name="Ofsted inspection: preparation and performance").click()
    expect(page.get_by_role("heading", name="3. Supporting information")).to_be_visible()
    expect(page.get_by_role("button", name="Produce the PDF")).to_have_count(0)
    assert_accessible(page, "committee-detail-member")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the paper (PDF)").click()
    assert download.value.suggested_filename == f"committee-report-2026-11-26-{report.pk}.pdf"
