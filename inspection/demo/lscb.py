"""The demo council's safeguarding board: an independent chair and members by agency (statutory
partners, schools, lay members; one lay member's term has ended, as happens), four subgroups, a
year of board and subgroup meetings with attendance that varies by agency, two reviews (a
published serious case review whose decision was late, and a practice review under way),
multi-agency audits, training with attendance by agency, a challenge log, quarterly performance
data and last year's annual report (a fortnight late, two lines of its checklist not shown).

Deterministic: the same random stream and ``as_of`` date give the same board. About a hundred
rows, so it adds nothing noticeable to the seed's time.
"""

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model

from cases.working_days import add_working_days, next_working_day
from lscb import rules
from lscb.models import (
    AnnualReport, AnnualReportCheck, Attendance, AttendanceStatus, Board, Challenge, Meeting, Member, MultiAgencyAudit,
    PerformanceReport, SafeguardingReview, Subgroup, TrainingAttendance, TrainingEvent,
)

# (name, agency, role, statutory partner, lay member, login)
MEMBERS = [
    ("Dr Ann Ellis", "Independent chair", "Independent chair", False, False, None),
    ("Amanda Sutcliffe", "Children's social care", "Director of Children's Services", True, False, "senior.manager"),
    ("Mark Doyle", "Police", "Detective Superintendent, Public Protection", True, False, "board.member"),
    ("Claire Hindle", "Police", "Detective Chief Inspector, Safeguarding", True, False, None),
    ("Ruth Adeyemi", "Health", "Designated Nurse for Safeguarding Children", True, False, None),
    ("Dr Tom Heald", "Health", "Designated Doctor", True, False, None),
    ("Fiona Marsh", "Health", "Head of Safeguarding, hospital trust", True, False, None),
    ("Gary Whitworth", "Probation", "Head of the Probation Delivery Unit", True, False, None),
    ("Karen Blythe", "Youth offending service", "Head of Youth Justice", True, False, None),
    ("Paul Norris", "Cafcass", "Service Manager", True, False, None),
    ("Ian Pryce", "Schools", "Primary head teacher", False, False, None),
    ("Helen Ashworth", "Schools", "Secondary head teacher", False, False, None),
    ("Sarah Jennings", "Adult social care", "Head of Safeguarding Adults", False, False, None),
    ("Joan Whitley", "Lay member", "", False, True, None),
    ("Imran Qureshi", "Lay member", "", False, True, None),  # term ended four months ago: a vacancy
]
SUBGROUPS = [
    ("Learning and improvement", "Serious case reviews and practice reviews: decides on notifications, commissions "
     "reviews and follows their action plans.", ["Dr Ann Ellis", "Mark Doyle", "Ruth Adeyemi", "Amanda Sutcliffe",
                                                 "Gary Whitworth"]),
    ("Performance and quality assurance", "Multi-agency performance data and audits; challenges agencies on what "
     "they show.", ["Claire Hindle", "Dr Tom Heald", "Karen Blythe", "Joan Whitley", "Sarah Jennings"]),
    ("Training and development", "The multi-agency training programme and the evaluation of its impact.",
     ["Fiona Marsh", "Ian Pryce", "Helen Ashworth", "Paul Norris"]),
    ("Child sexual exploitation and missing", "Children at risk of sexual exploitation or missing from home, care "
     "or education.", ["Claire Hindle", "Fiona Marsh", "Karen Blythe", "Helen Ashworth", "Joan Whitley"]),
]
# Chance of (present, deputy, apologies, absent) by agency; subgroups are attended less well.
ATTENDANCE = {
    "Schools": (55, 5, 30, 10),
    "Cafcass": (60, 10, 25, 5),
    "Adult social care": (65, 15, 15, 5),
}
USUAL_ATTENDANCE = (80, 10, 8, 2)
SUBGROUP_ATTENDANCE = (60, 5, 25, 10)
BOARD_DECISIONS = [
    "Neglect strategy agreed; partners to report on the toolkit's use in six months.",
    "Child sexual exploitation profile received; police to share the missing-children data monthly.",
    "Serious case review recommendations: action plan approved, progress to the learning subgroup.",
    "Performance report: re-referrals up. The chair challenged health on core group attendance.",
    "Budget agreed: partners' contributions held at last year's level.",
    "Annual report approved for publication.",
]
TRAINING = [
    ("Neglect: using the graded care profile", {"Children's social care": 18, "Health": 9, "Schools": 14, "Police": 3}),
    ("Child sexual exploitation: spotting the signs", {"Police": 12, "Schools": 20, "Health": 8,
                                                       "Youth offending service": 5}),
    ("Learning from the Child K serious case review", {"Children's social care": 25, "Health": 11, "Police": 7,
                                                        "Schools": 6}),
    ("Domestic abuse and its impact on children", {"Children's social care": 14, "Health": 6, "Probation": 9,
                                                   "Adult social care": 4}),
    ("Female genital mutilation: duties to report", {"Health": 22, "Schools": 15, "Children's social care": 5}),
    ("Working Together: thresholds and escalation", {"Schools": 28, "Health": 7, "Police": 4, "Housing": 6}),
    ("Safer recruitment", {"Schools": 16, "Adult social care": 3, "Children's social care": 4}),
    ("Missing children: return interviews", {"Children's social care": 12, "Police": 8, "Youth offending service": 3}),
]
DEPUTY_FIRST = ["Jo", "Sam", "Chris", "Alex", "Pat", "Lee"]
DEPUTY_LAST = ["Barker", "Hussain", "Kaur", "Lowe", "Moss"]
EVALUATIONS = [
    "Three-month follow-up: 70% of those trained had used the tool with a family; referrals cite it more often.",
    "Follow-up audit found risk indicators recorded in 8 of 10 cases, up from 4 of 10 before the course.",
    "",
]


