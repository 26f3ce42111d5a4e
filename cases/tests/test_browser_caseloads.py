"""A team manager pages through a team's caseload, sees when it was worked out, asks for it to be
worked out again, and opens the stuck cases. Every page is checked with axe-core; screenshots land
in test-artifacts/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from cases.codes import CategoryOfAbuse, Disability, Ethnicity, Gender
from cases.models import Child, Episode, Stage
from cases.summaries import case_summaries_refresh
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_manager_pages_through_the_team_caseload_and_the_stuck_cases(page, live_server, team_manager, practitioner, team_a):
    today = timezone.localdate()
    children = Child.objects.bulk_create(
        Child(local_id=f"P{n:04d}", first_name="Sam", last_name=f"Child{n:03d}", date_of_birth=today.replace(year=today.year - 9),
              gender=Gender.MALE, ethnicity=Ethnicity.WBRI, disability=Disability.NO, team=team_a,
              worker=practitioner.worker)
        for n in range(60)
    )
    Episode.objects.bulk_create(
        Episode(child=child, stage=Stage.CHILD_PROTECTION, start_date=today - timedelta(weeks=20 + n % 5),
                initial_category=CategoryOfAbuse.NEGLECT, recorded_by=practitioner)
        for n, child in enumerate(children)
    )
    case_summaries_refresh()
    sign_in(page, live_server, "manager", PASSWORD)
    page.goto(f"{live_server.url}/caseload/teams/{team_a.pk}/")
    expect(page.get_by_text("Worked out at")).to_be_visible()
    expect(page.locator("table").nth(1).locator("tbody tr")).to_have_count(50)
    assert_accessible(page, "team-caseload")

    page.get_by_role("link", name="Next page").click()
    expect(page.locator("table").nth(1).locator("tbody tr")).to_have_count(10)
    page.get_by_role("link", name="Previous page").click()
    expect(page.locator("table").nth(1).locator("tbody tr")).to_have_count(50)

    page.get_by_role("button", name="Work these out again now").click()
    expect(page.get_by_text("being worked out again")).to_be_visible()

    page.goto(f"{live_server.url}/stuck-cases/")
    expect(page.get_by_text("60 children")).to_be_visible()
    assert_accessible(page, "stuck-cases")
