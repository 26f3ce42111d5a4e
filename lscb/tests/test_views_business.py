"""The board's business pages: reviews with their deadlines in words and working days, the link
to an action plan, multi-agency audits, training by agency, the challenge log, performance data,
annual reports with timeliness, checklist and document, and Ofsted's judgement of the board."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from judgements.grades import Grade
from judgements.models import Framework, JudgementSet, Source
from judgements.sets import services as judgement_services
from judgements.sets.services import Entry
from lscb.forms import TrainingEventForm
from lscb.models import (
    AnnualReport, AnnualReportCheck, Challenge, MultiAgencyAudit, PerformanceReport, SafeguardingReview,
    TrainingAttendance, TrainingEvent,
)
from lscb.rules import ANNUAL_REPORT_CHECKLIST

from .conftest import add_member

pytestmark = pytest.mark.django_db

ROOT = "/safeguarding-board/"


def day(value: date | None, name: str) -> dict:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


# --- reviews


def _review_form(**dates) -> dict:
    data = {"reference": "Child K", "kind": "serious_case_review", "criteria_met": "", "reviewer": "",
            "learning": "", "dissemination": ""}
    for name in ("incident_known_on", "notified_on", "decided_on", "commissioned_on", "published_on"):
        data.update(day(dates.get(name), name))
    return data


def test_recording_a_serious_case_review_shows_its_deadlines_in_words(client, board, senior_manager):
    client.force_login(senior_manager)
    # Aware on Monday 5 January 2026, notified on Monday 12 January (5 working days: on time);
    # the decision was due a month later, 12 February, and came on 16 February (late).
    response = client.post(ROOT + "reviews/new/", {
        **_review_form(incident_known_on=date(2026, 1, 5), notified_on=date(2026, 1, 12), decided_on=date(2026, 2, 16)),
        "criteria_met": "True", "learning": "Hear the child's voice\nShare information early",
        "dissemination": "Seven-minute briefing to all agencies",
    })
    review = SafeguardingReview.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{ROOT}reviews/{review.pk}/"
    assert review.criteria_met is True and review.history.get().history_user == senior_manager
    page = client.get(response["Location"]).content.decode()
    assert "Notification within 5 working days of becoming aware" in page and "5 working days taken" in page
    assert "On time</strong>" in page and "Late</strong>" in page
    assert "Completed and published within six months of the decision" in page and "16 Aug 2026" in page
    assert '<li>Hear the child&#x27;s voice</li>' in page and "Seven-minute briefing" in page


def test_a_practice_reviews_rapid_review_counts_working_days(client, board, board_member):
    # Notified on Tuesday 30 December 2025: 15 working days, over New Year's Day, is 21 January 2026.
    review = SafeguardingReview.objects.create(board=board, reference="CSPR 2025/04", kind="practice_review",
                                               notified_on=date(2025, 12, 30), decided_on=date(2026, 1, 22))
    client.force_login(board_member)
    response = client.get(f"{ROOT}reviews/{review.pk}/")
    [rapid, completion] = response.context["review"].rows
    assert rapid.what == "Rapid review within 15 working days of notification"
    assert (rapid.status, rapid.working_days) == ("Late", 16)
    assert completion.working_days is None  # measured in months, not working days
    assert "16 working days taken" in response.content.decode()


def test_an_overdue_deadline_counts_working_days_so_far(client, board, board_member):
    today = timezone.localdate()
    SafeguardingReview.objects.create(board=board, reference="Child M", kind="serious_case_review",
                                      incident_known_on=today - timedelta(days=60))
    client.force_login(board_member)
    page = client.get(ROOT + "reviews/").content.decode()
    assert "Overdue</strong> Notification within 5 working days" in page
    detail = client.get(f"{ROOT}reviews/{SafeguardingReview.objects.get().pk}/").content.decode()
    assert "working days so far" in detail


@pytest.mark.parametrize(("dates", "field", "message"), [
    ({"notified_on": date(2026, 2, 2), "decided_on": date(2026, 1, 30)}, "decided_on",
     "The decision must be on or after the notification"),
    ({"incident_known_on": date(2026, 2, 2), "notified_on": date(2026, 1, 30)}, "notified_on",
     "The notification must be on or after the date the council became aware"),
    ({"notified_on": date(2026, 1, 5), "decided_on": date(2026, 1, 30), "published_on": date(2026, 1, 20)},
     "published_on", "The review must be published on or after the decision"),
    ({"decided_on": date(2026, 1, 30)}, "notified_on", "Enter the date of the notification"),
    ({"notified_on": date(2099, 1, 5)}, "notified_on", "The date must be today or in the past"),
])
def test_a_review_with_dates_out_of_order_is_shown_back_and_not_saved(client, board, senior_manager, dates, field,
                                                                      message):
    client.force_login(senior_manager)
    response = client.post(ROOT + "reviews/new/", _review_form(**dates))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert message in response.content.decode() and "<title>Error: " in response.content.decode()
    assert not SafeguardingReview.objects.exists()


def test_a_review_reference_may_not_name_a_child(client, board, senior_manager, child_a):
    client.force_login(senior_manager)
    response = client.post(ROOT + "reviews/new/", {**_review_form(), "reference": f"SCR {child_a.first_name} {child_a.last_name}"})
    assert "The reference contains a child&#x27;s name" in response.content.decode()
    assert not SafeguardingReview.objects.exists()
    assert client.post(ROOT + "reviews/new/", {**_review_form(), "reference": "Child A"}).status_code == 302


def test_updating_a_review_records_its_publication(client, board, senior_manager):
    review = SafeguardingReview.objects.create(board=board, reference="Child K", kind="serious_case_review",
                                               notified_on=date(2026, 1, 12), decided_on=date(2026, 2, 2))
    client.force_login(senior_manager)
    response = client.post(f"{ROOT}reviews/{review.pk}/edit/", _review_form(
        notified_on=date(2026, 1, 12), decided_on=date(2026, 2, 2), commissioned_on=date(2026, 2, 20),
        published_on=date(2026, 7, 31)))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.published_on == date(2026, 7, 31)
    assert [deadline.status(date(2026, 8, 1)) for deadline in review.deadlines()] == ["On time", "On time"]


def test_the_action_plan_link_follows_the_action_plans_page(client, board, senior_manager, board_member):
    review = SafeguardingReview.objects.create(board=board, reference="Child K", kind="serious_case_review")
    client.force_login(senior_manager)
    page = client.get(f"{ROOT}reviews/{review.pk}/").content.decode()
    try:
        plan_create = reverse("actionplans:plan_create")
    except NoReverseMatch:  # the action plans pages are not in this tree yet: no link to nowhere
        assert "Turn the recommendations into an action plan" not in page
    else:
        assert f'href="{plan_create}?source=safeguarding_board">Turn the recommendations into an action plan</a>' in page
    client.force_login(board_member)
    assert "action plan" not in client.get(f"{ROOT}reviews/{review.pk}/").content.decode()


# --- audits, training, challenge, performance data

count = TrainingEventForm.count_field


def test_a_multi_agency_audit_is_added_and_changed(client, board, senior_manager, board_member):
    client.force_login(senior_manager)
    data = {"title": "Neglect: multi-agency audit", "theme": "Neglect", **day(date(2026, 3, 20), "completed_on"),
            "agencies": "Police, Health, Schools", "cases_audited": "12", "findings": "Chronologies rarely shared."}
    assert client.post(ROOT + "audits/new/", data).status_code == 302
    audit = MultiAgencyAudit.objects.get()
    assert (audit.cases_audited, audit.completed_on) == (12, date(2026, 3, 20))
    assert client.post(f"{ROOT}audits/{audit.pk}/edit/", {**data, "cases_audited": "14"}).status_code == 302
    audit.refresh_from_db()
    assert audit.cases_audited == 14 and audit.history.count() == 2
    client.force_login(board_member)
    assert "Chronologies rarely shared." in client.get(ROOT + "audits/").content.decode()


def test_a_training_event_records_attendance_by_agency(client, board, members, senior_manager):
    client.force_login(senior_manager)
    page = client.get(ROOT + "training/new/").content.decode()
    for agency in ["Health", "Lay member", "Police", "Schools"]:
        assert f'name="{count(agency)}"' in page
    on = timezone.localdate() - timedelta(days=14)
    data = {"title": "Neglect toolkit", **day(on, "date"), "evaluation": "Referrals now cite the toolkit.",
            count("Health"): "9", count("Lay member"): "", count("Police"): "14", count("Schools"): "0",
            "other_agency": "Housing", "other_count": "3"}
    assert client.post(ROOT + "training/new/", data).status_code == 302
    event = TrainingEvent.objects.get()
    assert dict(event.attendance.values_list("agency", "attended")) == {"Health": 9, "Police": 14, "Housing": 3}
    # Changing it keeps one count per agency; an agency left blank has nobody.
    data.update({count("Health"): "", "other_agency": "", "other_count": ""})
    page = client.get(f"{ROOT}training/{event.pk}/edit/").content.decode()
    assert f'name="{count("Housing")}"' in page  # an agency outside the board keeps its own line
    data[count("Housing")] = "3"
    assert client.post(f"{ROOT}training/{event.pk}/edit/", data).status_code == 302
    assert dict(event.attendance.values_list("agency", "attended")) == {"Police": 14, "Housing": 3}


@pytest.mark.parametrize(("changes", "message"), [
    ({"other_agency": "Housing"}, "Enter how many came from Housing"),
    ({"other_count": "4"}, "Enter the name of the other agency"),
    ({"other_agency": "police", "other_count": "4"}, "police is listed above"),
    ({count("Health"): "-2"}, "Enter a number of people, 0 or more"),
    ({count("Health"): "a dozen"}, "Enter a whole number, like 12"),
    ({"title": ""}, "This field is required"),
])
def test_a_bad_training_event_is_shown_back_and_not_saved(client, board, members, senior_manager, changes, message):
    client.force_login(senior_manager)
    data = {"title": "Neglect toolkit", **day(timezone.localdate(), "date"), "evaluation": "", count("Police"): "5",
            "other_agency": "", "other_count": ""}
    data.update(changes)
    response = client.post(ROOT + "training/new/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not TrainingEvent.objects.exists() and not TrainingAttendance.objects.exists()


def test_the_challenge_log_keeps_open_and_closed_apart(client, board, members, senior_manager, board_member):
    client.force_login(senior_manager)
    raised = timezone.localdate() - timedelta(days=30)
    data = {**day(raised, "raised_on"), "raised_by": members["lay"].pk, "agency": "Health",
            "issue": "Health visitors missing from core groups", "response": "", "outcome": "", **day(None, "closed_on")}
    assert client.post(ROOT + "challenges/new/", data).status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.raised_by == members["lay"] and challenge.closed_on is None
    # Closing needs what changed.
    closing = {**data, **day(timezone.localdate(), "closed_on")}
    response = client.post(f"{ROOT}challenges/{challenge.pk}/edit/", closing)
    assert "Say what changed before closing the challenge" in response.content.decode()
    assert Challenge.objects.get().closed_on is None
    closing["outcome"] = "Attendance at core groups rose to 90%."
    assert client.post(f"{ROOT}challenges/{challenge.pk}/edit/", closing).status_code == 302
    client.force_login(board_member)
    response = client.get(ROOT + "challenges/")
    assert response.context["open"] == [] and response.context["closed"] == [Challenge.objects.get()]
    assert "Attendance at core groups rose to 90%." in response.content.decode()


def test_a_challenge_cannot_close_before_it_was_raised(client, board, senior_manager):
    client.force_login(senior_manager)
    data = {**day(date(2026, 3, 2), "raised_on"), "raised_by": "", "agency": "Police", "issue": "Slow strategy meetings",
            "response": "", "outcome": "Faster", **day(date(2026, 3, 1), "closed_on")}
    response = client.post(ROOT + "challenges/new/", data)
    assert "The challenge must be closed on or after it was raised" in response.content.decode()
    assert not Challenge.objects.exists()


def test_performance_data_is_recorded_with_the_boards_analysis(client, board, senior_manager, board_member):
    client.force_login(senior_manager)
    data = {"period": "Quarter 2, 2026 to 2027", **day(date(2026, 10, 15), "received_on"),
            "summary": "Re-referrals within 12 months rose to 24%.", "analysis": ""}
    assert client.post(ROOT + "performance/new/", data).status_code == 302
    client.force_login(board_member)
    page = client.get(ROOT + "performance/").content.decode()
    assert "Re-referrals within 12 months rose to 24%." in page and "Not analysed yet" in page
    assert PerformanceReport.objects.get().received_on == date(2026, 10, 15)


# --- annual reports


def _annual_form(**changes) -> dict:
    data = {"year": "2025 to 2026", **day(date(2026, 3, 31), "year_end"), **day(date(2026, 9, 30), "published_on")}
    for key, _ in ANNUAL_REPORT_CHECKLIST:
        data[f"note_{key}"] = ""
    data.update({"shown_governance": "on", "note_governance": "Section 2", "shown_data": "on",
                 "note_voice": "Missing: nothing from the children in care council"})
    data.update(changes)
    return data


def test_an_annual_report_is_recorded_with_its_checklist_timeliness_and_document(client, board, senior_manager,
                                                                                 board_member):
    client.force_login(senior_manager)
    document = SimpleUploadedFile("annual-report.pdf", b"%PDF-1.4 the report", content_type="application/pdf")
    response = client.post(ROOT + "annual-reports/new/", {**_annual_form(), "document": document})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{ROOT}annual-reports/{report.pk}/"
    assert report.created_by == senior_manager and report.checks.count() == len(ANNUAL_REPORT_CHECKLIST)
    assert set(report.checks.filter(shown=True).values_list("key", flat=True)) == {"governance", "data"}
    assert AnnualReportCheck.objects.get(report=report, key="voice").note.startswith("Missing")
    client.force_login(board_member)
    page = client.get(response["Location"]).content.decode()
    assert "On time</strong>" in page and "30 September 2026" in page  # six months after 31 March
    assert "2 of 8 shown" in page and page.count(">Not shown</strong>") == 6
    download = client.get(f"{ROOT}annual-reports/{report.pk}/document/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 the report"


def test_a_late_annual_report_says_so(client, board, senior_manager):
    client.force_login(senior_manager)
    client.post(ROOT + "annual-reports/new/", _annual_form(**day(date(2026, 10, 1), "published_on")))
    response = client.get(ROOT + "annual-reports/")
    [report] = response.context["reports"]
    assert report.status == "Late" and "Late</strong>" in response.content.decode()


@pytest.mark.parametrize(("changes", "message"), [
    ({**day(date(2026, 3, 1), "published_on")}, "The report must be published after the year it covers ends"),
    ({"document": SimpleUploadedFile("report.docx", b"PK", content_type="application/msword")}, "The selected file must be a PDF"),
    ({"document": SimpleUploadedFile("report.pdf", b"<html>", content_type="application/pdf")}, "The selected file must be a PDF"),
    ({"year": ""}, "This field is required"),
])
def test_a_bad_annual_report_is_shown_back_and_not_saved(client, board, senior_manager, changes, message):
    client.force_login(senior_manager)
    response = client.post(ROOT + "annual-reports/new/", _annual_form(**changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert not AnnualReport.objects.exists() and not AnnualReportCheck.objects.exists()


def test_one_annual_report_a_year(client, board, senior_manager):
    AnnualReport.objects.create(board=board, year="2025 to 2026", year_end=date(2026, 3, 31), created_by=senior_manager)
    client.force_login(senior_manager)
    response = client.post(ROOT + "annual-reports/new/", _annual_form())
    assert "There is already an annual report for the year ending on that date" in response.content.decode()
    assert AnnualReport.objects.count() == 1


def test_updating_an_annual_report_keeps_one_check_per_line(client, board, senior_manager):
    client.force_login(senior_manager)
    client.post(ROOT + "annual-reports/new/", _annual_form())
    report = AnnualReport.objects.get()
    page = client.get(f"{ROOT}annual-reports/{report.pk}/edit/").content.decode()
    assert "Section 2" in page
    assert client.post(f"{ROOT}annual-reports/{report.pk}/edit/", _annual_form(shown_voice="on")).status_code == 302
    assert AnnualReportCheck.objects.filter(report=report).count() == 8
    assert set(report.checks.filter(shown=True).values_list("key", flat=True)) == {"governance", "data", "voice"}


# --- Ofsted's judgement of the board


def _judge(actor, judged_on: date, grade: int, source=Source.OFSTED, title="Ofsted SIF inspection"):
    return judgement_services.judgement_set_create(
        actor=actor, framework=Framework.objects.get(code="sif_2013"), source=source, title=title, judged_on=judged_on,
        entries={"overall": Entry(grade=Grade.REQUIRES_IMPROVEMENT), "help_protection": Entry(grade=3),
                 "looked_after": Entry(grade=3), "leadership": Entry(grade=3),
                 "lscb": Entry(grade=grade, evidence="Annual report late; strong challenge culture.")},
    )


def test_the_board_sees_its_latest_judgement(client, board, senior_manager, board_member):
    _judge(senior_manager, date(2014, 6, 30), Grade.REQUIRES_IMPROVEMENT)
    latest = _judge(senior_manager, date(2016, 11, 1), Grade.GOOD, source=Source.MOCK, title="Mock inspection 2016")
    client.force_login(board_member)
    response = client.get(ROOT + "ofsted-review/")
    assert [judgement.judgement_set for judgement in response.context["judgements"]][0] == latest
    page = response.content.decode()
    assert page.index("Good") < page.index("Requires improvement")
    assert "Annual report late; strong challenge culture." in page and "Mock inspection" in page
    assert f"/judgements/{latest.pk}/" not in page  # board members cannot open judgement sets
    assert "Record a judgement" not in page
    dashboard = client.get(ROOT).content.decode()
    assert "Mock inspection 2016, 1 November 2016" in dashboard


def test_senior_managers_can_record_a_judgement_of_the_board(client, board, senior_manager):
    _judge(senior_manager, date(2014, 6, 30), Grade.REQUIRES_IMPROVEMENT)
    client.force_login(senior_manager)
    page = client.get(ROOT + "ofsted-review/").content.decode()
    assert f'href="{reverse("judgements:set_create")}?framework=sif_2013&amp;source=ofsted"' in page
    form = client.get(f'{reverse("judgements:set_create")}?framework=sif_2013&source=ofsted').content.decode()
    assert "The effectiveness of the Local Safeguarding Children Board" in form and 'name="grade_lscb"' in form
    assert f'/judgements/{JudgementSet.objects.get().pk}/' in page


# --- query counts


def _add_business(board, senior_manager, number: int):
    today = timezone.localdate()
    SafeguardingReview.objects.create(board=board, reference=f"Child {number}", kind="serious_case_review",
                                      incident_known_on=today - timedelta(days=90 + number),
                                      notified_on=today - timedelta(days=80 + number))
    event = TrainingEvent.objects.create(board=board, title=f"Course {number}", date=today - timedelta(days=number))
    TrainingAttendance.objects.create(event=event, agency=f"Agency {number % 4}", attended=number + 1)
    Challenge.objects.create(board=board, raised_on=today - timedelta(days=number), agency="Police", issue="Why?",
                             raised_by=add_member(board, f"Raiser {number}", "Police"))
    MultiAgencyAudit.objects.create(board=board, title=f"Audit {number}")
    PerformanceReport.objects.create(board=board, period=f"Q{number}", received_on=today, summary="Figures")
    report = AnnualReport.objects.create(board=board, year=f"{2000 + number}", year_end=date(2000 + number, 3, 31),
                                         created_by=senior_manager)
    AnnualReportCheck.objects.create(report=report, key="data", shown=True)


@pytest.mark.parametrize("path", ["", "reviews/", "audits/", "training/", "challenges/", "performance/",
                                  "annual-reports/", "ofsted-review/"])
def test_business_pages_take_the_same_number_of_queries_however_much_is_recorded(client, board, senior_manager,
                                                                                board_member, path):
    _add_business(board, senior_manager, 1)
    client.force_login(board_member)
    client.get(ROOT + path)
    with CaptureQueriesContext(connection) as few:
        assert client.get(ROOT + path).status_code == 200
    for number in range(2, 20):
        _add_business(board, senior_manager, number)
    with CaptureQueriesContext(connection) as many:
        assert client.get(ROOT + path).status_code == 200
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