def clear_board() -> None:
    for model in (AnnualReportCheck, AnnualReport, PerformanceReport, Challenge, TrainingAttendance, TrainingEvent,
                  MultiAgencyAudit, SafeguardingReview, Attendance, Meeting, Subgroup, Member, Board):
        model._base_manager.all().delete()
    for model in (AnnualReport, Challenge, TrainingEvent, MultiAgencyAudit, SafeguardingReview, Meeting, Member, Board):
        model.history.all().delete()


def seed_board(*, rng: random.Random, as_of: date) -> Board | None:
    """The board, unless one exists already (then it is left alone)."""
    if Board.objects.exists():
        return None
    council = settings.COUNCIL_NAME.removesuffix(" Council")
    board = Board.objects.create(name=f"{council} Safeguarding Children Board", chair="Dr Ann Ellis",
                                 chair_is_independent=True, chair_since=as_of - relativedelta(years=3, months=2))
    members = _members(board, as_of)
    subgroups = _subgroups(board, members)
    _meetings(board, members, subgroups, rng, as_of)
    _reviews(board, as_of)
    _audits(board, as_of)
    _training(board, rng, as_of)
    _challenges(board, members, as_of)
    _performance(board, as_of)
    _annual_report(board, as_of)
    return board


def _members(board: Board, as_of: date) -> dict[str, Member]:
    logins = {user.username: user for user in get_user_model().objects.filter(
        username__in=[login for *_, login in MEMBERS if login])}
    members = {}
    for index, (name, agency, role, statutory, lay, login) in enumerate(MEMBERS):
        start = as_of - relativedelta(years=4 - index % 3, months=index)
        end = as_of - relativedelta(months=4) if name == "Imran Qureshi" else None
        if lay and end is None:
            end = start + relativedelta(years=6)
        members[name] = Member.objects.create(
            board=board, name=name, agency=agency, role=role, statutory_partner=statutory, lay_member=lay,
            term_start=start, term_end=end, user=logins.get(login),
        )
    return members


def _subgroups(board: Board, members: dict[str, Member]) -> list[Subgroup]:
    groups = []
    for name, purpose, people in SUBGROUPS:
        group = Subgroup.objects.create(board=board, name=name, purpose=purpose)
        group.members.set([members[person] for person in people])
        groups.append(group)
    return groups


def _status(rng: random.Random, weights: tuple[int, int, int, int]) -> str:
    return rng.choices(AttendanceStatus.values, weights)[0]


