"""Makers for the action plan page tests: plans, recommendations, actions and progress updates
written straight to the database (the services have their own tests), and the records that raise
actions (an audit finding, a self-assessment shortfall)."""

from datetime import date

from django.core.files.base import ContentFile

from actionplans.models import Action, ActionPlan, ProgressEvidence, ProgressUpdate, Recommendation
from actionplans.rules import Status


def make_plan(user, title="ILACS inspection, March 2026: written statement of action", **fields) -> ActionPlan:
    defaults = {"source": "inspection", "published_on": date(2026, 4, 1), "created_by": user}
    defaults.update(fields)
    return ActionPlan.objects.create(title=title, **defaults)


def make_recommendation(plan, text="Improve the quality of child protection plans", area="help_protection",
                        **fields) -> Recommendation:
    number = fields.pop("number", plan.recommendations.count() + 1)
    return Recommendation.objects.create(plan=plan, number=number, text=text, area=area, **fields)


def make_action(recommendation, user, description="Re-audit child protection plans", target=date(2026, 9, 30),
                status=Status.ON_TRACK, owner=None, **fields) -> Action:
    if status == Status.COMPLETE:
        fields.setdefault("evidence_of_impact", "Re-audit: 9 of 10 plans are SMART.")
        fields.setdefault("completed_on", target)
    return Action.objects.create(recommendation=recommendation, description=description, target_date=target,
                                 status=status, owner=owner, created_by=user, **fields)


def make_update(action, author, note="Audit tool agreed", with_file=True) -> ProgressUpdate:
    update = ProgressUpdate.objects.create(action=action, date=date(2026, 5, 1), note=note, status=action.status,
                                           author=author)
    if with_file:
        evidence = ProgressEvidence(update=update, name="re-audit summary.pdf")
        evidence.file.save("re-audit summary.pdf", ContentFile(b"%PDF-1.4 evidence"), save=False)
        evidence.save()
    return update


def make_finding(auditor, child, audit_template, text="Child protection plans are not SMART"):
    from inspection.models import CaseAudit, Finding

    audit = CaseAudit.objects.create(child=child, template=audit_template, auditor=auditor)
    return Finding.objects.create(audit=audit, text=text)


def make_shortfall(user, framework="ilacs_2023", area="help_protection"):
    from judgements.models import Framework, Indicator, SelfAssessment, SelfAssessmentVersion, Shortfall

    framework_row = Framework.objects.get(code=framework)
    indicator = Indicator.objects.filter(area__framework=framework_row, area__code=area).select_related("area").first()
    assessment = SelfAssessment.objects.create(framework=framework_row, title="Self-assessment 2026", created_by=user)
    version = SelfAssessmentVersion.objects.create(self_assessment=assessment, number=1, saved_by=user)
    return Shortfall.objects.create(version=version, area=indicator.area, indicator=indicator, grade=3)


def freeze_today(monkeypatch, day: date) -> None:
    """Make "today" ``day`` for pages, forms and services (they all ask django.utils.timezone)."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)
