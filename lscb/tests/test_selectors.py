"""The board's figures on hand-built data, to the exact number: attendance rates by agency, member
and subgroup over the last twelve months (its edges included), who is expected at a meeting,
deadlines with working days, training by agency, the challenge log, the checklist score, the
latest judgement and the dashboard, in a fixed number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from judgements.models import Framework, Source
from judgements.sets import services as judgement_services
from judgements.sets.services import Entry
from lscb import selectors
from lscb.models import (
    AnnualReport, AnnualReportCheck, Challenge, MultiAgencyAudit, SafeguardingReview, TrainingAttendance, TrainingEvent,
)

from .conftest import add_member, record_meeting

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 16)  # a Monday


def test_the_last_twelve_months_include_today_and_stop_a_year_back():
    period = selectors.last_twelve_months(TODAY)
    assert (period.start, period.end) == (date(2025, 3, 17), TODAY)
    assert str(period) == "17 March 2025 to 16 March 2026"


def test_attendance_rates_by_agency_member_and_subgroup(board, members, subgroup):
    police, health, schools, lay = members["police"], members["health"], members["schools"], members["lay"]
    record_meeting(board, date(2025, 3, 17), {police: "present", health: "deputy", schools: "apologies", lay: "absent"})
    record_meeting(board, date(2025, 9, 1), {police: "apologies", health: "present", schools: "present", lay: "present"})
    record_meeting(board, TODAY, {police: "present", health: "present", schools: "absent", lay: "deputy"})
    record_meeting(board, date(2025, 3, 16), {police: "absent", health: "absent", schools: "absent", lay: "absent"})
    record_meeting(board, date(2025, 6, 2), {police: "present", health: "apologies"}, subgroup=subgroup)
    record_meeting(board, date(2025, 12, 1), {police: "deputy", health: "absent"}, subgroup=subgroup)
    rates = selectors.attendance_rates(board=board, today=TODAY)
    assert (rates.board_meetings, rates.subgroup_meetings) == (3, 2)  # 16 March 2025 is outside the year
    assert (rates.board.attended, rates.board.expected, rates.board.percent) == (8, 12, 67)
    by_agency = {row.label: (row.board.attended, row.board.expected, row.subgroups.attended, row.subgroups.expected)
                 for row in rates.by_agency}
    assert by_agency == {"Health": (3, 3, 0, 2), "Lay member": (2, 3, 0, 0), "Police": (2, 3, 2, 2),
                         "Schools": (1, 3, 0, 0)}
    assert [row.label for row in rates.by_agency] == ["Health", "Lay member", "Police", "Schools"]
    by_member = {row.label: (row.detail, row.board.percent, row.subgroups.percent) for row in rates.by_member}
    assert by_member == {"Ruth Adeyemi": ("Health", 100, 0), "Joan Whitley": ("Lay member", 67, None),
                         "Mark Doyle": ("Police", 67, 100), "Ian Pryce": ("Schools", 33, None)}
    [group] = rates.by_subgroup
    assert (group.label, group.detail, group.subgroups.attended, group.subgroups.expected) == (
        "Learning and improvement", "2 meetings", 2, 4)


def test_attendance_rates_of_a_board_with_no_meetings(board, members):
    rates = selectors.attendance_rates(board=board, today=TODAY)
    assert rates.board.value is None and rates.board.percent is None and rates.by_agency == []


def test_who_is_expected_at_a_meeting_follows_their_terms(board, members, subgroup):
    leaver = add_member(board, "Carol Finch", "Probation", term_start=date(2014, 1, 1), term_end=date(2026, 1, 31))
    joiner = add_member(board, "Dev Patel", "Probation", term_start=date(2026, 2, 1))
    on_last_day = selectors.members_for_meeting(board=board, subgroup=None, on=date(2026, 1, 31))
    assert leaver in on_last_day and joiner not in on_last_day
    on_first_day = selectors.members_for_meeting(board=board, subgroup=None, on=date(2026, 2, 1))
    assert leaver not in on_first_day and joiner in on_first_day
    assert [m.name for m in on_first_day] == ["Ruth Adeyemi", "Joan Whitley", "Mark Doyle", "Dev Patel", "Ian Pryce"]
    assert set(selectors.members_for_meeting(board=board, subgroup=subgroup, on=TODAY)) == {members["police"],
                                                                                            members["health"]}
    # Correcting an old meeting still lists whoever was recorded at it.
    meeting = record_meeting(board, date(2026, 1, 10), {leaver: "present"})
    assert leaver in selectors.members_for_meeting(board=board, subgroup=None, on=TODAY, meeting=meeting)


def test_review_deadlines_carry_status_and_working_days(board):
    # Aware Monday 22 December 2025; notified Wednesday 31 December: 5 working days (23, 24, 29,
    # 30, 31 December), on time. Rapid review not done by 16 March 2026: overdue since 22 January.
    review = SafeguardingReview.objects.create(board=board, reference="Child P", kind="practice_review",
                                               incident_known_on=date(2025, 12, 22), notified_on=date(2025, 12, 31))
    [row] = [r for r in selectors.reviews(board=board, today=TODAY) if r.pk == review.pk]
    notification, rapid = row.rows
    assert (notification.status, notification.working_days, notification.needs_attention) == ("On time", 5, False)
    assert (rapid.deadline.due, rapid.status, rapid.needs_attention) == (date(2026, 1, 22), "Overdue", True)
    assert rapid.working_days == 52  # 1 January 2026 to 16 March 2026, less weekends and New Year's Day
    assert row.attention == [rapid]


def test_every_working_day_rule_is_known_to_the_selectors():
    """If a rule's wording changes in rules.py, the working days would silently stop showing."""
    from lscb.rules import ReviewKind, review_deadlines

    deadlines = review_deadlines(ReviewKind.PRACTICE_REVIEW, incident_known=date(2026, 1, 5), notified=date(2026, 1, 6),
                                 decided=None, published=None)
    assert [deadline.what in selectors.WORKING_DAY_RULES for deadline in deadlines] == [True, True]


