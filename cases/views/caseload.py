"""Caseloads: my caseload, and a team's caseload with counts per worker. What is late comes first."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .. import selectors

ROWS_PER_PAGE = 100


@permission_required("cases.view_child", raise_exception=True)
def my_caseload(request):
    worker = selectors.worker_for_user(request.user)
    today = timezone.localdate()
    rows = []
    if worker is not None:
        rows = selectors.caseload_rows(
            children=selectors.caseload_children_for_worker(user=request.user, worker=worker), today=today
        )
    return render(request, "cases/caseload.html", {
        "heading": "My caseload", "rows": rows, "today": today, "worker": worker,
        "teams": selectors.teams_visible_to(user=request.user),
        "late_count": sum(bool(row["late"]) for row in rows), "soon_count": sum(bool(row["soon"]) for row in rows),
        "total": len(rows),
    })


@permission_required("cases.view_child", raise_exception=True)
def team_caseload(request, team_pk: int):
    team = get_object_or_404(selectors.teams_visible_to(user=request.user), pk=team_pk)
    today = timezone.localdate()
    rows = selectors.caseload_rows(children=selectors.caseload_children_for_team(user=request.user, team=team), today=today)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/caseload.html", {
        "heading": f"{team.name} caseload", "team": team, "rows": page.object_list, "page": page, "today": today,
        "worker_counts": selectors.worker_counts_for_team(rows=rows, team=team),
        "teams": selectors.teams_visible_to(user=request.user),
        "late_count": sum(bool(row["late"]) for row in rows), "soon_count": sum(bool(row["soon"]) for row in rows),
        "total": len(rows),
    })
