"""Action plan progress: one report across every plan for senior managers and the improvement
board. Who may have it (elected members included: it holds no child's details), the PDF read back
with pdfplumber (the summary in words, each plan's dates, the RAG counts plan by plan and by
judgement area, the actions off track or overdue with their latest update, the actions completed in
the last three months with their evidence of impact, the progress reported), that no child is named
in it, its parameters, and that it runs the same number of queries however many actions there are.
Page 1 is turned into a PNG under test-artifacts/ for a person to look at."""

import io
import re
import subprocess
from datetime import date
from io import StringIO
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import Action, ActionPlan, PlanSource, ProgressUpdate, Recommendation
from actionplans.rules import Status
from cases.models import Child
from inspection.models import ReportJob
from inspection.reports import ReportError
from inspection.reports.action_plan_progress import ActionPlanProgressReport
from inspection.roles import Role
from pdf_testing import assert_no_child_named, flat, pages_of

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
TODAY = date(2026, 3, 16)  # a Monday: the last three months run from 17 December 2025


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def children(make_child, team_a, team_b):
    """Children with names found nowhere else, so that any leak into the PDF would show."""
    return [
        make_child(team_a, first_name="Zephyrine", last_name="Quillfeather", local_id="ZQ-4471",
                   date_of_birth=date(2014, 7, 23)),
        make_child(team_b, first_name="Barnaby", last_name="Thistlewood", local_id="BT-9023",
                   date_of_birth=date(2011, 11, 5)),
    ]


def _named(make_user, username, role, first, last):
    user = make_user(username, role)
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def plans(senior_manager, make_user, children):
    """An open inspection plan with actions of every status, a plan closed five months ago, one
    closed more than a year ago (left out), and a board plan with no actions yet."""
    head = _named(make_user, "priya.shah", Role.SENIOR_MANAGER, "Priya", "Shah")
    manager = _named(make_user, "tom.jones", Role.TEAM_MANAGER, "Tom", "Jones")

    def action(recommendation, **fields):
        return Action.objects.create(recommendation=recommendation, created_by=senior_manager, **fields)

    def update(action_, day, status, note, author=manager):
        return ProgressUpdate.objects.create(action=action_, date=day, status=status, note=note, author=author)

    inspection = ActionPlan.objects.create(title="Ofsted inspection January 2026", source=PlanSource.INSPECTION,
                                           published_on=date(2026, 1, 12), created_by=senior_manager)
    front_door = Recommendation.objects.create(plan=inspection, number=1, area="help_protection",
                                               text="Strategy discussions involve all agencies.")
    oversight = Recommendation.objects.create(plan=inspection, number=2, area="leaders",
                                              text="Strengthen management oversight.")
    audit = action(front_door, description="Audit strategy discussions", owner=head,
                   owner_role="Head of Safeguarding", target_date=date(2026, 2, 27), status=Status.COMPLETE,
                   completed_on=date(2026, 2, 26), evidence_of_impact="Re-referrals fell from 24% to 17%.")
    update(audit, date(2026, 2, 26), Status.COMPLETE, "Complete: see the evidence of impact.", author=head)
    triage = action(front_door, description="Weekly triage meeting", owner=manager, owner_role="Team Manager, MASH",
                    target_date=date(2026, 3, 2), status=Status.ON_TRACK)  # past its target: off track
    update(triage, date(2026, 2, 20), Status.ON_TRACK, "Police attend 3 of 4 meetings.")
    action(oversight, description="Supervision audit", owner_role="Designated Nurse", lead_agency="Health",
           target_date=date(2026, 3, 20), status=Status.AT_RISK)  # due within 10 working days
    training = action(oversight, description="Reflective supervision training", owner=manager,
                      target_date=date(2026, 6, 30), status=Status.OFF_TRACK)
    update(training, date(2025, 11, 3), Status.AT_RISK, "The trainer withdrew.")
    update(training, date(2026, 1, 5), Status.OFF_TRACK, "A new trainer is being sought.")
    action(oversight, description="Caseload review", owner=manager, target_date=date(2026, 9, 30))

    closed = ActionPlan.objects.create(title="Self-assessment 2025 shortfalls", source=PlanSource.SELF_ASSESSMENT,
                                       created_by=senior_manager)
    in_care = Recommendation.objects.create(plan=closed, number=1, area="in_care", text="Personal education plans.")
    action(in_care, description="Check every personal education plan", owner=head, target_date=date(2025, 10, 10),
           status=Status.COMPLETE, completed_on=date(2025, 10, 1), evidence_of_impact="94% meet the standard.")

    old = ActionPlan.objects.create(title="Focused visit 2024", source=PlanSource.FOCUSED_VISIT,
                                    published_on=date(2024, 6, 3), submitted_on=date(2024, 9, 2),
                                    created_by=senior_manager)
    old_recommendation = Recommendation.objects.create(plan=old, number=1, area="care_leavers", text="Pathway plans.")
    old_action = action(old_recommendation, description="Long-closed action", owner=head,
                        target_date=date(2024, 12, 1), status=Status.COMPLETE, completed_on=date(2024, 11, 29),
                        evidence_of_impact="Done in 2024.")
    update(old_action, date(2026, 1, 10), Status.COMPLETE, "A late note on a long-closed plan.", author=head)

    ActionPlan.objects.create(title="Safeguarding board review plan", source=PlanSource.SAFEGUARDING_BOARD,
                              created_by=senior_manager)
    return {"inspection": inspection, "closed": closed, "old": old}


