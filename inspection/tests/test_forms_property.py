"""Bad input to every form of the inspection app (property tests, property_testing): signing in and
changing a password, uploading Annex A, audit samples, audits and moderation, audit templates, the
dashboards' targets and filters, the self-evaluation, inspections with their report, the evidence
page's chooser, committee papers and asking for caseloads to be worked out again. Whatever is
typed, the page answers; a form shown again has saved nothing anywhere; an accepted one saved what
was typed."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from access_matrix import DRAFT, OTHER_TEAM, OWN_TEAM, RESTRICTED
from conftest import PASSWORD
from inspection.annex_a.spec import LISTS
from inspection.annex_a_imports.forms import AnnexAUploadForm
from inspection.audits import services as audit_services
from inspection.audits.forms import AddChildForm, AllocateForm, AuditForm, DomainForm, ModerationForm, ReasonForm, SampleForm
from inspection.committee.forms import CommitteeReportForm
from inspection.dashboards.forms import DashboardFilterForm, DrillDownFilterForm, TargetsForm
from inspection.dashboards.measures import MEASURES
from inspection.dashboards.services import figures_refresh
from inspection.forms import PasswordChangeGovUKForm, SignInForm
from inspection.inspections.forms import InspectionForm
from inspection.judgement_evidence.forms import FrameworkForm
from inspection.models import AnnexAImport, AuditDomain, AuditSample, CommitteeReport, Inspection, SelfEvaluation
from inspection.models import SelfEvaluationVersion
from inspection.roles import Role
from inspection.self_evaluation.forms import StartForm, VersionForm
from inspection.tests.test_access_matrix import council  # noqa: F401 - the fixture: two teams, a user per role, records
from judgements.grades import Grade
from property_testing import FIRST_CHOICE, FormSpec, exercise

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS_AGO = TODAY - timedelta(days=10)
A_DATE = (str(DAYS_AGO.day), str(DAYS_AGO.month), str(DAYS_AGO.year))
AXES_TABLES = ("axes_accessattempt", "axes_accessfailurelog", "axes_accesslog")


def newest(model):
    return lambda: model.objects.order_by("-pk").first()


def senior(council):
    return council.users[Role.SENIOR_MANAGER.value]


def a_workbook() -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in LISTS:
        sheet = book.create_sheet(spec.sheet)
        sheet.append([spec.title_text])
        sheet.append(list(spec.columns))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("annex-a.xlsx", buffer.getvalue())


def a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("report.pdf", b"%PDF-1.7\n%Ofsted report\n", content_type="application/pdf")


# --- signing in


def test_signing_in(council):
    exercise(FormSpec(
        "login", SignInForm, lambda: reverse("login"), None, good={"username": "senior", "password": PASSWORD},
        may_write=AXES_TABLES,  # a refused sign-in is counted, to lock the account after five
    ))


def test_changing_a_password(council):
    new = "A-longer-pass-phrase-for-2027"
    exercise(FormSpec(
        "password_change", PasswordChangeGovUKForm, lambda: reverse("password_change"), senior(council),
        good={"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    ))


# --- Annex A


def test_uploading_annex_a(council):
    exercise(FormSpec(
        "annex_a_imports:upload", AnnexAUploadForm, lambda: reverse("annex_a_imports:upload"), senior(council),
        good={"as_at": A_DATE}, files={"workbook": (a_workbook, "annex-a", "xlsx")}, saved=newest(AnnexAImport),
    ))


# --- audit samples, audits, moderation, templates


def test_drawing_an_audit_sample(council):
    council.children  # noqa: B018 - open cases to draw from
    exercise(FormSpec(
        "audits:sample_create", SampleForm, lambda: reverse("audits:sample_create"), council.auditor,
        good={"name": "Mock inspection, March", "purpose": FIRST_CHOICE}, numbers=("size", "seed"),
        saved=newest(AuditSample),
    ))


def test_adding_a_case_to_a_sample(council):
    council.members  # noqa: B018 - the children already in the sample
    extra = council.make_child(council.team_b, first_name="Nina", last_name="Added")
    exercise(FormSpec(
        "audits:sample_add_child", AddChildForm, lambda: reverse("audits:sample_add_child", args=[council.sample.pk]),
        council.auditor, good={"child_id": extra.local_id, "reason": "Inspectors asked for this case"},
        foreign={"child_id": [council.children[RESTRICTED].local_id, council.children[OWN_TEAM].local_id]},
    ))


def test_swapping_a_case_in_a_sample(council):
    member = council.members[OWN_TEAM]
    extra = council.make_child(council.team_b, first_name="Nina", last_name="Swapped")
    exercise(FormSpec(
        "audits:member_swap", AddChildForm, lambda: reverse("audits:member_swap", args=[council.sample.pk, member.pk]),
        council.auditor, good={"child_id": extra.local_id, "reason": "The case closed last week"},
        foreign={"child_id": [council.children[RESTRICTED].local_id]},
    ))


def test_taking_a_case_out_of_a_sample(council):
    member = council.members[OTHER_TEAM]
    exercise(FormSpec(
        "audits:member_drop", ReasonForm, lambda: reverse("audits:member_drop", args=[council.sample.pk, member.pk]),
        council.auditor, good={"reason": "The family moved away"},
    ))


def test_allocating_an_audit(council):
    council.members  # noqa: B018 - cases to allocate, on the sample's page
    exercise(FormSpec(
        "audits:member_allocate", AllocateForm, lambda: reverse("audits:sample_detail", args=[council.sample.pk]),
        senior(council), good={"auditor": FIRST_CHOICE},
        foreign={"auditor": [str(council.practitioner.pk), str(council.users[Role.ELECTED_MEMBER.value].pk)]},
    ))


def test_carrying_out_an_audit(council):
    audit = council.audits[OWN_TEAM]
    exercise(FormSpec(
        "audits:audit_edit", AuditForm, lambda: reverse("audits:audit_edit", args=[audit.pk]), council.auditor,
        good={"overall_rationale": "Visits on time; plans weak.", "strengths": "Direct work with the child"},
        saved=lambda: type(audit).objects.get(pk=audit.pk),
    ))


def test_moderating_an_audit(council):
    audit = council.audits[OTHER_TEAM]
    audit_services.audit_save(
        actor=council.auditor, audit=audit, grades={domain.pk: (Grade.GOOD, "Seen alone", "")
                                                    for domain in audit.template.domains.all()},
        overall_grade=Grade.GOOD, overall_rationale="Good practice", strengths="", areas_for_development="", complete=True)
    exercise(FormSpec(
        "audits:audit_moderate", ModerationForm, lambda: reverse("audits:audit_moderate", args=[audit.pk]),
        senior(council),
    ))


def test_adding_a_domain_to_a_draft_audit_template(council):
    template = council.draft_template
    exercise(FormSpec(
        "audits:template_domain_add", DomainForm, lambda: reverse("audits:template_domain_add", args=[template.pk]),
        council.auditor, good={"title": "Life story work", "key": "life_story", "questions": "Does the child know why?"},
        saved=newest(AuditDomain),
    ))


def test_changing_a_domain_of_a_draft_audit_template(council):
    domain = council.draft_template.domains.order_by("order").first()
    exercise(FormSpec(
        "audits:template_domain_edit", DomainForm,
        lambda: reverse("audits:template_domain_edit", args=[domain.template_id, domain.pk]), council.auditor,
        saved=lambda: AuditDomain.objects.get(pk=domain.pk),
    ))


# --- dashboards


def test_setting_the_councils_targets(council):
    exercise(FormSpec(
        "dashboards:targets", TargetsForm, lambda: reverse("dashboards:targets"), senior(council),
        good={f"{MEASURES[0].key}_target": "61.5"},  # a change: saving today's targets again saves nothing
        numbers=tuple(f"{measure.key}_{part}" for measure in MEASURES for part in ("target", "tolerance")),
    ))


def test_the_managers_dashboards_filter(council):
    exercise(FormSpec(
        "dashboards:managers (filter)", DashboardFilterForm, lambda: reverse("dashboards:managers"),
        council.users[Role.TEAM_MANAGER.value], method="get", foreign={"team": [str(council.team_b.pk)]},
    ))


def test_the_drill_downs_filter(council):
    council.children  # noqa: B018 - children counted in the figures
    figures_refresh(months=1)
    exercise(FormSpec(
        "dashboards:figure (filter)", DrillDownFilterForm,
        lambda: reverse("dashboards:figure", args=["assessments_in_timescale"]), senior(council), method="get",
        numbers=("page", "after", "before"), foreign={"team": [str(council.team_b.pk)]},
        may_write=("cases_accesslogentry",),  # each view of the list of children is written to the access log
    ))


def test_the_evidence_pages_framework_chooser(council):
    exercise(FormSpec(
        "evidence:overview (framework)", FrameworkForm, lambda: reverse("evidence:overview"), senior(council),
        method="get",
    ))


# --- the self-evaluation


def test_starting_a_self_evaluation(council):
    exercise(FormSpec(
        "self_evaluation:start", StartForm, lambda: reverse("self_evaluation:start"), senior(council),
        good={"title": "Self-evaluation 2027"}, saved=newest(SelfEvaluation),
    ))


def test_saving_a_version_of_the_self_evaluation(council):
    evaluation = council.self_evaluation
    council.sample  # noqa: B018 - an audit programme to draw on
    exercise(FormSpec(
        "self_evaluation:edit", VersionForm, lambda: reverse("self_evaluation:edit", args=[evaluation.pk]),
        senior(council), saved=newest(SelfEvaluationVersion),
    ))


# --- inspections


def test_recording_an_inspection(council):
    exercise(FormSpec(
        "inspections:create", InspectionForm, lambda: reverse("inspections:create"), senior(council),
        good={"kind": FIRST_CHOICE, "title": "ILACS standard inspection, 2027", "on_site_from": A_DATE},
        files={"report": (a_pdf, "report", "pdf")}, saved=newest(Inspection),
    ))


def test_correcting_an_inspection(council):
    inspection = council.inspection
    exercise(FormSpec(
        "inspections:edit", InspectionForm, lambda: reverse("inspections:edit", args=[inspection.pk]),
        senior(council), files={"report": (a_pdf, "report", "pdf")},
        saved=lambda: Inspection.objects.get(pk=inspection.pk),
    ))


# --- committee papers


def test_writing_a_committee_paper(council):
    exercise(FormSpec(
        "committee:create", CommitteeReportForm, lambda: reverse("committee:create"), senior(council),
        good={"report_to": "Children's Scrutiny Committee", "meeting_date": A_DATE,
              "reporting_officer": "Director of Children's Services", "subject": "Ofsted readiness",
              "purpose": "To update members.", "recommendations": "Members note the report.",
              "supporting_information": "The council was last inspected in 2024.", "figures_as_at": A_DATE},
        saved=newest(CommitteeReport),
    ))


def test_changing_a_committee_paper(council):
    paper = council.committee_reports[DRAFT]
    exercise(FormSpec(
        "committee:edit", CommitteeReportForm, lambda: reverse("committee:edit", args=[paper.pk]), senior(council),
        saved=lambda: CommitteeReport.objects.get(pk=paper.pk),
    ))


# --- caseloads


def test_asking_for_caseloads_to_be_worked_out_again(council):
    council.children  # noqa: B018 - children whose caseload lines are worked out
    exercise(FormSpec(
        "caseload:work_out_again", None, lambda: reverse("stuck_cases"), council.users[Role.TEAM_MANAGER.value],
    ))
