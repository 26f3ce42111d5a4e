"""Annex A imports in the browser: upload a workbook, follow its import, read what was rejected."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ..models import AnnexAImport
from . import services
from .forms import AnnexAUploadForm

RECENT = 20


@permission_required("inspection.add_annexaimport", raise_exception=True)
def upload(request):
    """The upload form, and the council's recent imports."""
    if request.method == "POST":
        form = AnnexAUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = services.annex_a_import_request(
                actor=request.user, workbook=form.cleaned_data["workbook"], as_at=form.cleaned_data["as_at"],
                dry_run=form.cleaned_data["dry_run"],
            )
            upload.refresh_from_db()  # handed to the worker, or waiting for it, as the upload committed
            if upload.status == AnnexAImport.Status.WAITING:
                messages.success(request, f"{upload.file_name} has been uploaded. It will be imported as soon as the "
                                          "background service is back.")
            else:
                messages.success(request, f"{upload.file_name} has been uploaded. The import runs in the background.")
            return redirect("annex_a_imports:detail", pk=upload.pk)
    else:
        form = AnnexAUploadForm(initial={"as_at": timezone.localdate()})
    recent = AnnexAImport.objects.select_related("uploaded_by")[:RECENT]
    return render(request, "inspection/annex_a_imports/upload.html", {"form": form, "recent": recent})


@permission_required("inspection.view_annexaimport", raise_exception=True)
def detail(request, pk: int):
    """One import: its status and summary, every rejected row, and the warnings."""
    upload = get_object_or_404(AnnexAImport.objects.select_related("uploaded_by"), pk=pk)
    return render(request, "inspection/annex_a_imports/detail.html", {
        "upload": upload, "summary": upload.summary or {},
        "errors_not_shown": max(upload.error_count - len(upload.errors), 0),
    })
