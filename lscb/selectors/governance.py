"""Reads for the board's governance: the board, its members by agency and subgroups, who is
expected at a meeting, meetings with their attendance, and attendance rates over the last twelve
months (a fixed number of queries each)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from .. import rules
from ..models import Attendance, AttendanceStatus, Board, Meeting, Member, Subgroup

# Working Together 2015, chapter 3: the board should include two lay members representing the
# local community.
LAY_MEMBERS_EXPECTED = 2


def the_board() -> Board | None:
    """The council's safeguarding board (one per council; the first recorded)."""
    return Board.objects.order_by("pk").first()


@dataclass(frozen=True)
class Period:
    """The twelve months to ``end``: the window for attendance and training figures."""

    start: date  # the first day counted
    end: date

    def __str__(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def last_twelve_months(today: date) -> Period:
    return Period(start=today - relativedelta(years=1) + relativedelta(days=1), end=today)


# --- governance


@dataclass
class AgencyMembers:
    agency: str
    members: list[Member]
    statutory_partner: bool


def members_by_agency(*, board: Board, today: date, current_only: bool = False) -> list[AgencyMembers]:
    """Members grouped by agency (agencies in alphabetical order), each member's subgroups
    prefetched. Each member carries ``current`` (in term today)."""
    members = list(board.members.prefetch_related(Prefetch("subgroups", queryset=Subgroup.objects.order_by("name"))))
    groups: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        member.current = member.in_term(today)
        if member.current or not current_only:
            groups[member.agency].append(member)
    return [
        AgencyMembers(agency=agency, members=people, statutory_partner=any(m.statutory_partner for m in people))
        for agency, people in sorted(groups.items(), key=lambda item: item[0].lower())
    ]


def agencies(*, board: Board) -> list[str]:
    """The agencies the board's members come from, in alphabetical order."""
    names = board.members.values_list("agency", flat=True).distinct()
    return sorted(set(names), key=str.lower)


def members_for_meeting(*, board: Board, subgroup: Subgroup | None, on: date, meeting: Meeting | None = None) -> list[Member]:
    """Whose attendance a meeting records: the board's members (or the subgroup's) in term on the
    day, and anyone already recorded for it."""
    candidates = subgroup.members.all() if subgroup is not None else board.members.all()
    recorded = set()
    if meeting is not None and meeting.pk:
        recorded = set(meeting.attendance.values_list("member_id", flat=True))
    chosen = [member for member in candidates if member.in_term(on) or member.pk in recorded]
    if recorded:
        chosen += list(Member.objects.filter(pk__in=recorded - {member.pk for member in chosen}))
    return sorted(chosen, key=lambda member: (member.agency.lower(), member.name.lower()))


def subgroups(*, board: Board) -> list[Subgroup]:
    return list(board.subgroups.prefetch_related(Prefetch("members", queryset=Member.objects.order_by("agency", "name"))))


# --- meetings and attendance


def meetings(*, board: Board) -> list[Meeting]:
    """Every meeting, newest first, with its attendance counted by status."""
    counted = {f"n_{status}": Count("attendance", filter=Q(attendance__status=status))
               for status in AttendanceStatus.values}
    # Meta.ordering is not applied to a query that groups, so the order is given here.
    result = list(board.meetings.select_related("subgroup").annotate(**counted).order_by("-date", "-pk"))
    for meeting in result:
        meeting.counts = {status: getattr(meeting, f"n_{status}") for status in AttendanceStatus.values}
        meeting.recorded = sum(meeting.counts.values())
        meeting.rate = rules.attendance_rate([status for status, count in meeting.counts.items() for _ in range(count)])
    return result


def meeting_detail(*, board: Board, pk: int) -> Meeting:
    meeting = get_object_or_404(board.meetings.select_related("subgroup"), pk=pk)
    meeting.rows = list(meeting.attendance.select_related("member").order_by("member__agency", "member__name"))
    meeting.rate = rules.attendance_rate(row.status for row in meeting.rows)
    return meeting


@dataclass(frozen=True)
class Rate:
    """Meetings attended (in person or by a deputy) out of those the member was expected at."""

    attended: int
    expected: int

    @property
    def value(self) -> float | None:
        return self.attended / self.expected if self.expected else None

    @property
    def percent(self) -> int | None:
        return None if self.value is None else round(self.value * 100)


def _rate(statuses: list[str]) -> Rate:
    value = rules.attendance_rate(statuses)
    return Rate(attended=round(value * len(statuses)) if value is not None else 0, expected=len(statuses))


@dataclass
class AttendanceRow:
    label: str  # an agency, a member or a subgroup
    detail: str = ""  # a member's agency, a subgroup's meeting count
    board: Rate = field(default_factory=lambda: Rate(0, 0))
    subgroups: Rate = field(default_factory=lambda: Rate(0, 0))
    member_id: int | None = None


@dataclass
class AttendanceRates:
    period: Period
    board: Rate  # every board meeting in the period
    by_agency: list[AttendanceRow]
    by_member: list[AttendanceRow]
    by_subgroup: list[AttendanceRow]
    board_meetings: int
    subgroup_meetings: int


def attendance_rates(*, board: Board, today: date) -> AttendanceRates:
    """Attendance at board and subgroup meetings over the last twelve months (rules.attendance_rate:
    a deputy counts as attending), by agency, by member and by subgroup. Two queries."""
    period = last_twelve_months(today)
    rows = list(
        Attendance.objects.filter(meeting__board=board, meeting__date__gte=period.start, meeting__date__lte=period.end)
        .values_list("member_id", "member__name", "member__agency", "meeting_id", "meeting__subgroup_id",
                     "meeting__subgroup__name", "status")
    )
    meeting_counts = (
        board.meetings.filter(date__gte=period.start, date__lte=period.end)
        .aggregate(board=Count("pk", filter=Q(subgroup__isnull=True)), subgroups=Count("pk", filter=Q(subgroup__isnull=False)))
    )
    board_statuses: list[str] = []
    agency_board: dict[str, list[str]] = defaultdict(list)
    agency_sub: dict[str, list[str]] = defaultdict(list)
    member_board: dict[int, list[str]] = defaultdict(list)
    member_sub: dict[int, list[str]] = defaultdict(list)
    member_names: dict[int, tuple[str, str]] = {}
    subgroup_names: dict[int, str] = {}
    subgroup_statuses: dict[int, list[str]] = defaultdict(list)
    subgroup_meetings: dict[int, set[int]] = defaultdict(set)
    for member_id, name, agency, meeting_id, subgroup_id, subgroup_name, status in rows:
        member_names[member_id] = (name, agency)
        if subgroup_id is None:
            board_statuses.append(status)
            agency_board[agency].append(status)
            member_board[member_id].append(status)
        else:
            agency_sub[agency].append(status)
            member_sub[member_id].append(status)
            subgroup_names[subgroup_id] = subgroup_name
            subgroup_statuses[subgroup_id].append(status)
            subgroup_meetings[subgroup_id].add(meeting_id)
    by_agency = [
        AttendanceRow(label=agency, board=_rate(agency_board[agency]), subgroups=_rate(agency_sub[agency]))
        for agency in sorted(set(agency_board) | set(agency_sub), key=str.lower)
    ]
    by_member = [
        AttendanceRow(label=name, detail=agency, board=_rate(member_board[pk]), subgroups=_rate(member_sub[pk]),
                      member_id=pk)
        for pk, (name, agency) in sorted(member_names.items(), key=lambda item: (item[1][1].lower(), item[1][0].lower()))
    ]
    by_subgroup = [
        AttendanceRow(label=subgroup_names[pk], detail=_meetings(len(subgroup_meetings[pk])), subgroups=_rate(statuses))
        for pk, statuses in sorted(subgroup_statuses.items(), key=lambda item: subgroup_names[item[0]].lower())
    ]
    return AttendanceRates(
        period=period, board=_rate(board_statuses), by_agency=by_agency, by_member=by_member, by_subgroup=by_subgroup,
        board_meetings=meeting_counts["board"], subgroup_meetings=meeting_counts["subgroups"],
    )


def _meetings(count: int) -> str:
    return f"{count} meeting" if count == 1 else f"{count} meetings"
