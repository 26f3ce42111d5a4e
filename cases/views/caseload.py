"""Caseloads: my caseload, and a team's caseload with counts per worker. What is late comes first.

Both are read a page at a time from what cases/summaries.py keeps (worked out each morning and
again whenever a child's record changes), so a worker's caseload and their line in the team's
always agree; a manager can ask for everything to be worked out again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import selectors, tasks

ROWS_PER_PAGE = 50


@permission_required("cases.view_child", raise_exception=True)
def my_caseload(request):
    worker = selectors.worker_for_user(request.user)
    today = timezone.localdate()
    caseload = {"rows": [], "total": 0, "late_count": 0, "soon_count": 0}
    if worker is not None:
        caseload = selectors.worker_caseload_page(
            user=request.user, worker=worker, today=today, after=cursor(request, "after"),
            before=cursor(request, "before"), per_page=ROWS_PER_PAGE,
        )
    return render(request, "cases/caseload.html", {
        "heading": "My caseload", "today": today, "worker": worker,
        "teams": selectors.teams_in_sight(user=request.user), **caseload,
    })


@permission_required("cases.view_child", raise_exception=True)
def team_caseload(request, team_pk: int):
    teams = selectors.teams_in_sight(user=request.user)  # read once: the team and the navigation
    team = next((team for team in teams if team.pk == team_pk), None)
    if team is None:
        raise Http404("No team of yours by that number.")
    today = timezone.localdate()
    caseload = selectors.team_caseload_page(
        user=request.user, team=team, today=today, after=cursor(request, "after"), before=cursor(request, "before"),
        per_page=ROWS_PER_PAGE, workers_page=request.GET.get("workers") or 1,
    )
    return render(request, "cases/caseload.html", {
        "heading": f"{team.name} caseload", "team": team, "today": today, "teams": teams, **caseload,
    })


@require_POST
@permission_required("cases.view_change_history", raise_exception=True)
def work_out_again(request):
    """A manager asks for what is due and what is drifting to be worked out again now, for every
    child (so the time the pages give is the same for everyone), then goes back to the page."""
    from kombu.exceptions import OperationalError as BackgroundServiceUnavailable

    try:
        tasks.refresh_case_summaries.apply_async(retry=True, retry_policy={"max_retries": 1, "interval_start": 0})
    except (BackgroundServiceUnavailable, ConnectionError, TimeoutError):
        messages.warning(request, "Caseloads and stuck cases cannot be worked out again just now: the background "
                                  "service is not available. They are worked out every morning at 05:30.")
    else:
        messages.success(request, "Caseloads and stuck cases are being worked out again. For the whole council this "
                                  "takes about a minute: reload the page to see the new answer.")
    back = request.POST.get("next", "")
    # Back to a page of this service only: a path ("abc" is neither a path nor a page's name).
    safe = back.startswith("/") and back.isprintable() and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(back if safe else "stuck_cases")


def cursor(request, name: str) -> int | None:
    """A keyset page's cursor from the query string (the row the page follows or precedes)."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None
