"""Sign-in and session safeguards: a session ends after a spell without use; failed sign-ins are
counted against the address the person is really signing in from, and a locked-out sign-in gets a
page saying how long the lock lasts.

Records about children stay on screen only while someone is using the service: a session that has
not been used for ``SESSION_COOKIE_AGE`` seconds (30 minutes unless set) is signed out, so a laptop
left open in a shared office does not stay signed in. Each use pushes the end back, but the session
is written at most once every ``SESSION_ACTIVITY_REFRESH_SECONDS`` (a minute), not on every request:
a page's database work stays the same fixed number of queries, and the reports page, which asks for
fresh status every few seconds, does not write the session each time.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import render
from django.utils import timezone

ACTIVITY_KEY = "_last_activity"


def _now() -> int:
    return int(timezone.now().timestamp())


def mark_signed_in(sender, request, user, **kwargs) -> None:
    """On sign-in (connected to ``user_logged_in``), start the clock, in the session that is being
    saved anyway, so the first page after signing in writes nothing extra."""
    if request is not None and hasattr(request, "session"):
        request.session[ACTIVITY_KEY] = _now()


class SessionActivityMiddleware:
    """Signs out a session idle for longer than ``SESSION_COOKIE_AGE``, and keeps a session that is
    in use alive by saving it (which moves its expiry on) when its last recorded use is older than
    ``SESSION_ACTIVITY_REFRESH_SECONDS``. The session store's own expiry is what ends an idle session;
    the check here makes the same limit hold for any session store."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = _now()
            last = session.get(ACTIVITY_KEY)
            if isinstance(last, int) and now - last >= settings.SESSION_COOKIE_AGE:
                logout(request)
            elif not isinstance(last, int) or now - last >= settings.SESSION_ACTIVITY_REFRESH_SECONDS:
                session[ACTIVITY_KEY] = now  # marks the session changed: saved with a fresh expiry
        return self.get_response(request)


def client_ip_address(request) -> str | None:
    """The address a request came from, for counting failed sign-ins (``AXES_CLIENT_IP_CALLABLE``).
    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (``DJANGO_TRUSTED_PROXY_COUNT``), the address the
    nearest of them recorded in X-Forwarded-For; otherwise the connection's own address. Entries further
    left can be written by anyone, so only the ones our own proxies added are believed."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets instead of the sign-in form (``AXES_LOCKOUT_CALLABLE``):
    how long the lock lasts and who can lift it, with 429 Too Many Requests."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)
