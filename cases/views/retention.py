"""Records due for retention review: closed children's records past their retention period
(cases/retention.py), for senior managers and administrators, and the review decision for each.

Viewing the list is written to the access log as "Viewed a list of children" (it names children,
but is not a view of any one child's record, nor an export); opening one child's review page, which
shows their details, as a view of that child's record."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from .. import retention, selectors, services
from ..models import AccessLogEntry, RetentionReview
from ..retention_forms import RetentionFilterForm, RetentionReviewForm
from ..selectors.retention import retention_periods


@permission_required("cases.view_retentionreview", raise_exception=True)
def retention_review(request):
    form = RetentionFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    team = form.cleaned_data.get("team") if valid and form.is_bound else None
    today = timezone.localdate()
    page = None
    if valid:
        page = selectors.retention_review_page(user=request.user, today=today, team=team,
                                               page_number=request.GET.get("page"))
        if page.object_list:
            services.access_log_record(
                actor=request.user, action=AccessLogEntry.Action.VIEWED_LIST,
                detail=(f"Records due for retention review: {team or 'every team'}, page {page.number} of "
                        f"{page.paginator.num_pages} ({len(page.object_list)} of {page.paginator.count} children)"),
            )
    return render(request, "cases/retention_review.html", {
        "form": form, "page": page, "team": team, "today": today, "periods": retention.explained(retention_periods()),
    })


@permission_required("cases.add_retentionreview", raise_exception=True)
def retention_review_decide(request, pk: int):
    child = get_object_or_404(selectors.retention_children_for(user=request.user).select_related("team"), pk=pk)
    today = timezone.localdate()
    position = selectors.retention_position(child=child, today=today)
    team = request.GET.get("team", "")
    back = reverse("retention_review") + (f"?team={team}" if team.isascii() and team.isdigit() else "")  # the list as it was
    form = RetentionReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.retention_review_record(actor=request.user, child=child, today=today,
                                                      **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if review.decision == RetentionReview.Decision.KEEP:
                outcome = f"kept, back for review on {review.next_review_on:%-d %B %Y}"
            else:
                marked = "destruction" if review.decision == RetentionReview.Decision.DESTROY else "archiving"
                outcome = f"marked for {marked} by the records team"
            messages.success(request, f"Decision recorded for {child.full_name} ({child.local_id}): {outcome}.")
            return redirect(back)
    if request.method != "POST":
        services.access_log_record(actor=request.user, action=AccessLogEntry.Action.VIEWED_CHILD, child=child,
                                   detail="Retention review")
    return render(request, "cases/retention_review_decide.html",
                  {"child": child, "position": position, "form": form, "today": today, "back": back})
