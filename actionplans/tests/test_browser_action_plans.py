"""A senior manager turns an inspection report into an action plan (two recommendations, actions
with owners and dates); the owner, a team manager, reports progress with an evidence document; the
plan overview shows the RAG counts, to officers and to a councillor. axe-core checks every page."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from actionplans.models import Action, ProgressEvidence
from browser_testing import assert_accessible, sign_in
from cases.working_days import add_working_days
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, group: str, day: date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def _add_action(page, *, description, owner, role, start, target, measure):
    page.get_by_label("Action", exact=True).fill(description)
    page.get_by_label("Owner (optional)").select_option(label=owner)
    page.get_by_label("Owner's role (optional)").fill(role)
    _fill_date(page, "Start date (optional)", start)
    _fill_date(page, "Target date", target)
    page.get_by_label("How we will know it has worked").fill(measure)


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_a_plan_from_an_inspection_report_to_progress_and_the_overview(page, live_server, senior_manager, team_manager,
                                                                       elected_member):
    today = date.today()
    published = today - timedelta(days=30)
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/action-plans/")
    expect(page.get_by_role("heading", name="Action plans")).to_be_visible()
    assert_accessible(page, "action-plans-list-empty")

    # The plan, from the inspection report.
    page.get_by_role("button", name="Start an action plan").click()
    expect(page.get_by_role("heading", name="Start an action plan")).to_be_visible()
    assert_accessible(page, "action-plans-plan-form")
    page.get_by_label("Ofsted inspection report").check()
    page.get_by_label("Title of the plan").fill("ILACS inspection: written statement of action")
    _fill_date(page, "Date the report was published (optional)", published)
    page.get_by_label("Summary (optional)").fill("How we will make help and protection consistently good.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="ILACS inspection: written statement of action")).to_be_visible()
    final_due = add_working_days(published, 70)
    expect(page.get_by_text(f"{final_due:%A} {final_due.day} {final_due:%B %Y}")).to_be_visible()

    # Two recommendations from the report.
    page.get_by_role("button", name="Add a recommendation").click()
    expect(page.get_by_role("heading", name="Add a recommendation")).to_be_visible()
    assert_accessible(page, "action-plans-recommendation-form")
    page.get_by_label("Area for improvement").check()
    page.get_by_label("Wording of the recommendation").fill(
        "Ensure that child protection plans are specific, with clear timescales and measurable outcomes.")
    page.get_by_label("Judgement area").select_option("help_protection")
    page.get_by_label("High").check()
    page.get_by_role("button", name="Save and add another recommendation").click()
    expect(page.get_by_text("Recommendation 1 saved.")).to_be_visible()
    page.get_by_label("Area for improvement").check()
    page.get_by_label("Wording of the recommendation").fill(
        "Strengthen management oversight and supervision so that drift is identified and acted on.")
    page.get_by_label("Judgement area").select_option("leaders")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="Recommendation 2", exact=True)).to_be_visible()

    # Actions with owners and dates.
    page.get_by_role("button", name="Add an action to recommendation 1").click()
    expect(page.get_by_role("heading", name="Add an action to recommendation 1")).to_be_visible()
    _add_action(page, description="Re-audit every child protection plan against the SMART standard",
                owner="Manager Tester (Team manager, Child Protection 1)", role="Team manager, Child Protection 1",
                start=today - timedelta(days=20), target=today + timedelta(days=60),
                measure="Re-audit shows 9 in 10 plans are SMART")
    assert_accessible(page, "action-plans-action-form")
    page.get_by_role("button", name="Save and add another action").click()
    expect(page.get_by_text("Action saved.")).to_be_visible()
    _add_action(page, description="Train conference chairs to challenge vague plans",
                owner="Senior Tester (Senior manager)", role="Head of Safeguarding",
                start=today - timedelta(days=40), target=today - timedelta(days=3),
                measure="Every chair trained; observation of 10 conferences")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="Train conference chairs to challenge vague plans")).to_be_visible()
    assert_accessible(page, "action-plans-action-detail-senior")
    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("button", name="Add an action to recommendation 2").click()
    _add_action(page, description="Monthly supervision audit by heads of service",
                owner="Manager Tester (Team manager, Child Protection 1)", role="Team manager",
                start=today, target=today + timedelta(days=90), measure="Supervision every 4 weeks in 95% of cases")
    page.get_by_label("Lead partner agency (optional)").fill("Police")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Action saved.")).to_be_visible()
    assert Action.objects.count() == 3
    _sign_out(page)

    # The owner reports progress with an evidence document.
    sign_in(page, live_server, "manager", PASSWORD)
    page.goto(f"{live_server.url}/action-plans/actions/mine/")
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    assert_accessible(page, "action-plans-my-actions")
    page.get_by_role("link", name="Report progress on Re-audit every child protection plan").click()
    expect(page.get_by_role("heading", name="Report progress")).to_be_visible()
    page.get_by_label("Progress", exact=True).fill("Audit tool agreed with the principal social worker; "
                                                   "first 20 plans re-audited, 14 SMART.")
    page.get_by_label("At risk").check()
    page.get_by_label("Evidence documents (optional)").set_input_files(files=[{
        "name": "re-audit summary.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 re-audit summary"}])
    assert_accessible(page, "action-plans-progress-form")
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("Progress update saved.")).to_be_visible()
    expect(page.get_by_role("link", name="re-audit summary.pdf")).to_be_visible()
    assert_accessible(page, "action-plans-action-detail-owner")
    assert ProgressEvidence.objects.get().update.author == team_manager
    with page.expect_download() as download:
        page.get_by_role("link", name="re-audit summary.pdf").click()
    assert download.value.suggested_filename == "re-audit summary.pdf"

    # The overview's RAG counts, for the officer.
    page.get_by_role("link", name="Back to the plan").click()
    progress = page.get_by_label("Actions by status")
    for label, count in (("Not started", "1"), ("On track", "0"), ("At risk", "1"), ("Off track", "1"), ("Complete", "0")):
        expect(progress.locator("div", has=page.get_by_text(label, exact=True)).locator("dd")).to_have_text(count)
    expect(page.get_by_text("1 action is past its target date")).to_be_visible()
    by_area = page.get_by_role("region", name="Actions by judgement area")
    expect(by_area.get_by_role("row", name="The experiences and progress of children who need help and protection"
                                            " 1 0 0 1 1 0 2")).to_be_visible()
    assert_accessible(page, "action-plans-overview")
    page.get_by_role("link", name="Every action in this plan, to filter by owner, status or date").click()
    expect(page.get_by_role("heading", name="3 actions")).to_be_visible()
    page.get_by_label("Status today").select_option(label="Off track")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 action", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Train conference chairs to challenge vague plans")).to_be_visible()
    assert_accessible(page, "action-plans-action-list")
    _sign_out(page)

    # And for a councillor: the same counts, nothing to change.
    sign_in(page, live_server, "councillor", PASSWORD)
    page.goto(f"{live_server.url}/action-plans/")
    expect(page.get_by_text("1 at risk")).to_be_visible()
    assert_accessible(page, "action-plans-list-councillor")
    page.get_by_role("link", name="ILACS inspection: written statement of action").click()
    expect(page.get_by_role("heading", name="ILACS inspection: written statement of action", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Add a recommendation")).to_have_count(0)
    assert_accessible(page, "action-plans-overview-councillor")


def test_an_audit_finding_becomes_an_action_on_a_new_recommendation(page, live_server, senior_manager, auditor, child_a,
                                                                     audit_template):
    from .plan_support import make_finding, make_plan

    plan = make_plan(senior_manager, title="Audit findings plan, 2026", source="audit", published_on=None)
    finding = make_finding(auditor, child_a, audit_template, text="Supervision records do not show reflective discussion")
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/action-plans/actions/new-from/inspection.finding/{finding.pk}/")
    expect(page.get_by_role("heading", name="Add an action for this case audit finding")).to_be_visible()
    expect(page.get_by_text("Supervision records do not show reflective discussion").first).to_be_visible()
    assert_accessible(page, "action-plans-from-finding")
    page.get_by_label("Which recommendation does this action answer?").select_option("new")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Choose the plan to add the new recommendation to")).to_be_visible()
    assert_accessible(page, "action-plans-from-finding-errors")
    page.get_by_label("Plan for the new recommendation").select_option(label=plan.title)
    page.get_by_label("New recommendation", exact=True).fill("Supervision is reflective and recorded")
    page.get_by_label("Judgement area").select_option("leaders")
    _fill_date(page, "Target date", date.today() + timedelta(days=45))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added to Audit findings plan, 2026, recommendation 1.")).to_be_visible()
    expect(page.get_by_text("Case audit finding: Supervision records do not show reflective discussion")).to_be_visible()
    assert Action.objects.get().origin == finding

    page.get_by_role("button", name="Change the action").click()
    page.get_by_label("Complete").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Describe the evidence of impact before marking the action complete")).to_be_visible()
    assert_accessible(page, "action-plans-action-form-errors")
    page.goto(f"{live_server.url}/action-plans/{plan.pk}/edit/")
    expect(page.get_by_role("heading", name="Change the plan's details")).to_be_visible()
    assert_accessible(page, "action-plans-plan-edit")
