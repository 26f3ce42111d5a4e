"""The access log: who looked at which child's record, exported what, or broke the glass."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import selectors
from ..filters import AccessLogFilter

ENTRIES_PER_PAGE = 50


@permission_required("cases.view_accesslogentry", raise_exception=True)
def access_log(request):
    entries = selectors.access_log_visible_to(user=request.user)
    log_filter = AccessLogFilter(request.GET, queryset=entries)
    filtered = log_filter.qs if log_filter.is_valid() else entries.none()
    page = Paginator(filtered, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/access_log.html", {"filter": log_filter, "page": page})
