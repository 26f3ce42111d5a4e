"""Progress on an action: report it (the owner, or anyone who may change actions), with evidence
documents, and download the evidence through an access check that is logged."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from cases.models import AccessLogEntry
from cases.services import access_log_record

from .. import selectors, services
from ..forms import ProgressForm
from ..models import Action
from ._errors import add_service_error


@permission_required("actionplans.add_progressupdate", raise_exception=True)
def progress_add(request, pk: int):
    action = get_object_or_404(Action.objects.select_related("recommendation__plan", "owner"), pk=pk)
    if not services.can_update(request.user, action):
        raise PermissionDenied
    form = ProgressForm(request.POST or None, request.FILES or None, action=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_add(actor=request.user, action=action, date=data["date"], note=data["note"].strip(),
                                  status=data["status"], evidence_of_impact=data["evidence_of_impact"],
                                  files=data["files"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Progress update saved.")
            return redirect("actionplans:action_detail", pk=action.pk)
    return render(request, "actionplans/progress_form.html", {
        "form": form, "action": action, "plan": action.recommendation.plan,
    })


@permission_required("actionplans.view_action", raise_exception=True)
def evidence_download(request, token):
    """An evidence document, for officers who may see the action. Uploaded documents are not
    vetted for children's details, so elected members (who see only aggregates and the plan's
    own text) do not download them; every download is written to the access log."""
    if not request.user.has_perm("actionplans.add_progressupdate"):
        raise PermissionDenied
    evidence = selectors.evidence_for_download(token=token)
    access_log_record(
        actor=request.user, action=AccessLogEntry.Action.DOWNLOADED,
        detail=f"Evidence '{evidence.name}' for action {evidence.update.action_id} (progress update {evidence.update_id})",
    )
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
