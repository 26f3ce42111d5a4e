"""A senior manager records a board meeting with everyone's attendance and a serious case review;
then a board member from the police signs in and reads the dashboard. axe-core finds no
violation on any page visited, forms included."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from lscb.models import (
    AnnualReport, AnnualReportCheck, Attendance, Challenge, MultiAgencyAudit, PerformanceReport, SafeguardingReview,
    TrainingAttendance, TrainingEvent,
)
from lscb.rules import ANNUAL_REPORT_CHECKLIST

from .conftest import record_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_board(board, members, subgroup, senior_manager, board_member):
    """A year of the board's business, so that every page has something on it."""
    today = timezone.localdate()
    members["police"].user = board_member
    members["police"].save()
    everyone = {member: "present" for member in members.values()}
    record_meeting(board, today - timedelta(days=70), everyone | {members["schools"]: "apologies"})
    record_meeting(board, today - timedelta(days=60), {members["police"]: "present", members["health"]: "deputy"},
                   subgroup=subgroup)
    MultiAgencyAudit.objects.create(board=board, title="Neglect: children on plans for over a year", theme="Neglect",
                                    completed_on=today - timedelta(days=90), agencies="Police, Health, Schools",
                                    cases_audited=12, findings="Chronologies were rarely shared between agencies.")
    event = TrainingEvent.objects.create(board=board, title="Neglect: the graded care profile",
                                         date=today - timedelta(days=40),
                                         evaluation="70% had used the tool with a family three months later.")
    TrainingAttendance.objects.create(event=event, agency="Schools", attended=14)
    TrainingAttendance.objects.create(event=event, agency="Health", attended=9)
    Challenge.objects.create(board=board, raised_on=today - timedelta(days=50), raised_by=members["lay"],
                             agency="Health", issue="Health visitors missed a third of core groups.")
    PerformanceReport.objects.create(board=board, period="Quarter 2", received_on=today - timedelta(days=30),
                                     summary="Re-referrals within a year rose to 24%.",
                                     analysis="The board asked for the rate by team.")
    year_end = date(today.year - 1, 3, 31)
    report = AnnualReport.objects.create(board=board, year=f"{year_end.year - 1} to {year_end.year}", year_end=year_end,
                                         published_on=year_end + timedelta(days=197), created_by=senior_manager)
    for key, _ in ANNUAL_REPORT_CHECKLIST:
        AnnualReportCheck.objects.create(report=report, key=key, shown=key != "voice",
                                         note="No section on children's views." if key == "voice" else "")
    return board


def test_a_senior_manager_records_a_meeting_and_a_review_and_a_board_member_reads_the_dashboard(
        page, live_server, busy_board, members, senior_manager, board_member):
    root = f"{live_server.url}/safeguarding-board/"
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(root)
    expect(page.get_by_role("heading", name="Safeguarding board", exact=True)).to_be_visible()
    assert_accessible(page, "lscb-dashboard-senior-manager")
    page.get_by_role("link", name="The board", exact=True).click()
    expect(page.get_by_role("heading", name="Members by agency")).to_be_visible()
    assert_accessible(page, "lscb-board")
    page.get_by_role("button", name="Add a member").click()
    assert_accessible(page, "lscb-member-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page, "lscb-member-form-errors")

    # A board meeting, with everyone's attendance in one form.
    page.goto(root + "meetings/")
    assert_accessible(page, "lscb-meetings")
    page.get_by_role("button", name="Record a board meeting").click()
    expect(page.get_by_role("heading", name="Record a meeting")).to_be_visible()
    assert_accessible(page, "lscb-meeting-form")
    on = timezone.localdate() - timedelta(days=2)
    when = page.get_by_role("group", name="Date of the meeting")
    when.get_by_label("Day").fill(str(on.day))
    when.get_by_label("Month").fill(str(on.month))
    when.get_by_label("Year").fill(str(on.year))
    page.get_by_label("Decisions and actions").fill("Neglect strategy agreed.")
    choices = {"Mark Doyle": "Present", "Ruth Adeyemi": "Sent a deputy", "Ian Pryce": "Apologies"}
    for name, choice in choices.items():
        page.get_by_role("group", name=f"{name},").get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Save the meeting and attendance").click()
    # Joan Whitley's attendance and the deputy's name were left out: shown back, nothing saved.
    expect(page.get_by_role("link", name="Record whether Joan Whitley attended")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the name of Ruth Adeyemi's deputy")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page, "lscb-meeting-form-errors")
    page.get_by_role("group", name="Joan Whitley,").get_by_label("Present", exact=True).check()
    page.get_by_label("Name of Ruth Adeyemi's deputy, if they sent one").fill("Sam Clarke")
    page.get_by_role("button", name="Save the meeting and attendance").click()
    expect(page.get_by_text("recorded, with everyone's attendance")).to_be_visible()
    expect(page.get_by_text("75% attended in person or by a deputy")).to_be_visible()
    assert_accessible(page, "lscb-meeting-detail")
    assert Attendance.objects.filter(meeting__date=on).count() == 4

    # A serious case review.
    page.goto(root + "reviews/")
    page.get_by_role("button", name="Record a review").click()
    assert_accessible(page, "lscb-review-form")
    page.get_by_label("Reference").fill("Child K")
    page.get_by_label("Serious case review").check()
    aware, notified = date(2026, 1, 5), date(2026, 1, 12)
    for legend, value in (("Date the council became aware of the incident", aware),
                          ("Date notified (to Ofsted or the national panel)", notified)):
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(value.day))
        group.get_by_label("Month").fill(str(value.month))
        group.get_by_label("Year").fill(str(value.year))
    page.get_by_label("Learning points").fill("Hear the child's voice\nShare chronologies between agencies")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Child K")).to_be_visible()
    expect(page.get_by_text("5 working days taken")).to_be_visible()
    assert_accessible(page, "lscb-review-detail")
    page.goto(root + "reviews/")
    assert_accessible(page, "lscb-reviews")
    assert SafeguardingReview.objects.get(reference="Child K").notified_on == notified

    for path, name in (("attendance/", "lscb-attendance"), ("audits/", "lscb-audits"), ("training/", "lscb-training"),
                       ("training/new/", "lscb-training-form"), ("challenges/", "lscb-challenges"),
                       ("challenges/new/", "lscb-challenge-form"), ("performance/", "lscb-performance"),
                       ("annual-reports/", "lscb-annual-reports"), ("ofsted-review/", "lscb-ofsted-review")):
        page.goto(root + path)
        assert_accessible(page, name)
    page.goto(root + "annual-reports/")
    page.get_by_role("link", name=AnnualReport.objects.get().year).click()
    assert_accessible(page, "lscb-annual-report")
    page.get_by_role("button", name="Update the report and checklist").click()
    assert_accessible(page, "lscb-annual-report-form")

    # A board member from the police reads the dashboard: board business, no child.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "board.member", PASSWORD)
    page.goto(root)
    expect(page.get_by_role("heading", name="Safeguarding board", exact=True)).to_be_visible()
    expect(page.get_by_text("You sit on the board for Police")).to_be_visible()
    expect(page.get_by_role("link", name="Child K")).to_be_visible()  # its decision is overdue
    expect(page.get_by_role("link", name="Children", exact=True)).to_have_count(0)
    assert_accessible(page, "lscb-dashboard-board-member")
    page.goto(f"{live_server.url}/children/")
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
