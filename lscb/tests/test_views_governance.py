"""Governance pages: setting up the board, members by agency with their flags and terms,
subgroups, recording a meeting with everyone's attendance in one form, and the attendance
rates. Bad entries are shown back with their errors and nothing is saved."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lscb.models import Attendance, Board, Meeting, Member, Subgroup

from .conftest import add_member, record_meeting

pytestmark = pytest.mark.django_db

ROOT = "/safeguarding-board/"


def day(value: date, name: str) -> dict:
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def test_a_senior_manager_sets_up_the_board(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post(ROOT + "board/set-up/", {
        "name": "Northbridge Safeguarding Children Board", "chair": "Dr Ann Ellis", "chair_is_independent": "on",
        **day(date(2013, 9, 1), "chair_since"), "annual_report_months": "6",
    })
    assert response.status_code == 302 and response["Location"] == ROOT + "board/"
    board = Board.objects.get()
    assert (board.chair, board.chair_is_independent, board.chair_since) == ("Dr Ann Ellis", True, date(2013, 9, 1))
    assert board.history.get().history_user == senior_manager
    page = client.get(ROOT + "board/").content.decode()
    assert "Dr Ann Ellis" in page and "Independent" in page


def test_setting_up_the_board_needs_a_name_and_chair(client, senior_manager):
    client.force_login(senior_manager)
    response = client.post(ROOT + "board/set-up/", {"annual_report_months": "6"})
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page and "There is a problem" in page
    assert not Board.objects.exists()


def test_the_board_page_lists_members_by_agency_with_their_flags_terms_and_subgroups(client, board, members, subgroup,
                                                                                  elected_member):
    today = timezone.localdate()
    add_member(board, "Carol Finch", "Probation", term_start=date(2014, 1, 1), term_end=today - timedelta(days=1))
    client.force_login(elected_member)
    page = client.get(ROOT + "board/").content.decode()
    # Agencies in alphabetical order, each a group of rows.
    agencies = ["Health", "Lay member", "Police", "Probation", "Schools"]
    header = 'class="govuk-table__header govuk-!-padding-top-4 govuk-!-font-weight-bold">{}</th>'
    positions = [page.index(header.format(agency)) for agency in agencies]
    assert positions == sorted(positions)
    assert page.count("Statutory partner</strong>") == 2 and page.count(">Lay member</strong>") == 1
    assert "Term ended" in page  # Carol Finch's term ended yesterday
    assert "Members in post</dt>" in page and "4: 2 from statutory partners, 1 lay member" in page
    assert "The board has 1 lay member in post. Working Together (2015) expects two" in page
    assert "Learning and improvement" in page and "Mark Doyle <span class=\"govuk-body-s\">(Police)</span>" in page


def _member_form(**changes) -> dict:
    data = {"name": "Priya Nair", "agency": "police", "role": "Chief Inspector", "statutory_partner": "on",
            **day(date(2025, 4, 1), "term_start"), "term_end_0": "", "term_end_1": "", "term_end_2": "", "user": ""}
    data.update(changes)
    return data


def test_adding_a_member_uses_the_agencys_existing_spelling_and_links_a_login(client, board, members, senior_manager,
                                                                               board_member):
    client.force_login(senior_manager)
    response = client.post(ROOT + "board/members/new/", _member_form(user=board_member.pk))
    assert response.status_code == 302
    member = Member.objects.get(name="Priya Nair")
    assert member.agency == "Police"  # typed "police": the board already has "Police"
    assert member.statutory_partner and member.user == board_member and member.term_start == date(2025, 4, 1)
    assert member.history.get().history_user == senior_manager


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({**day(date(2025, 3, 31), "term_end")}, "term_end", "The end of their term must be the same as or after its start"),
    ({"lay_member": "on"}, "lay_member", "A lay member does not represent a statutory partner"),
    ({"name": ""}, "name", "This field is required"),
])
def test_a_bad_member_is_shown_back_and_not_saved(client, board, senior_manager, changes, field, message):
    client.force_login(senior_manager)
    response = client.post(ROOT + "board/members/new/", _member_form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode() and field in response.context["form"].errors
    assert "<title>Error: " in response.content.decode()
    assert not Member.objects.exists()


def test_a_login_belongs_to_one_member_only(client, board, members, senior_manager, board_member):
    members["police"].user = board_member
    members["police"].save()
    client.force_login(senior_manager)
    response = client.post(ROOT + "board/members/new/", _member_form(user=board_member.pk))
    assert "That login already belongs to another board member" in response.content.decode()
    assert Member.objects.count() == 4


def test_changing_a_member_ends_their_term(client, board, members, senior_manager):
    client.force_login(senior_manager)
    police = members["police"]
    response = client.post(f"{ROOT}board/members/{police.pk}/edit/", _member_form(
        name=police.name, agency="Police", role=police.role, **day(date(2014, 1, 1), "term_start"),
        **day(date(2025, 12, 31), "term_end")))
    assert response.status_code == 302
    police.refresh_from_db()
    assert police.term_end == date(2025, 12, 31) and police.history.count() == 2


def test_a_subgroup_is_added_with_members_in_post(client, board, members, senior_manager):
    client.force_login(senior_manager)
    response = client.post(ROOT + "board/subgroups/new/", {
        "name": "Performance and quality assurance", "purpose": "Data and audits",
        "members": [members["health"].pk, members["lay"].pk],
    })
    assert response.status_code == 302
    group = Subgroup.objects.get()
    assert set(group.members.all()) == {members["health"], members["lay"]}


def test_a_subgroup_cannot_take_another_boards_member(client, board, members, senior_manager):
    other = Board.objects.create(name="Elsewhere board", chair="Someone")
    stranger = add_member(other, "Stranger", "Police")
    client.force_login(senior_manager)
    response = client.post(ROOT + "board/subgroups/new/", {"name": "Group", "members": [stranger.pk]})
    assert response.status_code == 200 and "members" in response.context["form"].errors
    assert not Subgroup.objects.exists()


# --- meetings


def _meeting_form(on: date, statuses: dict, deputies: dict | None = None, **extra) -> dict:
    data = {**day(on, "date"), "title": "", "decisions": "Neglect strategy agreed."}
    for member, status in statuses.items():
        data[f"status_{member.pk}"] = status
        data[f"deputy_{member.pk}"] = (deputies or {}).get(member, "")
    data.update(extra)
    return data


def test_the_meeting_form_asks_for_every_current_members_attendance(client, board, members, senior_manager):
    add_member(board, "Former Member", "Police", term_start=date(2014, 1, 1), term_end=date(2020, 1, 1))
    client.force_login(senior_manager)
    page = client.get(ROOT + "meetings/new/").content.decode()
    for member in members.values():
        assert f'name="status_{member.pk}"' in page and f'name="deputy_{member.pk}"' in page
    assert "Former Member" not in page
    assert page.count('value="deputy"') == 4 and "Sent a deputy" in page


def test_recording_a_board_meeting_saves_everyones_attendance(client, board, members, senior_manager):
    client.force_login(senior_manager)
    on = timezone.localdate() - timedelta(days=3)
    statuses = {members["police"]: "present", members["health"]: "deputy", members["schools"]: "apologies",
                members["lay"]: "absent"}
    response = client.post(ROOT + "meetings/new/", _meeting_form(on, statuses, {members["health"]: "Sam Clarke"}))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{ROOT}meetings/{meeting.pk}/"
    assert meeting.subgroup is None and meeting.date == on and meeting.decisions == "Neglect strategy agreed."
    recorded = {row.member: (row.status, row.deputy) for row in meeting.attendance.all()}
    assert recorded == {members["police"]: ("present", ""), members["health"]: ("deputy", "Sam Clarke"),
                        members["schools"]: ("apologies", ""), members["lay"]: ("absent", "")}
    page = client.get(response["Location"]).content.decode()
    assert "50% attended in person or by a deputy" in page and "Sam Clarke" in page


def test_a_subgroup_meeting_asks_only_for_the_subgroups_members(client, board, members, subgroup, senior_manager):
    client.force_login(senior_manager)
    on = timezone.localdate() - timedelta(days=1)
    url = f"{ROOT}meetings/new/?subgroup={subgroup.pk}"
    page = client.get(url).content.decode()
    assert f'name="status_{members["schools"].pk}"' not in page and f'name="status_{members["police"].pk}"' in page
    response = client.post(url, _meeting_form(on, {members["police"]: "present", members["health"]: "present"}))
    assert response.status_code == 302
    assert Meeting.objects.get().subgroup == subgroup and Attendance.objects.count() == 2
    assert client.get(f"{ROOT}meetings/new/?subgroup=999").status_code == 404
    assert client.get(f"{ROOT}meetings/new/?subgroup=abc").status_code == 404


@pytest.mark.parametrize(("case", "message"), [
    ("missing", "Record whether Ian Pryce attended"),
    ("deputy_unnamed", "Enter the name of Ruth Adeyemi&#x27;s deputy"),
    ("named_but_present", "Only give a deputy&#x27;s name if Mark Doyle sent a deputy"),
    ("future", "The date must be today or in the past"),
])
def test_a_meeting_with_bad_attendance_is_shown_back_and_not_saved(client, board, members, senior_manager, case, message):
    client.force_login(senior_manager)
    on = timezone.localdate() - timedelta(days=1)
    statuses = {member: "present" for member in members.values()}
    deputies = {}
    if case == "missing":
        del statuses[members["schools"]]
    elif case == "deputy_unnamed":
        statuses[members["health"]] = "deputy"
    elif case == "named_but_present":
        deputies[members["police"]] = "Someone Else"
    elif case == "future":
        on = timezone.localdate() + timedelta(days=1)
    response = client.post(ROOT + "meetings/new/", _meeting_form(on, statuses, deputies))
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "<title>Error: " in page
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_meeting_dated_before_a_member_joined_does_not_ask_for_them(client, board, members, senior_manager):
    newcomer = add_member(board, "New Person", "Probation", term_start=timezone.localdate() - timedelta(days=10))
    client.force_login(senior_manager)
    on = timezone.localdate() - timedelta(days=30)
    statuses = {member: "present" for member in members.values()}
    response = client.post(ROOT + "meetings/new/", _meeting_form(on, statuses))
    assert response.status_code == 302
    assert not Attendance.objects.filter(member=newcomer).exists() and Attendance.objects.count() == 4


def test_a_meeting_dated_when_someone_else_was_in_post_asks_for_them_again(client, board, members, senior_manager):
    """The form lists today's members; an earlier date can need someone whose term has ended."""
    leaver = add_member(board, "Carol Finch", "Probation", term_start=date(2014, 1, 1),
                        term_end=timezone.localdate() - timedelta(days=10))
    client.force_login(senior_manager)
    on = timezone.localdate() - timedelta(days=30)
    response = client.post(ROOT + "meetings/new/", _meeting_form(on, {member: "present" for member in members.values()}))
    assert response.status_code == 200 and "Record whether Carol Finch attended" in response.content.decode()
    assert not Meeting.objects.exists()
    fixed = _meeting_form(on, {**{member: "present" for member in members.values()}, leaver: "apologies"})
    assert client.post(ROOT + "meetings/new/", fixed).status_code == 302
    assert Attendance.objects.get(member=leaver).status == "apologies"


