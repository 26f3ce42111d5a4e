"""The access matrix (access_matrix.py at the top of the repository): every URL of the service, for
every role and a signed-out visitor, and for pages about one record, for a record of the user's own
team, of another team and a restricted record, gets the answer the matrix says.

One test per URL asks as every role in every scope and lists every wrong cell in one failure. Each
request runs in a savepoint that is rolled back, so what one request changes (an access-log line, a
new template version) cannot change the answer to the next. A URL without an entry in the matrix,
or an entry naming no URL, fails ``test_every_url_has_an_entry_in_the_matrix``.
"""

from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve, reverse
from django.urls.resolvers import URLPattern, URLResolver
from django.utils import timezone
from django.utils.functional import cached_property

import access_matrix
from access_matrix import ANONYMOUS, MATRIX, MATRIX_BY_NAME, RECORDS, ROLES, Redirect
from actionplans.tests.plan_support import make_action, make_plan, make_recommendation, make_update
from cases.codes import LookedAfterNeed
from cases.models import Episode, Event, EventKind, Flag, FlagKind, Stage
from inspection.audits import services as audit_services
from inspection.models import (
    AnnexAImport, AuditSample, CommitteeReport, Finding, Inspection, ReportJob, SampleMember,
)
from inspection.roles import Role
from inspection.self_evaluation import services as self_evaluation_services
from inspection.tests.test_committee_report import make_paper
from judgements.grades import Grade
from judgements.models import Framework, Indicator, Source
from judgements.self_assessment import services as self_assessment_services
from judgements.sets import services as judgement_set_services
from judgements.sets.services import Entry as GradeEntry
from lscb.models import (
    AnnualReport, Board, Challenge, Member, MultiAgencyAudit, PerformanceReport, SafeguardingReview, Subgroup,
    TrainingAttendance, TrainingEvent,
)
from lscb.tests.conftest import record_meeting

pytestmark = pytest.mark.django_db

MATRIX_FILE = "access_matrix.py"


# --- the URL configuration, walked


def _skipped(namespace: str, route: str) -> bool:
    return (namespace.split(":", 1)[0] in access_matrix.SKIPPED_NAMESPACES
            or route.startswith(access_matrix.SKIPPED_ROUTE_PREFIXES))


def project_urls() -> dict[str, tuple[str, list[str]]]:
    """Every named URL pattern of the project: full name -> (route, its parameters in order).
    Unnamed patterns are listed under "(unnamed) <route>" so that they fail the coverage test."""
    found: dict[str, tuple[str, list[str]]] = {}

    def walk(resolver, prefix: str, namespace: str, params: list[str]):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            own = list(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else []
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                    pattern.namespace or namespace)
                walk(pattern, route, inner, params + own)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (
                    pattern.name or f"(unnamed) {route}")
                if not _skipped(namespace, route):
                    found.setdefault(name, (route, params + own))

    walk(get_resolver(), "", "", [])
    return found


URLS = project_urls()


def test_every_url_has_an_entry_in_the_matrix():
    """A new URL needs an entry: say what every role gets before anyone can reach it."""
    missing = sorted(set(URLS) - set(MATRIX_BY_NAME))
    assert not missing, (
        f"{len(missing)} URL(s) have no entry in the access matrix: "
        + ", ".join(f"{name} (/{URLS[name][0]})" for name in missing)
        + f". Add an Entry for each to MATRIX in {MATRIX_FILE} (top of the repository), with the outcome for "
        "every role and, where the URL names a record, for each scope of that record."
    )
    unknown = sorted(set(MATRIX_BY_NAME) - set(URLS))
    assert not unknown, (
        f"The access matrix ({MATRIX_FILE}) has entries for URLs that do not exist: {', '.join(unknown)}. "
        "Remove them or correct their names."
    )
    assert len(MATRIX_BY_NAME) == len(MATRIX), f"{MATRIX_FILE} names a URL twice."


