"""The printable action plan: who may ask for it, and the PDF in the shape councils submit
(recommendation → actions → owner → timescale → monitoring and evaluation → status), read back with
pdfplumber; page 1 is turned into a PNG under test-artifacts/ for a person to look at."""

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from django.urls import reverse

from actionplans.models import Action, ActionPlan, PlanSource, Recommendation, RecommendationKind
from actionplans.rules import Status
from cases.models import AccessLogEntry
from inspection import services
from inspection.models import ReportJob
from inspection.roles import Role

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
TODAY = date(2026, 3, 10)  # a Tuesday


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("inspection.reports.action_plan.timezone.localdate", lambda: TODAY)


@pytest.fixture
def plan(senior_manager, make_user):
    head = make_user("priya.shah", Role.SENIOR_MANAGER)
    head.first_name, head.last_name = "Priya", "Shah"
    head.save()
    manager = make_user("tom.jones", Role.TEAM_MANAGER)
    manager.first_name, manager.last_name = "Tom", "Jones"
    manager.save()
    plan = ActionPlan.objects.create(
        title="Ofsted inspection January 2026", source=PlanSource.INSPECTION, published_on=date(2026, 1, 12),
        submitted_on=date(2026, 4, 17), approved_on=date(2026, 4, 9), approved_by="Cabinet",
        summary="Our response to the three areas for improvement in Ofsted's report.", created_by=senior_manager,
    )
    front_door = Recommendation.objects.create(
        plan=plan, number=1, area="help_protection",
        text="Ensure that strategy discussions involve all relevant agencies and are recorded on the child's file.",
    )
    oversight = Recommendation.objects.create(
        plan=plan, number=2, area="leaders", priority=1,
        text="Strengthen management oversight and supervision so that plans progress without drift.",
    )
    Recommendation.objects.create(plan=plan, number=3, kind=RecommendationKind.RECOMMENDATION,
                                  text="Improve the timeliness of return home interviews.")

    def action(recommendation, **fields):
        return Action.objects.create(recommendation=recommendation, created_by=senior_manager, **fields)

    action(front_door, description="Audit 30 strategy discussions each quarter", owner=head,
           owner_role="Head of Safeguarding", lead_agency="Police", start_date=date(2026, 2, 2),
           target_date=date(2026, 3, 2), status=Status.ON_TRACK,
           measure_of_success="Police and health attend 95% of strategy discussions")
    action(front_door, description="Publish the multi-agency threshold document", owner=manager,
           owner_role="Team Manager, MASH", start_date=date(2026, 2, 2), target_date=date(2026, 2, 27),
           status=Status.COMPLETE, completed_on=date(2026, 2, 26), measure_of_success="Partners refer at the right threshold",
           evidence_of_impact="Re-referrals fell from 24% to 17% between January and February")
    action(oversight, description="Monthly supervision for every social worker, recorded on the file",
           owner=manager, owner_role="Team Manager", start_date=date(2026, 1, 19), target_date=date(2026, 3, 20),
           status=Status.AT_RISK, measure_of_success="90% of children have supervision recorded monthly")
    action(oversight, description="Quarterly practice week led by senior managers", owner=None,
           lead_agency="Children's services", target_date=date(2026, 6, 30), status=Status.NOT_STARTED)
    return plan


def request_url(plan) -> str:
    return reverse("action_plan_report_request", args=[plan.pk])


@pytest.fixture
def ask_for(client, django_capture_on_commit_callbacks):
    """Ask for the plan as a PDF, running the job when the request commits."""

    def post(plan):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(request_url(plan))

    return post


def pdf_of(job: ReportJob) -> bytes:
    with job.file.open("rb") as pdf_file:
        return pdf_file.read()


