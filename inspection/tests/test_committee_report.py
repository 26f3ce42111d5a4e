"""The committee report PDF, rendered through the report kind on a ReportJob and read back with
pdfplumber: the heading block and the eleven numbered sections of a council committee paper,
numbered paragraphs, "None." for an empty section, the figures as at the nearest day held with small
numbers suppressed, and the privacy test: no child's name, ID or date of birth anywhere in the PDF
or on the paper's page as a member sees it. Page 1 and the figures page are turned into PNGs under
test-artifacts/ for a person to look at.

The builders and fixtures here (a council with figures, audits, plans and judgements, and children
with distinctive details) are shared with the committee view and browser tests."""

import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.rules import Status
from actionplans.tests.plan_support import make_action, make_plan, make_recommendation
from cases.models import Child
from inspection.committee import selectors
from inspection.dashboards.measures import MEASURES
from inspection.models import CommitteeReport, FigureMember, FigureSnapshot, ReportJob
from inspection.reports.committee import CommitteeReportKind
from inspection.tests.test_evidence_selectors import audit
from judgements.grades import Grade
from judgements.models import Framework, Source
from judgements.sets import services as judgement_services
from judgements.sets.services import Entry
from pdf_testing import flat, pages_of

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# Month ends from November 2025 to October 2026: the twelve months of figures.
MONTH_ENDS = [date(2025, 11, 30), date(2025, 12, 31)] + [
    date(2026, month, day) for month, day in
    [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30), (10, 31)]
]
FIGURES_AS_AT = date(2026, 11, 15)  # the paper's date: the nearest figures held are 31 October 2026
SMALL_MEASURE = "health_assessments"  # counted from 3 children: never shown to members

# Children whose details must never reach a committee paper, in every format a date is written.
PRIVATE_CHILDREN = [
    ("Zephyrine", "Quillfeather", "LOSPRIV7731", date(2014, 3, 5)),
    ("Barnaby", "Thistlewood", "LOSPRIV4402", date(2011, 11, 23)),
    ("Oriel", "Marchbanks", "LOSPRIV9158", date(2019, 7, 9)),
]


def forbidden_strings() -> list[str]:
    found = []
    for first, last, local_id, born in PRIVATE_CHILDREN:
        found += [first, last, local_id, born.isoformat(), f"{born:%-d %B %Y}", f"{born:%d %B %Y}", f"{born:%d/%m/%Y}",
                  f"{born.day}/{born.month}/{born.year}", f"{born:%d.%m.%Y}", f"{born:%-d %b %Y}"]
    return found


# --- builders -------------------------------------------------------------------------------------


def make_paper(user, **fields) -> CommitteeReport:
    defaults = {
        "report_to": "Children and Young People Scrutiny Committee",
        "meeting_date": date(2026, 11, 26),
        "reporting_officer": "Strategic Director, Children's Services",
        "portfolio": "Children, Young People and Families",
        "subject": "Ofsted inspection of children's services: preparation and performance",
        "wards": "All wards",
        "purpose": "To update members on preparation for the inspection of local authority children's services.",
        "recommendations": "Members note the contents of the report.\n"
                           "Members receive a further report after the inspection.",
        "supporting_information": (
            "The council was last inspected in March 2024 and judged to require improvement.\n\n"
            "Inspections now focus on front-line practice and on children's own experiences. They look at:\n"
            "- the impact of the help given;\n- the focus on the interests of the child.\n\n"
            "A mock inspection took place in September 2026."
        ),
        "financial_implications": "The preparation is met from the existing budget.",
        "risk_analysis": "A poor judgement would harm the council's reputation.",
        "background_papers": "Ofsted inspection report, March 2024, Town Hall, Head of Quality Assurance",
        "figures_as_at": FIGURES_AS_AT,
        "created_by": user,
    }
    defaults.update(fields)
    return CommitteeReport.objects.create(**defaults)