def test_every_entry_says_what_every_role_gets_in_every_scope():
    problems = []
    for entry in MATRIX:
        if entry.record is not None and entry.record not in RECORDS:
            problems.append(f"{entry.name}: no such kind of record {entry.record!r} in RECORDS")
            continue
        if entry.record is not None and entry.record not in BUILDERS:
            problems.append(f"{entry.name}: the test cannot build a {entry.record!r} (add it to BUILDERS)")
        for method in entry.methods:
            cells = entry.post if method == "POST" else entry.get
            if set(cells) != set(ROLES):
                problems.append(f"{entry.name} {method}: roles {sorted(set(ROLES) ^ set(cells))} missing or unknown")
                continue
            for role, cell in cells.items():
                if isinstance(cell, dict) and set(cell) != set(entry.scopes):
                    problems.append(f"{entry.name} {method} {role}: scopes {sorted(cell)}, expected {entry.scopes}")
        problems.extend(f"{entry.name}: the test cannot build {need!r} (add it to NEEDS)"
                        for need in entry.needs if need not in NEEDS)
        if entry.name in URLS:
            route, params = URLS[entry.name]
            record_params = [name for name in params if name not in entry.kwargs]
            if bool(record_params) != bool(entry.record):
                problems.append(f"{entry.name} (/{route}): URL parameters {record_params} but record {entry.record!r}")
    assert not problems, "\n".join(problems)


def test_the_figures_are_written_down():
    """The matrix's size, for the issue's note (test-artifacts/access-matrix.txt)."""
    numbers = access_matrix.figures()
    assert numbers["urls"] == len(URLS)
    scopes = sorted({scope for entry in MATRIX for scope in entry.scopes if scope != access_matrix.NO_RECORD})
    lines = [
        "Access matrix (access_matrix.py, checked by inspection/tests/test_access_matrix.py)",
        f"URL patterns covered: {numbers['urls']} (all named URLs except Django admin; "
        f"{numbers['urls_with_a_record']} name a record, {numbers['post_only_urls']} accept only POST)",
        f"Roles: {numbers['roles']} ({', '.join(role.label for role in Role)}) and a signed-out visitor",
        f"Scopes: {numbers['scopes']} ({', '.join(scopes)})",
        f"URLs x roles: {numbers['urls']} x {numbers['roles_and_anonymous']} = "
        f"{numbers['urls'] * numbers['roles_and_anonymous']}",
        f"Checks made (URL x method x role x scope): {numbers['checks']}",
    ]
    artifacts = Path(settings.BASE_DIR) / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "access-matrix.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


# --- the council the matrix is checked against