def test_training_by_agency_adds_up_people_and_events_in_the_period(board):
    period = selectors.last_twelve_months(TODAY)
    for title, on, counts in [("Neglect", date(2025, 4, 1), {"Police": 5, "Health": 7}),
                              ("CSE", date(2026, 1, 12), {"Police": 9, "Schools": 7}),
                              ("Old", date(2025, 3, 1), {"Police": 100})]:
        event = TrainingEvent.objects.create(board=board, title=title, date=on)
        for agency, count in counts.items():
            TrainingAttendance.objects.create(event=event, agency=agency, attended=count)
    rows, events = selectors.training_by_agency(board=board, period=period)
    assert [(row.agency, row.people, row.events) for row in rows] == [("Police", 14, 2), ("Health", 7, 1),
                                                                      ("Schools", 7, 1)]
    assert events == 2


def test_the_challenge_log_puts_the_longest_waiting_first(board, members):
    newer = Challenge.objects.create(board=board, raised_on=date(2026, 2, 1), agency="Health", issue="B")
    older = Challenge.objects.create(board=board, raised_on=date(2025, 11, 1), agency="Police", issue="A")
    closed = Challenge.objects.create(board=board, raised_on=date(2025, 5, 1), agency="Schools", issue="C",
                                      outcome="Fixed", closed_on=date(2025, 8, 1))
    open_, done = selectors.challenges(board=board)
    assert open_ == [older, newer] and done == [closed]


def test_the_checklist_counts_unrecorded_lines_as_not_shown(board, senior_manager):
    report = AnnualReport.objects.create(board=board, year="2024 to 2025", year_end=date(2025, 3, 31),
                                         published_on=date(2025, 10, 15), created_by=senior_manager)
    AnnualReportCheck.objects.create(report=report, key="governance", shown=True, note="Part 1")
    AnnualReportCheck.objects.create(report=report, key="voice", shown=False, note="Missing")
    [decorated] = selectors.annual_reports(board=board, today=TODAY)
    assert decorated.shown_count == 1 and len(decorated.lines) == 8
    assert [line.key for line in decorated.lines][:2] == ["governance", "data"]
    assert decorated.lines[5].note == "Missing" and decorated.status == "Late"  # due 30 September 2025


def test_a_reference_naming_a_child_is_spotted(senior_manager, child_a, practitioner_b):
    assert selectors.reference_names_a_child(user=senior_manager, reference="SCR Ava Ahmed 2026")
    assert selectors.reference_names_a_child(user=senior_manager, reference="ava ahmed")
    assert not selectors.reference_names_a_child(user=senior_manager, reference="Child A")
    assert not selectors.reference_names_a_child(user=senior_manager, reference="Ahmed Ava")
    assert not selectors.reference_names_a_child(user=senior_manager, reference="Ava")


def _sif_set(actor, judged_on, grade):
    return judgement_services.judgement_set_create(
        actor=actor, framework=Framework.objects.get(code="sif_2013"), source=Source.OFSTED, title=f"SIF {judged_on.year}",
        judged_on=judged_on, entries={"overall": Entry(grade=3), "help_protection": Entry(grade=3),
                                      "looked_after": Entry(grade=3), "leadership": Entry(grade=3),
                                      "lscb": Entry(grade=grade)})


def _busy_board(board, members, subgroup, senior_manager, number: int) -> None:
    everyone = {member: "present" for member in members.values()}
    record_meeting(board, date(2025, 4, 1 + number), everyone)
    record_meeting(board, date(2025, 5, 1 + number), {members["police"]: "deputy"}, subgroup=subgroup)
    SafeguardingReview.objects.create(board=board, reference=f"Child {number}", kind="serious_case_review",
                                      notified_on=date(2025, 6, 1 + number))
    Challenge.objects.create(board=board, raised_on=date(2025, 7, 1 + number), agency="Police", issue="Why?",
                             raised_by=members["lay"])
    event = TrainingEvent.objects.create(board=board, title=f"Course {number}", date=date(2025, 8, 1 + number))
    TrainingAttendance.objects.create(event=event, agency=f"Agency {number}", attended=3)
    report = AnnualReport.objects.create(board=board, year=str(number), year_end=date(2000 + number, 3, 31),
                                         created_by=senior_manager)
    AnnualReportCheck.objects.create(report=report, key="data", shown=True)
    _sif_set(senior_manager, date(2014, 1, 1 + number), 2)


