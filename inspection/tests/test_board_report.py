"""The report to the board: who may ask for it from the board's dashboard, and the PDF on a
hand-built board, read back with pdfplumber (governance and vacancies, attendance by agency and
member, reviews with their deadlines in words, audits, training and its impact, the challenge log,
performance data and its analysis, the annual report's timeliness and checklist, Ofsted's latest
judgement of the board); page 1 is turned into a PNG under test-artifacts/ for a person to look at."""

import re
import io
import subprocess
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import AccessLogEntry
from inspection import services
from inspection.models import ReportJob
from inspection.reports.board import TIMELINESS_IN_WORDS, BoardReport
from judgements.models import Framework, Source
from judgements.sets import services as judgement_services
from judgements.sets.services import Entry
from lscb.models import (
    AnnualReport, AnnualReportCheck, Board, Challenge, MultiAgencyAudit, PerformanceReport, SafeguardingReview,
    TrainingAttendance, TrainingEvent,
)
# The board's own fixtures (a board, its members, a subgroup, a board member's login) and helpers.
from lscb.tests.conftest import add_member, board, board_member, members, record_meeting, subgroup  # noqa: F401
from pdf_testing import flat, pages_of

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
TODAY = date(2026, 3, 16)  # a Monday: the report covers 17 March 2025 to 16 March 2026
URL = "/reports/board/"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("inspection.views.timezone.localdate", lambda: TODAY)


