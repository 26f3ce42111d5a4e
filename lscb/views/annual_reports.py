"""Annual reports: timeliness against the board's target, the checklist of what a good report
shows, and the document itself (downloaded through an access-checked view)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .. import selectors, services
from ..forms import AnnualReportForm
from ..models import AnnualReport
from .common import fields_of, form_page, posted, submit, today, with_board


@permission_required("lscb.view_annualreport", raise_exception=True)
@with_board
def annual_report_list(request, board):
    return render(request, "lscb/annual_report_list.html", {
        "board": board, "section": "annual_reports", "reports": selectors.annual_reports(board=board, today=today()),
    })


@permission_required("lscb.view_annualreport", raise_exception=True)
@with_board
def annual_report_detail(request, board, pk: int):
    return render(request, "lscb/annual_report_detail.html", {
        "board": board, "section": "annual_reports",
        "report": selectors.annual_report_detail(board=board, pk=pk, today=today()),
    })


@permission_required("lscb.add_annualreport", raise_exception=True)
@permission_required("lscb.add_annualreportcheck", raise_exception=True)
@with_board
def annual_report_create(request, board):
    return _form(request, board, None, "Record an annual report")


@permission_required("lscb.change_annualreport", raise_exception=True)
@permission_required("lscb.change_annualreportcheck", raise_exception=True)
@with_board
def annual_report_edit(request, board, pk: int):
    return _form(request, board, get_object_or_404(board.annual_reports, pk=pk), "Update the annual report")


def _form(request, board, report, heading: str):
    instance = AnnualReport.objects.get(pk=report.pk) if report else AnnualReport(board=board)
    form = AnnualReportForm(posted(request), request.FILES or None, instance=instance, board=board, today=today())
    saved = submit(request, form, lambda: services.annual_report_save(
        actor=request.user, board=board, report=report, checks=form.checks(),
        document=form.cleaned_data.get("document") if "document" in request.FILES else None,
        **fields_of(form, leave_out=("document",)),
    ))
    if saved:
        messages.success(request, f"{saved} saved.")
        return redirect("lscb:annual_report_detail", pk=saved.pk)
    back = reverse("lscb:annual_report_detail", args=[report.pk]) if report else reverse("lscb:annual_report_list")
    return form_page(request, form, heading=heading, caption=board.name, back_url=back, multipart=True)


@permission_required("lscb.view_annualreport", raise_exception=True)
@with_board
def annual_report_document(request, board, pk: int):
    report = get_object_or_404(board.annual_reports, pk=pk)
    if not report.document:
        raise Http404("No document has been uploaded for this report.")
    return FileResponse(report.document.open("rb"), as_attachment=True, content_type="application/pdf",
                        filename=f"{board.name} annual report {report.year}.pdf")
