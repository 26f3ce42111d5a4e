"""Sign-in and transport hardening: Argon2 password hashes (older PBKDF2 ones upgraded on sign-in),
a lockout after 5 wrong passwords, sessions that end after 30 minutes without use, a Content Security
Policy without inline script, the other security headers, and no inline script or style in any
screen template (so one added later fails the build)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from axes.models import AccessAttempt
from conftest import PASSWORD
from inspection import settings as project_settings
from inspection.security import ACTIVITY_KEY, client_ip_address

pytestmark = pytest.mark.django_db

SIGN_IN_URL = reverse("login")
LOCKED = "This account is locked for 30 minutes after 5 failed attempts to sign in."


def sign_in(client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(SIGN_IN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


# Passwords -------------------------------------------------------------------------------------

@pytest.fixture
def real_hashers(settings):
    """The project's hashers (the shared fixtures use a fast MD5 one so tests do not wait on Argon2)."""
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_new_passwords_are_hashed_with_argon2(real_hashers, make_user):
    user = make_user("new.starter", None, worker=False)
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


def test_a_password_hashed_before_argon2_still_signs_in_and_is_rehashed(real_hashers, client, practitioner):
    practitioner.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    practitioner.save(update_fields=["password"])

    response = sign_in(client, "practitioner", PASSWORD)

    assert response.status_code == 302 and response["Location"] == reverse("home")
    practitioner.refresh_from_db()
    assert practitioner.password.startswith("argon2$")
    assert practitioner.check_password(PASSWORD)


# Lockout ---------------------------------------------------------------------------------------

def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, practitioner, team_manager):
    for _ in range(4):
        response = sign_in(client, "practitioner", "not-the-password")
        assert response.status_code == 200
        assert "Enter a correct username and password" in response.content.decode()
    fifth = sign_in(client, "practitioner", "not-the-password")
    assert fifth.status_code == 429

    sixth = sign_in(client, "practitioner", PASSWORD)

    assert sixth.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in sixth.templates]
    page = sixth.content.decode()
    assert 'name="password"' not in page  # the lockout page, not the sign-in form
    assert "<title>This account is locked - Line of Sight</title>" in page
    assert LOCKED in page
    assert "Ask your Line of Sight administrator to unlock it sooner." in page
    assert "_auth_user_id" not in client.session
    # Another person signing in from the same office is not affected.
    other = sign_in(client, "manager", PASSWORD)
    assert other.status_code == 302 and other["Location"] == reverse("home")


def test_the_lock_is_for_that_username_at_that_address(client, practitioner):
    for _ in range(5):
        sign_in(client, "practitioner", "not-the-password", address="192.0.2.66")
    assert sign_in(client, "practitioner", PASSWORD, address="192.0.2.66").status_code == 429

    at_their_desk = sign_in(client, "practitioner", PASSWORD, address="198.51.100.7")

    assert at_their_desk.status_code == 302 and at_their_desk["Location"] == reverse("home")