@pytest.fixture
def busy_board(board, members, subgroup, senior_manager):
    """A year of board business, with a few things from before the year that must stay out."""
    police, health, schools, lay = members["police"], members["health"], members["schools"], members["lay"]
    health.term_end = date(2026, 5, 31)  # ends within three months: flagged
    health.save()
    add_member(board, "Sam Okafor", "Probation", role="Head of service", statutory_partner=True,
               term_start=date(2014, 1, 1), term_end=date(2025, 12, 31))  # the seat is now empty
    # Attendance: police 1 of 2 board meetings, health 1 of 2, schools and the lay member 2 of 2.
    record_meeting(board, date(2024, 12, 2), {police: "absent"})  # before the 12 months
    record_meeting(board, date(2025, 10, 6), {police: "present", health: "apologies", schools: "present",
                                              lay: "deputy"})
    record_meeting(board, date(2026, 1, 12), {police: "absent", health: "present", schools: "present",
                                              lay: "present"})
    record_meeting(board, date(2025, 11, 3), {police: "present", health: "present"}, subgroup=subgroup)
    # Reviews: one published long ago (out), one whose decision was late, one waiting past its
    # decision date, and a practice review whose rapid review was on time.
    SafeguardingReview.objects.create(board=board, reference="SCR 2023/01", kind="serious_case_review",
                                      notified_on=date(2023, 1, 2), decided_on=date(2023, 3, 1),
                                      published_on=date(2024, 1, 5))
    SafeguardingReview.objects.create(
        board=board, reference="Child K", kind="serious_case_review", notified_on=date(2025, 1, 6),
        decided_on=date(2025, 2, 10), criteria_met=True, commissioned_on=date(2025, 2, 20), reviewer="Jane Wiltshire",
        published_on=date(2025, 7, 1),
        learning="Strategy discussions must include health\nSchools should hear of police call-outs the next day",
        dissemination="Seven-minute briefing to 240 practitioners",
    )
    SafeguardingReview.objects.create(board=board, reference="Child Q", kind="serious_case_review",
                                      notified_on=date(2026, 1, 2))
    SafeguardingReview.objects.create(board=board, reference="CSPR 2026/01", kind="practice_review",
                                      incident_known_on=date(2026, 2, 2), notified_on=date(2026, 2, 6),
                                      decided_on=date(2026, 2, 20), criteria_met=True)
    MultiAgencyAudit.objects.create(board=board, title="Neglect: multi-agency case audit", theme="Neglect",
                                    completed_on=date(2025, 11, 20), agencies="Police, health, schools",
                                    cases_audited=12,
                                    findings="Health visitors were not invited to 5 of 12 strategy discussions.")
    MultiAgencyAudit.objects.create(board=board, title="Domestic abuse referrals")  # under way
    MultiAgencyAudit.objects.create(board=board, title="Audit from 2024", completed_on=date(2024, 6, 1))
    cse = TrainingEvent.objects.create(board=board, title="Child sexual exploitation: spotting the signs",
                                       date=date(2025, 9, 10),
                                       evaluation="Referrals naming exploitation rose from 4 to 11 a month.")
    TrainingAttendance.objects.create(event=cse, agency="Police", attended=14)
    TrainingAttendance.objects.create(event=cse, agency="Schools", attended=22)
    toolkit = TrainingEvent.objects.create(board=board, title="Neglect toolkit", date=date(2026, 2, 4))
    TrainingAttendance.objects.create(event=toolkit, agency="Health", attended=9)
    Challenge.objects.create(board=board, raised_on=date(2026, 2, 2), raised_by=lay, agency="Health",
                             issue="Why were health visitors missing from strategy discussions?")
    Challenge.objects.create(board=board, raised_on=date(2025, 4, 1), agency="Police",
                             issue="Police attendance at child protection conferences is low.",
                             response="A named officer for each conference.",
                             outcome="Police now attend every initial child protection conference.",
                             closed_on=date(2025, 6, 2))
    Challenge.objects.create(board=board, raised_on=date(2024, 1, 8), agency="Schools", issue="Closed in 2024",
                             outcome="Done", closed_on=date(2024, 3, 1))
    PerformanceReport.objects.create(board=board, period="Quarter 3 2025 to 2026", received_on=date(2026, 2, 10),
                                     summary="Re-referrals rose to 24%.",
                                     analysis="Asked for an audit of re-referrals.")
    PerformanceReport.objects.create(board=board, period="Quarter 2 2025 to 2026", received_on=date(2025, 11, 12),
                                     summary="Child protection plans up 10%.")
    report = AnnualReport.objects.create(board=board, year="2024 to 2025", year_end=date(2025, 3, 31),
                                         published_on=date(2025, 10, 15), created_by=senior_manager)
    AnnualReportCheck.objects.create(report=report, key="governance", shown=True, note="Part 1")
    AnnualReportCheck.objects.create(report=report, key="voice", shown=False, note="No children's views")
    _sif_set(senior_manager, Source.OFSTED, date(2016, 11, 1), 2, "The independent chair knows partners well.")
    _sif_set(senior_manager, Source.SELF_ASSESSMENT, date(2025, 6, 1), 3, "")  # newer, but not Ofsted's
    return board


def _sif_set(actor, source, judged_on, grade, evidence):
    return judgement_services.judgement_set_create(
        actor=actor, framework=Framework.objects.get(code="sif_2013"), source=source, title=f"SIF {judged_on.year}",
        judged_on=judged_on, entries={"overall": Entry(grade=3), "help_protection": Entry(grade=3),
                                      "looked_after": Entry(grade=3), "leadership": Entry(grade=3),
                                      "lscb": Entry(grade=grade, evidence=evidence)})


@pytest.fixture
def ask_for(client, django_capture_on_commit_callbacks):
    """Ask for the board report, running the job when the request commits."""

    def post():
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("board_report_request"))

    return post


def pdf_of(job: ReportJob) -> bytes:
    with job.file.open("rb") as pdf_file:
        return pdf_file.read()


def section(text: str, start: str, end: str) -> str:
    """The text from one numbered heading to the next, after the contents list (which names
    every heading first)."""
    cover, _, rest = text.partition("Contents")
    if start in cover:
        return cover.split(start, 1)[1]
    body = rest.split(end, 1)[1]  # past the contents list's entry for `end`
    return body.split(start, 1)[1].split(end, 1)[0]


# --- who may ask for it --------------------------------------------------------------------------


