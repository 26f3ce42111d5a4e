"""Bad input to every form of the safeguarding board (property tests, property_testing): the board,
members, subgroups, meetings with everyone's attendance, reviews, multi-agency audits, training,
challenges, performance reports and annual reports with their document. Whatever is typed, the page
answers; a form shown again has saved nothing anywhere; an accepted one saved what was typed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspection.roles import Role
from inspection.tests.test_access_matrix import council  # noqa: F401 - the fixture: two teams, a user per role, records
from lscb.forms import (
    AnnualReportForm, BoardForm, ChallengeForm, MeetingForm, MemberForm, MultiAgencyAuditForm, PerformanceReportForm,
    ReviewForm, SubgroupForm, TrainingEventForm,
)
from lscb.models import (
    AnnualReport, Board, Challenge, Meeting, Member, MultiAgencyAudit, PerformanceReport, SafeguardingReview, Subgroup,
    TrainingEvent,
)
from property_testing import FIRST_CHOICE, FormSpec, exercise

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAYS_AGO = TODAY - timedelta(days=10)
A_DATE = (str(DAYS_AGO.day), str(DAYS_AGO.month), str(DAYS_AGO.year))
AGENCY = {"agency": "spelled as the board already spells the agency, spaces tidied"}


def newest(model):
    return lambda: model.objects.order_by("-pk").first()


def senior(council):
    return council.users[Role.SENIOR_MANAGER.value]


def a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("annual-report.pdf", b"%PDF-1.7\n%the board's annual report\n",
                              content_type="application/pdf")


def test_setting_up_the_board(council):
    exercise(FormSpec(
        "lscb:board_create", BoardForm, lambda: reverse("lscb:board_create"), senior(council),
        good={"name": "Northbridge Safeguarding Children Board", "chair": "Dr Ann Ellis", "annual_report_months": "6"},
        numbers=("annual_report_months",), saved=newest(Board),
    ))


def test_changing_the_boards_details(council):
    board = council.board["board member"].board
    exercise(FormSpec(
        "lscb:board_edit", BoardForm, lambda: reverse("lscb:board_edit"), senior(council),
        numbers=("annual_report_months",), saved=lambda: Board.objects.get(pk=board.pk),
    ))


def test_adding_a_member(council):
    council.board  # noqa: B018
    exercise(FormSpec(
        "lscb:member_create", MemberForm, lambda: reverse("lscb:member_create"), senior(council),
        good={"name": "Priya Shah", "agency": "Health", "term_start": A_DATE}, saved=newest(Member),
        foreign={"user": [str(council.users[Role.BOARD_MEMBER.value].pk)]}, not_round_tripped=AGENCY,
    ))


def test_changing_a_member(council):
    member = council.board["board member"]
    exercise(FormSpec(
        "lscb:member_edit", MemberForm, lambda: reverse("lscb:member_edit", args=[member.pk]), senior(council),
        saved=lambda: Member.objects.get(pk=member.pk), not_round_tripped=AGENCY,
    ))


def test_adding_a_subgroup(council):
    member = council.board["board member"]
    exercise(FormSpec(
        "lscb:subgroup_create", SubgroupForm, lambda: reverse("lscb:subgroup_create"), senior(council),
        good={"name": "Performance and quality assurance", "members": [str(member.pk)]}, saved=newest(Subgroup),
    ))


def test_changing_a_subgroup(council):
    subgroup = council.board["board subgroup"]
    exercise(FormSpec(
        "lscb:subgroup_edit", SubgroupForm, lambda: reverse("lscb:subgroup_edit", args=[subgroup.pk]),
        senior(council), good={"purpose": "Reviews, audits and what the board learns from them"}, saved=lambda: Subgroup.objects.get(pk=subgroup.pk),
    ))


def test_recording_a_meeting(council):
    member = council.board["board member"]
    exercise(FormSpec(
        "lscb:meeting_create", MeetingForm, lambda: reverse("lscb:meeting_create"), senior(council),
        good={"date": A_DATE, "title": "Extraordinary meeting on neglect", f"status_{member.pk}": FIRST_CHOICE},
        saved=newest(Meeting),
    ))


def test_correcting_the_record_of_a_meeting(council):
    meeting = council.board["board meeting"]
    exercise(FormSpec(
        "lscb:meeting_edit", MeetingForm, lambda: reverse("lscb:meeting_edit", args=[meeting.pk]), senior(council),
        saved=lambda: Meeting.objects.get(pk=meeting.pk),
    ))


def test_recording_a_review(council):
    council.board  # noqa: B018
    council.children  # noqa: B018 - children whose names a reference must not contain
    exercise(FormSpec(
        "lscb:review_create", ReviewForm, lambda: reverse("lscb:review_create"), senior(council),
        good={"reference": "Child L", "kind": FIRST_CHOICE, "notified_on": A_DATE}, saved=newest(SafeguardingReview),
        foreign={"reference": ["Ava Ahmed", "Ahmed", "Child Ava"]},
    ))


def test_updating_a_review(council):
    review = council.board["safeguarding review"]
    exercise(FormSpec(
        "lscb:review_edit", ReviewForm, lambda: reverse("lscb:review_edit", args=[review.pk]), senior(council),
        saved=lambda: SafeguardingReview.objects.get(pk=review.pk),
    ))


def test_recording_a_multi_agency_audit(council):
    council.board  # noqa: B018
    exercise(FormSpec(
        "lscb:audit_create", MultiAgencyAuditForm, lambda: reverse("lscb:audit_create"), senior(council),
        good={"title": "Neglect audit", "completed_on": A_DATE, "cases_audited": "12"}, numbers=("cases_audited",),
        saved=newest(MultiAgencyAudit),
    ))


def test_recording_training(council):
    council.board  # noqa: B018
    exercise(FormSpec(
        "lscb:training_create", TrainingEventForm, lambda: reverse("lscb:training_create"), senior(council),
        good={"title": "Neglect toolkit", "date": A_DATE, "other_agency": "Probation", "other_count": "3"},
        numbers=("other_count",), saved=newest(TrainingEvent),
    ))


def test_correcting_a_training_event(council):
    event = council.board["training event"]
    exercise(FormSpec(
        "lscb:training_edit", TrainingEventForm, lambda: reverse("lscb:training_edit", args=[event.pk]),
        senior(council), saved=lambda: TrainingEvent.objects.get(pk=event.pk),
    ))


def test_logging_a_challenge(council):
    member = council.board["board member"]
    exercise(FormSpec(
        "lscb:challenge_create", ChallengeForm, lambda: reverse("lscb:challenge_create"), senior(council),
        good={"raised_on": A_DATE, "raised_by": str(member.pk), "agency": "Health", "issue": "Missing from core groups"},
        saved=newest(Challenge),
    ))


def test_closing_a_challenge(council):
    challenge = council.board["challenge"]
    exercise(FormSpec(
        "lscb:challenge_edit", ChallengeForm, lambda: reverse("lscb:challenge_edit", args=[challenge.pk]),
        senior(council), good={"outcome": "Health visitors attend", "closed_on": A_DATE},
        saved=lambda: Challenge.objects.get(pk=challenge.pk),
    ))


def test_recording_performance_data(council):
    council.board  # noqa: B018
    exercise(FormSpec(
        "lscb:performance_create", PerformanceReportForm, lambda: reverse("lscb:performance_create"), senior(council),
        good={"period": "Quarter 2", "received_on": A_DATE, "summary": "Re-referrals fell to 19%"},
        saved=newest(PerformanceReport),
    ))


def test_recording_an_annual_report(council):
    council.board  # noqa: B018
    exercise(FormSpec(
        "lscb:annual_report_create", AnnualReportForm, lambda: reverse("lscb:annual_report_create"), senior(council),
        good={"year": "2025 to 2026", "year_end": ("31", "3", str(TODAY.year - 1))},
        files={"document": (a_pdf, "annual-report", "pdf")}, saved=newest(AnnualReport),
    ))


def test_updating_an_annual_report(council):
    report = council.board["annual report"]
    exercise(FormSpec(
        "lscb:annual_report_edit", AnnualReportForm, lambda: reverse("lscb:annual_report_edit", args=[report.pk]),
        senior(council), files={"document": (a_pdf, "annual-report", "pdf")},
        good={"published_on": A_DATE}, saved=lambda: AnnualReport.objects.get(pk=report.pk),
    ))
