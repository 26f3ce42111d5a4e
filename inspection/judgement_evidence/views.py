"""Evidence by judgement area, and the national comparison. Read-only pages of council-wide
aggregates: permission, read, render."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from judgements.models import Framework
from . import areas, selectors
from .forms import FrameworkForm


@permission_required("judgements.view_judgementset", raise_exception=True)
def evidence(request):
    """Each area of a framework (the one in force today unless another is chosen) with its audit
    grades over the last 12 months and its latest grades from each source."""
    today = timezone.localdate()
    in_force = selectors.framework_in_force(today=today)
    form = FrameworkForm(request.GET or None, frameworks=list(Framework.objects.all()),
                         initial={"framework": in_force.code if in_force else None})
    framework = form.chosen or in_force
    rows = []
    if framework is not None:
        facts = selectors.audit_facts(today=today)
        framework_areas = list(framework.areas.all())
        latest = selectors.latest_grades(framework=framework, area_ids=[area.pk for area in framework_areas])
        for area in framework_areas:
            evidence_ = _evidence_or_404(framework.code, area.code)
            rows.append({
                "area": area,
                "audits": selectors.area_audits(facts, evidence_) if evidence_.uses_audits else None,
                "latest": latest[area.pk],
            })
    return render(request, "inspection/judgement_evidence/evidence.html", {
        "form": form, "framework": framework, "in_force": in_force, "rows": rows,
        "period": selectors.last_twelve_months(today), "sources": selectors.SOURCES_SHOWN,
    })


@permission_required("judgements.view_judgementset", raise_exception=True)
def evidence_area(request, framework_code: str, area_code: str):
    """What an inspector would look at first for one judgement area."""
    today = timezone.localdate()
    area = selectors.area_for(framework_code=framework_code, area_code=area_code)
    evidence_ = _evidence_or_404(framework_code, area_code)
    audits = selectors.area_audits(selectors.audit_facts(today=today), evidence_) if evidence_.uses_audits else None
    return render(request, "inspection/judgement_evidence/area.html", {
        "area": area, "framework": area.framework, "evidence": evidence_, "audits": audits,
        "to_read": selectors.audits_to_read(user=request.user, area=audits) if audits else [],
        "groups": selectors.timescale_measures(groups=evidence_.figure_groups, today=today),
        "latest": selectors.latest_grades(framework=area.framework, area_ids=[area.pk])[area.pk],
        "sources": selectors.SOURCES_SHOWN,
    })


@permission_required("judgements.view_nationaloutcome", raise_exception=True)
def national(request):
    """The published national distribution of grades per framework and area, and where the
    council's latest Ofsted judgement sits in it."""
    with_council = request.user.has_perm("judgements.view_judgementset")
    return render(request, "inspection/judgement_evidence/national.html", {
        "frameworks": selectors.national_comparison(with_council=with_council), "with_council": with_council,
        "without": selectors.frameworks_without_outcomes(),
    })


def _evidence_or_404(framework_code: str, area_code: str) -> areas.AreaEvidence:
    try:
        return areas.evidence_for(framework_code, area_code)
    except KeyError:
        raise Http404("No evidence is defined for this judgement area.") from None
