"""The inspection readiness report: who may have it, its date, and the PDF on a hand-built council,
read back with pdfplumber: the readiness checklist and the figures against target on the cover;
for each judgement area the figures, audit grades, latest grades and open actions; the front door;
the children inspectors look at closely; caseloads. No child's name, ID or date of birth appears
anywhere, and the report runs the same number of queries for a small council and a bigger one.
Pages 1 and 2 are turned into PNGs under test-artifacts/ for a person to look at."""

import io
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pdfplumber
import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplans.models import Action, ActionPlan, PlanSource, Recommendation
from actionplans.rules import Status
from cases.codes import AccommodationType, ActivityStatus, ContactSource, Disability, PlacementProvider, PlacementType
from cases.models import Episode, Event, EventKind, Flag, FlagKind, Placement
from inspection.dashboards.measures import MEASURES
from inspection.models import FigureSnapshot, FigureTarget, ReportJob
from inspection.reports import ReportError
from inspection.reports.readiness import ReadinessReport
from inspection.roles import Role
from judgements.grades import Grade
from judgements.models import Framework, Source
from judgements.sets import services as judgement_services
from judgements.sets.services import Entry

from .test_evidence_selectors import audit, moderate
from pdf_testing import flat, pages_of

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
AS_AT = date(2026, 11, 29)  # the 12 months run from 30 November 2025
PARAMETERS = {"as_at": "2026-11-29"}
OUTSTANDING, GOOD, RI, INADEQUATE = Grade
REPORT = ReadinessReport()

# Each figure's latest numerator and denominator and its numerator a year before, chosen so that
# four figures are on target, three near it and five off it (the caseload target is set to 3).
FIGURES = {
    "assessments_in_timescale": (41, 50, 36),  # 82%, target 85% (5): near; a year ago 72%
    "repeat_referrals": (30, 100, 25),  # 30%, target 22% or lower (3): off
    "repeat_child_protection_plans": (4, 40, 6),  # 10%: on
    "child_protection_visits": (57, 60, 50),  # 95%: on
    "looked_after_reviews": (45, 50, 47),  # 90%, target 95% (5): near
    "placement_stability": (6, 50, 5),  # 12%, target 10% or lower (2): near
    "health_assessments": (40, 50, 44),  # 80%, target 90% (5): off
    "personal_education_plans": (38, 40, 36),  # 95%: on
    "care_leavers_in_touch": (27, 30, 26),  # 90%: on
    "care_leavers_suitable_accommodation": (24, 30, 25),  # 80%, target 90%: off
    "care_leavers_in_education_employment": (15, 30, 14),  # 50%, target 60% (5): off
    "caseload_per_worker": (171, 9, 153),  # 19.0 a worker, target 3 (1): off; a year ago 17.0
}


def month_ends() -> list[date]:
    """The days the nightly job keeps: each month end in the year, and the day of the latest refresh."""
    days = [date(2025, 12, 1) + relativedelta(months=n) - timedelta(days=1) for n in range(12)]
    return days + [AS_AT]


@pytest.fixture
def figures(senior_manager):
    days = month_ends()
    FigureSnapshot.objects.bulk_create(
        FigureSnapshot(measure=key, as_at=day, numerator=round(then + (now - then) * index / (len(days) - 1)),
                       denominator=denominator, computed_at=timezone.now())
        for key, (now, denominator, then) in FIGURES.items() for index, day in enumerate(days)
    )
    FigureTarget.objects.create(measure="caseload_per_worker", target=3, tolerance=1, updated_by=senior_manager)
    assert {measure.key for measure in MEASURES} == set(FIGURES)


# --- Builders ---------------------------------------------------------------------------------------

NAMES = iter(range(1, 10_000))


def child(make_child, team, **fields):
    """A child with a name, ID and date of birth that cannot turn up in a PDF by chance."""
    n = next(NAMES)
    return make_child(team, first_name="Zebedee", last_name=f"Quillfeather{n}", local_id=f"ZQX-{n:05d}",
                      date_of_birth=date(2011, 4, 17) + timedelta(days=n), **fields)


