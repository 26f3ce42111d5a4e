"""The access log: who looked at which child's record, exported what, or broke the glass; and an
export of a search of it as a spreadsheet (CSV) that is itself written to the log."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import selectors, services
from ..exports import csv_lines
from ..filters import AccessLogFilter

ENTRIES_PER_PAGE = 50
EXPORT_HEADER = ["Entry number", "When (UK time)", "Username", "Name", "What", "Child ID", "Detail", "Fingerprint"]


def _search(request) -> AccessLogFilter:
    return AccessLogFilter(request.GET, queryset=selectors.access_log_visible_to(user=request.user))


@permission_required("cases.view_accesslogentry", raise_exception=True)
def access_log(request):
    log_filter = _search(request)
    valid = log_filter.is_valid()
    filtered = log_filter.qs if valid else log_filter.queryset.none()
    page = Paginator(filtered, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/access_log.html", {
        "filter": log_filter, "page": page, "export_query": query.urlencode() if valid else None,
    })


@permission_required("cases.view_accesslogentry", raise_exception=True)
def access_log_export(request):
    """The entries the search finds, in the manager's scope, newest first, as a CSV file. A search
    that does not make sense is shown back on the log page with its errors; nothing is exported."""
    log_filter = _search(request)
    if not log_filter.is_valid():
        return access_log(request)
    entries = services.access_log_export(actor=request.user, entries=log_filter.qs, search=log_filter.describe())
    response = StreamingHttpResponse(
        csv_lines(EXPORT_HEADER, (_row(entry) for entry in selectors.access_log_in_batches(entries))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="access-log-{timezone.localtime():%Y-%m-%d-%H%M}.csv"'
    return response


def _row(entry) -> list:
    return [
        entry.sequence, f"{timezone.localtime(entry.at):%Y-%m-%d %H:%M:%S}", entry.username,
        entry.user.get_full_name(), entry.get_action_display(), entry.child.local_id if entry.child else "",
        entry.detail, entry.entry_hash,
    ]