def _meetings(board, members, subgroups, rng, as_of) -> None:
    """Board meetings every two months and each subgroup quarterly, over the last year."""
    rows = []
    start = as_of - relativedelta(years=1)
    for number in range(6):
        on = next_working_day(start + relativedelta(months=2 * number, days=12))
        meeting = Meeting.objects.create(board=board, date=on, title="", decisions=BOARD_DECISIONS[number])
        for member in members.values():
            if member.in_term(on):
                status = _status(rng, ATTENDANCE.get(member.agency, USUAL_ATTENDANCE))
                rows.append(Attendance(meeting=meeting, member=member, status=status,
                                       deputy=_deputy(rng) if status == AttendanceStatus.DEPUTY else ""))
    for offset, group in enumerate(subgroups):
        people = list(group.members.all())
        for quarter in range(4):
            on = next_working_day(start + relativedelta(months=3 * quarter + 1, days=5 + offset * 4))
            meeting = Meeting.objects.create(board=board, subgroup=group, date=on)
            for member in people:
                if member.in_term(on):
                    status = _status(rng, SUBGROUP_ATTENDANCE)
                    rows.append(Attendance(meeting=meeting, member=member, status=status,
                                           deputy=_deputy(rng) if status == AttendanceStatus.DEPUTY else ""))
    Attendance.objects.bulk_create(rows)


def _deputy(rng: random.Random) -> str:
    return f"{rng.choice(DEPUTY_FIRST)} {rng.choice(DEPUTY_LAST)}"


def _reviews(board: Board, as_of: date) -> None:
    # A serious case review begun about fourteen months ago: notified on time, decided a week late,
    # published about nine months after the decision (late as well).
    aware = next_working_day(as_of - relativedelta(months=14))
    notified = add_working_days(aware, 4)
    decided = notified + relativedelta(months=1, days=7)
    SafeguardingReview.objects.create(
        board=board, reference="Child K", kind=rules.ReviewKind.SERIOUS_CASE_REVIEW, incident_known_on=aware,
        notified_on=notified, decided_on=decided, criteria_met=True, commissioned_on=decided + timedelta(days=14),
        reviewer="Independent reviewer: Dr Hilary Grant", published_on=decided + relativedelta(months=9),
        learning="Agencies saw the neglect but each held only part of the picture\n"
                 "The child's own words were rarely recorded\n"
                 "Escalation between agencies was not used when the plan drifted",
        dissemination="Seven-minute briefing sent to all partner agencies; two learning events (114 practitioners); "
                      "neglect toolkit relaunched; audit of core groups six months on.",
    )
    # A child safeguarding practice review under way: the rapid review was on time.
    aware = next_working_day(as_of - timedelta(days=45))
    notified = add_working_days(aware, 3)
    SafeguardingReview.objects.create(
        board=board, reference="Child P", kind=rules.ReviewKind.PRACTICE_REVIEW, incident_known_on=aware,
        notified_on=notified, decided_on=add_working_days(notified, 12), criteria_met=True,
        commissioned_on=add_working_days(notified, 20), reviewer="Independent reviewer: Mo Rashid",
    )


def _audits(board: Board, as_of: date) -> None:
    MultiAgencyAudit.objects.create(
        board=board, title="Neglect: children on plans for over a year", theme="Neglect",
        completed_on=as_of - relativedelta(months=9), agencies="Children's social care, Health, Schools, Police",
        cases_audited=12, findings="Chronologies were rarely shared between agencies. Health visitors missed 4 of 12 "
                                   "core groups. The board asked health to report attendance quarterly.",
    )
    MultiAgencyAudit.objects.create(
        board=board, title="Children missing from home and care", theme="Child sexual exploitation and missing",
        completed_on=as_of - relativedelta(months=4), agencies="Police, Children's social care, Youth offending service",
        cases_audited=10, findings="Return interviews offered in 9 of 10 cases, but the information rarely reached "
                                   "the police intelligence team. A monthly missing-children meeting now shares it.",
    )
    MultiAgencyAudit.objects.create(
        board=board, title="Domestic abuse: the voice of the child", theme="Domestic abuse",
        agencies="Police, Health, Children's social care, Probation", cases_audited=8, findings="",
    )


