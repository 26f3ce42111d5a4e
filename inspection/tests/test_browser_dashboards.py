"""A senior manager opens the managers' dashboard, chooses a team and opens the children behind a
figure; an elected member opens the members' dashboard. axe-core finds no violation on any of
them, at desktop width and on a phone."""

from datetime import timedelta

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from cases.models import Team
from conftest import PASSWORD
from inspection.dashboards import quality
from inspection.models import FigureSnapshot
from judgements.grades import Grade

from .test_dashboard_selectors import members_of, seed_figures
from .test_dashboard_views import month_ends_to_today
from .test_evidence_selectors import audit, episode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def figures(team_a, team_b, make_child, senior_manager, auditor, audit_template):
    """A year of figures for the council and two teams, with some off target, children behind the
    latest assessments figure and a few audits with what the child said."""
    days = month_ends_to_today(13)
    seed_figures(days, [team_a, team_b], numerator=70)
    latest = {row.measure: row for row in FigureSnapshot.objects.filter(team=None, as_at=days[0])}
    FigureSnapshot.objects.filter(pk=latest["repeat_referrals"].pk).update(numerator=31)
    FigureSnapshot.objects.filter(pk=latest["care_leavers_in_touch"].pk).update(numerator=93)
    FigureSnapshot.objects.filter(pk=latest["caseload_per_worker"].pk).update(numerator=1650)
    late = [make_child(team, first_name=first, last_name=last) for team, first, last in (
        (team_a, "Ava", "Ahmed"), (team_a, "Noah", "Brown"), (team_b, "Mia", "Clarke"))]
    members_of(latest["assessments_in_timescale"], late, detail="Authorised 9 working days late")
    members_of(latest["assessments_in_timescale"], [make_child(team_a, first_name="Leo", last_name="Davies")], met=True,
               detail="")
    today = timezone.localdate()
    for n, (child, grade, said) in enumerate((
        (late[0], Grade.GOOD, "Ava told her social worker she wants to see her nan more often; contact was increased."),
        (late[1], Grade.REQUIRES_IMPROVEMENT, "Noah's wishes are recorded once, a year ago; the plan does not mention them."),
    )):
        episode(child, "child_protection", today - timedelta(days=200), by=senior_manager)
        made = audit(child, audit_template, auditor, grade, today - timedelta(days=20 + n))
        made.domain_grades.create(domain=audit_template.domains.get(key=quality.VOICE_DOMAIN), grade=grade, evidence=said)


def test_a_senior_manager_reads_the_dashboard_and_the_children_behind_a_figure(page, live_server, senior_manager,
                                                                                figures, team_a):
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/dashboards/")
    expect(page.get_by_role("heading", name="Managers' dashboard")).to_be_visible()
    expect(page.get_by_role("heading", name="Help and protection", exact=True)).to_be_visible()
    assert_accessible(page, "dashboard-managers")
    page.get_by_label("Team", exact=True).select_option(label=team_a.name)
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator(".govuk-caption-l")).to_have_text(team_a.name)
    expect(page.get_by_text("What auditors recorded about the child's voice")).to_be_visible()
    assert_accessible(page, "dashboard-managers-team")
    page.get_by_role("link", name=re.compile(r"See the children behind this figure\W+assessments completed")).click()
    expect(page.get_by_role("heading", name="Assessments completed within 45 working days")).to_be_visible()
    expect(page.get_by_role("link", name="Ava Ahmed")).to_be_visible()
    expect(page.get_by_role("link", name="Mia Clarke")).to_have_count(0)
    assert_accessible(page, "dashboard-figure")
    page.get_by_label("All counted").check()
    page.get_by_role("button", name="Show children").click()
    expect(page.get_by_role("link", name="Leo Davies")).to_be_visible()


def test_a_manager_reads_the_dashboard_on_a_phone(browser, live_server, senior_manager, figures):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, live_server, "senior", PASSWORD)
        page.goto(f"{live_server.url}/dashboards/")
        expect(page.get_by_role("heading", name="Managers' dashboard")).to_be_visible()
        assert_accessible(page, "dashboard-managers-phone")
    finally:
        context.close()


def test_an_elected_member_reads_the_members_dashboard(page, live_server, elected_member, figures):
    sign_in(page, live_server, "councillor", PASSWORD)
    page.goto(f"{live_server.url}/dashboards/members/")
    expect(page.get_by_role("heading", name="Members' dashboard")).to_be_visible()
    expect(page.get_by_text("Ava")).to_have_count(0)
    assert_accessible(page, "dashboard-members")


def test_a_senior_manager_sets_a_target(page, live_server, senior_manager):
    Team.objects.create(name="Front door")
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/dashboards/targets/")
    expect(page.get_by_role("heading", name="Targets")).to_be_visible()
    assert_accessible(page, "dashboard-targets")
    page.get_by_role("group", name="Assessments completed within 45 working days").get_by_label("Target (per cent)").fill("120")
    page.get_by_role("button", name="Save targets").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page, "dashboard-targets-error")
