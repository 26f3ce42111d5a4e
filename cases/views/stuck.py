"""Stuck cases: children whose plans are drifting, listed for the multi-disciplinary panel.

Read a page at a time from what cases/summaries.py keeps (worked out each morning, and again for a
child as their record changes); the page says when it was worked out."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from .. import selectors
from ..models import CouncilSettings
from .caseload import cursor

ROWS_PER_PAGE = 50


@permission_required("cases.view_change_history", raise_exception=True)
def stuck_cases(request):
    stuck = selectors.stuck_cases_page(
        user=request.user, after=cursor(request, "after"), before=cursor(request, "before"), per_page=ROWS_PER_PAGE
    )
    return render(request, "cases/stuck_cases.html", {
        "today": timezone.localdate(), "drift_weeks": CouncilSettings.current().drift_weeks, **stuck,
    })