class Council:
    """Two teams, one user per role, a child of each scope and, built only when a URL needs it,
    each kind of record the URLs name."""

    def __init__(self, make_user, make_child, team_a, team_b, audit_template):
        self.team_a, self.team_b, self.audit_template = team_a, team_b, audit_template
        self.users = {
            Role.PRACTITIONER.value: make_user("practitioner", Role.PRACTITIONER, team_a),
            Role.TEAM_MANAGER.value: make_user("manager", Role.TEAM_MANAGER, team_a, managed=(team_a,)),
            Role.AUDITOR.value: make_user("auditor", Role.AUDITOR),
            Role.SENIOR_MANAGER.value: make_user("senior", Role.SENIOR_MANAGER),
            Role.ELECTED_MEMBER.value: make_user("councillor", Role.ELECTED_MEMBER, worker=False),
            Role.ADMINISTRATOR.value: make_user("admin", Role.ADMINISTRATOR),
            Role.BOARD_MEMBER.value: make_user("board.member", Role.BOARD_MEMBER, worker=False),
        }
        admin = self.users[Role.ADMINISTRATOR.value]
        admin.is_staff = True
        admin.save()
        # The restricted child's only named worker: nobody the matrix asks as.
        self.named_worker = make_user("named.worker", Role.PRACTITIONER, team_a)
        self.make_child = make_child

    @property
    def senior(self):
        return self.users[Role.SENIOR_MANAGER.value]

    @property
    def auditor(self):
        return self.users[Role.AUDITOR.value]

    @property
    def practitioner(self):
        return self.users[Role.PRACTITIONER.value]

    # children and their records

    @cached_property
    def children(self):
        restricted = self.make_child(self.team_a, first_name="Rosa", last_name="Restricted", restricted=True)
        restricted.named_workers.add(self.named_worker.worker)
        return {
            access_matrix.OWN_TEAM: self.make_child(self.team_a, first_name="Ava", last_name="Ahmed"),
            access_matrix.OTHER_TEAM: self.make_child(self.team_b, first_name="Jack", last_name="Baker"),
            access_matrix.RESTRICTED: restricted,
        }

    @cached_property
    def looked_after(self):
        return {scope: Episode.objects.create(child=child, stage=Stage.LOOKED_AFTER, start_date=date(2025, 1, 6),
                                              category_of_need=LookedAfterNeed.N1, recorded_by=self.practitioner)
                for scope, child in self.children.items()}

    @cached_property
    def events(self):
        return {scope: Event.objects.create(child=child, kind=EventKind.VISIT, date=date(2025, 2, 3),
                                            author=self.practitioner)
                for scope, child in self.children.items()}

    @cached_property
    def flags(self):
        return {scope: Flag.objects.create(child=child, kind=FlagKind.DOMESTIC_ABUSE, start_date=date(2025, 1, 6),
                                           recorded_by=self.practitioner)
                for scope, child in self.children.items()}

    # case audits

    @cached_property
    def sample(self):
        return AuditSample.objects.create(name="Mock inspection", purpose="council_audit", size=20, seed=1,
                                          drawn_on=date(2025, 6, 1), created_by=self.auditor)

    @cached_property
    def members(self):
        """A place in the sample for each child (the restricted child was drawn before the record
        was restricted)."""
        return {scope: SampleMember.objects.create(sample=self.sample, child=child, stratum=Stage.CHILD_PROTECTION)
                for scope, child in self.children.items()}

    @cached_property
    def audits(self):
        """Each sampled child's audit, allocated to the auditor."""
        return {scope: audit_services.audit_allocate(actor=self.auditor, member=member, auditor=self.auditor)
                for scope, member in self.members.items()}

    @cached_property
    def findings(self):
        return {scope: Finding.objects.create(audit=audit, text=f"Plans are not specific ({scope})")
                for scope, audit in self.audits.items()}

    @cached_property
    def draft_template(self):
        return audit_services.template_new_version(actor=self.auditor, template=self.audit_template)

    # inspections, the self-evaluation, judgements

    @cached_property
    def annex_a_import(self):
        return AnnexAImport.objects.create(uploaded_by=self.senior, file_name="annex-a.xlsx", as_at=date(2026, 11, 1))

    @cached_property
    def inspection(self):
        inspection = Inspection.objects.create(
            kind="ilacs_standard", title="ILACS 2024", on_site_from=date(2024, 3, 4), published_on=date(2024, 5, 10),
            overall_grade=3, created_by=self.senior)
        inspection.report.save("ilacs-2024.pdf", ContentFile(b"%PDF-1.4 Ofsted report"))
        return inspection

    @cached_property
    def self_evaluation(self):
        evaluation = self_evaluation_services.self_evaluation_start(actor=self.senior, title="Self-evaluation 2026")
        self_evaluation_services.version_save(
            actor=self.senior, self_evaluation=evaluation, audit_samples=[],
            texts={"quality_and_impact": "Visits are timely.", "how_we_know": "Monthly audits.",
                   "plans": "Improve plans.", "other_evidence": ""})
        return evaluation

    @cached_property
    def judgement_set(self):
        grades = {"overall": Grade.REQUIRES_IMPROVEMENT, "help_protection": Grade.REQUIRES_IMPROVEMENT,
                  "looked_after": Grade.GOOD, "leadership": Grade.REQUIRES_IMPROVEMENT}
        return judgement_set_services.judgement_set_create(
            actor=self.senior, framework=Framework.objects.get(code="sif_2013"), source=Source.MOCK,
            title="Mock inspection", judged_on=date(2026, 3, 2),
            entries={code: GradeEntry(grade=grade) for code, grade in grades.items()})

    @cached_property
    def self_assessment(self):
        assessment = self_assessment_services.self_assessment_start(
            actor=self.senior, framework=Framework.objects.get(code="ilacs_2023"), title="Self-assessment 2026")
        self_assessment_services.version_save(actor=self.senior, self_assessment=assessment, scores={},
                                              note="First go")
        return assessment

    @cached_property
    def indicator(self):
        return Indicator.objects.filter(active=True).order_by("pk").first()

    # the safeguarding board

    @cached_property
    def board(self):
        today = timezone.localdate()
        board = Board.objects.create(name="Northbridge Safeguarding Children Board", chair="Dr Ann Ellis",
                                     chair_is_independent=True, chair_since=date(2013, 9, 1))
        member = Member.objects.create(board=board, name="Mark Doyle", agency="Police", statutory_partner=True,
                                       term_start=date(2014, 1, 1))
        subgroup = Subgroup.objects.create(board=board, name="Learning and improvement", purpose="Reviews and audits")
        subgroup.members.set([member])
        training = TrainingEvent.objects.create(board=board, title="Neglect toolkit", date=today - timedelta(days=10))
        TrainingAttendance.objects.create(event=training, agency="Police", attended=12)
        report = AnnualReport.objects.create(board=board, year="2024 to 2025",
                                             year_end=today - timedelta(days=200), created_by=self.senior)
        report.document.save("annual.pdf", ContentFile(b"%PDF-1.4 annual report"))
        return {
            "board member": member, "board subgroup": subgroup, "training event": training, "annual report": report,
            "board meeting": record_meeting(board, today - timedelta(days=20), {member: "present"}),
            "safeguarding review": SafeguardingReview.objects.create(
                board=board, reference="Child K", kind="serious_case_review", notified_on=today - timedelta(days=90)),
            "multi-agency audit": MultiAgencyAudit.objects.create(
                board=board, title="Neglect audit", completed_on=today - timedelta(days=30)),
            "challenge": Challenge.objects.create(board=board, raised_on=today - timedelta(days=40),
                                                  agency="Health", issue="Health visitors missing from core groups"),
            "performance report": PerformanceReport.objects.create(
                board=board, period="Quarter 1", received_on=today - timedelta(days=5),
                summary="Re-referrals rose to 24%"),
        }

    # action plans

    @cached_property
    def plan(self):
        plan = make_plan(self.senior)
        recommendation = make_recommendation(plan)
        action = make_action(recommendation, self.senior, owner=self.users[Role.TEAM_MANAGER.value])
        update = make_update(action, self.users[Role.TEAM_MANAGER.value])
        return {"action plan": plan, "recommendation": recommendation, "action": action,
                "evidence": update.evidence.get()}

    # committee reports and report jobs

    @cached_property
    def committee_reports(self):
        def ready_job(report, requested_by):
            job = ReportJob.objects.create(kind="committee", title=f"Committee report: {report.subject}",
                                           parameters={"report": report.pk}, requested_by=requested_by,
                                           status=ReportJob.Status.READY)
            job.file.save(f"committee-{report.pk}.pdf", ContentFile(b"%PDF-1.7 the paper"), save=True)
            return job

        draft = make_paper(self.senior, subject="Draft paper on preparation")
        ready_job(draft, self.senior)
        issued = make_paper(self.senior, subject="Issued paper on performance")
        CommitteeReport.objects.filter(pk=issued.pk).update(status=CommitteeReport.Status.ISSUED,
                                                            rendered=ready_job(issued, self.senior),
                                                            issued_by=self.senior)
        return {access_matrix.DRAFT: draft, access_matrix.ISSUED: issued}

    def report_job(self, requested_by):
        """A ready children's list, as anyone may ask for from the children list page."""
        job = ReportJob.objects.create(kind="children_list", title="Children list", parameters={},
                                       requested_by=requested_by, status=ReportJob.Status.READY)
        job.file.save("children-list.pdf", ContentFile(b"%PDF-1.4 children"), save=True)
        return job


