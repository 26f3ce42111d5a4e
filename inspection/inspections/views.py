"""Inspection records: list, record, correct, and the timetable with the forecast."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from .. import timetable
from ..models import Inspection
from .forms import InspectionForm


@permission_required("inspection.view_inspection", raise_exception=True)
def inspection_list(request):
    today = timezone.localdate()
    inspections = list(Inspection.objects.all())
    last = next((inspection for inspection in inspections if inspection.published_on and inspection.overall_grade
                 and inspection.kind != "mock"), None)
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
