"""Audit findings: what a period's case audits found, for managers and the quality-assurance group.
Who may have it (not elected members; a practitioner sees only their own team's audits), the PDF
read back with pdfplumber (how many audits, final grades with moderation taken into account, grades
by team, by audit domain and by the stage the child was at, moderation agreement, recurring
findings and strengths, each audit's text), that it never names a child even where an auditor
slipped, its parameters, and that it runs the same number of queries however many audits there
are. Page 1 is turned into a PNG under test-artifacts/ for a person to look at."""

import re
import subprocess
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Child, Episode, Stage
from inspection.models import (
    CaseAudit, DomainGrade, DomainModeration, Finding, Moderation, ReportJob,
)
from inspection.reports import ReportError
from inspection.reports.audit_findings import AuditFindingsReport
from inspection.tests.test_action_plan_progress_report import columns_of
from pdf_testing import assert_no_child_named, flat, pages_of

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
TODAY = date(2026, 3, 16)  # the default period is 17 March 2025 to 16 March 2026


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 11, 30))


@pytest.fixture
def children(make_child, team_a, team_b, senior_manager):
    """Children with names found nowhere else, each at a different stage."""
    in_care = make_child(team_a, first_name="Zephyrine", last_name="Quillfeather", local_id="ZQ-4471",
                         date_of_birth=date(2014, 7, 23))
    protected = make_child(team_a, first_name="Barnaby", last_name="Thistlewood", local_id="BT-9023",
                           date_of_birth=date(2011, 11, 5))
    leaver = make_child(team_b, first_name="Ottoline", last_name="Fairweather", local_id="OF-3318",
                        date_of_birth=date(2006, 2, 14))
    closed = make_child(team_b, first_name="Cosimo", last_name="Wrenfield", local_id="CW-5506",
                        date_of_birth=date(2012, 9, 30))
    for child, stage, start in ((in_care, Stage.LOOKED_AFTER, date(2024, 1, 8)),
                                (protected, Stage.CHILD_PROTECTION, date(2025, 6, 2)),
                                (leaver, Stage.CARE_LEAVER, date(2024, 2, 14))):
        Episode.objects.create(child=child, stage=stage, start_date=start, recorded_by=senior_manager)
    return {"in_care": in_care, "protected": protected, "leaver": leaver, "closed": closed}


def _audit(child, template, auditor, *, completed: date, grade: int, status=CaseAudit.Status.COMPLETED,
           domains: dict[str, int] | None = None, findings=(), strengths="", areas_for_development=""):
    audit = CaseAudit.objects.create(child=child, template=template, auditor=auditor, status=status,
                                     overall_grade=grade, completed_at=at(completed), strengths=strengths,
                                     areas_for_development=areas_for_development)
    by_key = {domain.key: domain for domain in template.domains.all()}
    for key, domain_grade in (domains or {}).items():
        DomainGrade.objects.create(audit=audit, domain=by_key[key], grade=domain_grade)
    for key, text in findings:
        Finding.objects.create(audit=audit, domain=by_key.get(key), text=text)
    return audit


def _moderate(audit, moderator, *, final: int, domains: dict[str, tuple[bool, int]]):
    agreed = final == audit.overall_grade
    moderation = Moderation.objects.create(audit=audit, moderator=moderator, overall_agreed=agreed,
                                           final_overall_grade=final,
                                           reason="" if agreed else "Drift not seen")
    by_key = {domain.key: domain for domain in audit.template.domains.all()}
    for key, (domain_agreed, domain_grade) in domains.items():
        DomainModeration.objects.create(moderation=moderation, domain=by_key[key], agreed=domain_agreed,
                                        final_grade=domain_grade, reason="" if domain_agreed else "Not evidenced")
    audit.status = CaseAudit.Status.MODERATED
    audit.save()


