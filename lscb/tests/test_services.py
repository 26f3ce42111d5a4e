"""The board's writes keep their records whole whatever a form did: every expected member's
attendance, a deputy's name only for a deputy, dates in order, one annual report a year with one
check per line, challenges closed with what changed; the actor is kept in the history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lscb import services
from lscb.models import (
    AnnualReport, AnnualReportCheck, Attendance, Board, Challenge, Meeting, Member, SafeguardingReview, Subgroup,
    TrainingAttendance,
)

from .conftest import add_member

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 10)


def test_the_board_is_set_up_once(senior_manager):
    board = services.board_create(actor=senior_manager, name="Board", chair="Chair", chair_is_independent=True,
                                  chair_since=None, annual_report_months=6)
    assert board.history.get().history_user == senior_manager
    with pytest.raises(ValidationError, match="already set up"):
        services.board_create(actor=senior_manager, name="Another", chair="Chair", chair_is_independent=True,
                              chair_since=None, annual_report_months=6)
    assert Board.objects.count() == 1


def test_a_members_term_cannot_end_before_it_starts(board, senior_manager):
    with pytest.raises(ValidationError):
        services.member_save(actor=senior_manager, board=board, name="A", agency="Police",
                             term_start=date(2026, 1, 1), term_end=date(2025, 12, 31))
    assert not Member.objects.exists()


def test_a_meeting_is_refused_without_every_expected_members_attendance(board, members, senior_manager):
    attendance = {member.pk: ("present", "") for member in members.values()}
    del attendance[members["schools"].pk]
    with pytest.raises(ValidationError) as refused:
        services.meeting_record(actor=senior_manager, board=board, subgroup=None, date=ON, title="", decisions="",
                                attendance=attendance)
    assert refused.value.message_dict == {f"status_{members['schools'].pk}": ["Record whether Ian Pryce attended"]}
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_meeting_is_refused_for_a_deputy_without_a_name_or_a_stranger(board, members, senior_manager):
    stranger = add_member(Board.objects.create(name="Other", chair="X"), "Stranger", "Police")
    attendance = {member.pk: ("present", "") for member in members.values()}
    with pytest.raises(ValidationError, match="deputy"):
        services.meeting_record(actor=senior_manager, board=board, subgroup=None, date=ON, title="", decisions="",
                                attendance={**attendance, members["health"].pk: ("deputy", " ")})
    with pytest.raises(ValidationError, match="not a member on the day"):
        services.meeting_record(actor=senior_manager, board=board, subgroup=None, date=ON, title="", decisions="",
                                attendance={**attendance, stranger.pk: ("present", "")})
    with pytest.raises(ValidationError, match="Record whether"):
        services.meeting_record(actor=senior_manager, board=board, subgroup=None, date=ON, title="", decisions="",
                                attendance={**attendance, members["lay"].pk: ("late", "")})
    assert not Meeting.objects.exists()


def test_a_deputys_name_is_kept_only_for_a_deputy(board, members, senior_manager):
    attendance = {member.pk: ("present", "Should not be kept") for member in members.values()}
    attendance[members["health"].pk] = ("deputy", "Sam Clarke")
    meeting = services.meeting_record(actor=senior_manager, board=board, subgroup=None, date=ON, title="Board",
                                      decisions="", attendance=attendance)
    assert dict(meeting.attendance.values_list("member__name", "deputy")) == {
        "Mark Doyle": "", "Ruth Adeyemi": "Sam Clarke", "Ian Pryce": "", "Joan Whitley": ""}
    assert meeting.history.get().history_user == senior_manager


def test_a_subgroup_of_another_board_is_refused(board, members, senior_manager):
    other = Board.objects.create(name="Other", chair="X")
    group = Subgroup.objects.create(board=other, name="Theirs")
    with pytest.raises(ValidationError, match="another board"):
        services.meeting_record(actor=senior_manager, board=board, subgroup=group, date=ON, title="", decisions="",
                                attendance={})


def test_review_dates_must_follow_one_another(board, senior_manager):
    with pytest.raises(ValidationError, match="must follow one another"):
        services.review_save(actor=senior_manager, board=board, reference="Child K", kind="serious_case_review",
                             notified_on=date(2026, 2, 2), decided_on=date(2026, 1, 30))
    review = services.review_save(actor=senior_manager, board=board, reference="Child K", kind="serious_case_review",
                                  incident_known_on=date(2026, 1, 26), notified_on=date(2026, 1, 30))
    assert review.history.get().history_user == senior_manager
    with pytest.raises(ValidationError, match="kind of review"):
        services.review_save(actor=senior_manager, board=board, review=review, kind="gossip")
    assert SafeguardingReview.objects.get().kind == "serious_case_review"


def test_a_challenge_closes_only_with_what_changed(board, members, senior_manager):
    with pytest.raises(ValidationError):
        services.challenge_save(actor=senior_manager, board=board, raised_on=ON, agency="Police", issue="Why?",
                                closed_on=ON, outcome="  ")
    stranger = add_member(Board.objects.create(name="Other", chair="X"), "Stranger", "Police")
    with pytest.raises(ValidationError):
        services.challenge_save(actor=senior_manager, board=board, raised_on=ON, agency="Police", issue="Why?",
                                raised_by=stranger)
    assert not Challenge.objects.exists()
    closed = services.challenge_save(actor=senior_manager, board=board, raised_on=ON, agency="Police", issue="Why?",
                                     closed_on=ON, outcome="Strategy meetings now include health.")
    assert closed.history.get().history_change_reason == "Closed"


def test_training_attendance_is_replaced_not_added_to(board, senior_manager):
    event = services.training_save(actor=senior_manager, board=board, title="Neglect", date=ON, evaluation="",
                                   attendance={"Police": 4, "Health": 6})
    services.training_save(actor=senior_manager, board=board, event=event, title="Neglect", date=ON, evaluation="",
                           attendance={"Police": 5, "Schools": 0})
    assert dict(TrainingAttendance.objects.values_list("agency", "attended")) == {"Police": 5}
    with pytest.raises(ValidationError):
        services.training_save(actor=senior_manager, board=board, event=event, title="Neglect", date=ON, evaluation="",
                               attendance={"Police": -1})
    assert dict(TrainingAttendance.objects.values_list("agency", "attended")) == {"Police": 5}


def test_an_annual_report_has_one_check_per_line_and_one_report_a_year(board, senior_manager, auditor):
    report = services.annual_report_save(actor=senior_manager, board=board, year="2025 to 2026",
                                         year_end=date(2026, 3, 31), published_on=None,
                                         checks={"data": (True, "Part 3")})
    assert report.created_by == senior_manager and report.checks.count() == 8
    services.annual_report_save(actor=senior_manager, board=board, report=report, year="2025 to 2026",
                                year_end=date(2026, 3, 31), published_on=date(2026, 9, 1),
                                checks={"data": (False, "Moved"), "voice": (True, "Part 5")})
    assert AnnualReportCheck.objects.count() == 8
    assert dict(report.checks.filter(shown=True).values_list("key", "note")) == {"voice": "Part 5"}
    with pytest.raises(ValidationError, match="already an annual report"):
        services.annual_report_save(actor=auditor, board=board, year="Again", year_end=date(2026, 3, 31),
                                    published_on=None, checks={})
    with pytest.raises(ValidationError, match="no such line"):
        services.annual_report_save(actor=senior_manager, board=board, year="2026 to 2027", year_end=date(2027, 3, 31),
                                    published_on=None, checks={"gossip": (True, "")})
    assert AnnualReport.objects.count() == 1
