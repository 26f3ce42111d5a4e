"""Home, "My reports" and report requests and downloads. Thin: permission, service, redirect."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from actionplans import reminders as action_reminders
from actionplans.models import ActionPlan
from cases.selectors import (
    caseload_children_for_worker,
    caseload_rows,
    children_visible_to,
    teams_visible_to,
    worker_for_user,
)
from lscb.selectors import the_board

from . import selectors, services
from .models import ReportJob
from .reports import REPORTS
from .reports.offers import OFFERS, offers_for
from .roles import role_of


def home(request):
    user = request.user
    context = {
        "role": role_of(user),
        "council_name": settings.COUNCIL_NAME,
        "recent_jobs": selectors.report_jobs_for_user(user=user)[:3],
    }
    if user.has_perm("inspection.view_inspection"):
        from .timetable import next_inspection

        last = selectors.last_graded_inspection()
        context["forecast"] = next_inspection(overall=last.overall_grade, published=last.published_on) if last else None
    if user.has_perm("actionplans.view_action"):
        context.update(_actions_panel(user, timezone.localdate()))
    if user.has_perm("inspection.view_members_dashboard"):
        context["dashboard_summary"] = _dashboard_summary()
    if user.has_perm("cases.view_child"):
        context["children_count"] = children_visible_to(user=user).count()
        worker = worker_for_user(user)
        if worker is not None:
            rows = caseload_rows(
                children=caseload_children_for_worker(user=user, worker=worker), today=timezone.localdate()
            )
            context["caseload"] = {"children": len(rows), "late": sum(bool(row["late"]) for row in rows)}
        if not user.has_perm("cases.view_all_children"):
            context["scope_description"] = ", ".join(team.name for team in teams_visible_to(user=user)) or ""
        else:
            context["scope_description"] = "every team"
    return render(request, "inspection/home.html", context)


HOME_ACTIONS_SHOWN = 5


def _dashboard_summary() -> dict | None:
    """How many of the council's figures are on, near and off target: three queries."""
    from .dashboards.selectors import dashboard_figures

    figures = [figure for figure in dashboard_figures() if figure.rag]
    if not figures:
        return None
    count = {rag: sum(1 for figure in figures if figure.rag == rag) for rag in ("green", "amber", "red")}
    return {"as_at": figures[0].as_at, "total": len(figures), **count}


def _actions_panel(user, today) -> dict:
    """The user's own actions overdue or due within 10 working days (one query) and, for those
    who manage plans, how many actions are overdue across the council (one more)."""
    mine = action_reminders.due_or_overdue(today, owner=user)
    overdue = sum(action.overdue for action in mine)
    panel = {"my_actions": mine[:HOME_ACTIONS_SHOWN], "my_actions_more": max(len(mine) - HOME_ACTIONS_SHOWN, 0),
             "my_actions_overdue": overdue, "my_actions_due_soon": len(mine) - overdue}
    if user.has_perm("actionplans.change_action"):
        panel["council_actions_overdue"] = action_reminders.overdue_count(today)
    return {"actions_panel": panel}


def report_list(request):
    jobs = selectors.report_jobs_for_user(user=request.user)[:100]
    return render(
        request,
        "inspection/report_list.html",
        {"jobs": jobs, "any_pending": any(job.is_pending for job in jobs), "offered": offers_for(request.user, REPORTS)},
    )


@require_POST
def report_request(request, kind: str):
    """Ask for one of the reports offered on My reports, with its default parameters."""
    offer = next((offer for offer in OFFERS if offer.kind == kind and kind in REPORTS), None)
    if offer is None:
        raise Http404("There is no such report.")
    REPORTS[kind].check_permission(request.user)
    parameters = offer.parameters(timezone.localdate())
    if parameters is None:
        messages.error(request, f"{offer.label} cannot be produced yet: what it reports on has not been set up.")
        return redirect("report_list")
    job = services.report_job_request(actor=request.user, kind=kind, parameters=parameters)
    return _requested(request, job)


@require_POST
def children_list_report_request(request):
    """'Print this list': the list's own filters are kept with the job, checked as the list checks
    them first. Anything else sent is left out; filters the list would refuse are not kept (they
    could not be printed, and text such as a NUL byte cannot even be stored)."""
    from cases.filters import ChildFilter

    REPORTS[ReportJob.Kind.CHILDREN_LIST].check_permission(request.user)
    child_filter = ChildFilter(request.POST, queryset=children_visible_to(user=request.user), request=request)
    if not child_filter.is_valid():
        messages.error(request, "The list could not be printed: its filters are not valid. Change them and try again.")
        return redirect("cases:child_list")
    # The value the list used: a field sent twice counts as its last value, as the filter reads it.
    parameters = {key: request.POST.getlist(key)[-1:] for key in request.POST if key in child_filter.filters}
    job = services.report_job_request(actor=request.user, kind=ReportJob.Kind.CHILDREN_LIST, parameters=parameters)
    return _requested(request, job)


def report_download(request, pk: int):
    job = selectors.report_job_for_user(user=request.user, pk=pk)
    if job.status != ReportJob.Status.READY or not job.file:
        raise Http404("This report is not ready.")
    # A report is only as available as the permission that produced it: re-check on every download.
    REPORTS[job.kind].check_permission(request.user)
    services.report_job_downloaded(actor=request.user, job=job)
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.download_name, content_type=REPORTS[job.kind].content_type
    )


def _requested(request, job: ReportJob):
    """To My reports, saying whether the job is ready (it may have run already, without Redis)."""
    job.refresh_from_db()
    if job.status == ReportJob.Status.READY:
        messages.success(request, f"{job.title} is ready to download.")
    else:
        messages.success(request, f"{job.title} has been requested. It will be ready to download here shortly.")
    return redirect("report_list")


@require_POST
@permission_required("actionplans.view_actionplan", raise_exception=True)
def action_plan_report_request(request, plan_pk: int):
    """Print an action plan in the shape councils submit (a PDF, produced in the background)."""
    plan = get_object_or_404(ActionPlan, pk=plan_pk)
    job = services.report_job_request(actor=request.user, kind=ReportJob.Kind.ACTION_PLAN, parameters={"plan": plan.pk})
    return _requested(request, job)


@require_POST
@permission_required("lscb.view_board", raise_exception=True)
def board_report_request(request):
    """Print the report to the board: the board's business over the last 12 months (a PDF, produced
    in the background). It names no child, so board members and elected members may print it."""
    board = the_board()
    if board is None:
        raise Http404("No safeguarding board is set up yet.")
    job = services.report_job_request(
        actor=request.user, kind=ReportJob.Kind.BOARD,
        parameters={"board": board.pk, "as_at": timezone.localdate().isoformat()},
    )
    return _requested(request, job)


@require_POST
def annex_a_report_request(request):
    """Produce Annex A in the background, as at today, for the readiness page."""
    job = services.report_job_request(
        actor=request.user, kind=ReportJob.Kind.ANNEX_A, parameters={"as_at": timezone.localdate().isoformat()}
    )
    messages.success(request, f"{job.title} has been requested. It will be in My reports when it is ready.")
    return redirect("report_list")
