"""Stuck cases: children whose plans are drifting, listed for the multi-disciplinary panel."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from .. import selectors
from ..models import CouncilSettings


@permission_required("cases.view_change_history", raise_exception=True)
def stuck_cases(request):
    today = timezone.localdate()
    rows = selectors.stuck_cases(user=request.user, today=today)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "cases/stuck_cases.html", {
        "page": page, "rows": page.object_list, "today": today, "total": len(rows),
        "drift_weeks": CouncilSettings.current().drift_weeks,
    })