def episode(kid, stage, start, end=None, *, by, **fields):
    return Episode.objects.create(child=kid, stage=stage, start_date=start, end_date=end, recorded_by=by, **fields)


def placement(care, start, end=None, *, by, out_of_area=False):
    return Placement.objects.create(episode=care, start_date=start, end_date=end, out_of_area=out_of_area,
                                    placement_type=PlacementType.U6, provider=PlacementProvider.PR1, recorded_by=by)


def missing(kid, on, returned=None, *, by, offered=None, accepted=None):
    return Event.objects.create(child=kid, kind=EventKind.MISSING_EPISODE, date=on, end_date=returned, author=by,
                                return_interview_offered=offered, return_interview_accepted=accepted)


def flag(kid, start, end=None, *, by):
    return Flag.objects.create(child=kid, kind=FlagKind.SEXUAL_EXPLOITATION, start_date=start, end_date=end,
                               recorded_by=by)


@pytest.fixture
def staff(make_user, team_a, team_b):
    """Three social workers: two in team A, one in team B."""
    return {
        "w1": make_user("wendy.one", Role.PRACTITIONER, team_a).worker,
        "w2": make_user("will.two", Role.PRACTITIONER, team_a).worker,
        "w3": make_user("wanda.three", Role.PRACTITIONER, team_b).worker,
    }