# Each kind of record: its URL parameters (in the order of the route's own parameters, leaving
# out those an entry fixes in ``kwargs``) for a scope, asked for by a user (None: signed out).
BUILDERS = {
    "child": lambda council, scope, user: [council.children[scope].pk],
    "episode": lambda council, scope, user: [council.children[scope].pk, council.looked_after[scope].pk],
    "looked-after episode": lambda council, scope, user: [council.children[scope].pk, council.looked_after[scope].pk],
    "event": lambda council, scope, user: [council.children[scope].pk, council.events[scope].pk],
    "flag": lambda council, scope, user: [council.children[scope].pk, council.flags[scope].pk],
    "case audit": lambda council, scope, user: [council.audits[scope].pk],
    "sample member": lambda council, scope, user: [council.sample.pk, council.members[scope].pk],
    "audit finding": lambda council, scope, user: [council.findings[scope].pk],
    "team": lambda council, scope, user: [
        (council.team_a if scope == access_matrix.OWN_TEAM else council.team_b).pk],
    "audit sample": lambda council, scope, user: [council.sample.pk],
    "audit template": lambda council, scope, user: [council.audit_template.pk],
    "draft audit template": lambda council, scope, user: [council.draft_template.pk],
    "draft template domain": lambda council, scope, user: [
        council.draft_template.pk, council.draft_template.domains.order_by("order").first().pk],
    "Annex A import": lambda council, scope, user: [council.annex_a_import.pk],
    "inspection": lambda council, scope, user: [council.inspection.pk],
    "self-evaluation": lambda council, scope, user: [council.self_evaluation.pk],
    "judgement area": lambda council, scope, user: ["ilacs_2023", "help_protection"],
    "judgement set": lambda council, scope, user: [council.judgement_set.pk],
    "self-assessment": lambda council, scope, user: [council.self_assessment.pk],
    "indicator": lambda council, scope, user: [council.indicator.pk],
    **{kind: (lambda kind: lambda council, scope, user: [council.board[kind].pk])(kind) for kind in (
        "board member", "board subgroup", "board meeting", "safeguarding review", "multi-agency audit",
        "training event", "challenge", "performance report", "annual report")},
    "action plan": lambda council, scope, user: [council.plan["action plan"].pk],
    "recommendation": lambda council, scope, user: [council.plan["recommendation"].pk],
    "action owned by the team manager": lambda council, scope, user: [council.plan["action"].pk],
    "progress evidence": lambda council, scope, user: [council.plan["evidence"].token],
    "dashboard measure": lambda council, scope, user: ["assessments_in_timescale"],
    "committee report": lambda council, scope, user: [council.committee_reports[scope].pk],
    "report job": lambda council, scope, user: [council.report_job(
        user if scope == access_matrix.MINE and user is not None else council.named_worker).pk],
}


