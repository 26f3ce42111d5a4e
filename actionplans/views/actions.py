"""Actions: every action (filtered), my actions, add and change an action, an action's record,
and raising an action from an audit finding or a self-assessment shortfall."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cases.lost_updates import unchanged_since_opened

from .. import origins, selectors, services
from ..filters import ActionFilter
from ..forms import NEW, ActionForm, ActionFromOriginForm
from ..models import Action, Recommendation
from ._errors import add_service_error

ACTIONS_PER_PAGE = 50


@permission_required("actionplans.view_action", raise_exception=True)
def action_list(request):
    today = timezone.localdate()
    actions = selectors.actions_for_list()
    action_filter = ActionFilter(request.GET, queryset=actions)
    filtered = action_filter.qs if action_filter.is_valid() else actions.none()
    page = Paginator(filtered, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "actionplans/action_list.html", {
        "filter": action_filter, "page": page, "today": today,
        "rows": [selectors.action_row(action, today) for action in page.object_list],
    })


@permission_required("actionplans.add_progressupdate", raise_exception=True)
def my_actions(request):
    today = timezone.localdate()
    return render(request, "actionplans/my_actions.html", {
        "mine": selectors.my_actions(user=request.user, today=today), "today": today,
    })


@permission_required("actionplans.view_action", raise_exception=True)
def action_detail(request, pk: int):
    today = timezone.localdate()
    action = selectors.action_detail(pk=pk)
    can_change = request.user.has_perm("actionplans.change_action")
    return render(request, "actionplans/action_detail.html", {
        "action": action, "row": selectors.action_row(action, today), "today": today,
        "plan": action.recommendation.plan, "recommendation": action.recommendation,
        "area_name": selectors.area_name(action.recommendation.area),
        "origin": selectors.action_origin(action),
        "can_update": services.can_update(request.user, action),
        "can_download": request.user.has_perm("actionplans.add_progressupdate"),
        "history": selectors.action_history(action=action) if can_change else None,
    })


@permission_required("actionplans.add_action", raise_exception=True)
def action_create(request, recommendation_pk: int):
    recommendation = get_object_or_404(Recommendation.objects.select_related("plan"), pk=recommendation_pk)
    heading = f"Add an action to recommendation {recommendation.number}"
    return _action_form(request, Action(recommendation=recommendation), heading)


@permission_required("actionplans.change_action", raise_exception=True)
def action_edit(request, pk: int):
    action = get_object_or_404(Action.objects.select_related("recommendation__plan"), pk=pk)
    return _action_form(request, action, "Change the action")


def _action_form(request, action: Action, heading: str):
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                saved = services.action_save(actor=request.user, action=form.save(commit=False))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Action saved.")
            if "add_another" in request.POST:
                return redirect("actionplans:action_create", recommendation_pk=saved.recommendation_id)
            return redirect("actionplans:action_detail", pk=saved.pk)
    return render(request, "actionplans/action_form.html", {
        "form": form, "heading": heading, "action": action, "recommendation": action.recommendation,
        "plan": action.recommendation.plan,
    })


@permission_required("actionplans.add_action", raise_exception=True)
def action_from_origin(request, origin_key: str, pk: int):
    """Raise an action from an audit finding or a self-assessment shortfall, with a link back."""
    kind = origins.ORIGINS.get(origin_key)
    if kind is not None and not request.user.has_perm(kind.view_permission):
        raise PermissionDenied
    origin = origins.resolve(origin_key, pk, user=request.user)
    form = ActionFromOriginForm(request.POST or None, instance=Action(), area_code=origin.area_code,
                                initial={"description": origin.text})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["recommendation"] == NEW:
            recommendation = Recommendation(plan=form.cleaned_data["plan"], text=form.cleaned_data["new_text"].strip(),
                                            area=form.cleaned_data["area"], kind=origin.kind.recommendation_kind)
        else:
            recommendation = form.cleaned_data["existing"]
        try:
            saved = services.action_raise(actor=request.user, origin=origin.record, action=form.save(commit=False),
                                          recommendation=recommendation)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Action added to {saved.recommendation.plan.title}, recommendation "
                                      f"{saved.recommendation.number}.")
            return redirect("actionplans:action_detail", pk=saved.pk)
    return render(request, "actionplans/action_from_origin.html", {
        "form": form, "origin": origin, "already": services.actions_raised_by(origin.record),
    })
