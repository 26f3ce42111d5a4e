"""The self-assessment tool (seed 004): the library of indicators of good, self-assessments scored
indicator by indicator into numbered versions, the grades they propose, and two versions compared."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases.lost_updates import unchanged_since_opened

from ..models import Framework, Indicator
from . import selectors, services
from .forms import IndicatorForm, ScoreForm, StartForm

# --- self-assessments


@permission_required("judgements.view_selfassessment", raise_exception=True)
def self_assessment_list(request):
    return render(request, "judgements/self_assessment/list.html", {"self_assessments": selectors.self_assessments()})


@permission_required("judgements.add_selfassessment", raise_exception=True)
def self_assessment_create(request):
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        self_assessment = services.self_assessment_start(
            actor=request.user, framework=form.cleaned_data["framework"], title=form.cleaned_data["title"],
        )
        return redirect("judgements:self_assessment_score", pk=self_assessment.pk)
    return render(request, "judgements/self_assessment/start.html", {"form": form})


@permission_required("judgements.view_selfassessment", raise_exception=True)
def self_assessment_detail(request, pk: int):
    self_assessment = selectors.self_assessment_get(pk)
    versions = selectors.versions(self_assessment)
    latest = versions[0] if versions else None
    areas = selectors.version_by_area(self_assessment, latest) if latest else []
    return render(request, "judgements/self_assessment/detail.html", {
        "self_assessment": self_assessment, "versions": versions, "latest": latest, "areas": areas,
        "shortfall_count": sum(len(area.shortfalls) for area in areas),
        "unscored": selectors.unscored_since(self_assessment, latest) if latest else 0,
    })


@permission_required("judgements.change_selfassessment", raise_exception=True)
def self_assessment_score(request, pk: int):
    self_assessment = selectors.self_assessment_get(pk)
    sheet = selectors.scoring_sheet(self_assessment)
    form = ScoreForm(request.POST or None, sheet=sheet.areas, latest=sheet.latest, self_assessment=self_assessment)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                version = services.version_save(
                    actor=request.user, self_assessment=self_assessment, scores=form.scores(),
                    note=form.cleaned_data["note"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Version {version.number} saved. Earlier versions are kept.")
            return redirect("judgements:self_assessment_detail", pk=self_assessment.pk)
    return render(request, "judgements/self_assessment/score.html", {
        "self_assessment": self_assessment, "form": form, "sheet": sheet,
    })


@permission_required("judgements.view_selfassessment", raise_exception=True)
def self_assessment_compare(request, pk: int):
    self_assessment = selectors.self_assessment_get(pk)
    old, new = selectors.version_pair(self_assessment, request.GET.get("from"), request.GET.get("to"))
    areas = selectors.compare(self_assessment, old, new)
    return render(request, "judgements/self_assessment/compare.html", {
        "self_assessment": self_assessment, "old": old, "new": new, "pair": [old, new], "areas": areas,
        "versions": selectors.versions(self_assessment), "only_changed": request.GET.get("changed") == "1",
        "changed": sum(area.changed_rows for area in areas),
    })


# --- the library of indicators


@permission_required("judgements.view_indicator", raise_exception=True)
def indicator_list(request):
    frameworks = selectors.frameworks()
    framework = _chosen_framework(request, frameworks)
    return render(request, "judgements/self_assessment/indicator_list.html", {
        "frameworks": frameworks, "framework": framework, "areas": selectors.library(framework) if framework else [],
    })


@permission_required("judgements.add_indicator", raise_exception=True)
def indicator_create(request):
    framework = _chosen_framework(request, selectors.frameworks())
    if framework is None:
        raise Http404("There is no inspection framework.")
    area = framework.areas.filter(code=request.GET.get("area", "")).first()
    form = IndicatorForm(request.POST or None, framework=framework, initial={"area": area})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            indicator = services.indicator_create(actor=request.user, area=data["area"], text=data["text"],
                                                  source=data["source"], order=data["order"])
        except ValidationError as error:
            form.add_error("area", error)
        else:
            messages.success(request, f"Indicator added to “{indicator.area.name}”.")
            return redirect(_library_url(framework, indicator.area.code))
    if request.method != "POST" and area is not None:
        form.initial["order"] = (max((i.order for i in area.indicators.all()), default=0)) + 1
    return render(request, "judgements/self_assessment/indicator_form.html", {
        "form": form, "framework": framework, "heading": "Add an indicator of good",
    })


@permission_required("judgements.change_indicator", raise_exception=True)
def indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("area__framework"), pk=pk)
    framework = indicator.area.framework
    form = IndicatorForm(request.POST or None, instance=indicator, framework=framework)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with unchanged_since_opened(form, actor=request.user):
                edited = services.indicator_update(actor=request.user, indicator=Indicator.objects.get(pk=pk),
                                                   text=data["text"], source=data["source"], order=data["order"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if edited.replaced:
                messages.success(request, "The new wording was added and the old wording retired, because the old "
                                          "wording is in saved versions. Those versions keep it.")
            else:
                messages.success(request, "Indicator saved.")
            return redirect(_library_url(framework, indicator.area.code))
    return render(request, "judgements/self_assessment/indicator_form.html", {
        "form": form, "framework": framework, "indicator": indicator, "heading": "Change an indicator of good",
        "times_scored": indicator.scores.count(),
    })


@require_POST
@permission_required("judgements.change_indicator", raise_exception=True)
def indicator_status(request, pk: int):
    """Retire an indicator (saved versions keep it; new versions do not score it) or restore it."""
    indicator = get_object_or_404(Indicator.objects.select_related("area__framework"), pk=pk)
    active = request.POST.get("active") == "1"
    services.indicator_set_active(actor=request.user, indicator=indicator, active=active)
    messages.success(request, f"Indicator {'restored' if active else 'retired'}: “{indicator.text}”")
    return redirect(_library_url(indicator.area.framework, indicator.area.code))


def _chosen_framework(request, frameworks: list[Framework]) -> Framework | None:
    code = request.GET.get("framework")
    if code:
        for framework in frameworks:
            if framework.code == code:
                return framework
        raise Http404("There is no such inspection framework.")
    return selectors.framework_in_force(frameworks)


def _library_url(framework: Framework, area_code: str) -> str:
    return f"{reverse('judgements:indicator_list')}?framework={framework.code}#area-{area_code}"