def job_for(user, parameters=None) -> ReportJob:
    report = ActionPlanProgressReport()
    parameters = parameters or {}
    return ReportJob.objects.create(kind=report.kind, title=report.title_for(parameters), parameters=parameters,
                                    requested_by=user)


def columns_of(content: bytes, headers: list[str]) -> dict[str, str]:
    """The text under each column heading of a table, page after page, read from the band beneath
    each heading (plain text extraction runs the lines of a row's cells together)."""
    firsts = [header.split()[0] for header in headers]
    cells: dict[str, list[str]] = {header: [] for header in headers}
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            for word in (w for w in words if w["text"] == firsts[0]):
                line = sorted((w for w in words if abs(w["top"] - word["top"]) < 8 and w["x0"] >= word["x0"] - 1),
                              key=lambda w: w["x0"])
                starts = []
                for candidate in line:
                    if len(starts) < len(firsts) and candidate["text"] == firsts[len(starts)]:
                        starts.append(candidate["x0"])
                if len(starts) == len(firsts):
                    break
            else:
                continue
            edges = [x - 2 for x in starts] + [page.width]
            top = word["top"] + 22  # below a heading of up to two lines
            for position, header in enumerate(headers):
                band = page.crop((edges[position], top, edges[position + 1], page.height - 40))
                cells[header].append(band.extract_text() or "")
    return {header: " ".join(" ".join(texts).split()) for header, texts in cells.items()}


def section(text: str, start: str, end: str | None) -> str:
    """The text from a section's heading (after the contents page) to the next heading."""
    body = text.split(start)[-1] if end is None else text.split(start)[-1].split(end)[0]
    return body


# --- who may have it -----------------------------------------------------------------------------


def test_it_is_the_kind_the_job_model_knows_and_not_an_export():
    report = ActionPlanProgressReport()
    assert report.kind == ReportJob.Kind.ACTION_PLAN_PROGRESS
    assert report.permission == "actionplans.view_actionplan"
    assert report.is_export is False


@pytest.mark.parametrize("fixture_name", ["elected_member", "senior_manager", "team_manager", "auditor"])
def test_everyone_who_sees_action_plans_may_have_it(request, fixture_name):
    ActionPlanProgressReport().check_permission(request.getfixturevalue(fixture_name))  # does not raise


@pytest.mark.parametrize("fixture_name", ["practitioner", "administrator"])
def test_those_who_may_not_see_action_plans_may_not_have_it(request, fixture_name):
    with pytest.raises(PermissionDenied):
        ActionPlanProgressReport().check_permission(request.getfixturevalue(fixture_name))


# --- the PDF -------------------------------------------------------------------------------------


