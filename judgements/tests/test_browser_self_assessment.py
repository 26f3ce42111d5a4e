"""A senior manager starts a self-assessment, scores some indicators, reads the proposed grades and
the findings, scores again and compares the versions, and keeps the library of indicators;
axe-core finds no violation on any page visited."""

import importlib

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from judgements.indicator_library import write_library

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library(db):
    """The frameworks and the starting library (a transactional test's flush removes what the data
    migrations wrote)."""
    importlib.import_module("judgements.migrations.0002_frameworks").write_frameworks(django_apps, None)
    write_library(django_apps)


def _score(page, number: str, choice: str, evidence: str | None = None, confidence: str | None = None) -> None:
    page.get_by_role("group", name=f"Score for indicator {number}").get_by_label(choice).check()
    if evidence is not None:
        page.get_by_label(f"Evidence for indicator {number}").fill(evidence)
    if confidence is not None:
        page.get_by_role("group", name=f"Confidence in the evidence for indicator {number}").get_by_label(confidence).check()


def test_a_senior_manager_scores_a_self_assessment_twice_and_compares_the_versions(page, live_server, senior_manager, library):
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/judgements/self-assessment/")
    expect(page.get_by_role("heading", name="Self-assessment against the indicators of good")).to_be_visible()
    assert_accessible(page, "self-assessment-list")

    page.get_by_role("button", name="Start a self-assessment").click()
    page.get_by_role("button", name="Continue to scoring").click()
    expect(page.get_by_role("link", name="Choose the inspection framework")).to_be_visible()
    assert_accessible(page, "self-assessment-start-error")
    page.get_by_label("Inspecting local authority children's services (from January 2023)").check()
    page.get_by_label("Title").fill("Self-assessment before the 2027 inspection")
    page.get_by_role("button", name="Continue to scoring").click()

    expect(page.get_by_role("heading", name="Score version 1")).to_be_visible()
    assert_accessible(page, "self-assessment-score")
    for number in ("1.1", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"):
        _score(page, number, "2 Meets (good)")
    _score(page, "1.2", "4 Does not meet (inadequate)", confidence="Low: little evidence yet")
    _score(page, "4.1", "3 Partly meets (requires improvement)", "Two in five care leavers have no named adviser.")
    page.get_by_role("button", name="Save version 1").click()
    error = page.get_by_role("link", name="Indicator 1.2 is scored 4, does not meet: enter the evidence for it")
    expect(error).to_be_visible()
    assert_accessible(page, "self-assessment-score-error")
    error.click()
    expect(page.get_by_label("Evidence for indicator 1.2")).to_be_focused()
    page.get_by_label("Evidence for indicator 1.2").fill("Improvements since the peer review are only weeks old.")
    page.get_by_label("What changed since the last version?").fill("First scoring, by the senior team")
    page.get_by_role("button", name="Save version 1").click()

    expect(page.get_by_text("Version 1 saved.")).to_be_visible()
    proposed = page.get_by_role("table", name="Proposed grade for each judgement area in version 1")
    leaders = proposed.get_by_role("row", name="The impact of leaders on social work practice with children and families")
    expect(leaders).to_contain_text("Requires improvement")
    expect(leaders).to_contain_text("7 of 8 indicators are met and 1 not met.")
    expect(page.get_by_role("heading", name="Findings for the action plan")).to_be_visible()
    expect(page.get_by_text("2 indicators scored 3 (partly meets) or 4 (does not meet).")).to_be_visible()
    assert_accessible(page, "self-assessment-detail")

    page.get_by_role("button", name="Score a new version").click()
    expect(page.get_by_role("heading", name="Score version 2")).to_be_visible()
    _score(page, "1.2", "3 Partly meets (requires improvement)", confidence="Medium: some evidence")
    page.get_by_label("What changed since the last version?").fill("Rescored after the March audits")
    page.get_by_role("button", name="Save version 2").click()
    expect(page.get_by_text("Version 2 saved.")).to_be_visible()

    page.get_by_role("link", name="Compare with version 1", exact=True).click()
    expect(page.get_by_role("heading", name="What changed from version 1 to version 2")).to_be_visible()
    expect(page.get_by_text("Better: inadequate to requires improvement")).to_be_visible()
    expect(page.get_by_text("Confidence low to medium")).to_be_visible()
    assert_accessible(page, "self-assessment-compare")
    page.get_by_role("link", name="Show only the indicators that changed").click()
    expect(page.get_by_role("row", name="Leaders know the quality and impact")).to_have_count(0)
    expect(page.get_by_text("Better: inadequate to requires improvement")).to_be_visible()
    assert_accessible(page, "self-assessment-compare-changes-only")


def test_a_senior_manager_keeps_the_library_of_indicators(page, live_server, senior_manager, library):
    sign_in(page, live_server, "senior", PASSWORD)
    page.goto(f"{live_server.url}/judgements/self-assessment/indicators/")
    expect(page.get_by_role("heading", name="Indicators of good: ILACS 2026")).to_be_visible()
    page.get_by_label("Inspection framework").select_option("sif_2013")
    page.get_by_role("button", name="Show indicators").click()
    expect(page.get_by_role("heading", name="Adoption performance")).to_be_visible()
    assert_accessible(page, "indicators")

    page.get_by_role("button", name="Add an indicator to adoption performance").click()
    expect(page.get_by_label("Adoption performance")).to_be_checked()
    assert_accessible(page, "indicator-form")
    page.get_by_label("What good looks like").fill("Brothers and sisters are placed together when that is right for them.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Indicator added to “Adoption performance”.")).to_be_visible()
    row = page.get_by_role("row", name="Brothers and sisters are placed together")
    row.get_by_role("button", name="Retire").click()
    expect(page.get_by_role("row", name="Brothers and sisters are placed together")).to_contain_text("Retired")
    assert_accessible(page, "indicators-after-retiring")