def test_the_url_is_the_one_the_dashboard_posts_to(client, board, board_member):
    assert reverse("board_report_request") == URL
    client.force_login(board_member)
    page = client.get(reverse("lscb:dashboard")).content.decode()
    assert f'action="{URL}"' in page and "Print the board report (PDF)" in page


def test_a_signed_out_visitor_is_sent_to_sign_in(client, board):
    response = client.post(URL)
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("fixture_name", ["practitioner", "administrator"])
def test_those_who_do_not_see_the_board_cannot_print_its_report(client, request, board, fixture_name):
    client.force_login(request.getfixturevalue(fixture_name))
    assert client.post(URL).status_code == 403
    assert not ReportJob.objects.exists()


def test_printing_needs_a_post(client, board, board_member):
    client.force_login(board_member)
    assert client.get(URL).status_code == 405
    assert not ReportJob.objects.exists()


def test_without_a_board_there_is_nothing_to_print(client, board_member):
    client.force_login(board_member)
    assert client.post(URL).status_code == 404
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("fixture_name", ["board_member", "elected_member", "senior_manager"])
def test_everyone_who_sees_the_board_can_print_its_report_and_it_is_not_an_export(
    client, request, busy_board, ask_for, fixture_name,
):
    user = request.getfixturevalue(fixture_name)
    client.force_login(user)
    response = ask_for()
    assert response.status_code == 302 and response["Location"] == reverse("report_list")
    job = ReportJob.objects.get()
    assert (job.kind, job.requested_by) == ("board_report", user)
    assert job.parameters == {"board": busy_board.pk, "as_at": "2026-03-16"}
    assert job.status == ReportJob.Status.READY, job.error
    assert job.title == "Report to the board: Northbridge Safeguarding Children Board, 16 March 2026"
    page = client.get(reverse("report_list")).content.decode()
    assert "Report to the board: Northbridge Safeguarding Children Board, 16 March 2026 has been requested" in page
    assert reverse("report_download", args=[job.pk]) in page
    download = client.get(reverse("report_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert not AccessLogEntry.objects.exists()  # no child's details: nothing to log


# --- the PDF -------------------------------------------------------------------------------------


def test_the_pdf_gives_the_chair_the_years_business(client, board_member, busy_board, ask_for, child_a):
    client.force_login(board_member)
    ask_for()
    job = ReportJob.objects.get()
    content = pdf_of(job)
    ARTIFACTS.mkdir(exist_ok=True)  # first, so a person can look at it even when an assertion fails
    pdf_path = ARTIFACTS / "board-report.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
                    str(ARTIFACTS / "board-report-1")], check=True)
    assert (ARTIFACTS / "board-report-1.png").exists()
    pages = pages_of(content)
    text = flat("\n".join(pages))
    # Page 1 is the cover with the summary and the contents, each section listed with its page.
    assert "Contents" in pages[0]
    assert re.search(r"1\. Governance and membership\.+ ?2\b", flat(pages[0]))
    assert "2. Attendance" in pages[0] and "9. Ofsted's judgement of the board" in pages[0]

    assert "Report to the board: Northbridge Safeguarding Children Board, 16 March 2026" in text
    assert "Figures cover the 12 months from 17 March 2025 to 16 March 2026" in text
    assert "OFFICIAL" in text and "OFFICIAL-SENSITIVE" not in text
    for number, page in enumerate(pages, start=1):  # the running footer numbers every page
        assert f"Page {number} of {len(pages)}" in page
    assert len(pages) == job.page_count

    summary = section(text, "Summary", "1. Governance and membership")
    for expected in ("Chair Dr Ann Ellis, independent, chair since September 2013",
                     "Members in post 4: 2 statutory partners, 1 of 2 lay members; 2 vacancies",
                     "Attendance at board meetings 6 of 8 (75%) across 2 meetings",
                     "Multi-agency audits 1 completed in the 12 months; 1 under way",
                     "Reviews 2 in progress; 2 with a deadline missed or overdue",
                     "Multi-agency training 45 people trained at 2 events",
                     "Challenges to agencies 1 open; 1 closed in the 12 months",
                     "Performance data 2 reports received; 1 without the board's analysis",
                     "Latest annual report 2024 to 2025: Published late", "Checklist: 1 of 8 shown",
                     "Ofsted's judgement of the board Good (November 2016)"):
        assert expected in summary, expected

    governance = section(text, "1. Governance and membership", "2. Attendance")
    assert "One place for a lay member: Working Together (2015) expects 2 lay members" in governance
    assert "Probation: no member in post since 31 December 2025." in governance
    assert "Terms ending in the next three months: Ruth Adeyemi (Health), 31 May 2026." in governance
    assert "Mark Doyle Statutory partner Jan 2014 to no end date Learning and improvement" in governance
    assert "Ruth Adeyemi Statutory partner Jan 2014 to May 2026" in governance
    assert "Joan Whitley Lay member Jan 2014 to no end date None" in governance
    assert "Sam Okafor" not in governance  # no longer in post

    attendance = section(text, "2. Attendance", "3. Serious case reviews")
    assert "Police 1 of 2 (50%) 1 of 1 (100%)" in attendance  # the 2024 absence is outside the 12 months
    assert "Schools 2 of 2 (100%) None expected" in attendance
    assert "Lay member 2 of 2 (100%) None expected" in attendance  # a deputy counts as attending
    assert "Learning and improvement 1 meeting 2 of 2 (100%)" in attendance
    assert "Ruth Adeyemi Health 1 of 2 (50%) 1 of 1 (100%)" in attendance

    reviews = section(text, "3. Serious case reviews", "4. Multi-agency audits")
    assert "SCR 2023/01" not in reviews  # published long before the 12 months
    # Each row's first line: the review, the deadline, when it was due and done, and its status in words.
    lines = [line.strip() for page in pages for line in page.splitlines()]
    for expected in ("Child Q: Serious case review. Notified 2 January 2026, awaiting the decision.",
                     "Decision within one month of notification 2 Feb 2026 Not yet Overdue",
                     "Child K: Serious case review. Published 1 July 2025.",
                     "Decision within one month of notification 6 Feb 2025 10 Feb 2025 Late",
                     "Completed and published within six months of the decision 10 Aug 2025 1 Jul 2025 On time",
                     "Notification within 5 working days of becoming aware 9 Feb 2026 6 Feb 2026 On time",
                     "Rapid review within 15 working days of notification 27 Feb 2026 20 Feb 2026 On time",
                     "Completed and published within six months of the decision 20 Aug 2026 Not yet Due"):
        assert expected in lines, expected
    assert "4 working days taken" in reviews and "10 working days taken" in reviews
    assert ("Learning points: • Strategy discussions must include health "
            "• Schools should hear of police call-outs the next day") in reviews
    assert "How the learning was spread: Seven-minute briefing to 240 practitioners" in reviews

    audits = section(text, "4. Multi-agency audits", "5. Multi-agency training")
    assert "Health visitors were not invited to 5 of 12" in audits and "12 cases audited" in audits
    assert "Domestic abuse referrals Under way" in audits and "Audit from 2024" not in audits

    training = section(text, "5. Multi-agency training", "6. Challenge log")
    assert "Schools 22 1" in training and "Police 14 1" in training and "Health 9 1" in training
    assert "Referrals naming exploitation rose from 4 to 11 a month." in training
    assert "Neglect toolkit 4 Feb 2026 9 No evaluation of impact recorded" in training

    challenges = section(text, "6. Challenge log", "7. Performance data")
    assert "Open challenges (1)" in challenges and "Why were health visitors missing from" in challenges
    assert "by Joan Whitley" in challenges and "No response yet" in challenges
    assert "Closed in the 12 months (1)" in challenges
    assert "What changed: Police now attend every initial child protection conference." in challenges
    assert "Closed in 2024" not in challenges

    performance = section(text, "7. Performance data", "8. Annual report")
    assert "Asked for an audit of re-referrals." in performance
    assert "Child protection plans up 10%. No analysis recorded" in performance

    annual = section(text, "8. Annual report", "9. Ofsted's judgement of the board")
    assert "Due 30 September 2025 (6 months after the year ends" in annual
    assert "Published 15 October 2025" in annual and "Timeliness Published late" in annual
    assert "What a good board's annual report shows: 1 of 8" in annual
    assert "The voice of children and young people shaping the board's work No No children's views" in annual

    judgement = text.split("9. Ofsted's judgement of the board", 1)[1]
    assert ("Good The effectiveness of the board, from SIF 2016: Ofsted's report published 1 November 2016. "
            "Ofsted's findings: The independent chair knows partners well." in judgement)
    assert "Requires improvement" not in judgement  # the newer self-assessment is not Ofsted's judgement

    # The board holds no child's details, and its report names none.
    assert "Ava" not in text and "Ahmed" not in text and child_a.local_id not in text
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        first = pdf.pages[0]
        assert first.height > first.width  # portrait A4, as board papers are