def counts_for(measure_key: str, month: int, scale: int = 1) -> tuple[int, int]:
    """(numerator, denominator) of each figure in month 0 (November 2025) to 11 (October 2026)."""
    if measure_key == "assessments_in_timescale":
        return (90 + month) * scale, 120 * scale  # 75% a year ago, 84% now: near the 85% target
    if measure_key == SMALL_MEASURE:
        return 2, 3  # counted from 3 children
    if measure_key == "caseload_per_worker":
        return 340 * scale, 20 * scale  # 17 children each: within the standard of 18
    if measure_key == "repeat_referrals":
        return 30 * scale, 100 * scale  # 30% against a target of 22% or less: off target
    return 80 * scale, 100 * scale


def make_snapshots(scale: int = 1, months=MONTH_ENDS) -> None:
    now = timezone.now()
    FigureSnapshot.objects.bulk_create([
        FigureSnapshot(measure=measure.key, as_at=day, numerator=counts_for(measure.key, number, scale)[0],
                       denominator=counts_for(measure.key, number, scale)[1], computed_at=now)
        for number, day in enumerate(months) for measure in MEASURES
    ])


def make_private_children(make_child, team) -> list[Child]:
    return [make_child(team, first_name=first, last_name=last, local_id=local_id, date_of_birth=born)
            for first, last, local_id, born in PRIVATE_CHILDREN]


def make_judgements(actor) -> None:
    sif = Framework.objects.get(code="sif_2013")
    judgement_services.judgement_set_create(
        actor=actor, framework=sif, source=Source.OFSTED, title="Single inspection, 2016", judged_on=date(2016, 11, 1),
        entries={"overall": Entry(grade=Grade.REQUIRES_IMPROVEMENT), "help_protection": Entry(grade=Grade.REQUIRES_IMPROVEMENT),
                 "looked_after": Entry(grade=Grade.GOOD), "leadership": Entry(grade=Grade.REQUIRES_IMPROVEMENT),
                 "lscb": Entry(grade=Grade.GOOD)})
    judgement_services.judgement_set_create(
        actor=actor, framework=sif, source=Source.SELF_ASSESSMENT, title="Self-assessment, autumn 2026",
        judged_on=date(2026, 9, 1),
        entries={"overall": Entry(grade=Grade.GOOD), "help_protection": Entry(grade=Grade.GOOD),
                 "looked_after": Entry(grade=Grade.GOOD), "leadership": Entry(grade=Grade.GOOD)})


def make_plans(actor) -> None:
    plan = make_plan(actor, title="Mock inspection, September 2026: action plan")
    recommendation = make_recommendation(plan)
    for number in range(6):
        make_action(recommendation, actor, description=f"On track {number}", target=date(2027, 3, 31))
    for number in range(5):
        make_action(recommendation, actor, description=f"Done {number}", status=Status.COMPLETE, target=date(2026, 9, 1))
    make_action(recommendation, actor, description="Late", status=Status.ON_TRACK, target=date(2026, 10, 1))  # overdue
    finished = make_plan(actor, title="Focused visit 2025: action plan")
    make_action(make_recommendation(finished), actor, status=Status.COMPLETE, target=date(2025, 12, 1))


def make_audits(children, template, auditor) -> None:
    """15 audits in the 12 months: 1 outstanding, 8 good, 6 requiring improvement; and one old one."""
    grades = [Grade.OUTSTANDING] + [Grade.GOOD] * 8 + [Grade.REQUIRES_IMPROVEMENT] * 6
    for number, grade in enumerate(grades):
        audit(children[number % len(children)], template, auditor, grade, date(2026, 9, 1 + number))
    audit(children[0], template, auditor, Grade.INADEQUATE, date(2025, 6, 1))  # before the 12 months