@pytest.fixture
def council(make_child, team_a, team_b, staff, senior_manager, team_manager, auditor, audit_template):
    """A small council, every child named Zebedee Quillfeather with a ZQX- ID:

    Caseloads on the day: Wendy (team A) holds 4 children, Will (team A) 2, Wanda (team B) 3; one
    child in team B is open with no worker at all; one in team A has an allocated worker on the
    record but none on the episode (not unallocated, not in a caseload).
    Looked after: 4 (one placed out of area now, one placed out of area until May); one more left
    care in 2025. Care leavers: 3 (independent living twice, with former foster carers; in
    education, not in education, employment or training, not recorded). Disabled: 3 of the 11
    open to social care.
    Missing: 4 episodes of 3 children in the 12 months (3 ended; interviews offered for 2,
    accepted for 1), one older episode. Exploitation: 2 flags open, 2 raised in the 12 months.
    The front door: 4 contacts (3 became referrals), 4 referrals (1 decided in a working day, 1
    late, 1 still waiting after a working day, 1 not yet due), 3 assessments completed (2 with no
    further action).
    """
    by, w1, w2, w3 = senior_manager, staff["w1"], staff["w2"], staff["w3"]
    kids = {}
    # Looked after, with Wanda (L1 to L3) and Wendy (L4).
    for name, worker, disability in (("L1", w3, Disability.YES), ("L2", w3, Disability.NO), ("L3", w3, Disability.NO),
                                     ("L4", w1, Disability.NO)):
        kids[name] = child(make_child, team_b, disability=disability, worker=worker)
        care = episode(kids[name], "looked_after", date(2025, 1, 10), by=by, worker=worker)
        if name == "L1":
            placement(care, date(2025, 1, 10), by=by, out_of_area=True)
        elif name == "L2":
            placement(care, date(2025, 1, 10), date(2026, 5, 1), by=by, out_of_area=True)
            placement(care, date(2026, 5, 1), by=by)
        else:
            placement(care, date(2025, 1, 10), by=by)
    left_care = child(make_child, team_b)
    gone = episode(left_care, "looked_after", date(2023, 1, 1), date(2025, 6, 1), by=by)
    placement(gone, date(2023, 1, 1), date(2025, 6, 1), by=by, out_of_area=True)
    # Care leavers: Wendy holds two, Will one.
    for name, worker, accommodation, activity in (
        ("CL1", w1, AccommodationType.U, ActivityStatus.F2), ("CL2", w1, AccommodationType.U, ActivityStatus.G5),
        ("CL3", w2, AccommodationType.Z, ""),
    ):
        kids[name] = child(make_child, team_b, worker=worker)
        episode(kids[name], "care_leaver", date(2025, 8, 1), by=by, worker=worker, accommodation=accommodation,
                activity=activity)
    # On a child protection plan: Wendy and Will one each.
    kids["CP1"] = child(make_child, team_a, disability=Disability.YES, worker=w1)
    episode(kids["CP1"], "child_protection", date(2026, 4, 1), by=by, worker=w1)
    kids["CP2"] = child(make_child, team_a, worker=w2)
    episode(kids["CP2"], "child_protection", date(2026, 6, 1), by=by, worker=w2)
    # In need: one with no worker anywhere (unallocated), one allocated on the record only.
    kids["U1"] = child(make_child, team_b, disability=Disability.YES)
    episode(kids["U1"], "child_in_need", date(2026, 7, 1), by=by)
    kids["U2"] = child(make_child, team_a, worker=w2)
    episode(kids["U2"], "child_in_need", date(2026, 7, 1), by=by)

    # Missing episodes.
    missing(kids["L1"], date(2026, 2, 3), date(2026, 2, 4), by=by, offered=True, accepted=True)
    missing(kids["L1"], date(2026, 6, 9), date(2026, 6, 10), by=by, offered=True, accepted=False)
    missing(kids["L2"], date(2026, 8, 14), date(2026, 8, 14), by=by, offered=False)
    missing(kids["CP1"], date(2026, 11, 28), by=by)  # still missing
    missing(kids["L3"], date(2025, 9, 1), date(2025, 9, 2), by=by, offered=True, accepted=True)  # before the 12 months
    # Exploitation flags.
    flag(kids["L1"], date(2024, 5, 1), by=by)
    flag(kids["CL2"], date(2026, 8, 20), by=by)
    flag(kids["L2"], date(2025, 12, 5), date(2026, 1, 10), by=by)

    # The front door.
    front = [child(make_child, team_a) for _ in range(5)]
    police, schools = ContactSource.SOURCE_6, ContactSource.SOURCE_2A
    episode(front[0], "contact", date(2026, 3, 2), date(2026, 3, 2), by=by, source=police,
            decision_date=date(2026, 3, 2))
    episode(front[0], "referral", date(2026, 3, 2), date(2026, 3, 3), by=by, source=police,
            decision_date=date(2026, 3, 3))
    episode(front[1], "contact", date(2026, 6, 9), date(2026, 6, 10), by=by, source=schools)
    episode(front[1], "referral", date(2026, 6, 10), date(2026, 6, 12), by=by, source=schools,
            decision_date=date(2026, 6, 12))
    episode(front[2], "contact", date(2026, 9, 15), date(2026, 9, 15), by=by, source=police,
            decision_date=date(2026, 9, 15))
    episode(front[2], "referral", date(2026, 9, 15), by=by, source=police)
    episode(front[3], "referral", date(2026, 11, 27), by=by)  # a Friday: due by Monday 30 November
    episode(front[3], "contact", date(2026, 7, 1), by=by, source=schools)  # no referral followed
    episode(front[4], "contact", date(2025, 10, 1), date(2025, 10, 1), by=by, source=police)  # before the 12 months
    episode(front[4], "referral", date(2025, 10, 1), date(2025, 10, 1), by=by, source=police,
            decision_date=date(2025, 10, 1))
    for start, authorised, in_need in ((date(2026, 3, 3), date(2026, 4, 1), True),
                                       (date(2026, 6, 12), date(2026, 7, 20), False),
                                       (date(2026, 9, 16), date(2026, 10, 20), False),
                                       (date(2025, 5, 1), date(2025, 6, 1), False)):  # the last before the 12 months
        episode(front[0], "assessment", start, authorised, by=by, authorised_date=authorised, child_in_need=in_need)

    # Case audits in the 12 months (and one older).
    audit(kids["CP1"], audit_template, auditor, GOOD, date(2026, 10, 1))
    audit(kids["U1"], audit_template, auditor, RI, date(2026, 9, 1))
    audit(kids["L1"], audit_template, auditor, OUTSTANDING, date(2026, 8, 1), oversight=GOOD)
    moderate(audit(kids["L2"], audit_template, auditor, INADEQUATE, date(2026, 7, 1)), senior_manager, RI)
    audit(kids["CL1"], audit_template, auditor, GOOD, date(2026, 6, 1))
    audit(kids["L3"], audit_template, auditor, INADEQUATE, date(2025, 6, 1))

    # Judgements: Ofsted under ILACS 2023; a mock and a self-assessment under ILACS 2026; and a
    # self-assessment after the report's date, which must not count.
    ilacs_2023, ilacs_2026 = Framework.objects.get(code="ilacs_2023"), Framework.objects.get(code="ilacs_2026")

    def judged(framework, source, title, on, **grades):
        judgement_services.judgement_set_create(actor=by, framework=framework, source=source, title=title,
                                                judged_on=on, entries={k: Entry(grade=v) for k, v in grades.items()})

    judged(ilacs_2023, Source.OFSTED, "Inspection of children's services", date(2024, 3, 12),
           overall=RI, leaders=RI, help_protection=RI, in_care=GOOD, care_leavers=GOOD)
    judged(ilacs_2026, Source.MOCK, "Mock inspection June 2026", date(2026, 6, 15),
           leaders=RI, help_protection=RI, in_care=RI, care_leavers=INADEQUATE)
    judged(ilacs_2026, Source.SELF_ASSESSMENT, "Self-assessment September 2026", date(2026, 9, 1),
           leaders=RI, help_protection=GOOD, in_care=GOOD, care_leavers=RI)
    judged(ilacs_2026, Source.SELF_ASSESSMENT, "Self-assessment December 2026", date(2026, 12, 10),
           leaders=OUTSTANDING, help_protection=OUTSTANDING, in_care=OUTSTANDING, care_leavers=OUTSTANDING)

    # Action plan: two open help and protection actions (one overdue), one complete; one in care;
    # one for leaders; one with no judgement area (overdue).
    plan = ActionPlan.objects.create(title="Improvement plan 2026", source=PlanSource.SELF_ASSESSMENT, created_by=by)
    areas = {}
    for number, area in enumerate(("help_protection", "in_care", "leaders", ""), start=1):
        areas[area] = Recommendation.objects.create(plan=plan, number=number, text=f"Recommendation {number}",
                                                    area=area)

    def act(area, description, target, status, owner=None, **fields):
        return Action.objects.create(recommendation=areas[area], description=description, target_date=target,
                                     status=status, owner=owner, created_by=by, **fields)

    act("help_protection", "Audit every strategy discussion for police attendance", date(2026, 10, 30),
        Status.ON_TRACK, senior_manager)
    act("help_protection", "Refresh the threshold document", date(2027, 1, 29), Status.AT_RISK,
        owner_role="Head of early help")
    act("help_protection", "Train the front door in the new threshold", date(2026, 9, 1), Status.COMPLETE,
        senior_manager, evidence_of_impact="Every worker trained")
    act("in_care", "Chase health assessments weekly", date(2027, 3, 31), Status.NOT_STARTED, team_manager)
    act("leaders", "Bring caseloads under target in every team", date(2027, 2, 1), Status.OFF_TRACK, auditor)
    act("", "Publish the self-evaluation", date(2026, 11, 2), Status.NOT_STARTED, senior_manager)
    return kids