# What an entry may say its page needs, built before the page is asked for.
NEEDS = {access_matrix.BOARD: lambda council: council.board}


@pytest.fixture
def council(make_user, make_child, team_a, team_b, audit_template):
    return Council(make_user, make_child, team_a, team_b, audit_template)


# --- asking


def _url(entry, council, scope, user) -> str:
    route, params = URLS[entry.name]
    values = BUILDERS[entry.record](council, scope, user) if entry.record else []
    record_params = [name for name in params if name not in entry.kwargs]
    kwargs = dict(entry.kwargs) | dict(zip(record_params, values, strict=True))
    url = reverse(entry.name, kwargs=kwargs)
    return f"{url}?{entry.query}" if entry.query else url


def _answer(response) -> str:
    if response.status_code in (301, 302, 303):
        location = urlsplit(response["Location"]).path
        try:
            name = resolve(location).view_name
        except Resolver404:
            name = location
        return "302 to sign-in" if name == "login" else f"302 to {name}"
    return str(response.status_code)


def _matches(expected, response) -> bool:
    if isinstance(expected, Redirect):
        if response.status_code != 302:
            return False
        location = urlsplit(response["Location"]).path
        if expected.to == "login":
            return location.startswith(reverse("login"))
        if location.startswith(reverse("login")):
            return False
        if expected.to is None:
            return True
        try:
            return resolve(location).view_name == expected.to
        except Resolver404:
            return False
    return response.status_code == expected


def signed_in(user) -> dict[str, str]:
    """The session cookie of ``user`` signed in (no cookie: signed out). Made once per user and
    test: each request's savepoint is rolled back, so even signing out leaves the session as it was."""
    if user is None:
        return {}
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def ask(method: str, url: str, cookies: dict[str, str]):
    """One request with these cookies, its effects rolled back afterwards."""
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    with transaction.atomic():
        try:
            response = client.post(url, {}) if method == "POST" else client.get(url)
        finally:
            transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("entry", MATRIX, ids=[entry.name for entry in MATRIX])
def test_each_role_gets_what_the_matrix_says(entry, council):
    if entry.name not in URLS:
        pytest.fail(f"{entry.name} is in the access matrix but is not a URL of the service.")
    for need in entry.needs:
        NEEDS[need](council)
    wrong = []
    users = {role: None if role == ANONYMOUS else council.users[role] for role in ROLES}
    cookies = {role: signed_in(user) for role, user in users.items()}
    for method in entry.methods:
        for role in ROLES:
            user = users[role]
            for scope in entry.scopes:
                url = _url(entry, council, scope, user)
                expected = entry.expected(method, role, scope)
                where = f"{method} {url} as {role}" + (f", {scope} record" if entry.record else "")
                try:
                    response = ask(method, url, cookies[role])
                except Exception as error:  # noqa: BLE001 - every cell is reported, whatever went wrong
                    wrong.append(f"{where}: expected {expected}, the view raised {type(error).__name__}: {error}")
                    continue
                if not _matches(expected, response):
                    wrong.append(f"{where}: expected {expected}, got {_answer(response)}")
    assert not wrong, (
        f"{entry.name}: {len(wrong)} of {entry.checks} cells differ from the access matrix"
        + (f" ({entry.why})" if entry.why else "") + ":\n  " + "\n  ".join(wrong)
    )
