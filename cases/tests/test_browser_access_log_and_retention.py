"""In a browser: a senior manager reads how the access log is checked, downloads a search of it,
then reviews closed records for retention (filters by team, gets a decision wrong, then records
it, and archives another from the navigation). An administrator is not offered it. Every page is checked
with axe-core; screenshots land in test-artifacts/."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from cases import services
from cases.models import AccessLogEntry, Episode, RetentionReview, Stage
from cases.retention import add_years
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def years_ago(years: int, days: int = 0):
    return add_years(timezone.localdate(), -years) - timedelta(days=days)


@pytest.fixture
def closed_records(make_child, practitioner, team_a, team_b):
    children = []
    for number, team in enumerate([team_a, team_a, team_b]):
        child = make_child(team, first_name="Robin", last_name=f"Closed{number}", date_of_birth=years_ago(30, number))
        Episode.objects.create(child=child, stage=Stage.CHILD_PROTECTION, start_date=years_ago(12),
                               end_date=years_ago(11, number), recorded_by=practitioner)
        children.append(child)
    return children


def test_senior_manager_downloads_the_access_log_and_reviews_closed_records(page, live_server, senior_manager,
                                                                             practitioner, team_a, child_a,
                                                                             closed_records):
    for _ in range(3):
        services.access_log_record(actor=practitioner, action=AccessLogEntry.Action.VIEWED_CHILD, child=child_a)
    sign_in(page, live_server, "senior", PASSWORD)

    page.get_by_role("link", name="Access log").first.click()
    page.get_by_text("How we know the log has not been changed").click()
    expect(page.get_by_text("manage.py verify_access_log")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Entry")).to_be_visible()
    assert_accessible(page, "access-log")

    page.get_by_label("Child ID").fill(child_a.local_id)
    page.get_by_role("button", name="Search").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these 3 entries as a spreadsheet (CSV)").click()
    assert download.value.suggested_filename.startswith("access-log-")
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        rows = list(csv.reader(io.StringIO(exported.read())))
    assert [row[0] for row in rows[1:]] == ["3", "2", "1"]
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORTED, user=senior_manager).count() == 1

    page.get_by_role("link", name="Retention review").click()
    expect(page.get_by_text("3 records due for review")).to_be_visible()
    page.get_by_label("Team").select_option(label=team_a.name)
    page.get_by_role("button", name="Show records").click()
    expect(page.get_by_text(f"2 records due for review in {team_a.name}")).to_be_visible()
    page.get_by_text("When a record falls due for review").click()
    assert_accessible(page, "retention-review")

    first = closed_records[1]  # closed longest ago
    page.get_by_role("link", name=f"Record decision for {first.full_name} ({first.local_id})").click()
    page.get_by_label("Keep it for a further period").check()
    page.get_by_label("Reason for the decision").fill("A claim against the council is still open")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("link", name="Enter how many more years to keep the record")).to_be_visible()
    expect(page.get_by_label("Reason for the decision")).to_have_value("A claim against the council is still open")
    assert page.title().startswith("Error: ")
    assert_accessible(page, "retention-review-decision-error")
    assert not RetentionReview.objects.exists()

    page.get_by_label("If you keep it: for how many more years?").fill("2")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(f"Decision recorded for {first.full_name} ({first.local_id}): kept")).to_be_visible()
    expect(page.get_by_text(f"1 record due for review in {team_a.name}")).to_be_visible()
    assert_accessible(page, "retention-review-after-decision")
    saved = RetentionReview.objects.get()
    assert (saved.child, saved.keep_years, saved.decided_by) == (first, 2, senior_manager)


def test_a_senior_manager_reaches_the_retention_review_from_the_navigation_and_an_administrator_does_not(
        page, live_server, administrator, senior_manager, closed_records):
    sign_in(page, live_server, "admin", PASSWORD)
    expect(page.get_by_role("link", name="Retention review")).to_have_count(0)
    expect(page.get_by_role("link", name="Access log")).to_have_count(0)
    page.goto(live_server.url + reverse("retention_review"))
    expect(page.get_by_text(closed_records[2].full_name)).to_have_count(0)
    page.context.clear_cookies()
    sign_in(page, live_server, "senior", PASSWORD)
    page.get_by_role("link", name="Retention review").click()
    expect(page.get_by_text("3 records due for review")).to_be_visible()
    page.get_by_role("link", name=f"Record decision for {closed_records[2].full_name}").click()
    expect(page.get_by_text("6 years after the case closed")).to_be_visible()
    assert_accessible(page, "retention-review-decision")
    page.get_by_label("Mark it for archiving by the records team").check()
    page.get_by_label("Reason for the decision").fill("No further involvement; period passed")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("2 records due for review")).to_be_visible()