@pytest.fixture
def council(make_child, team_a, senior_manager, auditor, audit_template):
    """A council with twelve months of figures, audits, plans, judgements and children with
    distinctive details behind the figures."""
    children = make_private_children(make_child, team_a)
    make_snapshots()
    latest = FigureSnapshot.objects.filter(as_at=MONTH_ENDS[-1])
    FigureMember.objects.bulk_create([FigureMember(snapshot=snapshot, child=child, met=False, detail="visit overdue")
                                      for snapshot in latest for child in children])
    make_audits(children, audit_template, auditor)
    make_plans(senior_manager)
    make_judgements(senior_manager)
    return children


def render(report: CommitteeReport, user) -> tuple[bytes, ReportJob]:
    kind = CommitteeReportKind()
    job = ReportJob.objects.create(kind=kind.kind, title=kind.title_for({"report": report.pk}),
                                   parameters={"report": report.pk}, requested_by=user)
    rendered = kind.render(job)
    return rendered.content, job


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def save_pngs(content: bytes, name: str, pages: list[int]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / f"{name}.pdf"
    pdf_path.write_bytes(content)
    for number in pages:
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile",
                        str(pdf_path), str(ARTIFACTS / f"{name}-{number}")], check=True)


HEADINGS = ["1. Purpose of the report", "2. Recommendations", "3. Supporting information", "4. Policy implications",
            "5. Financial implications", "6. Legal implications", "7. Other implications",
            "8. Implications for the council's priorities", "9. Risk analysis", "10. Equality and diversity issues",
            "11. Background papers"]


# --- the report kind ------------------------------------------------------------------------------


def test_the_kind_is_an_officers_report_and_not_an_export(senior_manager, elected_member):
    kind = CommitteeReportKind()
    assert (kind.kind, kind.permission, kind.is_export) == ("committee", "inspection.change_committeereport", False)
    assert kind.kind == ReportJob.Kind.COMMITTEE
    report = make_paper(senior_manager, subject="x" * 300)
    title = kind.title_for({"report": report.pk})
    assert len(title) == 200 and title.startswith("Committee report: xxx") and title.endswith("…")
    kind.check_permission(senior_manager)
    with pytest.raises(Exception):
        kind.check_permission(elected_member)


def test_a_deleted_paper_says_so(senior_manager):
    from inspection.reports import ReportError

    with pytest.raises(ReportError, match="deleted"):
        CommitteeReportKind().title_for({"report": 999})


# --- the PDF --------------------------------------------------------------------------------------