def test_the_dashboard_figures(board, members, subgroup, senior_manager, board_member):
    members["police"].user = board_member
    members["police"].save()
    police, health = members["police"], members["health"]
    record_meeting(board, date(2025, 10, 6), {police: "present", health: "apologies"})
    record_meeting(board, date(2026, 1, 12), {police: "absent", health: "present"})
    # Published long ago, late: not on the dashboard. Published late within the year, and one
    # still waiting for its decision: both are.
    SafeguardingReview.objects.create(board=board, reference="Old", kind="serious_case_review",
                                      notified_on=date(2023, 1, 2), decided_on=date(2023, 3, 1),
                                      published_on=date(2024, 1, 5))
    late = SafeguardingReview.objects.create(board=board, reference="Child K", kind="serious_case_review",
                                             notified_on=date(2025, 1, 6), decided_on=date(2025, 2, 10),
                                             published_on=date(2025, 7, 1))
    SafeguardingReview.objects.create(board=board, reference="Child P", kind="serious_case_review",
                                      notified_on=date(2026, 3, 2))  # decision due 2 April: not late
    overdue = SafeguardingReview.objects.create(board=board, reference="Child Q", kind="serious_case_review",
                                                notified_on=date(2026, 1, 2))
    Challenge.objects.create(board=board, raised_on=date(2025, 4, 1), agency="Police", issue="A",
                             outcome="Done", closed_on=date(2025, 6, 1))
    Challenge.objects.create(board=board, raised_on=date(2024, 4, 1), agency="Police", issue="B",
                             outcome="Done", closed_on=date(2024, 6, 1))
    still_open = Challenge.objects.create(board=board, raised_on=date(2026, 2, 1), agency="Health", issue="C")
    AnnualReport.objects.create(board=board, year="2023 to 2024", year_end=date(2024, 3, 31), created_by=senior_manager)
    latest = AnnualReport.objects.create(board=board, year="2024 to 2025", year_end=date(2025, 3, 31),
                                         published_on=date(2025, 9, 30), created_by=senior_manager)
    AnnualReportCheck.objects.create(report=latest, key="data", shown=True)
    _sif_set(senior_manager, date(2014, 6, 30), 3)
    newest = _sif_set(senior_manager, date(2016, 11, 1), 2)

    figures = selectors.dashboard(board=board, today=TODAY, user=board_member)
    assert (figures.attendance.board.attended, figures.attendance.board.expected) == (2, 4)
    assert figures.reviews_needing_attention == [overdue, late]  # newest notification first
    assert [row.status for row in figures.reviews_needing_attention[0].attention] == ["Overdue"]
    # Child K: the decision was late; publication was on time.
    assert [row.status for row in figures.reviews_needing_attention[1].attention] == ["Late"]
    assert figures.open_reviews == 2  # Child P and Child Q await their decisions
    assert figures.open_challenges == [still_open] and figures.closed_challenges == 1
    assert figures.annual_report == latest and figures.annual_report.status == "On time"
    assert figures.annual_report.shown_count == 1
    assert figures.judgement.judgement_set == newest and figures.judgement.grade == 2
    assert figures.my_membership == police and (figures.my_attendance.attended, figures.my_attendance.expected) == (1, 2)
    assert selectors.dashboard(board=board, today=TODAY, user=senior_manager).my_membership is None


def test_the_dashboard_takes_the_same_number_of_queries_however_much_is_recorded(board, members, subgroup,
                                                                                 senior_manager, board_member):
    _busy_board(board, members, subgroup, senior_manager, 1)
    with CaptureQueriesContext(connection) as few:
        selectors.dashboard(board=board, today=TODAY, user=board_member)
    for number in range(2, 15):
        _busy_board(board, members, subgroup, senior_manager, number)
    with CaptureQueriesContext(connection) as many:
        figures = selectors.dashboard(board=board, today=TODAY, user=board_member)
    assert len(figures.reviews_needing_attention) == 14 and len(figures.open_challenges) == 14
    assert len(many) == len(few) == 10, [query["sql"] for query in many.captured_queries]


def test_reviews_and_audits_under_way_come_first(board):
    older = SafeguardingReview.objects.create(board=board, reference="A", kind="serious_case_review",
                                              notified_on=date(2025, 1, 6))
    newer = SafeguardingReview.objects.create(board=board, reference="B", kind="serious_case_review",
                                              notified_on=date(2026, 1, 5))
    waiting = SafeguardingReview.objects.create(board=board, reference="C", kind="serious_case_review")
    assert selectors.reviews(board=board, today=TODAY) == [waiting, newer, older]
    done = MultiAgencyAudit.objects.create(board=board, title="Done", completed_on=date(2025, 6, 1))
    under_way = MultiAgencyAudit.objects.create(board=board, title="Under way")
    assert selectors.audits(board=board) == [under_way, done]
