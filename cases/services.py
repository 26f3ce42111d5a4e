"""Writes for the cases app. Each takes the acting user explicitly."""

from .models import AccessLogEntry, Child


def access_log_record(*, actor, action: str, child: Child | None = None, detail: str = "") -> AccessLogEntry:
    """Write one access-log entry: a view of a child's record, an export or a download."""
    return AccessLogEntry.objects.create(user=actor, action=action, child=child, detail=detail[:500])
