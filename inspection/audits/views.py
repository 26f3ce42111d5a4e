"""Samples, the audit tool, moderation and the programme view. Thin: permission, scoped read,
form, service, redirect. A refused change is shown on the form; nothing is half-saved."""

import random

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cases.lost_updates import unchanged_since_opened

from ..models import DEFAULT_SAMPLE_SIZES, AuditDomain, AuditTemplate, CaseAudit
from . import selectors, services
from .forms import AddChildForm, AllocateForm, AuditForm, DomainForm, ModerationForm, ReasonForm, SampleForm


def _refused(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@permission_required("inspection.view_auditsample", raise_exception=True)
def sample_list(request):
    samples = list(selectors.samples_visible_to(user=request.user))
    progress = selectors.progress_by_sample(samples=samples)
    return render(request, "inspection/audits/sample_list.html", {
        "rows": [(sample, progress.get(sample.pk)) for sample in samples],
    })


@permission_required("inspection.add_auditsample", raise_exception=True)
def sample_create(request):
    form = SampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sample = services.sample_draw(
            actor=request.user, name=data["name"], purpose=data["purpose"],
            size=data["size"] or DEFAULT_SAMPLE_SIZES[data["purpose"]],
            seed=data["seed"] if data["seed"] is not None else random.SystemRandom().randrange(2**31),
            stages=data["stages"], theme=data["theme"],
        )
        messages.success(request, f"{sample.members.count()} cases drawn for {sample.name}.")
        return redirect("audits:sample_detail", pk=sample.pk)
    return render(request, "inspection/audits/sample_form.html", {"form": form})


@permission_required("inspection.view_auditsample", raise_exception=True)
def sample_detail(request, pk: int):
    sample = selectors.sample_for_user(user=request.user, pk=pk)
    members = selectors.sample_members(sample=sample, user=request.user)
    dropped = list(sample.members.filter(removed_at__isnull=False).select_related("child"))
    selectors.mark_hidden(dropped, user=request.user)
    return render(request, "inspection/audits/sample_detail.html", {
        "sample": sample, "members": members, "progress": selectors.sample_progress(members),
        "board": selectors.reviewer_board(members),
        "allocate_form": AllocateForm(auditors=_auditors()),
        "dropped": dropped,
    })


@permission_required("inspection.change_auditsample", raise_exception=True)
def sample_add_child(request, pk: int):
    sample = selectors.sample_for_user(user=request.user, pk=pk)
    form = AddChildForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        child = form.cleaned_data["child_id"]
        try:
            services.sample_add_child(actor=request.user, sample=sample, child=child, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{child.full_name} added to the sample.")
            return redirect("audits:sample_detail", pk=sample.pk)
    return render(request, "inspection/audits/member_form.html", {"form": form, "sample": sample, "heading": "Add a case to the sample"})


@permission_required("inspection.change_auditsample", raise_exception=True)
def member_drop(request, pk: int, member_pk: int):
    sample = selectors.sample_for_user(user=request.user, pk=pk)
    member = selectors.sample_member_for_user(user=request.user, sample=sample, pk=member_pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sample_drop_member(actor=request.user, member=member, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{member.child.full_name} taken out of the sample.")
            return redirect("audits:sample_detail", pk=sample.pk)
    return render(request, "inspection/audits/member_form.html", {
        "form": form, "sample": sample, "heading": f"Take {member.child.full_name} out of the sample",
    })


@permission_required("inspection.change_auditsample", raise_exception=True)
@require_POST
def member_allocate(request, pk: int, member_pk: int):
    sample = selectors.sample_for_user(user=request.user, pk=pk)
    member = selectors.sample_member_for_user(user=request.user, sample=sample, pk=member_pk)
    form = AllocateForm(request.POST, auditors=_auditors())
    if form.is_valid():
        try:
            services.audit_allocate(actor=request.user, member=member, auditor=form.cleaned_data["auditor"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{member.child.full_name}'s audit allocated.")
    else:
        messages.error(request, "Choose an auditor to allocate the audit to.")
    return redirect("audits:sample_detail", pk=sample.pk)


@permission_required("inspection.view_auditsample", raise_exception=True)
def sample_programme(request, pk: int):
    sample = selectors.sample_for_user(user=request.user, pk=pk)
    return render(request, "inspection/audits/programme.html", {
        "sample": sample, **selectors.programme_page(sample=sample, user=request.user),
    })


@permission_required("inspection.view_caseaudit", raise_exception=True)
def my_audits(request):
    audits = selectors.audits_visible_to(user=request.user).filter(
        Q(auditor=request.user) | Q(status=CaseAudit.Status.COMPLETED) & ~Q(auditor=request.user)
    )
    return render(request, "inspection/audits/my_audits.html", {
        "mine": [audit for audit in audits if audit.auditor_id == request.user.pk],
        "to_moderate": [audit for audit in audits if audit.auditor_id != request.user.pk]
        if request.user.has_perm("inspection.add_moderation") else [],
    })


@permission_required("inspection.view_caseaudit", raise_exception=True)
def audit_detail(request, pk: int):
    audit = selectors.audit_for_user(user=request.user, pk=pk)
    return render(request, "inspection/audits/audit_detail.html", {
        "audit": audit, "grades": audit.domain_grades.select_related("domain"),
        "moderation": getattr(audit, "moderation", None),
        "moderation_domains": audit.moderation.domains.select_related("domain") if hasattr(audit, "moderation") else [],
        "findings": audit.findings.all(),
    })


@permission_required("inspection.change_caseaudit", raise_exception=True)
def audit_edit(request, pk: int):
    audit = selectors.audit_for_user(user=request.user, pk=pk)
    if audit.auditor_id != request.user.pk:
        raise PermissionDenied("Only the allocated auditor can carry out this audit.")
    if audit.counts_in_statistics:
        return redirect("audits:audit_detail", pk=audit.pk)
    form = AuditForm(request.POST or None, audit=audit)
    if request.method == "POST" and form.is_valid():
        complete = "complete" in request.POST
        try:
            with unchanged_since_opened(form, actor=request.user):
                services.audit_save(actor=request.user, audit=audit, complete=complete, **form.service_arguments())
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Audit completed." if complete else "Draft saved. It does not count until you complete it.")
            return redirect("audits:audit_detail" if complete else "audits:audit_edit", pk=audit.pk)
    return render(request, "inspection/audits/audit_form.html", {"form": form, "audit": audit})


@permission_required("inspection.add_moderation", raise_exception=True)
def audit_moderate(request, pk: int):
    audit = selectors.audit_for_user(user=request.user, pk=pk)
    form = ModerationForm(request.POST or None, audit=audit)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_moderate(actor=request.user, audit=audit, **form.service_arguments())
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "Moderation recorded.")
            return redirect("audits:audit_detail", pk=audit.pk)
    return render(request, "inspection/audits/moderation_form.html", {"form": form, "audit": audit})


def _auditors():
    """Users who can carry out audits: they hold the audit permission and can see every child."""
    User = get_user_model()
    with_audit = Q(groups__permissions__codename="change_caseaudit") | Q(user_permissions__codename="change_caseaudit")
    with_all = Q(groups__permissions__codename="view_all_children") | Q(user_permissions__codename="view_all_children")
    return User.objects.filter(is_active=True).filter(with_audit).filter(
        pk__in=User.objects.filter(with_all).values("pk")
    ).distinct().order_by("last_name", "first_name")


@permission_required("inspection.view_audittemplate", raise_exception=True)
def template_list(request):
    return render(request, "inspection/audits/template_list.html", {
        "templates": AuditTemplate.objects.order_by("name", "-version").prefetch_related("domains"),
    })


@permission_required("inspection.view_audittemplate", raise_exception=True)
def template_detail(request, pk: int):
    template = get_object_or_404(AuditTemplate.objects.prefetch_related("domains"), pk=pk)
    return render(request, "inspection/audits/template_detail.html", {"template": template})


@permission_required("inspection.add_audittemplate", raise_exception=True)
@require_POST
def template_new_version(request, pk: int):
    template = get_object_or_404(AuditTemplate, pk=pk)
    copy = services.template_new_version(actor=request.user, template=template)
    messages.success(request, f"Version {copy.version} made as a draft. Change it, then publish it.")
    return redirect("audits:template_detail", pk=copy.pk)


@permission_required("inspection.change_audittemplate", raise_exception=True)
@require_POST
def template_publish(request, pk: int):
    template = get_object_or_404(AuditTemplate, pk=pk, status=AuditTemplate.Status.DRAFT)
    try:
        services.template_publish(actor=request.user, template=template)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Version {template.version} published: new audits use it. Earlier versions are retired.")
    return redirect("audits:template_detail", pk=template.pk)


@permission_required("inspection.change_audittemplate", raise_exception=True)
def template_domain(request, pk: int, domain_pk: int | None = None):
    template = get_object_or_404(AuditTemplate, pk=pk, status=AuditTemplate.Status.DRAFT)
    domain = get_object_or_404(AuditDomain, pk=domain_pk, template=template) if domain_pk else AuditDomain(template=template)
    form = DomainForm(request.POST or None, instance=domain)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(form, actor=request.user):
                services.template_domain_save(actor=request.user, domain=form.instance)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, f"'{form.instance.title}' saved.")
            return redirect("audits:template_detail", pk=template.pk)
    return render(request, "inspection/audits/domain_form.html", {"form": form, "template": template, "domain": domain})


@permission_required("inspection.change_audittemplate", raise_exception=True)
@require_POST
def template_domain_remove(request, pk: int, domain_pk: int):
    template = get_object_or_404(AuditTemplate, pk=pk, status=AuditTemplate.Status.DRAFT)
    domain = get_object_or_404(AuditDomain, pk=domain_pk, template=template)
    services.template_domain_remove(actor=request.user, domain=domain)
    messages.success(request, f"'{domain.title}' removed from the draft.")
    return redirect("audits:template_detail", pk=template.pk)


@permission_required("inspection.change_auditsample", raise_exception=True)
def member_swap(request, pk: int, member_pk: int):
    sample = selectors.sample_for_user(user=request.user, pk=pk)
    member = selectors.sample_member_for_user(user=request.user, sample=sample, pk=member_pk)
    form = AddChildForm(request.POST or None, user=request.user)
    form.fields["reason"].label = "Why swap this case"
    if request.method == "POST" and form.is_valid():
        child = form.cleaned_data["child_id"]
        try:
            services.sample_swap_member(actor=request.user, member=member, child=child, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{member.child.full_name} swapped for {child.full_name}.")
            return redirect("audits:sample_detail", pk=sample.pk)
    return render(request, "inspection/audits/member_form.html", {
        "form": form, "sample": sample, "heading": f"Swap {member.child.full_name} for another case",
    })