def test_the_pdf_gives_the_improvement_board_the_progress_of_every_plan(elected_member, plans, children):
    job = job_for(elected_member)
    rendered = ActionPlanProgressReport().render(job)
    ARTIFACTS.mkdir(exist_ok=True)  # first, so a person can look at it even when an assertion fails
    pdf_path = ARTIFACTS / "action-plan-progress.pdf"
    pdf_path.write_bytes(rendered.content)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
                    str(ARTIFACTS / "action-plan-progress-1")], check=True)
    pages = pages_of(rendered.content)
    text = flat("\n".join(pages))
    assert len(pages) == rendered.page_count

    assert job.title == "Action plan progress as at 16 March 2026"
    assert text.startswith("OFFICIAL") and "OFFICIAL-SENSITIVE" not in text  # no child's details
    cover = flat(pages[0])
    assert "Action plan progress as at 16 March 2026" in cover
    assert "Statuses are as last reported, as at 16 March 2026" in cover
    # The summary in words first: the long-closed plan's action is not counted.
    assert "2 of 6 actions complete; 2 off track or overdue; 1 at risk; 1 due in the next 10 working days." in cover
    assert "Plans 2 open; 1 closed in the last 12 months" in cover
    for count in ("1 not started", "0 on track", "1 at risk", "2 off track", "2 complete"):
        assert count in cover, count
    assert "Completed in the last three months 1 action" in cover
    # The base template's contents page lists every section.
    for heading in ("The plans and their dates", "Progress plan by plan", "Progress by judgement area",
                    "Actions off track or overdue", "Actions completed in the last three months",
                    "Progress reported in the last three months"):
        assert re.search(re.escape(heading) + r" ?\.+ \d", cover), heading
        assert text.count(heading) >= 2, heading
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page

    dates = columns_of(rendered.content, ["Plan", "Plan due (70 working days)", "Sent to Ofsted", "Approved",
                                          "Actions"])
    assert "Ofsted inspection January 2026 Ofsted inspection report, report published 12 Jan 2026" in dates["Plan"]
    assert "Self-assessment 2025 shortfalls Self-assessment Closed 1 Oct 2025: every action complete" in dates["Plan"]
    assert "Safeguarding board review plan" in dates["Plan"]
    assert "Focused visit 2024" not in text  # closed more than 12 months ago
    assert dates["Plan due (70 working days)"].startswith("22 Apr 2026 None: not a plan for Ofsted")
    assert dates["Sent to Ofsted"].startswith("Not yet sent Due in 25 working days Not for Ofsted Not for Ofsted")
    assert dates["Approved"].startswith("Not yet approved Not yet approved Not yet approved")
    assert dates["Actions"].startswith("1 of 5 complete 2 off track or overdue No actions yet 1 of 1 complete")

    by_plan = section(text, "Progress plan by plan", "Progress by judgement area")
    assert "Actions by status, plan by plan" in by_plan  # the chart's title
    assert "Plan Not started On track At risk Off track Complete Total" in by_plan
    assert "Ofsted inspection January 2026 1 0 1 2 1 5" in by_plan
    assert "Self-assessment 2025 shortfalls 0 0 0 0 1 1" in by_plan
    assert "All plans 1 0 1 2 2 6" in by_plan

    by_area = section(text, "Progress by judgement area", "Actions off track or overdue")
    assert "Actions by status, by judgement area" in by_area
    areas = columns_of(rendered.content, ["Judgement area", "Not started", "On track", "At risk", "Off track",
                                          "Complete", "Total"])
    assert areas["Judgement area"].startswith(
        "The impact of leaders on social work practice with children and families The experiences and progress of "
        "children who need help and protection The experiences and progress of children in care")
    for status, counts in {"Not started": "1 0 0", "On track": "0 0 0", "At risk": "1 0 0", "Off track": "1 1 0",
                           "Complete": "0 1 1", "Total": "3 2 1"}.items():
        assert (areas[status] + " ").startswith(counts + " "), (status, areas[status])

    attention_text = section(text, "Actions off track or overdue", "Actions completed in the last three months")
    assert "2 actions are off track or past their target date, longest overdue first." in attention_text
    attention = columns_of(rendered.content, ["Action", "Owner", "Target date", "Latest progress update"])
    assert attention["Action"].startswith(
        "Ofsted inspection January 2026 (area for improvement 1) Weekly triage meeting "
        "Ofsted inspection January 2026 (area for improvement 2) Reflective supervision training")
    assert attention["Owner"].startswith("Tom Jones Team Manager, MASH Tom Jones")
    assert attention["Target date"].startswith(
        "2 Mar 2026 Overdue by 10 working days 30 Jun 2026 Reported off track; due in 72 working days")
    assert attention["Latest progress update"].startswith(
        "20 Feb 2026: on track Police attend 3 of 4 meetings. 5 Jan 2026: off track A new trainer is being sought.")
    assert "The trainer withdrew" not in text  # only the latest update, and none before the last three months

    completed = section(text, "Actions completed in the last three months", "Progress reported in the last three")
    assert "1 action completed from 17 December 2025 to 16 March 2026" in completed
    done = columns_of(rendered.content, ["Action", "Owner", "Completed", "Evidence of impact"])
    assert done["Action"].startswith(
        "Ofsted inspection January 2026 (area for improvement 1) Audit strategy discussions")
    assert done["Owner"].startswith("Priya Shah Head of Safeguarding")
    assert done["Completed"].startswith("26 Feb 2026")
    assert done["Evidence of impact"].startswith("Re-referrals fell from 24% to 17%.")
    assert "Check every personal education plan" not in text  # completed five months ago

    updates_text = section(text, "Progress reported in the last three months", None)
    assert "3 progress updates from 17 December 2025 to 16 March 2026, newest first." in updates_text
    updates = columns_of(rendered.content, ["Date", "Action", "Status after", "Progress"])
    assert updates["Date"].startswith("26 Feb 2026 20 Feb 2026 5 Jan 2026")
    assert updates["Status after"].startswith("Complete On track Off track")
    assert updates["Progress"].startswith(
        "Complete: see the evidence of impact. Reported by Priya Shah Police attend 3 of 4 meetings. Reported by "
        "Tom Jones A new trainer is being sought. Reported by Tom Jones")
    assert "A late note on a long-closed plan" not in text

    assert_no_child_named(text, children)