def job_for(user, parameters=PARAMETERS) -> ReportJob:
    return ReportJob(kind=ReportJob.Kind.READINESS, parameters=parameters, requested_by=user,
                     title=REPORT.title_for(parameters))


def section(text: str, start: str, end: str | None) -> str:
    """The text from one numbered heading to the next, after the contents list (which names
    every heading first)."""
    body = text.split("Contents", 1)[1]
    body = body.split("7. Caseloads", 1)[1]  # past the contents list
    part = body.split(start, 1)[1]
    return part.split(end, 1)[0] if end else part


# --- Who may have it ------------------------------------------------------------------------------


def test_it_is_the_readiness_kind_and_not_an_export():
    assert REPORT.kind == ReportJob.Kind.READINESS == "readiness"
    assert REPORT.permission == "inspection.view_managers_dashboard"
    assert REPORT.template == "pdf/readiness.html"
    assert REPORT.is_export is False


@pytest.mark.parametrize("fixture_name", ["team_manager", "auditor", "senior_manager"])
def test_managers_may_have_it(request, fixture_name):
    REPORT.check_permission(request.getfixturevalue(fixture_name))  # does not raise


@pytest.mark.parametrize("fixture_name", ["practitioner", "elected_member", "administrator"])
def test_practitioners_and_elected_members_may_not(request, fixture_name):
    with pytest.raises(PermissionDenied):
        REPORT.check_permission(request.getfixturevalue(fixture_name))


