"""Inspection records: list, record, correct, and the timetable with the forecast."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from .. import timetable
from ..selectors import last_graded_inspection
from ..readiness import Facts, checklist, quarter_start
from ..models import Inspection
from .forms import InspectionForm


@permission_required("inspection.view_inspection", raise_exception=True)
def inspection_list(request):
    today = timezone.localdate()
    inspections = list(Inspection.objects.all())
    last = last_graded_inspection()
    forecast = timetable.next_inspection(overall=last.overall_grade, published=last.published_on) if last else None
    return render(request, "inspection/inspections/list.html", {
        "upcoming": [inspection for inspection in inspections if inspection.on_site_from >= today],
        "past": [inspection for inspection in inspections if inspection.on_site_from < today],
        "last": last, "forecast": forecast, "today": today,
        "days_to_expected": timetable.days_until(today, forecast.expected) if forecast else None,
        "window_open": bool(forecast and forecast.earliest <= today),
    })


@permission_required("inspection.view_inspection", raise_exception=True)
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(Inspection, pk=pk)
    return render(request, "inspection/inspections/detail.html", {
        "inspection": inspection, "milestones": inspection.timetable, "today": timezone.localdate(),
    })


@permission_required("inspection.add_inspection", raise_exception=True)
def inspection_create(request):
    return _form(request, Inspection(created_by=request.user), "Record an inspection")


@permission_required("inspection.change_inspection", raise_exception=True)
def inspection_edit(request, pk: int):
    return _form(request, get_object_or_404(Inspection, pk=pk), "Correct the inspection")


def _form(request, inspection: Inspection, heading: str):
    form = InspectionForm(request.POST or None, request.FILES or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        saved = form.save()
        messages.success(request, f"{saved.title} saved.")
        return redirect("inspections:detail", pk=saved.pk)
    return render(request, "inspection/inspections/form.html", {"form": form, "heading": heading, "inspection": inspection})


@permission_required("inspection.view_inspection", raise_exception=True)
def inspection_report(request, pk: int):
    inspection = get_object_or_404(Inspection, pk=pk)
    if not inspection.report:
        raise Http404("No report has been uploaded.")
    return FileResponse(inspection.report.open("rb"), as_attachment=True, filename=f"{inspection.title}.pdf",
                        content_type="application/pdf")


@permission_required("inspection.view_inspection", raise_exception=True)
def readiness(request):
    """The next inspection's forecast and countdown, and the readiness checklist."""
    today = timezone.localdate()
    last = last_graded_inspection()
    forecast = timetable.next_inspection(overall=last.overall_grade, published=last.published_on) if last else None
    return render(request, "inspection/inspections/readiness.html", {
        "today": today, "last": last, "forecast": forecast,
        "days_to_expected": timetable.days_until(today, forecast.expected) if forecast else None,
        "window_open": bool(forecast and forecast.earliest <= today),
        "tasks": checklist(readiness_facts(today)),
    })


def readiness_facts(today) -> Facts:
    from django.db.models import Max

    from ..data_quality import data_quality
    from ..audits.selectors import COUNTED
    from ..models import ReportJob, SampleMember, SelfEvaluationVersion

    members = SampleMember.objects.filter(sample__drawn_on__gte=quarter_start(today), removed_at__isnull=True)
    saved = SelfEvaluationVersion.objects.aggregate(latest=Max("saved_at"))["latest"]
    annex_a = ReportJob.objects.filter(kind=ReportJob.Kind.ANNEX_A, status=ReportJob.Status.READY).aggregate(
        latest=Max("finished_at")
    )["latest"]
    return Facts(
        today=today,
        audits_due_this_quarter=members.count(),
        audits_done_this_quarter=members.filter(audits__status__in=COUNTED).distinct().count(),
        self_evaluation_saved=timezone.localtime(saved).date() if saved else None,
        annex_a_produced=timezone.localtime(annex_a).date() if annex_a else None,
        annex_a_problems=sum(finding.count for finding in data_quality(today)),
    )


@permission_required("cases.view_all_children", raise_exception=True)
def annex_a_data_quality(request):
    """What to fix before producing Annex A: each check, how many records, and links to them."""
    from ..data_quality import counts_by_list, data_quality

    if not request.user.has_perm("inspection.view_inspection"):
        raise PermissionDenied
    today = timezone.localdate()
    findings = data_quality(today)
    return render(request, "inspection/inspections/data_quality.html", {
        "findings": findings, "by_list": counts_by_list(findings), "today": today,
        "total": sum(finding.count for finding in findings),
    })