def test_correcting_a_meeting_keeps_one_row_per_member(client, board, members, senior_manager):
    on = timezone.localdate() - timedelta(days=7)
    meeting = record_meeting(board, on, {member: "present" for member in members.values()})
    client.force_login(senior_manager)
    page = client.get(f"{ROOT}meetings/{meeting.pk}/edit/").content.decode()
    assert 'value="present" checked' in page or "checked" in page.split('value="present"')[1][:30]
    statuses = {member: "present" for member in members.values()} | {members["lay"]: "apologies"}
    response = client.post(f"{ROOT}meetings/{meeting.pk}/edit/", _meeting_form(on, statuses))
    assert response.status_code == 302
    assert Attendance.objects.count() == 4 and Attendance.objects.get(member=members["lay"]).status == "apologies"
    latest = meeting.history.first()
    assert meeting.history.count() == 2 and latest.history_user == senior_manager
    assert latest.history_change_reason == "Corrected"


def test_nobody_in_post_means_nothing_to_record(client, board, senior_manager):
    client.force_login(senior_manager)
    page = client.get(ROOT + "meetings/new/").content.decode()
    assert "Nobody is a member of the board on this date" in page
    response = client.post(ROOT + "meetings/new/", _meeting_form(timezone.localdate(), {}))
    assert "Nobody was a member on that date" in response.content.decode() and not Meeting.objects.exists()