def test_a_manager_who_has_left_may_not(team_manager):
    team_manager.is_active = False
    with pytest.raises(PermissionDenied):
        REPORT.check_permission(team_manager)


# --- Its date -------------------------------------------------------------------------------------


def test_the_title_names_the_day(monkeypatch):
    assert REPORT.title_for(PARAMETERS) == "Inspection readiness report, 29 November 2026"
    assert REPORT.title_for({"as_at": "2026-03-05"}) == "Inspection readiness report, 5 March 2026"
    monkeypatch.setattr("inspection.reports.readiness.report.timezone.localdate", lambda: date(2026, 7, 1))
    assert REPORT.title_for({}) == "Inspection readiness report, 1 July 2026"


@pytest.mark.parametrize("value", ["2026-02-31", "29/11/2026", "yesterday", 20261129])
def test_a_bad_date_is_a_report_error(senior_manager, value):
    with pytest.raises(ReportError, match="The date for this report was not valid"):
        REPORT.title_for({"as_at": value})
    job = ReportJob(kind=ReportJob.Kind.READINESS, parameters={"as_at": value}, requested_by=senior_manager)
    with pytest.raises(ReportError):
        REPORT.context_for(job)


# --- The PDF --------------------------------------------------------------------------------------


def test_the_pdf_gives_a_manager_the_councils_readiness(senior_manager, figures, council, staff):
    content = REPORT.render(job_for(senior_manager)).content
    ARTIFACTS.mkdir(exist_ok=True)  # first, so a person can look at it even when an assertion fails
    pdf_path = ARTIFACTS / "readiness-report.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf_path),
                    str(ARTIFACTS / "readiness-report")], check=True)
    pages = pages_of(content)
    text = flat("\n".join(pages))
    (ARTIFACTS / "readiness-report.txt").write_text("\n\n=== page ===\n\n".join(pages))

    lines = {line.strip() for page in pages for line in page.splitlines()}

    # The cover: title, date, the checklist, Ofsted's overall grade and the figures against target.
    assert text.startswith("OFFICIAL-SENSITIVE")
    assert "Inspection readiness report, 29 November 2026" in text
    assert "Performance figures as at 29 November 2026." in text
    assert "Activity is counted over the 12 months from 30 November 2025 to 29 November 2026" in text
    cover = flat(pages[0])
    assert "Annex A produced in the last Not yet started Annex A has not been produced yet." in cover
    assert "This quarter's case audits Not yet started No audit sample has been drawn since 1 October 2026." in cover
    assert "Action plans on track In progress 3 actions off track or overdue." in cover
    assert "Safeguarding board annual Not yet started No safeguarding board is recorded." in cover
    assert ("Latest Ofsted overall Requires improvement Inspection of children's services (ILACS 2023), report "
            "effectiveness published 12 March 2024") in cover
    assert "4 on target 3 near target 5 off target" in cover
    assert "Framework in force Inspecting local authority children's services (from 2026)" in cover
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    for heading in ("1. Help and protection", "2. Children in care", "3. Care leavers", "4. Leaders and caseloads",
                    "5. The front door", "6. Children inspectors look at closely", "7. Caseloads"):
        assert re.search(re.escape(heading) + r"\.+ ?\d+", cover), heading  # in the contents, with its page

    help_ = section(text, "1. Help and protection", "2. Children in care")
    for expected in ("Assessments completed within 45 working days 85% or higher 82% 72% Near target",
                     "41 of 50 assessments authorised in the 12 months: better now",
                     "Re-referrals within 12 months 22% or lower 30% 25% Off target",
                     "Second or subsequent child protection plans 22% or lower 10% 15% On target",
                     "Child protection visits in timescale 95% or higher 95% 83.3% On target",
                     "Nov 2025 72% 25% 15% 83.3%", "Nov 2026 82% 30% 10% 95%",
                     "Overall grade 0 1 1 0 2 50%",  # a child on a plan (good) and one in need (requires improvement)
                     "Self-assessment Good Self-assessment September 2026, 1 September 2026",
                     "Peer review None recorded",
                     "Mock inspection Requires improvement Mock inspection June 2026, 15 June 2026",
                     "Ofsted inspection Requires improvement Inspection of children's services, 12 March 2024",
                     "2 open actions: 0 not started 0 on track 1 at risk 1 off track",
                     "Audit every strategy discussion for police attendance Senior Tester 30 Oct 2026"):
        assert expected in lines, expected
    assert "Rose from 72% in Nov 2025 to 82% in Nov 2026, below the" in help_  # the chart's sentence
    assert "Under ILACS 2023: the experiences and progress of children who" in help_
    assert "Outstanding" not in help_.split("Latest grades", 1)[1]  # December's self-assessment is after the day
    assert "overdue by 20 working" in help_
    assert "Refresh the threshold document" not in help_  # at risk, not overdue
    assert "Train the front door" not in text  # complete

    care = section(text, "2. Children in care", "3. Care leavers")
    assert "Health assessments in date 90% or higher 80% 88% Off target" in care
    assert "Overall grade 1 0 1 0 2 50%" in care  # outstanding, and inadequate moderated to requires improvement
    assert "Self-assessment Good" in care and "Ofsted inspection Good" in care
    assert "1 open action: 1 not started 0 on track 0 at risk 0 off track None is overdue." in care

    leavers = section(text, "3. Care leavers", "4. Leaders and caseloads")
    assert "Care leavers in education, employment or training 60% or higher 50% 46.7% Off target" in leavers
    assert "Overall grade 0 1 0 0 1 100%" in leavers
    assert "Mock inspection Inadequate" in leavers
    assert "No open actions are recorded for this area." in leavers

    leaders = section(text, "4. Leaders and caseloads", "5. The front door")
    assert "Average caseload per social worker 3 or lower 19 17 Off target" in leaders
    assert "171 children allocated among 9 social workers with worse now" in lines
    assert "Overall grade 1 2 2 0 5 60%" in leaders and "Management oversight 0 1 0 0 1 100%" in leaders
    assert "1 open action: 0 not started 0 on track 0 at risk 1 off track None is overdue." in leaders
    assert ("A further 1 open action is recorded against overall effectiveness, the safeguarding board or no "
            "judgement area (1 overdue).") in leaders

    door = section(text, "5. The front door", "6. Children inspectors")
    for expected in ("Contacts 4", "Contacts that became referrals 3 of 4 (75%)", "Referrals 4",
                     "Assessments completed 3",
                     "6: Police 2 50%", "2A: Schools 1 25%", "Not recorded 1 25%"):
        assert expected in lines, expected
    assert "Referral decisions within 1 1 of 3 (33%)" in door
    assert "Assessments ending with no 2 of 3 (67%)" in door
    assert ("1 still awaiting a decision after 1 working day, counted as late; 1 awaiting a decision, not "
            "yet due.") in door
    assert door.index("2A: Schools") < door.index("Not recorded 1 25%")  # not recorded last

    cohorts = section(text, "6. Children inspectors look at closely", "7. Caseloads")
    for expected in ("Missing from home or care 3 children had 4 missing episodes; 3 had ended by 29 November 2026.",
                     "Return-home interviews offered 2 of 3 episodes that ended (67%)",
                     "At risk of sexual exploitation 2 children with the flag open; 2 flags raised in the 12 months",
                     "Care leavers 3",
                     "U: Independent living 2 67%", "Z: With former foster carers 1 33%",
                     "F2: Full time in education other than higher 1 33%",
                     "G5: Not in education, employment or training - other 1 33%", "Not recorded 1 33%"):
        assert expected in lines, expected
    for expected in ("Return-home interviews 1 of 2 offered (50%)",
                     "Looked after and living out of 1 of 4 looked-after children (25%)",
                     "Disabled children open to social 3 of 11 children open to social care (27%)"):
        assert expected in cohorts, expected

    caseloads = text.split("Contents", 1)[1].split("7. Caseloads", 2)[2]
    assert "caseload target of 3 children" in caseloads
    assert "Child Protection 1 2 6 3.0 4 1 0" in caseloads
    assert "Children in Care 1 3 3.0 3 0 1" in caseloads
    assert "The whole council 3 9 3.0 4 1 1" in caseloads

    # No child is named, numbered or dated anywhere; staff may be.
    for forbidden in ("Zebedee", "Quillfeather", "ZQX", "17 April 2011", "2011-04-1", "/04/2011", "Apr 2011"):
        assert forbidden not in text, forbidden
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        first = pdf.pages[0]
        assert first.height > first.width  # portrait
        assert pdf.metadata.get("Title") == "Inspection readiness report, 29 November 2026"