@pytest.fixture
def audits(children, audit_template, auditor, senior_manager):
    """Three audits in the period (one completed, two moderated, one of them regraded), one from
    before it and a draft, neither of which counts."""
    voice = "Record the child's views in their own words"
    first = _audit(children["in_care"], audit_template, auditor, completed=date(2025, 6, 10), grade=2,
                   domains={"child_voice": 2, "oversight": 3},
                   findings=[("", "Life story work not started"), ("child_voice", voice)],
                   strengths="Zephyrine's views are recorded in her own words (ZQ-4471).\nWarm, steady relationship",
                   areas_for_development="Life story work not started")
    second = _audit(children["protected"], audit_template, auditor, completed=date(2025, 11, 3), grade=3,
                    domains={"child_voice": 3, "oversight": 3},
                    findings=[("child_voice", voice + "."), ("oversight", "No management oversight at key decisions")],
                    strengths="Warm, steady relationship.")
    _moderate(second, senior_manager, final=4, domains={"child_voice": (True, 3), "oversight": (False, 4)})
    third = _audit(children["leaver"], audit_template, auditor, completed=date(2026, 2, 2), grade=1,
                   domains={"child_voice": 1, "oversight": 2}, findings=[("child_voice", voice.lower())],
                   strengths="Pathway plan written with the young person.")
    _moderate(third, senior_manager, final=1, domains={"child_voice": (True, 1), "oversight": (True, 2)})
    before = _audit(children["closed"], audit_template, auditor, completed=date(2025, 3, 1), grade=4,
                    findings=[("", "A finding from before the period")])
    draft = _audit(children["closed"], audit_template, auditor, completed=date(2026, 1, 5), grade=4,
                   status=CaseAudit.Status.DRAFT, findings=[("", "A finding in a draft")])
    return {"first": first, "second": second, "third": third, "before": before, "draft": draft}


def job_for(user, parameters=None) -> ReportJob:
    report = AuditFindingsReport()
    parameters = parameters or {}
    return ReportJob.objects.create(kind=report.kind, title=report.title_for(parameters), parameters=parameters,
                                    requested_by=user)


def section(text: str, start: str, end: str | None) -> str:
    """From a section's first mention after the contents page (its heading, or the running header
    of its first page) to the next section's."""
    body = text.split("Page 1 of", 1)[1].split(start, 1)[1]
    return body if end is None else body.split(end, 1)[0]


def has_row(text: str, label: str, figures: str) -> bool:
    """A table row of a label and its figures, however the label wrapped in its column (the
    figures are read out on the line they sit beside)."""
    words = label.split()
    return any(" ".join([*words[:split], figures, *words[split:]]) in text for split in range(1, len(words) + 1))


def audit_numbers(text: str) -> set[int]:
    return {int(number) for number in re.findall(r"\bAudit (\d+)\b", text)}


# --- who may have it -----------------------------------------------------------------------------


def test_it_is_the_kind_the_job_model_knows_and_not_an_export():
    report = AuditFindingsReport()
    assert report.kind == ReportJob.Kind.AUDIT_FINDINGS
    assert report.permission == "inspection.view_caseaudit"
    assert report.is_export is False


@pytest.mark.parametrize("fixture_name", ["practitioner", "team_manager", "auditor", "senior_manager"])
def test_those_who_see_case_audits_may_have_it(request, fixture_name):
    AuditFindingsReport().check_permission(request.getfixturevalue(fixture_name))  # does not raise


@pytest.mark.parametrize("fixture_name", ["elected_member", "administrator"])
def test_elected_members_and_administrators_may_not(request, fixture_name):
    with pytest.raises(PermissionDenied):
        AuditFindingsReport().check_permission(request.getfixturevalue(fixture_name))


def test_even_if_asked_for_by_an_elected_member_it_would_count_no_audit(elected_member, audits):
    findings = AuditFindingsReport().context_for(job_for(elected_member))["findings"]
    assert findings.total == 0 and findings.texts == [] and findings.recurring == []


# --- the PDF -------------------------------------------------------------------------------------


