"""Plans: the list with due dates and RAG counts, start and correct a plan, the plan overview, and
its recommendations."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from cases.lost_updates import unchanged_since_opened

from .. import selectors, services
from ..forms import PlanForm, RecommendationForm
from ..models import ActionPlan, PlanSource, Recommendation
from ._errors import add_service_error


@permission_required("actionplans.view_actionplan", raise_exception=True)
def plan_list(request):
    today = timezone.localdate()
    return render(request, "actionplans/plan_list.html", {
        "rows": selectors.plan_rows(today=today), "today": today, "statuses": selectors.STATUS_HEADINGS,
    })


@permission_required("actionplans.view_actionplan", raise_exception=True)
def plan_detail(request, pk: int):
    today = timezone.localdate()
    plan = get_object_or_404(ActionPlan, pk=pk)
    return render(request, "actionplans/plan_detail.html", {
        "overview": selectors.plan_overview(plan=plan, today=today), "plan": plan, "today": today,
        "statuses": selectors.STATUS_HEADINGS,
    })


@permission_required("actionplans.add_actionplan", raise_exception=True)
def plan_create(request):
    """``?source=`` chooses what the plan responds to in advance (the safeguarding board's pages link
    here with ``safeguarding_board``)."""
    source = request.GET.get("source")
    initial = {"source": source} if source in PlanSource.values else {}
    return _plan_form(request, ActionPlan(), "Start an action plan", initial=initial)


@permission_required("actionplans.change_actionplan", raise_exception=True)
def plan_edit(request, pk: int):
    return _plan_form(request, get_object_or_404(ActionPlan, pk=pk), "Change the plan's details")


def _plan_form(request, plan: ActionPlan, heading: str, initial=None):
    form = PlanForm(request.POST or None, instance=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                saved = services.plan_save(actor=request.user, plan=form.save(commit=False))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"{saved.title} saved.")
            return redirect("actionplans:plan_detail", pk=saved.pk)
    return render(request, "actionplans/plan_form.html", {"form": form, "heading": heading, "plan": plan,
                                                           "today": timezone.localdate()})


@permission_required("actionplans.change_actionplan", raise_exception=True)
def recommendation_create(request, plan_pk: int):
    plan = get_object_or_404(ActionPlan, pk=plan_pk)
    return _recommendation_form(request, Recommendation(plan=plan), "Add a recommendation")


@permission_required("actionplans.change_actionplan", raise_exception=True)
def recommendation_edit(request, pk: int):
    recommendation = get_object_or_404(Recommendation.objects.select_related("plan"), pk=pk)
    return _recommendation_form(request, recommendation, f"Change recommendation {recommendation.number}")


def _recommendation_form(request, recommendation: Recommendation, heading: str):
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                saved = services.recommendation_save(actor=request.user, recommendation=form.save(commit=False))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Recommendation {saved.number} saved.")
            if "add_another" in request.POST:
                return redirect("actionplans:recommendation_create", plan_pk=saved.plan_id)
            return redirect(f"{reverse('actionplans:plan_detail', args=[saved.plan_id])}#recommendation-{saved.number}")
    return render(request, "actionplans/recommendation_form.html", {
        "form": form, "heading": heading, "plan": recommendation.plan, "recommendation": recommendation,
    })
