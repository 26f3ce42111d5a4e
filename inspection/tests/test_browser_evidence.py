"""A senior manager reads the evidence for a framework, opens one judgement area and compares the
council with the national outcomes; an elected member reads the same aggregates. axe-core finds
no violation on any page visited."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from cases.codes import InTouch
from conftest import PASSWORD
from judgements.grades import Grade
from judgements.models import Framework, Judgement, JudgementArea, JudgementSet, Source
from judgements.national_outcomes import write_outcomes
from inspection.tests.test_evidence_selectors import audit, episode, event, moderate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HELP_AND_PROTECTION = "The experiences and progress of children who need help and protection"


@pytest.fixture
def judgements_data():
    """A transactional test's flush removes what the data migrations wrote: write it again."""
    importlib.import_module("judgements.migrations.0002_frameworks").write_frameworks(django_apps, None)
    write_outcomes(django_apps)


@pytest.fixture
def council(judgements_data, make_child, team_a, team_b, senior_manager, auditor, audit_template):
    today = timezone.localdate()
    by = senior_manager
    for number in range(3):
        child = make_child(team_a)
        plan = episode(child, "child_protection", today - timedelta(days=90 + number), by=by)
        event(child, "visit", today - timedelta(days=3 * number + 1), by=by, episode=plan)
        audit(child, audit_template, auditor, [Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD][number],
              today - timedelta(days=5 + number), oversight=Grade.GOOD)
    leaver = make_child(team_b, date_of_birth=date(2007, 1, 1))
    episode(leaver, "care_leaver", today - timedelta(days=400), by=by, in_touch=InTouch.YES, accommodation_suitable=True)
    moderate(audit(leaver, audit_template, auditor, Grade.GOOD, today - timedelta(days=30)), senior_manager, Grade.INADEQUATE)
    ilacs = Framework.objects.get(code="ilacs_2023")
    self_assessment = JudgementSet.objects.create(framework=ilacs, source=Source.SELF_ASSESSMENT, title="Self-assessment 2025",
                                                  judged_on=date(2025, 9, 1), created_by=senior_manager)
    for area in ilacs.areas.all():
        Judgement.objects.create(judgement_set=self_assessment, area=area, grade=Grade.GOOD)
    sif = Framework.objects.get(code="sif_2013")
    ofsted = JudgementSet.objects.create(framework=sif, source=Source.OFSTED, title="SIF inspection", judged_on=date(2017, 12, 8),
                                         created_by=senior_manager)
    Judgement.objects.create(judgement_set=ofsted, area=JudgementArea.objects.get(framework=sif, code="overall"),
                             grade=Grade.REQUIRES_IMPROVEMENT)


def test_a_senior_manager_reads_the_evidence_and_the_national_comparison(page, live_server, council):
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/judgements/evidence/")
    expect(page.get_by_role("heading", name="Evidence by judgement area")).to_be_visible()
    assert_accessible(page, "evidence")
    page.get_by_label("Framework").select_option("ilacs_2023")
    page.get_by_role("button", name="Show this framework").click()
    expect(page.get_by_role("caption")).to_have_text("Inspecting local authority children's services (from January 2023)")
    assert page.url.endswith("/judgements/evidence/?framework=ilacs_2023")
    assert_accessible(page, "evidence-ilacs-2023")
    page.get_by_role("link", name=HELP_AND_PROTECTION).click()
    expect(page.get_by_role("heading", name=HELP_AND_PROTECTION)).to_be_visible()
    expect(page.get_by_text("2 of 3 audits (67%) graded good or better.")).to_be_visible()
    expect(page.get_by_role("row", name="Children on a child protection plan whose visit is not overdue 3 3 100%")).to_be_visible()
    assert_accessible(page, "evidence-area")
    page.get_by_role("link", name="Back to evidence by area").click()
    page.get_by_role("link", name="National comparison").click()
    expect(page.get_by_text("Our latest Ofsted judgement: requires improvement, like 45% of councils; 36% were judged better.")).to_be_visible()
    assert_accessible(page, "national-comparison")


def test_an_elected_member_reads_the_evidence_without_any_child(page, live_server, council, elected_member):
    sign_in(page, live_server, "councillor", PASSWORD)
    page.goto(f"{live_server.url}/judgements/evidence/?framework=ilacs_2023")
    page.get_by_role("link", name="The experiences and progress of care leavers").click()
    expect(page.get_by_text("0 of 1 audit (0%) graded good or better.")).to_be_visible()
    expect(page.get_by_text("Audits to read first")).to_have_count(0)
    assert_accessible(page, "evidence-area-elected-member")