def test_as_at_an_earlier_date_counts_what_was_overdue_then(senior_manager, plans):
    job = job_for(senior_manager, {"as_at": "2026-01-31"})
    assert job.title == "Action plan progress as at 31 January 2026"
    context = ActionPlanProgressReport().context_for(job)
    progress = context["progress"]
    # On 31 January the triage meeting was not yet past its target date; training was reported off track.
    assert [line.row.action.description for line in progress.attention] == ["Reflective supervision training"]
    assert progress.recent.start == date(2025, 11, 1)
    assert [update.note for update in progress.updates] == ["A new trainer is being sought.", "The trainer withdrew."]
    assert progress.completed == []  # the audit was completed after 31 January


def test_with_no_plans_it_still_prints_and_says_so(senior_manager):
    rendered = ActionPlanProgressReport().render(job_for(senior_manager))
    text = flat("\n".join(pages_of(rendered.content)))
    assert "No actions have been added to any plan yet." in text
    assert "No action plan is open, and none was closed in the last 12 months." in text
    assert "No action is off track or overdue." in text


def test_a_seeded_council_names_no_child(audit_template, elected_member):
    """The demo council's three plans, with actions raised from audit findings: still no child's
    name, ID or date of birth."""
    call_command("seed_demo", children=40, seed=3, as_of=TODAY, password="demo-password-for-tests",
                 stdout=StringIO())
    rendered = ActionPlanProgressReport().render(job_for(elected_member))
    text = flat("\n".join(pages_of(rendered.content)))
    assert re.search(r"\d+ of \d+ actions complete; \d+ off track or overdue", text)
    for first, last, local_id, born in Child.objects.values_list("first_name", "last_name", "local_id",
                                                                 "date_of_birth"):
        for identifier in (f"{first} {last}", f"{last}, {first}", local_id, f"{born.day} {born:%B %Y}",
                           f"{born.day} {born:%b %Y}", f"{born:%d/%m/%Y}"):
            assert identifier not in text, identifier


# --- parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("parameters", "message"), [
    ({"as_at": "16/03/2026"},
     "“16/03/2026” is not a date: give the date the report is as at in the form 2026-03-31."),
    ({"as_at": "2026-02-30"}, "is not a date"),
    ({"as_at": "2026-03-17"}, "The report cannot be as at a date in the future"),
])
def test_bad_parameters_are_refused_with_a_reason_the_user_can_act_on(senior_manager, parameters, message):
    report = ActionPlanProgressReport()
    with pytest.raises(ReportError, match=re.escape(message)):
        report.title_for(parameters)
    job = ReportJob.objects.create(kind=report.kind, title="x", parameters=parameters, requested_by=senior_manager)
    with pytest.raises(ReportError, match=re.escape(message)):
        report.context_for(job)


# --- queries -------------------------------------------------------------------------------------


def _more_plans(actor, owner, count: int) -> None:
    for n in range(count):
        plan = ActionPlan.objects.create(title=f"Extra plan {n}", source=PlanSource.OTHER, created_by=actor)
        recommendation = Recommendation.objects.create(plan=plan, number=1, area="in_care", text="More")
        for m in range(4):
            action = Action.objects.create(recommendation=recommendation, description=f"Extra {n}.{m}", owner=owner,
                                           target_date=date(2026, 3, 1 + m), status=Status.AT_RISK,
                                           created_by=actor)
            ProgressUpdate.objects.create(action=action, date=date(2026, 2, 1 + m), status=Status.AT_RISK,
                                          note="Slow", author=owner)


def test_the_same_number_of_queries_however_many_plans_and_actions(senior_manager, plans):
    report = ActionPlanProgressReport()
    job = job_for(senior_manager)
    with CaptureQueriesContext(connection) as few:
        small = report.context_for(job)
    _more_plans(senior_manager, get_user_model().objects.get(username="tom.jones"), 6)
    with CaptureQueriesContext(connection) as many:
        large = report.context_for(job)
    assert large["progress"].counts.total == small["progress"].counts.total + 24
    assert len(many) == len(few) <= 3
