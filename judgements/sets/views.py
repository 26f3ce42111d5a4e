"""Judgement sets: the list with the grade history by area, record (choose the framework and
source, then the grades), read, and correct."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from cases.lost_updates import unchanged_since_opened

from ..models import Framework, Source
from . import origins, selectors, services
from .forms import ChooseForm, JudgementSetForm


@permission_required("judgements.view_judgementset", raise_exception=True)
def set_list(request):
    sets = list(selectors.judgement_sets())
    return render(request, "judgements/sets/list.html", {
        "sets": sets, "histories": selectors.grade_history(sets), "trend": selectors.grade_trend(sets),
    })


@permission_required("judgements.view_judgementset", raise_exception=True)
def set_detail(request, pk: int):
    judgement_set = selectors.judgement_set_detail(pk=pk)
    rows = selectors.area_rows(judgement_set)
    return render(request, "judgements/sets/detail.html", {
        "judgement_set": judgement_set, "rows": rows,
        "has_evidence": any(row.judgement.evidence or row.judgement.links.all() for row in rows),
        "broken_rule": selectors.rule_check(judgement_set), "last_change": selectors.last_change(judgement_set),
    })


@permission_required("judgements.add_judgementset", raise_exception=True)
def set_create(request):
    """Step one chooses the framework and source (unless what the set is recorded for, such as an
    inspection, says); step two is the grades form for that framework."""
    recorded_for = origins.parse(request.GET.get("for"))
    prefill = recorded_for.prefill(request.user) if recorded_for else None
    code = request.GET.get("framework") or (prefill.framework if prefill else None)
    if not code or request.GET.get("choose"):
        return _choose(request, prefill, recorded_for)
    framework = get_object_or_404(Framework, code=code)
    source = request.GET.get("source") or (prefill.source if prefill else None)
    initial = {"source": source if source in Source.values else None}
    if prefill:
        initial.update(title=prefill.title, judged_on=prefill.judged_on)
    areas = selectors.framework_areas(framework)
    form = JudgementSetForm(_posted(request), framework=framework, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        on_saved = recorded_for.attach(actor=request.user) if recorded_for else None
        try:
            judgement_set = services.judgement_set_create(
                actor=request.user, framework=framework, on_saved=on_saved, **form.service_arguments(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{judgement_set.title} recorded.")
            return redirect("judgements:set_detail", pk=judgement_set.pk)
    change = {"source": source or ""} | ({"for": recorded_for.param} if recorded_for else {})
    return render(request, "judgements/sets/form.html", {
        "grades_form": form, "framework": framework, "prefill": prefill, "heading": "Record judgements",
        "change_framework_url": f"{reverse('judgements:set_create')}?{urlencode(change | {'choose': 1})}",
        "back_url": prefill.back_url if prefill else reverse("judgements:set_list"),
    })


def _choose(request, prefill, recorded_for):
    form = ChooseForm(_posted(request), initial={
        "framework": selectors.framework_in_force(timezone.localdate()), "source": request.GET.get("source") or None,
    })
    if request.method == "POST" and form.is_valid():
        query = {"framework": form.cleaned_data["framework"].code, "source": form.cleaned_data["source"]}
        if recorded_for:
            query["for"] = recorded_for.param
        return redirect(f"{reverse('judgements:set_create')}?{urlencode(query)}")
    return render(request, "judgements/sets/choose.html", {
        "choose_form": form, "prefill": prefill,
        "back_url": prefill.back_url if prefill else reverse("judgements:set_list"),
    })


@permission_required("judgements.change_judgementset", raise_exception=True)
def set_edit(request, pk: int):
    judgement_set = selectors.judgement_set_detail(pk=pk)
    framework = judgement_set.framework
    form = JudgementSetForm(_posted(request), framework=framework, areas=selectors.framework_areas(framework),
                            judgement_set=judgement_set)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                services.judgement_set_update(actor=request.user, judgement_set=judgement_set, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{form.cleaned_data['title']} saved. The earlier version is kept in its history.")
            return redirect("judgements:set_detail", pk=judgement_set.pk)
    return render(request, "judgements/sets/form.html", {
        "grades_form": form, "framework": framework, "judgement_set": judgement_set, "heading": "Correct the judgements",
        "back_url": reverse("judgements:set_detail", args=[judgement_set.pk]),
    })


def _posted(request):
    """The submitted data, even when nothing was chosen (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None
