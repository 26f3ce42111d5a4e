"""Pages about children. Thin: permission, scoped read, render."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors, services
from .filters import ChildFilter
from .models import AccessLogEntry

CHILDREN_PER_PAGE = 50


@permission_required("cases.view_child", raise_exception=True)
def child_list(request):
    children = selectors.children_visible_to(user=request.user).select_related("team", "worker__user")
    child_filter = ChildFilter(request.GET, queryset=children, request=request)
    filtered = child_filter.qs if child_filter.is_valid() else children.none()
    page = Paginator(filtered.order_by(*_ordering(filtered)), CHILDREN_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/child_list.html",
        {"filter": child_filter, "page": page, "query": query.urlencode(), "today": _today()},
    )


@permission_required("cases.view_child", raise_exception=True)
def child_detail(request, pk: int):
    child = selectors.child_for_user(user=request.user, pk=pk)
    services.access_log_record(actor=request.user, action=AccessLogEntry.Action.VIEWED_CHILD, child=child)
    can_see_log = request.user.has_perm("cases.view_accesslogentry")
    return render(
        request,
        "cases/child_detail.html",
        {
            "child": child,
            "today": _today(),
            "access_log": selectors.access_log_for_child(child=child) if can_see_log else None,
        },
    )


def _ordering(queryset):
    """Keep the filter's chosen sort but always end on the primary key, so pages are stable."""
    chosen = list(queryset.query.order_by) or ["last_name", "first_name"]
    return [*chosen, "pk"]


def _today():
    from django.utils import timezone

    return timezone.localdate()
