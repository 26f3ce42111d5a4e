"""Real pages in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), each checked
with axe-core for accessibility. Screenshots land in test-artifacts/ for a person to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

import browser_testing
from browser_testing import assert_accessible
from cases.models import AccessLogEntry
from conftest import PASSWORD
from inspection.models import ReportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    browser_testing.sign_in(page, live_server, username, password)


def test_practitioner_signs_in_filters_the_list_opens_a_child_and_prints(
    page, live_server, practitioner, make_child, team_a, team_b
):
    page.goto(f"{live_server.url}/account/sign-in/")
    assert_accessible(page, "sign-in")
    sign_in(page, live_server, "practitioner", "not-the-password")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page, "sign-in-error")

    for number in range(12):
        make_child(team_a, first_name="Ava", last_name=f"Ahmed{number:02d}")
    make_child(team_a, first_name="Tommy", last_name="Nowak", local_id="100777")
    make_child(team_b, first_name="Jack", last_name="Baker")

    sign_in(page, live_server, "practitioner")
    expect(page.get_by_role("heading", name="Welcome, Practitioner")).to_be_visible()
    expect(page.locator(".los-header-role")).to_have_text("Practitioner Tester (Practitioner)")
    assert_accessible(page, "home-practitioner")

    page.get_by_role("link", name="Children", exact=True).click()
    expect(page.get_by_text("13 children")).to_be_visible()
    expect(page.get_by_role("link", name="Baker, Jack")).to_have_count(0)
    assert_accessible(page, "children-list")

    page.get_by_label("Name, child ID or date of birth").fill("nowak")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 child", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Nowak, Tommy")).to_be_visible()
    assert_accessible(page, "children-list-filtered")

    page.get_by_label("Aged from").fill("12")
    page.get_by_label("Aged to").fill("3")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".govuk-error-summary").get_by_text("Aged to must be the same as or older than aged from")).to_be_visible()
    assert page.get_by_label("Name, child ID or date of birth").input_value() == "nowak"  # nothing the user typed is lost
    assert_accessible(page, "children-list-error")

    page.get_by_label("Aged from").fill("")
    page.get_by_label("Aged to").fill("")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Nowak, Tommy").click()
    expect(page.get_by_role("heading", name="Tommy Nowak")).to_be_visible()
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.VIEWED_CHILD, child__local_id="100777").count() == 1
    assert_accessible(page, "child-page")

    page.go_back()
    page.get_by_role("button", name="Print this list").click()
    expect(page.get_by_role("heading", name="My reports")).to_be_visible()
    expect(page.get_by_text("Ready").first).to_be_visible()
    assert_accessible(page, "my-reports")
    job = ReportJob.objects.get(requested_by=practitioner)
    assert job.parameters["q"] == ["nowak"] and job.status == ReportJob.Status.READY

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_elected_member_sees_no_children_and_is_refused_the_list(page, live_server, elected_member, make_child, team_a):
    make_child(team_a, first_name="Ava", last_name="Ahmed")
    sign_in(page, live_server, "councillor")
    expect(page.get_by_role("heading", name="Welcome, Councillor")).to_be_visible()
    expect(page.get_by_role("link", name="Children", exact=True)).to_have_count(0)
    assert "Ahmed" not in page.content()
    assert_accessible(page, "home-elected-member")

    response = page.goto(f"{live_server.url}/children/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    assert_accessible(page, "forbidden")


def test_the_accessibility_check_itself_catches_a_violation(page):
    page.set_content('<html lang="en"><body><main><img src="photo.png"><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, "deliberately-inaccessible")
