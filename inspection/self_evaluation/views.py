"""The self-evaluation: list, start, read (with key figures and evidence), save a new version,
and compare two versions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cases.lost_updates import unchanged_since_opened

from ..models import SelfEvaluation
from . import services
from .compare import word_diff
from .forms import StartForm, VersionForm

SECTIONS = [
    ("quality_and_impact", "What we know about the quality and impact of social work practice"),
    ("how_we_know", "How we know it"),
    ("plans", "Our plans to maintain or improve practice"),
    ("other_evidence", "Other evidence"),
]


@permission_required("inspection.view_selfevaluation", raise_exception=True)
def self_evaluation_list(request):
    evaluations = SelfEvaluation.objects.prefetch_related("versions__saved_by")
    return render(request, "inspection/self_evaluation/list.html", {"evaluations": evaluations})


@permission_required("inspection.add_selfevaluation", raise_exception=True)
def self_evaluation_start(request):
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evaluation = services.self_evaluation_start(actor=request.user, title=form.cleaned_data["title"])
        return redirect("self_evaluation:edit", pk=evaluation.pk)
    return render(request, "inspection/self_evaluation/start.html", {"form": form})


@permission_required("inspection.view_selfevaluation", raise_exception=True)
def self_evaluation_detail(request, pk: int):
    evaluation = get_object_or_404(SelfEvaluation, pk=pk)
    versions = list(evaluation.versions.select_related("saved_by").prefetch_related("audit_samples"))
    latest = versions[0] if versions else None
    return render(request, "inspection/self_evaluation/detail.html", {
        "evaluation": evaluation, "latest": latest, "versions": versions,
        "sections": [(label, getattr(latest, name)) for name, label in SECTIONS] if latest else [],
    })


@permission_required("inspection.change_selfevaluation", raise_exception=True)
def self_evaluation_edit(request, pk: int):
    evaluation = get_object_or_404(SelfEvaluation, pk=pk)
    latest = evaluation.versions.first()
    form = VersionForm(request.POST or None, instance=None, initial=_initial(latest), self_evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with unchanged_since_opened(form, actor=request.user):
                version = services.version_save(
                    actor=request.user, self_evaluation=evaluation,
                    texts={name: data.get(name, "") for name, _ in SECTIONS}, audit_samples=data.get("audit_samples") or [],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Version {version.number} saved. Earlier versions are kept.")
            return redirect("self_evaluation:detail", pk=evaluation.pk)
    return render(request, "inspection/self_evaluation/edit.html", {"form": form, "evaluation": evaluation, "latest": latest})


@permission_required("inspection.view_selfevaluation", raise_exception=True)
def self_evaluation_compare(request, pk: int):
    evaluation = get_object_or_404(SelfEvaluation, pk=pk)
    versions = {version.number: version for version in evaluation.versions.all()}
    try:
        old, new = versions[int(request.GET.get("from", 0))], versions[int(request.GET.get("to", 0))]
    except (KeyError, ValueError):
        raise Http404("Choose two versions that exist.") from None
    return render(request, "inspection/self_evaluation/compare.html", {
        "evaluation": evaluation, "old": old, "new": new,
        "sections": [(label, word_diff(getattr(old, name), getattr(new, name))) for name, label in SECTIONS],
    })


def _initial(latest) -> dict:
    if latest is None:
        return {}
    initial = {name: getattr(latest, name) for name, _ in SECTIONS}
    initial["audit_samples"] = list(latest.audit_samples.values_list("pk", flat=True))
    return initial