def test_a_council_with_nothing_recorded_still_prints(senior_manager):
    content = REPORT.render(job_for(senior_manager)).content
    text = flat("\n".join(pages_of(content)))
    for expected in ("No performance figures have been worked out yet.",
                     "No figures have been worked out yet: the nightly job fills them.",
                     "No figures have been worked out for 29 November 2026 or before",
                     "No case audit in this area was completed from 30 November 2025 to 29 November 2026.",
                     "No open actions are recorded for this area.", "No Ofsted inspection is recorded",
                     "Contacts that became referrals 0 of 0 (–)", "No referrals were recorded",
                     "No care leavers were open on 29 November 2026.",
                     "No child open to social care on 29 November 2026."):
        assert expected in text, expected


def test_figures_come_from_the_latest_day_held_on_or_before_the_report_date(senior_manager, figures):
    context = REPORT.context_for(job_for(senior_manager, {"as_at": "2026-11-15"}))
    assert context["figures_day"] == date(2026, 10, 31)
    assert context["year_ago_day"] == date(2025, 11, 30)
    help_ = context["areas"][0]
    assert help_.figures[3].label == "Child protection visits in timescale"
    assert help_.figures[3].latest == "93.3%"  # 56 of 60 on 31 October, not 57 of 60 on 29 November
    assert [month[0] for month in help_.months] == ["Nov 2025", "Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026",
                                                   "Apr 2026", "May 2026", "Jun 2026", "Jul 2026", "Aug 2026",
                                                   "Sep 2026", "Oct 2026"]