def _training(board: Board, rng: random.Random, as_of: date) -> None:
    for index, (title, counts) in enumerate(TRAINING):
        on = next_working_day(as_of - relativedelta(months=11 - index * 1, days=rng.randint(0, 20)))
        event = TrainingEvent.objects.create(board=board, title=title, date=on,
                                             evaluation=EVALUATIONS[index % len(EVALUATIONS)])
        TrainingAttendance.objects.bulk_create(
            TrainingAttendance(event=event, agency=agency, attended=max(1, count + rng.randint(-2, 2)))
            for agency, count in counts.items()
        )


def _challenges(board: Board, members: dict[str, Member], as_of: date) -> None:
    chair, lay = members["Dr Ann Ellis"], members["Joan Whitley"]
    rows = [
        (as_of - relativedelta(months=10), chair, "Health", "Health visitors missed a third of core groups in the neglect "
         "audit.", "Named health visitor for each plan; attendance reported quarterly.",
         "Core group attendance rose from 67% to 91%.", as_of - relativedelta(months=5)),
        (as_of - relativedelta(months=8), lay, "Police", "Strategy discussions held without health in 40% of cases.",
         "Police to invite the hospital safeguarding team to every discussion.", "Health present in 85% of strategy "
         "discussions in the last quarter.", as_of - relativedelta(months=3)),
        (as_of - relativedelta(months=6), chair, "Schools", "Few schools completed the annual safeguarding audit (section "
         "175).", "Head teachers' forum to chase returns.", "Returns from 92% of schools, up from 61%.",
         as_of - relativedelta(months=2)),
        (as_of - relativedelta(months=3), members["Gary Whitworth"], "Children's social care", "Re-referrals within a year "
         "rose to 24%: are cases closed too soon?", "Audit of 20 re-referred families commissioned.", "", None),
        (as_of - relativedelta(weeks=5), lay, "Health", "Children's mental health waiting times: 18 weeks for a first "
         "appointment.", "", "", None),
    ]
    for raised, by, agency, issue, response, outcome, closed in rows:
        Challenge.objects.create(board=board, raised_on=raised, raised_by=by, agency=agency, issue=issue,
                                 response=response, outcome=outcome, closed_on=closed)


def _performance(board: Board, as_of: date) -> None:
    for quarter in range(4):
        received = next_working_day(as_of - relativedelta(months=3 * (3 - quarter) + 1))
        PerformanceReport.objects.create(
            board=board, period=f"Quarter ending {received - relativedelta(months=1):%B %Y}", received_on=received,
            summary=["Contacts up 8%; 21% of referrals are re-referrals within a year.",
                     "Child protection plans: 14% second or later plans; 96% of reviews on time.",
                     "Looked-after children: 11% had three or more placements in the year.",
                     "Re-referrals 24%; missing episodes up 15% with more return interviews offered."][quarter],
            analysis=["The board asked children's social care to explain the re-referral rate by team.",
                      "Repeat plans are concentrated in neglect cases: the neglect strategy should reach them.",
                      "Placement stability is in line with similar councils; no challenge needed.",
                      ""][quarter],
        )


def _annual_report(board: Board, as_of: date) -> None:
    """Last year's report: the year ending on the last 31 March at least seven months ago,
    published a fortnight after the board's target."""
    year_end = date(as_of.year, 3, 31)
    while year_end > as_of - relativedelta(months=7):
        year_end = date(year_end.year - 1, 3, 31)
    senior = get_user_model().objects.filter(username="senior.manager").first()
    if senior is None:
        return
    report = AnnualReport.objects.create(
        board=board, year=f"{year_end.year - 1} to {year_end.year}", year_end=year_end,
        published_on=rules.annual_report_due(year_end, board.annual_report_months) + timedelta(days=14),
        created_by=senior,
    )
    missing = {
        "training": "Lists courses and numbers trained but says little about what changed in practice.",
        "voice": "No section on children's views: the children in care council was not asked.",
    }
    AnnualReportCheck.objects.bulk_create(
        AnnualReportCheck(report=report, key=key, shown=key not in missing,
                          note=missing.get(key, "Shown in the report."))
        for key, _ in rules.ANNUAL_REPORT_CHECKLIST
    )
