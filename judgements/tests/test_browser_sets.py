"""A senior manager records a mock inspection's judgements that break a limiting rule, is refused
with the rule, gives the reason for the override, and finds it on the set's page and in the grade
history; and records an Ofsted inspection's judgements from the inspection's page. axe-core finds
no violation on any page visited."""

from datetime import date

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from inspection.models import Inspection
from judgements.frameworks import FRAMEWORKS
from judgements.grades import Grade
from judgements.models import Framework, JudgementSet, Source
from judgements.sets import services
from judgements.sets.services import Entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def frameworks(db):
    """Ofsted's frameworks as the data migration writes them (a transactional test's flush removes them)."""
    from importlib import import_module

    import_module("judgements.migrations.0002_frameworks").write_frameworks(django_apps, None)
    assert Framework.objects.count() == len(FRAMEWORKS)


def _grade(page, area: str, grade: str) -> None:
    page.get_by_role("group", name=area, exact=True).get_by_label(grade, exact=True).check()


def test_a_senior_manager_overrides_a_limiting_rule_for_a_mock_inspection(page, live_server, senior_manager, frameworks):
    services.judgement_set_create(
        actor=senior_manager, framework=Framework.objects.get(code="sif_2013"), source=Source.SELF_ASSESSMENT,
        title="Self-assessment, autumn 2015", judged_on=date(2015, 10, 1),
        entries={"overall": Entry(grade=Grade.REQUIRES_IMPROVEMENT), "help_protection": Entry(grade=Grade.REQUIRES_IMPROVEMENT),
                 "looked_after": Entry(grade=Grade.GOOD), "adoption": Entry(grade=Grade.GOOD),
                 "leadership": Entry(grade=Grade.REQUIRES_IMPROVEMENT), "lscb": Entry(grade=Grade.REQUIRES_IMPROVEMENT)},
    )
    sign_in(page, live_server, "senior", PASSWORD)
    page.get_by_role("link", name="Judgements", exact=True).first.click()
    expect(page.get_by_role("heading", name="Grade history by area")).to_be_visible()
    page.get_by_role("button", name="Record judgements").click()
    expect(page.get_by_role("heading", name="Record judgements")).to_be_visible()
    assert_accessible(page, "judgements-choose")
    page.get_by_label("Single inspection framework (2013 to 2017)").check()
    page.get_by_label("Mock inspection").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("Step 2 of 2: Single inspection framework (2013 to 2017)")).to_be_visible()
    assert_accessible(page, "judgements-form")
    page.get_by_label("Title").fill("Mock inspection, March 2016")
    date_group = page.get_by_role("group", name="Date of the judgements")
    date_group.get_by_label("Day").fill("14")
    date_group.get_by_label("Month").fill("3")
    date_group.get_by_label("Year").fill("2016")
    _grade(page, "Overall effectiveness", "Good")
    _grade(page, FRAMEWORKS["sif_2013"].area("help_protection").name, "Inadequate")
    _grade(page, FRAMEWORKS["sif_2013"].area("looked_after").name, "Good")
    _grade(page, "Adoption performance", "Outstanding")
    _grade(page, "Leadership, management and governance", "Good")
    page.get_by_role("group", name="Leadership, management and governance", exact=True).get_by_label("Evidence links").fill(
        "Audit programme | /audits/samples/")
    page.get_by_role("button", name="Save the judgements").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Overall effectiveness must be inadequate when a key judgement is inadequate")
    expect(page.locator("#id_grade_overall_1_error")).to_contain_text("must be inadequate")
    assert page.title().startswith("Error: ")
    assert not JudgementSet.objects.filter(source=Source.MOCK).exists()
    assert_accessible(page, "judgements-form-error")
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_grade_overall_1")).to_be_focused()

    page.get_by_label("Why the overall grade breaks a limiting rule").fill(
        "The mock inspectors found help and protection inadequate in one team only and judged the service good overall.")
    page.get_by_role("button", name="Save the judgements").click()
    expect(page.get_by_role("heading", name="Mock inspection, March 2016")).to_be_visible()
    expect(page.locator(".govuk-warning-text")).to_contain_text("The overall grade breaks a limiting rule")
    expect(page.locator(".govuk-warning-text")).to_contain_text("inadequate in one team only")
    expect(page.get_by_role("link", name="Audit programme")).to_be_visible()
    assert_accessible(page, "judgements-detail")

    page.get_by_role("link", name="Back to judgements").click()
    history = page.get_by_role("region", name="Grade history under SIF")
    header = history.get_by_role("columnheader", name="Mock inspection, March 2016")
    expect(header).to_contain_text("Mock inspection")
    expect(header).to_contain_text("Overall breaks a rule")
    expect(history.get_by_role("columnheader").nth(1)).to_contain_text("Self-assessment, autumn 2015")  # oldest first
    expect(page.get_by_role("cell", name="Overall breaks a rule")).to_contain_text("inadequate in one team only")
    assert_accessible(page, "judgements-list")


def test_a_senior_manager_records_an_inspections_judgements_from_its_page(page, live_server, senior_manager, frameworks):
    inspection = Inspection.objects.create(kind="sif", title="Single inspection, Blackburn with Darwen", on_site_from=date(2017, 9, 25),
                                           published_on=date(2017, 12, 8), overall_grade=Grade.GOOD, created_by=senior_manager)
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/inspections/{inspection.pk}/")
    page.get_by_role("button", name="Record the judgements").click()
    expect(page.get_by_text("For the inspection “Single inspection, Blackburn with Darwen”")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Single inspection, Blackburn with Darwen")
    expect(page.get_by_label("Ofsted inspection")).to_be_checked()
    sif = FRAMEWORKS["sif_2013"]
    for code, grade in [("overall", "Good"), ("help_protection", "Requires improvement"), ("looked_after", "Good"),
                        ("adoption", "Good"), ("care_leavers", "Good"), ("leadership", "Good"), ("lscb", "Good")]:
        _grade(page, sif.area(code).name, grade)
    page.get_by_role("button", name="Save the judgements").click()
    expect(page.get_by_text("The grades follow the limiting rules.")).to_be_visible()
    page.get_by_role("link", name="Inspections", exact=True).click()
    page.get_by_role("link", name="Single inspection, Blackburn with Darwen").click()
    table = page.get_by_role("table", name="Judgements")
    expect(table.get_by_role("row", name="Adoption performance")).to_contain_text("Good")
    expect(table).to_contain_text("Judged separately")
    assert_accessible(page, "inspection-detail-judgements")
