"""Helpers for browser tests: headless Chromium (Debian's /usr/bin/chromium, no browser download)
driven by Playwright, and an axe-core accessibility check. Fixtures live in conftest.py."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = BASE_DIR / "test-artifacts"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def assert_accessible(page, name: str) -> None:
    """No axe-core violation on the page as it stands; a full-page screenshot for looking at.
    Waits for the page to finish loading first: a check started mid-navigation has no document to
    inject axe-core into. axe-core goes in through the browser's developer tools, not as an inline
    <script> tag, which the pages' Content Security Policy rightly refuses."""
    page.wait_for_load_state("load")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert violations == [], f"axe-core violations on {name} ({page.url}):\n" + "\n".join(violations)


def sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
