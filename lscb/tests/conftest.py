"""Fixtures for the safeguarding board's tests: a board member's login, a board with members
from the usual agencies, and a helper that records a meeting with its attendance."""

from datetime import date

import pytest

from inspection.roles import Role
from lscb.models import Attendance, Board, Meeting, Member, Subgroup


@pytest.fixture
def board_member(make_user):
    """A detective superintendent from the police: sits on the board, is not council staff."""
    return make_user("board.member", Role.BOARD_MEMBER, worker=False)


@pytest.fixture
def board(db):
    return Board.objects.create(name="Northbridge Safeguarding Children Board", chair="Dr Ann Ellis",
                                chair_is_independent=True, chair_since=date(2013, 9, 1))


def add_member(board, name: str, agency: str, **fields) -> Member:
    return Member.objects.create(board=board, name=name, agency=agency, **fields)


@pytest.fixture
def members(board):
    """Four members in post since 2014: police and health (statutory partners), a school and a lay member."""
    since = date(2014, 1, 1)
    return {
        "police": add_member(board, "Mark Doyle", "Police", role="Detective Superintendent", statutory_partner=True,
                             term_start=since),
        "health": add_member(board, "Ruth Adeyemi", "Health", role="Designated nurse", statutory_partner=True,
                             term_start=since),
        "schools": add_member(board, "Ian Pryce", "Schools", role="Head teacher", term_start=since),
        "lay": add_member(board, "Joan Whitley", "Lay member", lay_member=True, term_start=since),
    }


@pytest.fixture
def subgroup(board, members):
    group = Subgroup.objects.create(board=board, name="Learning and improvement", purpose="Reviews and audits")
    group.members.set([members["police"], members["health"]])
    return group


def record_meeting(board, on: date, statuses: dict, subgroup=None, deputies=None) -> Meeting:
    """A meeting on ``on`` with ``statuses`` mapping members to present/deputy/apologies/absent."""
    meeting = Meeting.objects.create(board=board, subgroup=subgroup, date=on)
    for member, status in statuses.items():
        Attendance.objects.create(meeting=meeting, member=member, status=status,
                                  deputy=(deputies or {}).get(member, "A. Deputy" if status == "deputy" else ""))
    return meeting