def test_a_new_board_with_nothing_recorded_still_prints(client, board, board_member, ask_for):
    client.force_login(board_member)
    ask_for()
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.READY, job.error
    text = flat("\n".join(pages_of(pdf_of(job))))
    for expected in ("Members in post 0: 0 statutory partners, 0 of 2 lay members; 2 vacancies",
                     "2 places for a lay member", "No members are in post.",
                     "No attendance was recorded at any meeting in the 12 months.",
                     "No review was under way or had a step taken in the 12 months.",
                     "No multi-agency audit was under way or completed in the 12 months.",
                     "No multi-agency training was recorded in the 12 months.", "No challenges are open.",
                     "The board received no performance data in the 12 months.", "No annual report is recorded.",
                     "No Ofsted judgement of the board is recorded."):
        assert expected in text, expected


@pytest.mark.parametrize("year_end, published, status, words", [
    (date(2025, 3, 31), date(2025, 9, 30), "On time", "Published on time"),
    (date(2025, 3, 31), date(2025, 10, 1), "Late", "Published late"),
    (date(2025, 3, 31), None, "Overdue", "Not yet published: overdue"),
    (date(2026, 3, 31), None, "Due", "Not yet published (not yet due)"),
])
def test_the_annual_reports_timeliness_is_put_in_words(senior_manager, board, year_end, published, status, words):
    AnnualReport.objects.create(board=board, year="A year", year_end=year_end, published_on=published,
                                created_by=senior_manager)
    job = ReportJob(kind=ReportJob.Kind.BOARD, parameters={"board": board.pk, "as_at": "2026-03-16"},
                    requested_by=senior_manager)
    context = BoardReport().context_for(job)
    assert (context["annual_report"].status, context["annual_report_timeliness"]) == (status, words)
    assert set(TIMELINESS_IN_WORDS) == {"On time", "Late", "Due", "Overdue"}  # every status lscb.rules gives


def test_a_very_long_board_name_is_shortened_and_keeps_the_date(senior_manager):
    board = Board.objects.create(name="N" * 200, chair="Dr Ann Ellis")
    job = services.report_job_request(actor=senior_manager, kind=ReportJob.Kind.BOARD,
                                      parameters={"board": board.pk, "as_at": "2026-03-16"})
    assert len(job.title) == 200
    assert job.title.startswith("Report to the board: NNN") and job.title.endswith("…, 16 March 2026")


def test_a_board_deleted_before_the_job_runs_fails_with_a_reason(senior_manager, board,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = services.report_job_request(actor=senior_manager, kind=ReportJob.Kind.BOARD,
                                          parameters={"board": board.pk, "as_at": "2026-03-16"})
    board.delete()
    services.report_job_run(job_pk=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error == "The safeguarding board is no longer set up, so its report cannot be printed."