# --- Queries --------------------------------------------------------------------------------------


def _population(make_child, team_a, team_b, staff, by, copies: int):
    """``copies`` of every kind of record the report counts."""
    for _ in range(copies):
        care_kid = child(make_child, team_b, disability=Disability.YES)
        care = episode(care_kid, "looked_after", date(2025, 1, 10), by=by, worker=staff["w3"])
        placement(care, date(2025, 1, 10), by=by, out_of_area=True)
        missing(care_kid, date(2026, 2, 3), date(2026, 2, 4), by=by, offered=True, accepted=True)
        flag(care_kid, date(2026, 5, 1), by=by)
        leaver = child(make_child, team_b)
        episode(leaver, "care_leaver", date(2025, 8, 1), by=by, worker=staff["w1"], accommodation=AccommodationType.U,
                activity=ActivityStatus.F2)
        front = child(make_child, team_a)
        episode(front, "contact", date(2026, 3, 2), date(2026, 3, 2), by=by, source=ContactSource.SOURCE_6)
        episode(front, "referral", date(2026, 3, 2), date(2026, 3, 3), by=by, source=ContactSource.SOURCE_6,
                decision_date=date(2026, 3, 3))
        episode(front, "assessment", date(2026, 3, 3), date(2026, 4, 1), by=by, authorised_date=date(2026, 4, 1),
                child_in_need=True, worker=staff["w2"])
        episode(child(make_child, team_a), "child_in_need", date(2026, 7, 1), by=by)


def test_the_same_number_of_queries_for_a_small_council_and_a_bigger_one(
    senior_manager, figures, council, staff, make_child, team_a, team_b,
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            REPORT.context_for(job_for(senior_manager))
        return len(captured)

    _population(make_child, team_a, team_b, staff, senior_manager, 2)
    small = queries()
    _population(make_child, team_a, team_b, staff, senior_manager, 20)
    assert queries() == small
