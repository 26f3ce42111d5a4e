"""In headless Chromium, which enforces the Content Security Policy: every section in a senior
manager's navigation, the national comparison's bars, the admin and the lockout page load without
the browser refusing a script or style, and GOV.UK Frontend's scripts still start."""

import importlib

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from browser_testing import assert_accessible, sign_in
from conftest import PASSWORD
from judgements.national_outcomes import write_outcomes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy refused ${event.violatedDirective}: ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def refusals(page):
    """What the browser refused under the Content Security Policy, as it logs it: Chromium's own
    console error and the page's securitypolicyviolation event (reported through the console)."""
    found = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: found.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    return found


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    # js-enabled.js ran, and app.mjs started GOV.UK Frontend (the skip link marks itself initialised).
    expect(page.locator("body.js-enabled.govuk-frontend-supported")).to_have_count(1)
    expect(page.locator(".govuk-skip-link[data-govuk-skip-link-init]")).to_have_count(1)


@pytest.fixture
def national_outcomes():
    """A transactional test's flush removes what the data migrations wrote: write it again."""
    importlib.import_module("judgements.migrations.0002_frameworks").write_frameworks(django_apps, None)
    write_outcomes(django_apps)


def test_every_section_runs_under_the_policy_without_a_refusal(page, live_server, senior_manager, national_outcomes,
                                                                refusals):
    visit(page, f"{live_server.url}/account/sign-in/")
    sign_in(page, live_server, "senior", PASSWORD)
    expect(page.get_by_role("navigation", name="Primary navigation")).to_be_visible()
    sections = page.get_by_role("navigation", name="Primary navigation").get_by_role("link").evaluate_all(
        "links => links.map(link => link.href)"
    )
    assert len(sections) >= 8
    for url in sections:
        visit(page, url)
    visit(page, f"{live_server.url}/judgements/evidence/national/")
    bars = page.locator(".los-share-bar__fill")
    assert bars.count() > 0
    # The bar's width comes from its SVG attribute, and its colour from the stylesheet, not a style attribute.
    assert bars.first.evaluate("bar => getComputedStyle(bar).fill") == "rgb(29, 112, 184)"
    assert bars.first.evaluate("bar => bar.getBoundingClientRect().width") > 0
    assert_accessible(page, "security-national-comparison")

    assert refusals == []


def test_the_admin_runs_under_the_policy(page, live_server, administrator, refusals):
    sign_in(page, live_server, "admin", PASSWORD)
    for path in ("/admin/", "/admin/auth/user/", f"/admin/auth/user/{administrator.pk}/change/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Change user")).to_be_visible()

    assert refusals == []


def test_five_wrong_passwords_show_the_lockout_page(page, live_server, practitioner, refusals):
    for _ in range(5):
        sign_in(page, live_server, "practitioner", "not-the-password")
    expect(page.get_by_role("heading", name="This account is locked")).to_be_visible()
    sign_in(page, live_server, "practitioner", PASSWORD)

    expect(page.get_by_role("heading", name="This account is locked")).to_be_visible()
    expect(page.get_by_text("This account is locked for 30 minutes after 5 failed attempts to sign in.")).to_be_visible()
    assert_accessible(page, "locked-out")
    assert refusals == []