def text_of(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def columns_of(content: bytes) -> dict[str, str]:
    """The text of each column of the action tables, page after page, read from the band under
    each column heading (text extraction alone runs the columns of a row together)."""
    headings = ["Action", "Owner", "Timescale", "Monitoring", "Status"]
    cells = {heading: [] for heading in headings}
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            for index, word in enumerate(words):
                row = [w["text"] for w in words[index:index + 5]]
                if row[:3] == ["Action", "Owner", "Timescale"] and "Monitoring" in row:
                    break
            else:
                continue
            starts = {heading: next(w for w in words[index:] if w["text"] == heading) for heading in headings}
            edges = [starts[heading]["x0"] - 2 for heading in headings] + [page.width]
            for position, heading in enumerate(headings):
                band = page.crop((edges[position], starts[heading]["bottom"] + 1, edges[position + 1], page.height - 40))
                cells[heading].append(band.extract_text() or "")
    return {heading: " ".join(" ".join(texts).split()) for heading, texts in cells.items()}


# --- who may ask for it --------------------------------------------------------------------------


def test_the_url_is_the_one_the_plan_page_posts_to(plan):
    assert request_url(plan) == f"/reports/action-plan/{plan.pk}/"


def test_a_signed_out_visitor_is_sent_to_sign_in(client, plan):
    response = client.post(request_url(plan))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("fixture_name", ["practitioner", "administrator"])
def test_those_who_may_not_see_action_plans_cannot_print_one(client, request, plan, fixture_name):
    client.force_login(request.getfixturevalue(fixture_name))
    assert client.post(request_url(plan)).status_code == 403
    assert not ReportJob.objects.exists()


def test_printing_needs_a_post(client, senior_manager, plan):
    client.force_login(senior_manager)
    assert client.get(request_url(plan)).status_code == 405
    assert not ReportJob.objects.exists()


def test_a_plan_that_does_not_exist_is_not_found(client, senior_manager):
    client.force_login(senior_manager)
    assert client.post(reverse("action_plan_report_request", args=[999])).status_code == 404
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("fixture_name", ["senior_manager", "team_manager", "auditor", "elected_member"])
def test_everyone_who_sees_action_plans_can_print_one_and_it_is_not_an_export(
    client, request, plan, ask_for, fixture_name,
):
    user = request.getfixturevalue(fixture_name)
    client.force_login(user)
    response = ask_for(plan)
    assert response.status_code == 302 and response["Location"] == reverse("report_list")
    job = ReportJob.objects.get()
    assert (job.kind, job.parameters, job.requested_by) == ("action_plan", {"plan": plan.pk}, user)
    assert job.status == ReportJob.Status.READY, job.error
    assert job.title == "Action plan: Ofsted inspection January 2026"
    page = client.get(reverse("report_list")).content.decode()
    assert "Action plan: Ofsted inspection January 2026 has been requested" in page
    assert reverse("report_download", args=[job.pk]) in page
    download = client.get(reverse("report_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert not AccessLogEntry.objects.exists()  # no child's details: nothing to log


# --- the PDF -------------------------------------------------------------------------------------


def test_the_pdf_has_the_plan_header_the_rag_summary_and_a_table_per_recommendation(client, senior_manager, plan,
                                                                                    ask_for):
    client.force_login(senior_manager)
    ask_for(plan)
    job = ReportJob.objects.get()
    content = pdf_of(job)
    ARTIFACTS.mkdir(exist_ok=True)  # first, so a person can look at it even when an assertion fails
    pdf_path = ARTIFACTS / "action-plan.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf_path), str(ARTIFACTS / "action-plan")],
                   check=True)
    assert any(ARTIFACTS.glob("action-plan-*1.png"))
    text = text_of(content)
    flat = " ".join(text.split())

    assert "Action plan: Ofsted inspection January 2026" in flat
    assert "OFFICIAL" in text and "OFFICIAL-SENSITIVE" not in text
    # The header: what it responds to, publication, due date, submission and approval.
    for expected in ("Responds to Ofsted inspection report", "Report published 12 January 2026",
                     "Plan due 22 April 2026 (70 working days after publication)", "Sent to Ofsted 17 April 2026",
                     "Approved 9 April 2026 by Cabinet", "Status of each action as at 10 March 2026",
                     "Our response to the three areas for improvement"):
        assert expected in flat, expected
    # The RAG summary by judgement area and for the whole plan (the overdue action counts as off track).
    assert "Not started On track At risk Off track Complete Total" in flat
    assert "Whole plan 1 0 1 1 1 4" in flat
    assert "1 action is overdue" in flat
    # One table per recommendation, in the shape councils submit.
    columns = "Action Owner Timescale Monitoring and evaluation Status"
    assert flat.count(columns) >= 2
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:  # a table running over a page says again which recommendation it answers
            page_text = " ".join((page.extract_text() or "").split())
            if columns in page_text:
                assert re.search(r"(Area for improvement|Recommendation) \d+ ", page_text.split(columns)[0]), page_text
    assert "Area for improvement 1" in flat and "Area for improvement 2" in flat and "Recommendation 3" in flat
    for expected in ("strategy discussions involve all relevant agencies", "Strengthen management oversight",
                     "Improve the timeliness of return home interviews",
                     "No actions have been added to this recommendation yet."):
        assert expected in flat, expected
    cells = columns_of(content)
    assert "Audit 30 strategy discussions each quarter" in cells["Action"]
    assert "Priya Shah Head of Safeguarding Lead agency Police" in cells["Owner"]
    assert "Tom Jones Team Manager, MASH" in cells["Owner"]
    assert "No owner yet Lead agency Children's services" in cells["Owner"]
    assert "Start 2 Feb 2026 Target 27 Feb 2026 Completed 26 Feb 2026" in cells["Timescale"]
    assert "Start 2 Feb 2026 Target 2 Mar 2026" in cells["Timescale"]
    assert "Start Not set Target 30 Jun 2026" in cells["Timescale"]
    assert "Measure of success Police and health attend 95% of strategy discussions" in cells["Monitoring"]
    assert ("Evidence of impact Re-referrals fell from 24% to 17% between January and February"
            in cells["Monitoring"])
    # Statuses as they stand today, in words: past its target date and not complete is off track.
    assert "Complete Off track Overdue by 6 working days" in cells["Status"]
    assert "At risk Due in 8 working days" in cells["Status"]
    assert "Not started Due in 76 working days" in cells["Status"]
    assert "Priority: high" in flat and "The impact of leaders" in flat

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        first = pdf.pages[0]
        assert first.width > first.height  # landscape A4, for the five-column table
        assert len(pdf.pages) == job.page_count


def test_a_plan_with_no_recommendations_or_dates_still_prints(client, senior_manager, ask_for):
    plan = ActionPlan.objects.create(title="Case audit findings 2026", source=PlanSource.AUDIT,
                                     created_by=senior_manager)
    client.force_login(senior_manager)
    ask_for(plan)
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.READY, job.error
    flat = " ".join(text_of(pdf_of(job)).split())
    for expected in ("Responds to Case audit findings", "Report published Not recorded",
                     "Plan due No due date: the report's publication date is not recorded", "Sent to Ofsted Not yet sent",
                     "Approved Not yet approved", "No recommendations have been added to this plan yet."):
        assert expected in flat, expected


def test_an_unsent_plan_says_how_long_is_left(client, senior_manager, ask_for):
    plan = ActionPlan.objects.create(title="Focused visit", source=PlanSource.FOCUSED_VISIT, priority_actions=True,
                                     published_on=date(2026, 2, 24), created_by=senior_manager)
    client.force_login(senior_manager)
    ask_for(plan)
    flat = " ".join(text_of(pdf_of(ReportJob.objects.get())).split())
    assert "Draft plan due 24 March 2026" in flat and "Final plan due 8 June 2026" in flat
    assert "Sent to Ofsted Not yet sent: due in" in flat


def test_a_very_long_plan_title_is_shortened_to_fit_the_report_title(senior_manager):
    plan = ActionPlan.objects.create(title="A" * 200, source=PlanSource.OTHER, created_by=senior_manager)
    job = services.report_job_request(actor=senior_manager, kind=ReportJob.Kind.ACTION_PLAN,
                                      parameters={"plan": plan.pk})
    assert len(job.title) == 200 and job.title.startswith("Action plan: AAA") and job.title.endswith("…")


def test_a_plan_deleted_before_the_job_runs_fails_with_a_reason(senior_manager, django_capture_on_commit_callbacks):
    plan = ActionPlan.objects.create(title="Withdrawn plan", source=PlanSource.OTHER, created_by=senior_manager)
    with django_capture_on_commit_callbacks(execute=False):
        job = services.report_job_request(actor=senior_manager, kind=ReportJob.Kind.ACTION_PLAN,
                                          parameters={"plan": plan.pk})
    plan.delete()
    services.report_job_run(job_pk=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error == "This action plan no longer exists, so it cannot be printed."
