"""An auditor draws a sample and completes an audit, a second auditor moderates it, and the
programme view's counts change. Every page visited is checked with axe-core."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from cases.codes import CategoryOfAbuse, LookedAfterNeed, PrimaryNeed
from cases.models import Episode, Stage
from conftest import PASSWORD
from inspection.models import CaseAudit, Finding, Moderation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_cases(make_child, team_a, team_b, recorder):
    for number in range(12):
        child = make_child(team_a if number % 2 else team_b, first_name="Case", last_name=f"Child{number:02d}",
                           date_of_birth=date(2010 + number % 8, 3, 1))
        stage, fields = [
            (Stage.CHILD_PROTECTION, {"initial_category": CategoryOfAbuse.NEGLECT}),
            (Stage.LOOKED_AFTER, {"category_of_need": LookedAfterNeed.N1}),
            (Stage.CHILD_IN_NEED, {"primary_need": PrimaryNeed.N1}),
        ][number % 3]
        Episode.objects.create(child=child, stage=stage, start_date=date(2025, 1, 6), recorded_by=recorder, **fields)


def _grade_every_domain(page, grade: str):
    for fieldset in page.locator("fieldset.govuk-fieldset:has(legend.govuk-fieldset__legend--m)").all():
        legend = fieldset.locator("legend").first.inner_text()
        if legend == "Overall":
            continue
        fieldset.get_by_label(grade, exact=True).check()
        fieldset.get_by_label("Evidence").fill(f"Evidence for {legend.lower()} is in the case notes.")
        if legend.startswith("Plans"):
            fieldset.get_by_label("What needs to improve (optional)").fill("Plans need measurable outcomes")


def test_an_auditor_completes_an_audit_a_second_moderates_and_the_programme_counts_change(
    page, browser, live_server, auditor, senior_manager, practitioner, make_child, team_a, team_b, audit_template
):
    _open_cases(make_child, team_a, team_b, practitioner)
    sign_in(page, live_server, "auditor", PASSWORD)
    page.get_by_role("link", name="Audits", exact=True).click()
    page.get_by_role("link", name="Samples").click()
    expect(page.get_by_role("button", name="Draw a new sample")).to_be_visible()
    assert_accessible(page, "audit-samples")
    page.get_by_role("button", name="Draw a new sample").click()
    expect(page.get_by_role("heading", name="Draw a sample of cases to audit")).to_be_visible()
    assert_accessible(page, "draw-a-sample")
    page.get_by_label("Name of the sample").fill("Mock inspection: council audit")
    page.get_by_label("Routine monthly audit").check()
    page.get_by_label("How many cases").fill("6")
    page.get_by_label("Seed").fill("42")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("6 cases drawn for Mock inspection: council audit.")).to_be_visible()
    assert_accessible(page, "sample-detail")

    first_row = page.locator("tbody tr").first
    first_row.get_by_role("combobox").select_option(label="Auditor Tester")
    first_row.get_by_role("button", name="Allocate").click()
    expect(page.get_by_text("audit allocated")).to_be_visible()

    page.get_by_role("link", name="Audits", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^Case Child\d+")).click()
    expect(page.get_by_role("heading", name="Audit of")).to_be_visible()
    assert_accessible(page, "audit-form")

    # Half-finished: saved as a draft, not counted.
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft saved")).to_be_visible()
    assert CaseAudit.objects.get().status == CaseAudit.Status.DRAFT

    # Completing without every grade is refused, and nothing is completed.
    page.get_by_role("button", name="Complete the audit").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose an overall grade")
    assert CaseAudit.objects.get().status == CaseAudit.Status.DRAFT
    assert_accessible(page, "audit-form-error")

    _grade_every_domain(page, "Requires improvement")
    overall = page.locator("fieldset:has(legend:text-is('Overall'))")
    overall.get_by_label("Requires improvement", exact=True).first.check()
    page.get_by_label("Why this overall grade").fill("Visits on time but plans lack outcomes.")
    page.get_by_label("Other areas for development").fill("Supervision notes are too brief")
    page.get_by_role("button", name="Complete the audit").click()
    expect(page.get_by_text("Audit completed.")).to_be_visible()
    assert_accessible(page, "audit-detail")
    audit = CaseAudit.objects.get()
    assert audit.status == CaseAudit.Status.COMPLETED and Finding.objects.filter(audit=audit).count() == 2

    programme_url = f"{live_server.url}/audits/samples/{audit.member.sample_id}/programme/"
    page.goto(programme_url)
    expect(page.locator("td[data-grade='3']")).to_have_text("1")
    assert_accessible(page, "audit-programme")

    # A second auditor moderates: disagrees with one domain and the overall grade.
    moderator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(moderator, live_server, "senior", PASSWORD)
    moderator.goto(f"{live_server.url}/audits/")
    moderator.get_by_role("link", name="Moderate the audit of").click()
    assert_accessible(moderator, "moderation-form")
    impact = moderator.locator("fieldset:has(legend:text-is('Impact: the difference made for the child'))")
    impact.get_by_label("Disagree", exact=True).check()
    impact.get_by_label("Inadequate", exact=True).check()
    impact.get_by_label("Reason, if you disagree").fill("No evidence the child is safer.")
    overall = moderator.locator("fieldset:has(legend:text-is('Overall'))")
    overall.get_by_label("Disagree", exact=True).check()
    overall.get_by_label("Inadequate", exact=True).check()
    overall.get_by_label("Reason, if you disagree").fill("Impact is inadequate, so overall is too.")
    moderator.get_by_role("button", name="Record the moderation").click()
    expect(moderator.get_by_text("Moderation recorded.")).to_be_visible()
    assert Moderation.objects.get().final_overall_grade == 4

    page.goto(programme_url)
    expect(page.locator("td[data-grade='3']")).to_have_text("0")
    expect(page.locator("td[data-grade='4']")).to_have_text("1")
    impact_row = page.locator("tr", has=page.get_by_role("rowheader", name="Impact: the difference made for the child"))
    expect(impact_row.locator("td").nth(3)).to_have_text("1")  # the moderated, final grade: inadequate
    expect(page.get_by_text("Plans with clear actions, timescales and outcomes: 1 finding")).to_be_visible()
    expect(page.get_by_text("Auditor Tester: agreed 0 of 1")).to_be_visible()
    assert_accessible(page, "audit-programme-after-moderation")


def test_quality_assurance_staff_keep_the_audit_templates(page, live_server, auditor, audit_template):
    sign_in(page, live_server, "auditor", PASSWORD)
    page.goto(f"{live_server.url}/audits/templates/")
    expect(page.get_by_role("link", name="Case audit version 1")).to_be_visible()
    assert_accessible(page, "audit-templates")
    page.get_by_role("link", name="Case audit version 1").click()
    page.get_by_role("button", name="Make a new version to change").click()
    expect(page.get_by_text("Version 2 made as a draft")).to_be_visible()
    assert_accessible(page, "audit-template-draft")
    page.get_by_role("link", name="Change The child seen and seen alone").click()
    expect(page.get_by_role("heading", name="Change a domain")).to_be_visible()
    assert_accessible(page, "audit-domain-form")