def test_the_meetings_list_counts_attendance_newest_first(client, board, members, subgroup, board_member):
    today = timezone.localdate()
    newest = record_meeting(board, today - timedelta(days=3),
                            {members["police"]: "present", members["health"]: "deputy", members["schools"]: "apologies",
                             members["lay"]: "absent"})
    oldest = record_meeting(board, today - timedelta(days=90), {members["police"]: "present"})
    middle = record_meeting(board, today - timedelta(days=30), {members["police"]: "present"}, subgroup=subgroup)
    client.force_login(board_member)
    response = client.get(ROOT + "meetings/")
    assert response.context["meetings"] == [newest, middle, oldest]
    meeting = response.context["meetings"][0]
    assert meeting.counts == {"present": 1, "deputy": 1, "apologies": 1, "absent": 1} and meeting.rate == 0.5
    assert ">50%<" in response.content.decode()


# --- attendance rates


def test_the_attendance_page_shows_rates_by_agency_member_and_subgroup(client, board, members, subgroup, board_member):
    today = timezone.localdate()
    police, health = members["police"], members["health"]
    others = {members["schools"]: "present", members["lay"]: "present"}
    record_meeting(board, today - timedelta(days=10), {police: "present", health: "apologies", **others})
    record_meeting(board, today - timedelta(days=40), {police: "deputy", health: "absent", **others})
    record_meeting(board, today - timedelta(days=400), {police: "absent", health: "absent", **others})  # too old
    record_meeting(board, today - timedelta(days=20), {police: "present", health: "apologies"}, subgroup=subgroup)
    client.force_login(board_member)
    response = client.get(ROOT + "attendance/")
    rates = response.context["rates"]
    assert (rates.board_meetings, rates.subgroup_meetings) == (2, 1)
    by_agency = {row.label: (row.board.attended, row.board.expected, row.subgroups.attended, row.subgroups.expected)
                 for row in rates.by_agency}
    assert by_agency == {"Health": (0, 2, 0, 1), "Lay member": (2, 2, 0, 0), "Police": (2, 2, 1, 1), "Schools": (2, 2, 0, 0)}
    page = response.content.decode()
    assert "0 of 2 (0%)" in page and "2 of 2 (100%)" in page and "1 of 2 (50%)" in page  # the subgroup's rate


@pytest.mark.parametrize(("path", "ceiling"), [("", 15), ("attendance/", 8), ("meetings/", 8), ("board/", 10)])
def test_governance_pages_take_the_same_number_of_queries_however_many_meetings(client, board, members, subgroup,
                                                                               board_member, path, ceiling):
    today = timezone.localdate()
    everyone = {member: "present" for member in members.values()}
    record_meeting(board, today - timedelta(days=5), everyone)
    client.force_login(board_member)
    client.get(ROOT + path)  # session and permissions cached
    with CaptureQueriesContext(connection) as few:
        assert client.get(ROOT + path).status_code == 200
    for number in range(1, 16):
        record_meeting(board, today - timedelta(days=5 + number * 7), everyone)
        record_meeting(board, today - timedelta(days=6 + number * 7),
                       {members["police"]: "present", members["health"]: "deputy"}, subgroup=subgroup)
        add_member(board, f"Member {number}", f"Agency {number}", term_start=date(2014, 1, 1)).subgroups.add(subgroup)
    with CaptureQueriesContext(connection) as many:
        assert client.get(ROOT + path).status_code == 200
    assert len(many) == len(few) <= ceiling, [query["sql"] for query in many.captured_queries]