def test_the_pdf_sums_up_the_periods_audits_for_managers(senior_manager, audits, children):
    job = job_for(senior_manager)
    rendered = AuditFindingsReport().render(job)
    ARTIFACTS.mkdir(exist_ok=True)  # first, so a person can look at it even when an assertion fails
    pdf_path = ARTIFACTS / "audit-findings.pdf"
    pdf_path.write_bytes(rendered.content)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
                    str(ARTIFACTS / "audit-findings-1")], check=True)
    pages = pages_of(rendered.content)
    text = flat("\n".join(pages))
    assert len(pages) == rendered.page_count

    assert job.title == "Audit findings, 17 March 2025 to 16 March 2026"
    assert text.startswith("OFFICIAL-SENSITIVE")
    cover = flat(pages[0])
    assert "Case audits completed from 17 March 2025 to 16 March 2026, in every team; drafts are not counted." in cover
    for sentence in ("3 audits completed from 17 March 2025 to 16 March 2026, 2 of them moderated.",
                     "2 of 3 (67%) graded good or better; 1 inadequate.",
                     "Moderators agreed with the auditor's overall grade in 1 of 2 (50%).",
                     "The finding recorded most often: “Record the child's views in their own words” "
                     "(in 3 audits)."):
        assert sentence in cover, sentence
    for heading in ("Final grades", "Grades team by team", "Grades in each domain of the audit",
                    "Grades by the stage the child was at", "Moderation", "Findings that recur", "Strengths that recur",
                    "Strengths and areas for development, audit by audit"):
        assert re.search(re.escape(heading) + r" ?\.+ \d", cover), heading
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page

    grades = section(text, "Final grades", "Grades team by team")
    assert "Final grade of each audit" in grades  # the chart
    # The second audit counts as the moderator regraded it (inadequate), not as the auditor graded it.
    for label, figures in (("Outstanding", "1 33%"), ("Good", "1 33%"), ("Requires improvement", "0 0%"),
                           ("Inadequate", "1 33%"), ("All graded audits", "3")):
        assert has_row(grades, label, figures), label

    teams = section(text, "Grades team by team", "Grades in each domain of the audit")
    assert "Final grades team by team" in teams
    assert has_row(teams, "Child Protection 1", "0 1 0 1 2 50%")
    assert has_row(teams, "Children in Care", "1 0 0 0 1 100%")

    domains = section(text, "Grades in each domain of the audit", "Grades by the stage the child was at")
    assert has_row(domains, "The child's voice informing plans", "1 1 1 0 3 67%")
    assert has_row(domains, "Management oversight and supervision", "0 1 1 1 3 33%")

    stages = section(text, "Grades by the stage the child was at", "Moderation")
    assert has_row(stages, "Help and protection", "0 0 0 1 1 0%")
    assert has_row(stages, "In care", "0 1 0 0 1 100%")
    assert has_row(stages, "Care leavers", "1 0 0 0 1 100%")
    assert "Another stage, or none" not in stages  # every child audited was at one of the three

    moderation = section(text, "Moderation", "Findings that recur")
    assert "2 of 3 audits moderated by a second auditor." in moderation
    assert has_row(moderation, "Overall grade", "1 2 50%")
    assert has_row(moderation, "The child's voice informing plans", "2 2 100%")
    assert has_row(moderation, "Management oversight and supervision", "1 2 50%")

    recurring = section(text, "Findings that recur", "Strengths that recur")
    assert "5 findings recorded in all, 3 different. Each of them, the most widely found first" in recurring
    found = columns_of(rendered.content, ["Finding", "Domain", "Audits"])
    assert found["Finding"].startswith("Record the child's views in their own words")
    assert found["Domain"].startswith("The child's voice informing plans")
    assert found["Audits"].startswith("3 1 1")
    for finding in ("Life story work not started", "No management oversight at key decisions"):
        assert finding in found["Finding"]
    assert "A finding from before the period" not in text and "A finding in a draft" not in text

    strengths = section(text, "Strengths that recur", "Strengths and areas for development, audit by audit")
    assert "Warm, steady relationship 2" in strengths

    by_audit = columns_of(rendered.content, ["Audit", "Strengths", "Areas for development"])
    first, second, third = audits["first"].pk, audits["second"].pk, audits["third"].pk
    # Lowest graded first; known by number and team only.
    assert by_audit["Audit"].startswith(f"Audit {second} Child Protection 1 Inadequate moderated Audit {first} "
                                        f"Child Protection 1 Good Audit {third} Children in Care Outstanding moderated")
    # The auditor named the child in the first audit's strengths: the name and ID are taken out.
    assert ("[the child]'s views are recorded in her own words ([the child]). Warm, steady relationship"
            in by_audit["Strengths"])
    assert "Life story work not started" in by_audit["Areas for development"]
    assert audit_numbers(text) == {first, second, third}

    assert_no_child_named(text, children.values())


def test_a_practitioner_sees_only_their_own_teams_audits(practitioner, audits, children):
    rendered = AuditFindingsReport().render(job_for(practitioner))
    text = flat("\n".join(pages_of(rendered.content)))
    assert "2 audits completed from 17 March 2025 to 16 March 2026, 1 of them moderated." in text
    assert "only the teams Practitioner Tester may see" in text
    assert "Children in Care" not in text and "Pathway plan written" not in text
    assert audit_numbers(text) == {audits["first"].pk, audits["second"].pk}
    assert_no_child_named(text, children.values())