def test_the_pdf_reads_as_a_council_committee_paper(council, senior_manager):
    report = make_paper(senior_manager)
    content, job = render(report, senior_manager)
    pages = pages_of(content)
    save_pngs(content, "committee-report", [1, 2, 3])
    text = flat("\n".join(pages))

    assert "OFFICIAL" in text and "OFFICIAL-SENSITIVE" not in text
    # The heading block, as the seeds set it out.
    for expected in ("REPORT TO: Children and Young People Scrutiny Committee", "DATE OF MEETING: 26 November 2026",
                     "REPORTING OFFICER: Strategic Director, Children's Services",
                     "PORTFOLIO: Children, Young People and Families",
                     "SUBJECT: Ofsted inspection of children's services: preparation and performance",
                     "WARDS AFFECTED: All wards", "CLASSIFICATION: Open"):
        assert expected in text, expected
    # Every heading, in order, even those with nothing to say.
    body = text[text.index("1.1 To update members") - len("1. Purpose of the report "):]  # after the contents
    positions = [body.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "1.1 To update members on preparation for the inspection" in body
    assert ("2.1 That: i) Members note the contents of the report. ii) Members receive a further report after "
            "the inspection.") in body
    supporting = section(body, "3. Supporting information", "4. Policy implications")
    assert "3.1 The council was last inspected in March 2024" in supporting
    assert "3.2 Inspections now focus on front-line practice" in supporting and "the impact of the help given;" in supporting
    assert "3.3 A mock inspection took place in September 2026." in supporting
    assert "3.4 Performance against target" in supporting
    assert "3.5 Ofsted's and our own judgements" in supporting
    assert "3.6 Action plan progress" in supporting
    assert "3.7 Case audits" in supporting
    assert "4.1 None." in section(body, "4. Policy implications", "5. Financial implications")
    assert "5.1 The preparation is met from the existing budget." in body
    assert "6.1 None." in body and "7.1 None." in body and "8.1 None." in body
    assert "9.1 A poor judgement would harm the council's reputation." in body
    assert "10.1 None." in body  # written straight to the database: no starting text
    background = body.split("11. Background papers", 1)[1]
    assert "section 100D of the Local Government Act 1972" in background
    assert "Ofsted inspection report, March 2024, Town Hall, Head of Quality Assurance" in background
    assert job.title == "Committee report: Ofsted inspection of children's services: preparation and performance"


def row(pages: list[str], label: str, before: int = 0, after: int = 2) -> str:
    """The PDF's text lines around a table row (its label and cells wrap onto a few lines)."""
    lines = [line for page in pages for line in page.splitlines()]
    found = next(number for number, line in enumerate(lines) if label in line)
    return " ".join(lines[max(found - before, 0): found + after])


def test_the_figures_are_as_at_the_nearest_day_held_with_small_numbers_suppressed(council, senior_manager):
    report = make_paper(senior_manager)
    content, _ = render(report, senior_manager)
    pages = pages_of(content)
    text = flat("\n".join(pages))
    performance = section(text, "3.4 Performance against target", "3.5 Ofsted's and our own judgements")

    assert "Figures as at 31 October 2026, the latest held on or before 15 November 2026" in performance
    assert "“A year ago” is the earliest figure held in the twelve months before, at 30 November 2025" in performance
    # figure, target, latest, a year ago, against target in words
    assert "85% or more 84% 75% Near target" in row(pages, "Assessments completed within 45")
    assert "22% or less 30% 30% Off target" in row(pages, "Re-referrals within 12 months")
    assert "95% or more 80% 80% Off target" in row(pages, "Looked-after reviews on time")
    assert "18 or fewer 17 17 On target" in row(pages, "Average caseload per social worker")
    # Counted from 3 children: neither the figure, a year ago, nor its rating.
    health = row(pages, "Health assessments in date", after=3)
    assert health.count("not shown") == 2 and health.count("(fewer than") == 2 and health.count("5 children)") == 2
    assert "not rated (too" in health
    assert "%" not in health.replace("90% or more", "").replace("95% or more", "")
    for title in ("Help and protection: the 12 months to 31 October 2026", "Children in care: the 12 months to",
                  "Care leavers: the 12 months to", "Caseloads: the 12 months to"):
        assert title in performance, title
    assert "within 45 working days: rose from 75% in November 2025 to 84% in October 2026" in performance  # the chart's sentence
    assert "Health assessments in date:" not in performance  # no line on the chart for a figure never shown

    judgements = section(text, "3.5 Ofsted's and our own judgements", "3.6 Action plan progress")
    assert "Ofsted's latest judgements: Single inspection, 2016, 1 November 2016" in judgements
    assert "Leadership, management and governance Requires improvement" in judgements
    assert "The council's latest self-assessment: Self-assessment, autumn 2026, 1 September 2026" in judgements

    plans = section(text, "3.6 Action plan progress", "3.7 Case audits")
    assert "1 plan has every action complete and is not listed" in plans
    assert "Focused visit 2025" not in plans
    # not started 0, on track 6, at risk 0, off track 1 (overdue): hidden, so complete (5) is withheld with it
    assert "0 6 0 fewer withheld 12 fewer" in row(pages, "Mock inspection, September")
    assert "Withheld: not shown, so that a number under 5 cannot be worked out from the total." in plans

    audits = section(text, "3.7 Case audits", "4. Policy implications")
    assert "Case audits completed from 16 November 2025 to 15 November 2026" in audits
    assert "60% were graded good or better." in audits
    assert "Outstanding fewer than 5 –" in audits
    assert "Good 8 53%" in audits
    assert "Requires improvement withheld –" in audits  # else 15 - 1 - 8 - 0 gives the hidden one away
    assert "Inadequate 0 0%" in audits  # the inadequate audit is from before the 12 months
    assert "All audits 15" in audits


def test_without_figures_the_paper_says_so_plainly(senior_manager):
    report = make_paper(senior_manager)
    content, _ = render(report, senior_manager)
    text = flat("\n".join(pages_of(content)))
    assert "No performance figures are held for the council on or before 15 November 2026" in text
    assert "No Ofsted judgements or self-assessment are recorded on or before 15 November 2026." in text
    assert "No action plan with actions is recorded." in text
    assert "No case audits were completed from 16 November 2025 to 15 November 2026." in text
    assert all(heading in text for heading in HEADINGS)


def test_figures_after_the_papers_date_are_not_used(council, senior_manager):
    report = make_paper(senior_manager, figures_as_at=date(2026, 6, 15))
    content, _ = render(report, senior_manager)
    pages = pages_of(content)
    assert "Figures as at 31 May 2026, the latest held on or before 15 June 2026" in flat("\n".join(pages))
    # May 2026: 96 of 120 is 80%, within 5 of the 85% target
    assert "85% or more 80% 75% Near target" in row(pages, "Assessments completed within 45")


# --- privacy ----------------------------------------------------------------------------------------


def test_no_childs_name_id_or_date_of_birth_reaches_the_pdf_or_the_members_page(
    client, council, senior_manager, elected_member,
):
    report = make_paper(senior_manager, status=CommitteeReport.Status.ISSUED)
    content, _ = render(report, senior_manager)
    pdf_text = "\n".join(pages_of(content))
    assert "3.4 Performance against target" in pdf_text and "Assessments completed" in pdf_text  # the figures are there
    client.force_login(elected_member)
    page = client.get(reverse("committee:detail", args=[report.pk])).content.decode()
    assert "Assessments completed within 45 working days" in page
    for forbidden in forbidden_strings():
        assert forbidden not in pdf_text, forbidden
        assert forbidden not in page, forbidden
        assert forbidden.encode() not in content  # not hidden in the PDF's metadata either


# --- queries --------------------------------------------------------------------------------------


def _context_queries(report) -> int:
    kind = CommitteeReportKind()
    job = ReportJob(kind=kind.kind, parameters={"report": report.pk})
    with CaptureQueriesContext(connection) as queries:
        kind.context_for(job)
    return len(queries)


def test_the_paper_takes_the_same_number_of_queries_however_much_data(
    make_child, team_a, senior_manager, auditor, audit_template,
):
    report = make_paper(senior_manager)
    make_snapshots(months=MONTH_ENDS[:2])
    children = make_private_children(make_child, team_a)
    make_audits(children[:1], audit_template, auditor)
    make_plans(senior_manager)
    make_judgements(senior_manager)
    few = _context_queries(report)
    FigureSnapshot.objects.all().delete()
    make_snapshots(scale=10)
    more = [make_child(team_a) for _ in range(20)]
    make_audits(more, audit_template, auditor)
    for _ in range(3):
        make_plans(senior_manager)
        make_judgements(senior_manager)
    assert _context_queries(report) == few


def test_the_figures_date_is_the_nearest_council_wide_day_on_or_before(team_a):
    make_snapshots(months=MONTH_ENDS[:3])
    # A team's figures on a later day do not count: the paper is council-wide.
    FigureSnapshot.objects.create(measure="repeat_referrals", as_at=date(2026, 1, 20), team=team_a, numerator=1,
                                  denominator=2, computed_at=timezone.now())
    assert selectors.figures_day(on_or_before=date(2026, 1, 30)) == date(2025, 12, 31)
    assert selectors.figures_day(on_or_before=date(2026, 1, 31)) == date(2026, 1, 31)
    assert selectors.figures_day(on_or_before=date(2025, 11, 29)) is None
