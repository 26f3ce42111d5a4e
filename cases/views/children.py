"""The children list and a child's record. Thin: permission, scoped read, render."""

from datetime import timedelta

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import selectors, services
from ..chronology import Category
from ..filters import ChildFilter
from ..forms import BreakGlassForm
from ..models import AccessLogEntry, EventKind, Stage
from ..panels import panels_for
from .caseload import cursor

GLASS_BROKEN_SESSION_KEY = "glass_broken"
GLASS_STAYS_BROKEN = timedelta(minutes=30)
RECORD_VIEWS_SHOWN = 20  # "Who has looked at this record": the newest views


@permission_required("cases.view_child", raise_exception=True)
def child_list(request):
    children = selectors.children_visible_to(user=request.user)
    child_filter = ChildFilter(request.GET, queryset=children, request=request)
    valid = child_filter.is_valid()
    sort = (child_filter.form.cleaned_data.get("sort") or [""])[0] if valid else ""
    listed = selectors.children_list_page(
        child_filter.qs if valid else children.none(), sort=sort or "name",
        after=cursor(request, "after"), before=cursor(request, "before"), today=timezone.localdate(),
    )
    return render(request, "cases/child_list.html", {"filter": child_filter, "page": listed.page, "listed": listed})


@permission_required("cases.view_child", raise_exception=True)
def child_detail(request, pk: int):
    try:
        child = child_in_scope_or_glass(request, pk)
    except RestrictedRecord:
        return redirect("cases:child_break_glass", pk=pk)
    category = request.GET.get("show", "")
    if category not in Category.LABELS:
        category = ""
    services.access_log_record(actor=request.user, action=AccessLogEntry.Action.VIEWED_CHILD, child=child)
    can_see_log = request.user.has_perm("cases.view_accesslogentry")
    panels = panels_for(request, child)
    rows = selectors.child_record_rows(child=child, record_views=RECORD_VIEWS_SHOWN if can_see_log else 0, panels=panels)
    can_correct_episodes = request.user.has_perm("cases.change_episode")
    start = request.GET.get("from", "")
    chronology = selectors.chronology_page_for_child(child=child, category=category, rows=rows,
                                                     start=int(start) if start.isdigit() else 0)
    return render(
        request,
        "cases/child_detail.html",
        {
            "child": child,
            "today": timezone.localdate(),
            "chronology": chronology.entries,
            "chronology_page": chronology,
            "can_correct": request.user.has_perm("cases.change_event"),
            "categories": Category.LABELS.items(),
            "category": category,
            "journey": selectors.journey_for_child(child=child, rows=rows, edit_urls=can_correct_episodes),
            "flags": selectors.open_flags_for_child(child=child, rows=rows),
            "due": selectors.due_for_child(child=child, rows=rows),
            "stages": Stage.choices,
            "event_kinds": EventKind.choices,
            "record_views": rows.record_views,
            "panels": panels,
        },
    )


@permission_required("cases.break_glass", raise_exception=True)
def child_break_glass(request, pk: int):
    """A manager opens a restricted record in an emergency, giving a reason that is logged."""
    child = selectors.restricted_child_behind_glass(user=request.user, pk=pk)
    if child is None:
        raise Http404("No restricted record of yours to open here.")
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.break_glass(actor=request.user, child=child, reason=form.cleaned_data["reason"])
        opened = request.session.get(GLASS_BROKEN_SESSION_KEY, {})
        opened[str(child.pk)] = (timezone.now() + GLASS_STAYS_BROKEN).isoformat()
        request.session[GLASS_BROKEN_SESSION_KEY] = opened
        return redirect("cases:child_detail", pk=child.pk)
    return render(request, "cases/break_glass.html", {"form": form, "child_pk": pk}, status=403 if request.method == "GET" else 200)


def child_in_scope_or_glass(request, pk: int):
    """The child if the user may see them; for a restricted record a manager may open, the
    break-glass page; otherwise 404."""
    try:
        return selectors.child_for_user(user=request.user, pk=pk, glass_broken=glass_broken(request))
    except Http404:
        if selectors.restricted_child_behind_glass(user=request.user, pk=pk) is not None:
            raise RestrictedRecord(pk) from None
        raise


class RestrictedRecord(PermissionDenied):
    """Raised for a restricted record the user could open by breaking the glass."""

    def __init__(self, pk: int):
        super().__init__("This record is restricted.")
        self.pk = pk


def glass_broken(request) -> frozenset[int]:
    now = timezone.now().isoformat()
    opened = request.session.get(GLASS_BROKEN_SESSION_KEY, {})
    return frozenset(int(pk) for pk, until in opened.items() if until > now)


@permission_required("cases.view_change_history", raise_exception=True)
def child_history(request, pk: int):
    try:
        child = child_in_scope_or_glass(request, pk)
    except RestrictedRecord:
        return redirect("cases:child_break_glass", pk=pk)
    services.access_log_record(
        actor=request.user, action=AccessLogEntry.Action.VIEWED_CHILD, child=child, detail="Change history"
    )
    return render(request, "cases/child_history.html", {"child": child, "changes": selectors.change_history_for_child(child=child)})
