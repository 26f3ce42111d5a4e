"""Committee report pages: the list, writing and changing a paper, the paper on screen as members
will read it, producing its PDF, issuing it to members, and downloading it. Thin: permission,
form, service, redirect.

Officers (change_committeereport) see every paper, drafts and issued; elected members
(view_committeereport) see only the papers issued to them, and a draft is not found."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases.lost_updates import RecordChanged, unchanged_since_opened

from ..models import CommitteeReport, ReportJob
from . import selectors, services
from .forms import CommitteeReportForm

VIEW, ADD, CHANGE = ("inspection.view_committeereport", "inspection.add_committeereport",
                     "inspection.change_committeereport")


@permission_required(VIEW, raise_exception=True)
def report_list(request):
    reports = list(selectors.reports_visible_to(user=request.user))
    return render(request, "inspection/committee/list.html", {
        "reports": reports, "officer": selectors.is_officer(request.user),
    })


@permission_required(ADD, raise_exception=True)
def report_create(request):
    form = CommitteeReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.committee_report_create(actor=request.user, report=form.instance)
        messages.success(request, f"{report.subject} saved as a draft. Check it here, then produce the PDF.")
        return redirect("committee:detail", pk=report.pk)
    return render(request, "inspection/committee/form.html", {"form": form, "heading": "Write a committee report"})


@permission_required(CHANGE, raise_exception=True)
def report_edit(request, pk: int):
    report = selectors.report_for(user=request.user, pk=pk)
    if report.status == CommitteeReport.Status.ISSUED:
        messages.error(request, services.ISSUED_ALREADY)
        return redirect("committee:detail", pk=pk)
    form = CommitteeReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                services.committee_report_update(actor=request.user, report=form.instance)
        except RecordChanged as error:
            form.add_error(None, error)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("committee:detail", pk=pk)
        else:
            messages.success(request, f"{report.subject} saved.")
            return redirect("committee:detail", pk=pk)
    return render(request, "inspection/committee/form.html", {
        "form": form, "heading": "Change the committee report", "report": report,
    })


@permission_required(VIEW, raise_exception=True)
def report_detail(request, pk: int):
    """The paper as members will read it, with its figures from the data as at its date."""
    report = selectors.report_for(user=request.user, pk=pk)
    officer = selectors.is_officer(request.user)
    context = {"report": report, "paper": selectors.paper_for(report), "officer": officer}
    if officer and report.status == CommitteeReport.Status.DRAFT:
        ready = selectors.latest_ready_job(report)
        context.update({
            "latest_job": selectors.latest_job(report), "ready_job": ready,
            "ready_is_current": selectors.pdf_is_current(report, ready),
        })
    return render(request, "inspection/committee/detail.html", context)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def report_produce(request, pk: int):
    report = selectors.report_for(user=request.user, pk=pk)
    try:
        job = services.committee_report_produce(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("committee:detail", pk=pk)
    job.refresh_from_db()
    if job.status == ReportJob.Status.READY:
        messages.success(request, f"{job.title} is ready to download. Check it, then issue it to members from "
                                  f"the paper's page.")
    else:
        messages.success(request, f"{job.title} has been requested. It will be ready to download here shortly; "
                                  f"then issue it to members from the paper's page.")
    return redirect("report_list")


@require_POST
@permission_required(CHANGE, raise_exception=True)
def report_issue(request, pk: int):
    report = selectors.report_for(user=request.user, pk=pk)
    try:
        report = services.committee_report_issue(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("committee:detail", pk=pk)
    messages.success(request, f"{report.subject} has been issued to members.")
    return redirect("committee:detail", pk=pk)


@permission_required(VIEW, raise_exception=True)
def report_download(request, pk: int):
    """The issued PDF for anyone who may read papers; officers may also download a draft's latest."""
    report = selectors.report_for(user=request.user, pk=pk)
    if report.status == CommitteeReport.Status.ISSUED:
        job = report.rendered
    else:
        job = selectors.latest_ready_job(report)
    if job is None or job.status != ReportJob.Status.READY or not job.file:
        raise Http404("There is no PDF of this paper to download.")
    name = f"committee-report-{report.meeting_date:%Y-%m-%d}-{report.pk}.pdf"
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")