def test_the_lock_lifts_after_30_minutes(client, practitioner):
    for _ in range(5):
        sign_in(client, "practitioner", "not-the-password")
    assert sign_in(client, "practitioner", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))

    response = sign_in(client, "practitioner", PASSWORD)

    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_an_administrator_can_unlock_an_account_sooner(client, practitioner):
    for _ in range(5):
        sign_in(client, "practitioner", "not-the-password")
    assert sign_in(client, "practitioner", PASSWORD).status_code == 429

    call_command("axes_reset_username", "practitioner")

    assert sign_in(client, "practitioner", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_earlier_mistakes(client, practitioner):
    for _ in range(4):
        sign_in(client, "practitioner", "not-the-password")
    assert sign_in(client, "practitioner", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "practitioner", "not-the-password")

    assert sign_in(client, "practitioner", PASSWORD).status_code == 302


def test_failed_sign_ins_are_counted_against_the_address_our_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(SIGN_IN_URL, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip_address(request) == "203.0.113.9"  # the first entry was written by the sender: not believed
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(request) == "10.0.0.2"


# Sessions --------------------------------------------------------------------------------------

def at(monkeypatch, moment):
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def test_a_session_left_for_more_than_30_minutes_is_signed_out(client, practitioner, monkeypatch):
    start = timezone.now()
    sign_in(client, "practitioner", PASSWORD)
    assert client.get(reverse("home")).status_code == 200

    at(monkeypatch, start + timedelta(minutes=31))
    response = client.get(reverse("home"))

    assert response.status_code == 302 and response["Location"] == f"{SIGN_IN_URL}?next=/"


def test_a_session_in_use_stays_signed_in_past_30_minutes(client, practitioner, monkeypatch):
    start = timezone.now()
    sign_in(client, "practitioner", PASSWORD)
    for minutes in (20, 40, 60):  # never more than 20 minutes between pages
        at(monkeypatch, start + timedelta(minutes=minutes))
        assert client.get(reverse("home")).status_code == 200

    session = Session.objects.get(session_key=client.session.session_key)
    assert abs(session.expire_date - (start + timedelta(minutes=60 + 30))) < timedelta(seconds=5)


def test_the_database_ends_an_idle_session_whatever_the_session_holds(client, practitioner):
    """The store's own expiry is what signs an idle person out; the middleware only moves it on."""
    sign_in(client, "practitioner", PASSWORD)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(reverse("home"))

    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN_URL)


def test_an_idle_session_is_signed_out_whatever_store_keeps_it(client, practitioner, settings, monkeypatch):
    """A cache keeps sessions by its own clock: the middleware's check still signs the idle one out."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    start = timezone.now()
    client.force_login(practitioner)
    assert client.get(reverse("home")).status_code == 200
    at(monkeypatch, start + timedelta(minutes=29))
    assert client.get(reverse("home")).status_code == 200

    at(monkeypatch, start + timedelta(minutes=29 + 31))
    response = client.get(reverse("home"))

    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN_URL)


def test_pages_within_a_minute_of_each_other_do_not_rewrite_the_session(client, practitioner, monkeypatch):
    """So every page keeps its fixed number of queries: the clock starts at sign-in, in the session
    saved then anyway, and the session is written again only once a minute has passed."""
    start = timezone.now()
    client.force_login(practitioner)
    assert ACTIVITY_KEY in client.session

    def session_writes(moment) -> list[str]:
        at(monkeypatch, moment)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return [q["sql"] for q in captured.captured_queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]

    assert session_writes(start) == []
    assert session_writes(start + timedelta(seconds=50)) == []
    assert len(session_writes(start + timedelta(seconds=70))) == 1


def test_session_settings():
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSION_COOKIE_HTTPONLY is True


# Headers ---------------------------------------------------------------------------------------

SCREEN_PAGES = ["home", "report_list", "password_change", "cases:child_list", "evidence:national"]


def directives(header: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def assert_secure_headers(response) -> None:
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_sign_in_page_carries_the_security_headers(client):
    assert_secure_headers(client.get(SIGN_IN_URL))


@pytest.mark.parametrize("name", SCREEN_PAGES)
def test_every_screen_page_carries_the_security_headers(client, senior_manager, name):
    client.force_login(senior_manager)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_secure_headers(response)


def test_the_admin_carries_the_security_headers(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert_secure_headers(response)


def test_error_pages_carry_the_security_headers(client, practitioner):
    client.force_login(practitioner)
    response = client.get(reverse("access_log"))
    assert response.status_code == 403
    assert_secure_headers(response)


# Templates -------------------------------------------------------------------------------------

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"
# PDFs are drawn by WeasyPrint, never served to a browser, so their <style> blocks are fine.
SCREEN_TEMPLATES = sorted(path for path in TEMPLATES.rglob("*.html") if "pdf" not in path.relative_to(TEMPLATES).parts)

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def inline_code(text: str) -> list[str]:
    checks = [
        ("inline <script> with a body", INLINE_SCRIPT), ("on... event handler attribute", HANDLER_ATTRIBUTE),
        ("style= attribute", STYLE_ATTRIBUTE), ("<style> element", STYLE_ELEMENT), ("javascript: URL", JAVASCRIPT_URL),
    ]
    return [label for label, pattern in checks if pattern.search(text)]


def test_the_template_check_finds_each_kind_of_inline_code():
    assert inline_code('<script>alert(1)</script>') == ["inline <script> with a body"]
    assert inline_code('<script type="module">\n  start();\n</script>') == ["inline <script> with a body"]
    assert inline_code('<button type="button" onclick="go()">Go</button>') == ["on... event handler attribute"]
    assert inline_code('<span class="x"\n      style="width: {{ n }}%">') == ["style= attribute"]
    assert inline_code("<style>p { color: red }</style>") == ["<style> element"]
    assert inline_code('<a href="javascript:void(0)">') == ["javascript: URL"]
    assert inline_code('<script type="module" src="{% static \'js/app.mjs\' %}"></script>') == []
    assert inline_code('<p class="govuk-body">Ask online=yes, style=plain</p>') == []
    assert inline_code('<rect class="bar" width="45%" height="24"/>') == []


def test_no_screen_template_has_inline_script_or_style():
    assert len(SCREEN_TEMPLATES) > 50
    found = {
        str(path.relative_to(TEMPLATES)): problems
        for path in SCREEN_TEMPLATES if (problems := inline_code(path.read_text(encoding="utf-8")))
    }
    assert found == {}, (
        "The Content Security Policy blocks inline script and style on screen pages: move it into "
        f"static/js or static/scss. Found: {found}"
    )
