"""A practitioner records a visit in a real browser and finds it in the child's chronology.
Every page visited is checked with axe-core; screenshots land in test-artifacts/."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from cases.codes import CategoryOfAbuse
from cases.models import Episode, Event, EventKind, Stage
from cases.working_days import add_working_days
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_practitioner_records_a_visit_seen_alone_and_finds_it_in_the_chronology(
    page, live_server, practitioner, make_child, team_a
):
    child = make_child(team_a, first_name="Mia", last_name="Kowalski", date_of_birth=date(2014, 5, 9))
    plan_start = add_working_days(timezone.localdate(), 0).replace(day=1)
    plan = Episode.objects.create(
        child=child, stage=Stage.CHILD_PROTECTION, start_date=plan_start, initial_category=CategoryOfAbuse.NEGLECT,
        recorded_by=practitioner,
    )
    sign_in(page, live_server, "practitioner", PASSWORD)
    page.goto(f"{live_server.url}/children/{child.pk}/")
    expect(page.get_by_role("heading", name="Mia Kowalski")).to_be_visible()
    expect(page.get_by_role("cell", name="Child protection visit")).to_be_visible()
    assert_accessible(page, "child-record")

    page.get_by_role("button", name="Record a visit").click()
    expect(page.get_by_role("heading", name="Record a visit")).to_be_visible()
    assert_accessible(page, "record-a-visit")

    # First a visit dated before the child was born: refused, and what was typed is kept.
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2010")
    page.get_by_role("group", name="Child seen", exact=True).get_by_label("Yes").check()
    page.get_by_role("group", name="Child seen alone").get_by_label("Yes").check()
    page.get_by_label("The child's views").fill("Mia said she feels safer since her uncle moved out.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("on or after the child's date of birth")
    expect(page.get_by_label("The child's views")).to_have_value("Mia said she feels safer since her uncle moved out.")
    assert not Event.objects.exists()
    assert_accessible(page, "record-a-visit-error")

    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Visit recorded.")).to_be_visible()
    timeline = page.locator(".moj-timeline")
    expect(timeline.get_by_text("Mia said she feels safer since her uncle moved out.")).to_be_visible()
    expect(timeline.locator(".moj-timeline__item").first).to_contain_text("Seen alone: Yes")
    visit = Event.objects.get()
    assert (visit.kind, visit.child_seen, visit.child_seen_alone, visit.episode, visit.author) == (
        EventKind.VISIT, True, True, plan, practitioner
    )
    assert_accessible(page, "chronology-after-visit")

    page.get_by_role("link", name="Visits", exact=True).click()
    expect(page.locator(".moj-timeline__item")).to_have_count(1)
    assert_accessible(page, "chronology-visits-only")
