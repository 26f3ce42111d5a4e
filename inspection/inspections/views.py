"""Inspection records: list, record, correct, and the timetable with the forecast."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from cases.lost_updates import unchanged_since_opened
from judgements.models import Source
from judgements.sets import origins as judgement_origins
from judgements.sets import selectors as judgement_sets

from .. import timetable
from ..selectors import last_graded_inspection
from ..readiness import Facts, checklist, quarter_start
from ..models import Inspection, InspectionKind
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


def _action_plans_for(user, inspection: Inspection) -> list:
    """The action plans that answer this inspection (raised by it), for those who may see plans."""
    from django.contrib.contenttypes.models import ContentType

    from actionplans.models import ActionPlan

    if not user.has_perm("actionplans.view_actionplan"):
        return []
    return list(ActionPlan.objects.filter(raised_by_type=ContentType.objects.get_for_model(Inspection),
                                          raised_by_id=inspection.pk))


@permission_required("inspection.view_inspection", raise_exception=True)
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(Inspection, pk=pk)
    judgement_set = None
    if inspection.judgement_set_id:
        judgement_set = judgement_sets.judgement_set_detail(pk=inspection.judgement_set_id)
    return render(request, "inspection/inspections/detail.html", {
        "inspection": inspection, "milestones": inspection.timetable, "today": timezone.localdate(),
        "action_plans": _action_plans_for(request.user, inspection),
        "judgement_set": judgement_set,
        "judgement_rows": judgement_sets.area_rows(judgement_set) if judgement_set else None,
        "judged": inspection.kind in JUDGED_KINDS,
        "record_judgements_url": f"{reverse('judgements:set_create')}?for=inspection:{inspection.pk}",
    })


# --- recording an inspection's judgements (the judgements app's set form, opened "for" it)

# Kinds of inspection that grade the judgement areas (focused, monitoring and joint targeted
# visits and SEND local area inspections publish findings, not these grades).
JUDGED_KINDS = {InspectionKind.SIF, InspectionKind.ILACS_STANDARD, InspectionKind.ILACS_SHORT, InspectionKind.MOCK}


def judgements_framework_guess(inspection: Inspection) -> str | None:
    """The framework an inspection's judgements were most likely made under: the SIF for a SIF
    inspection, otherwise the framework in force on its first day on site."""
    if inspection.kind == InspectionKind.SIF:
        return "sif_2013"
    return judgement_sets.framework_in_force(inspection.on_site_from)


def _judgements_prefill(user, pk: int) -> judgement_origins.Prefill:
    if not user.has_perm("inspection.change_inspection"):
        raise PermissionDenied
    inspection = get_object_or_404(Inspection, pk=pk)
    if inspection.judgement_set_id or inspection.kind not in JUDGED_KINDS:
        raise Http404("This inspection's judgements are already recorded, or it makes no graded judgements.")
    return judgement_origins.Prefill(
        framework=judgements_framework_guess(inspection),
        source=Source.MOCK if inspection.kind == InspectionKind.MOCK else Source.OFSTED,
        title=inspection.title, judged_on=inspection.published_on,
        description=f"For the inspection “{inspection.title}”. The framework, title and date come from the "
        f"inspection record: check them.",
        back_url=reverse("inspections:detail", args=[pk]),
    )


def _judgements_attach(*, actor, pk: int, judgement_set) -> None:
    inspection = Inspection.objects.select_for_update().get(pk=pk)
    if inspection.judgement_set_id:
        raise ValidationError(
            "Someone else has recorded this inspection's judgements in the meantime: nothing was saved."
        )
    inspection.judgement_set = judgement_set
    inspection._history_user = actor
    inspection._change_reason = "Judgements recorded"
    inspection.save(update_fields=["judgement_set"])


def register_judgement_origin() -> None:
    """The judgements app cannot import inspections (dependencies point one way), so inspections
    tell it how to pre-fill a set for an inspection and tie the saved set to it (InspectionConfig.ready)."""
    judgement_origins.register(
        "inspection", judgement_origins.Origin(prefill=_judgements_prefill, attach=_judgements_attach))


@permission_required("inspection.add_inspection", raise_exception=True)
def inspection_create(request):
    return _form(request, Inspection(created_by=request.user), "Record an inspection")


@permission_required("inspection.change_inspection", raise_exception=True)
def inspection_edit(request, pk: int):
    return _form(request, get_object_or_404(Inspection, pk=pk), "Correct the inspection")


def _form(request, inspection: Inspection, heading: str):
    form = InspectionForm(request.POST or None, request.FILES or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                form.instance._history_user = request.user
                saved = form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
    from django.db.models import Count, Exists, Max, OuterRef, Q

    from actionplans.models import Action, ActionPlan
    from actionplans.rules import Status
    from lscb.models import AnnualReport, Board

    from ..data_quality import problem_count
    from ..audits.selectors import COUNTED
    from ..models import ReportJob, SampleMember, SelfEvaluationVersion

    members = SampleMember.objects.filter(sample__drawn_on__gte=quarter_start(today), removed_at__isnull=True)
    saved = SelfEvaluationVersion.objects.aggregate(latest=Max("saved_at"))["latest"]
    annex_a = ReportJob.objects.filter(kind=ReportJob.Kind.ANNEX_A, status=ReportJob.Status.READY).aggregate(
        latest=Max("finished_at")
    )["latest"]
    # Action plans, in two queries however many there are. A plan is open while any action is not
    # complete (or it has none yet); an open plan is late once past its final due date unsent.
    open_actions = Action.objects.exclude(status=Status.COMPLETE)
    plan_actions = Action.objects.filter(recommendation__plan=OuterRef("pk"))
    is_open = Exists(plan_actions.exclude(status=Status.COMPLETE)) | ~Exists(plan_actions)
    plans = ActionPlan.objects.aggregate(
        total=Count("pk"), late=Count("pk", filter=Q(is_open, submitted_on__isnull=True, final_due__lt=today)),
    )
    # The safeguarding board's latest annual report (the board's own publication target).
    board = Board.objects.order_by("pk").first()
    report = AnnualReport.objects.filter(board=board).order_by("-year_end").first() if board else None
    return Facts(
        today=today,
        board_recorded=board is not None,
        annual_report_year=report.year if report else None,
        annual_report_year_end=report.year_end if report else None,
        annual_report_due=report.due_on if report else None,
        annual_report_published=report.published_on if report else None,
        audits_due_this_quarter=members.count(),
        audits_done_this_quarter=members.filter(audits__status__in=COUNTED).distinct().count(),
        self_evaluation_saved=timezone.localtime(saved).date() if saved else None,
        annex_a_produced=timezone.localtime(annex_a).date() if annex_a else None,
        annex_a_problems=problem_count(today),
        action_plans=plans["total"],
        action_plans_late=plans["late"],
        actions_off_track=open_actions.filter(Q(status=Status.OFF_TRACK) | Q(target_date__lt=today)).count(),
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