def test_a_period_can_be_chosen(senior_manager, audits):
    job = job_for(senior_manager, {"start": "2024-12-01", "end": "2025-06-30"})
    assert job.title == "Audit findings, 1 December 2024 to 30 June 2025"
    findings = AuditFindingsReport().context_for(job)["findings"]
    assert findings.total == 2 and findings.overall.counts == (0, 1, 0, 1)  # the first audit and the one before
    # The child audited before the period had no episode open: counted under another stage.
    assert {row.label: row.grades.counts for row in findings.by_stage} == {
        "Help and protection": (0, 0, 0, 0), "In care": (0, 1, 0, 0), "Care leavers": (0, 0, 0, 0),
        "Another stage, or none": (0, 0, 0, 1)}
    # A start alone runs a year from it, to today at the latest; an end alone runs the year to it.
    assert AuditFindingsReport().title_for({"start": "2025-06-01"}) == "Audit findings, 1 June 2025 to 16 March 2026"
    title_for = AuditFindingsReport().title_for
    assert title_for({"start": "2024-01-01"}) == "Audit findings, 1 January 2024 to 31 December 2024"
    assert title_for({"end": "2025-12-31"}) == "Audit findings, 1 January 2025 to 31 December 2025"


def test_with_no_audits_it_still_prints_and_says_so(auditor):
    rendered = AuditFindingsReport().render(job_for(auditor))
    text = flat("\n".join(pages_of(rendered.content)))
    assert "No audit was completed from 17 March 2025 to 16 March 2026." in text
    assert "No audit completed from 17 March 2025 to 16 March 2026 has been moderated." in text
    assert "No finding was recorded in the audits from 17 March 2025 to 16 March 2026." in text


def test_a_seeded_council_names_no_child(audit_template):
    """A year of the demo council's audits, findings and moderation: no child's name, ID or date of birth."""
    call_command("seed_demo", children=40, seed=3, as_of=TODAY, password="demo-password-for-tests",
                 stdout=StringIO())
    auditor = get_user_model().objects.get(username="auditor")
    rendered = AuditFindingsReport().render(job_for(auditor))
    text = flat("\n".join(pages_of(rendered.content)))
    assert re.search(r"\d+ audits completed from 17 March 2025 to 16 March 2026, \d+ of them moderated\.", text)
    for first, last, local_id, born in Child.objects.values_list("first_name", "last_name", "local_id",
                                                                 "date_of_birth"):
        for identifier in (f"{first} {last}", f"{last}, {first}", local_id, f"{born.day} {born:%B %Y}",
                           f"{born.day} {born:%b %Y}", f"{born:%d/%m/%Y}"):
            assert identifier not in text, identifier


# --- parameters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("parameters", "message"), [
    ({"start": "2025-13-01"}, "The start date “2025-13-01” is not a date: give it in the form 2026-03-31."),
    ({"end": "31/03/2026"}, "The end date “31/03/2026” is not a date: give it in the form 2026-03-31."),
    ({"start": "2026-02-01", "end": "2026-01-31"},
     "The period starts on 1 February 2026, after it ends on 31 January 2026: give a start date on or before the "
     "end date."),
])
def test_bad_parameters_are_refused_with_a_reason_the_user_can_act_on(senior_manager, parameters, message):
    report = AuditFindingsReport()
    with pytest.raises(ReportError, match=re.escape(message)):
        report.title_for(parameters)
    job = ReportJob.objects.create(kind=report.kind, title="x", parameters=parameters, requested_by=senior_manager)
    with pytest.raises(ReportError, match=re.escape(message)):
        report.context_for(job)


# --- queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture_name", ["senior_manager", "practitioner"])
def test_the_same_number_of_queries_however_many_audits(request, audits, audit_template, make_child, team_a, team_b,
                                                        auditor, senior_manager, fixture_name):
    user = request.getfixturevalue(fixture_name)
    report = AuditFindingsReport()
    job = job_for(user)
    with CaptureQueriesContext(connection) as few:  # a fresh job each time: the user and their permissions read again
        small = report.context_for(ReportJob.objects.get(pk=job.pk))["findings"]
    for n in range(8):
        child = make_child(team_a if n % 2 else team_b)
        Episode.objects.create(child=child, stage=Stage.CHILD_IN_NEED, start_date=date(2025, 1, 6),
                               recorded_by=senior_manager)
        audit = _audit(child, audit_template, auditor, completed=date(2025, 9, 1 + n), grade=1 + n % 4,
                       domains={"child_seen": 2, "plans": 3}, findings=[("plans", "Plans need measurable outcomes")],
                       strengths="Seen alone", areas_for_development="Plans")
        if n % 3 == 0:
            _moderate(audit, senior_manager, final=2, domains={"child_seen": (True, 2), "plans": (False, 2)})
    with CaptureQueriesContext(connection) as many:
        large = report.context_for(ReportJob.objects.get(pk=job.pk))["findings"]
    assert large.total > small.total
    assert len(many) == len(few) <= 11  # the job's user, their permissions and teams, and six reads
