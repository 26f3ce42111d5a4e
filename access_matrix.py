"""The access matrix: for every page and action of Line of Sight, what each role (and a signed-out
visitor) gets when they ask for it, and for pages about one record, what they get for a record of
their own team, of another team, and a restricted record they are not a named worker for.

This is data, read by inspection/tests/test_access_matrix.py, which walks the URL configuration and
fails when a URL has no entry here. To add a URL: add an ``Entry`` to ``MATRIX`` below with the
URL's full name (namespace included), the kind of record its URL names (see ``RECORDS``), and the
outcome for every role. Write what SHOULD happen, not what the code happens to do: a failing cell
is a finding to report, not a number to copy.

Outcomes: a status code (200, 403, 404, 405) or a redirect. ``SIGN_IN`` is a redirect to the
sign-in page (every page asks a signed-out visitor to sign in first); ``REDIRECT`` is any other
redirect that is the page's normal answer, and ``redirect_to("name")`` one to a named page.

For pages that only accept POST, ``get`` is the answer to a GET and ``post`` the answer to a POST
with nothing filled in. A GET is refused with 405 by views that check the method first, and by the
others (which check the permission first) with 403 for those without the permission and 405 for
those with it.

Scopes (``RECORDS`` says which apply to which kind of record):
- "own team": a record of Child Protection 1, the team of the practitioner and the team manager
  (auditors and senior managers belong to no team and see every team);
- "other team": a record of Children in Care, a team none of the users works in or manages;
- "restricted": a restricted child of Child Protection 1 (``Child.restricted``) whose only named
  worker is someone else. Nobody in the matrix is named, so only breaking the glass (team
  managers and senior managers, in an emergency, with a logged reason) opens it;
- "council": a record of the whole council, not of any team (a plan, an inspection, a board record);
- "draft" / "issued": a committee report before and after it is issued to members;
- "mine" / "someone else's": a report job the user asked for, or one another user asked for.
"""

from dataclasses import dataclass, field

from inspection.roles import Role


@dataclass(frozen=True)
class Redirect:
    """A 302. ``to`` is the name of the page it must lead to (None: anywhere but the sign-in page)."""

    to: str | None = None

    def __str__(self) -> str:
        return "302 to sign-in" if self.to == "login" else f"302 to {self.to}" if self.to else "302"


OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405
SIGN_IN = Redirect("login")
REDIRECT = Redirect()


def redirect_to(name: str) -> Redirect:
    return Redirect(name)


ANONYMOUS = "anonymous"
P, TM, A, SM, EM, AD, BM = (Role.PRACTITIONER.value, Role.TEAM_MANAGER.value, Role.AUDITOR.value,
                            Role.SENIOR_MANAGER.value, Role.ELECTED_MEMBER.value, Role.ADMINISTRATOR.value,
                            Role.BOARD_MEMBER.value)
ROLES = [ANONYMOUS, *(role.value for role in Role)]

# Scopes of the record a URL names.
OWN_TEAM, OTHER_TEAM, RESTRICTED = "own team", "other team", "restricted"
COUNCIL = "council"
DRAFT, ISSUED = "draft", "issued"
MINE, SOMEONE_ELSES = "mine", "someone else's"
NO_RECORD = "-"

# What a page may need to exist before it is itself (without a board, the board's pages say so).
BOARD = "the safeguarding board"

CHILD_SCOPES = (OWN_TEAM, OTHER_TEAM, RESTRICTED)

# Each kind of record a URL can name, and the scopes it is checked in. Records about one child
# (their episodes, events, flags, audits, a sample's place for them, an audit finding) are scoped
# by the child: a record is visible exactly where its child is.
RECORDS: dict[str, tuple[str, ...]] = {
    "child": CHILD_SCOPES,
    "episode": CHILD_SCOPES,
    "looked-after episode": CHILD_SCOPES,
    "event": CHILD_SCOPES,
    "flag": CHILD_SCOPES,
    "case audit": CHILD_SCOPES,
    "sample member": CHILD_SCOPES,
    "audit finding": CHILD_SCOPES,
    "team": (OWN_TEAM, OTHER_TEAM),
    "audit sample": (COUNCIL,),
    "audit template": (COUNCIL,),
    "draft audit template": (COUNCIL,),
    "draft template domain": (COUNCIL,),
    "Annex A import": (COUNCIL,),
    "inspection": (COUNCIL,),
    "self-evaluation": (COUNCIL,),
    "judgement area": (COUNCIL,),
    "judgement set": (COUNCIL,),
    "self-assessment": (COUNCIL,),
    "indicator": (COUNCIL,),
    "board member": (COUNCIL,),
    "board subgroup": (COUNCIL,),
    "board meeting": (COUNCIL,),
    "safeguarding review": (COUNCIL,),
    "multi-agency audit": (COUNCIL,),
    "training event": (COUNCIL,),
    "challenge": (COUNCIL,),
    "performance report": (COUNCIL,),
    "annual report": (COUNCIL,),
    "action plan": (COUNCIL,),
    "recommendation": (COUNCIL,),
    "action owned by the team manager": (COUNCIL,),
    "progress evidence": (COUNCIL,),
    "dashboard measure": (COUNCIL,),
    "committee report": (DRAFT, ISSUED),
    "report job": (MINE, SOMEONE_ELSES),
}

Outcome = int | Redirect
Cell = Outcome | dict[str, Outcome]  # one outcome for every scope, or one per scope


def scoped(own: Outcome, other: Outcome, restricted: Outcome | None = None) -> dict[str, Outcome]:
    cells = {OWN_TEAM: own, OTHER_TEAM: other}
    if restricted is not None:
        cells[RESTRICTED] = restricted
    return cells


# The usual answers for a record about one child.
TEAM_ONLY = scoped(OK, NOT_FOUND, NOT_FOUND)  # practitioners and team managers
EVERY_TEAM = scoped(OK, OK, NOT_FOUND)  # auditors and senior managers (view_all_children)
# A restricted record a manager may open by breaking the glass: the record's page sends them to
# the break-glass page; its recording pages are not found until the glass is broken.
TEAM_ONLY_GLASS = scoped(OK, NOT_FOUND, redirect_to("cases:child_break_glass"))
EVERY_TEAM_GLASS = scoped(OK, OK, redirect_to("cases:child_break_glass"))


def only(*roles: str, outcome: Cell = OK, others: Cell = FORBIDDEN, anonymous: Cell = SIGN_IN, **per_role: Cell
         ) -> dict[str, Cell]:
    """``outcome`` for the roles named, ``others`` for every other signed-in role, a redirect to
    sign in for a signed-out visitor; ``per_role`` (role value = cell) overrides any of them."""
    cells: dict[str, Cell] = {ANONYMOUS: anonymous}
    for role in Role:
        cells[role.value] = outcome if role.value in roles else others
    cells.update(per_role)
    return cells


EVERYONE = tuple(role.value for role in Role)
CASEWORKERS = (P, TM, A, SM)  # cases.view_child
MANAGERS = (TM, A, SM)  # the managers' dashboard, inspections, judgements, action plans
READERS = (TM, A, SM, EM)  # inspections, judgements and action plans, read-only for members
BOARD_READERS = (SM, EM, BM)  # the safeguarding board's pages


@dataclass(frozen=True)
class Entry:
    name: str  # the URL's full name, namespace included
    get: dict[str, Cell]  # role -> the answer to a GET
    record: str | None = None  # the kind of record the URL names (a key of RECORDS)
    post: dict[str, Cell] | None = None  # for POST-only views: the answer to an empty POST
    kwargs: dict[str, str] = field(default_factory=dict)  # URL arguments that are not a record
    query: str = ""  # a query string the page needs
    needs: tuple[str, ...] = ()  # what must exist for the page to be itself (see the test's NEEDS)
    why: str = ""  # what the reader of a failure needs to know

    @property
    def scopes(self) -> tuple[str, ...]:
        return RECORDS[self.record] if self.record else (NO_RECORD,)

    def expected(self, method: str, role: str, scope: str) -> Outcome:
        cell = (self.post if method == "POST" else self.get)[role]
        return cell[scope] if isinstance(cell, dict) else cell

    @property
    def methods(self) -> tuple[str, ...]:
        return ("GET", "POST") if self.post is not None else ("GET",)

    @property
    def checks(self) -> int:
        return len(self.methods) * len(ROLES) * len(self.scopes)


# URLs the matrix leaves out, and why. Django's own administration (users and teams, for
# administrators) is Django's code, protected by is_staff and its own permissions, and tested by
# Django; static files and media are not served by Django's URLs in this project (WhiteNoise
# serves static files in production, and report files are only ever served by the access-checked
# download views, which ARE in the matrix). Should a static or media pattern be added while
# DEBUG is on, it is skipped too: it serves no record.
SKIPPED_NAMESPACES = ("admin",)
SKIPPED_ROUTE_PREFIXES = ("static/", "media/", "^static/", "^media/")


MATRIX: list[Entry] = [
    # --- home, signing in and out, passwords
    Entry("home", only(*EVERYONE)),
    Entry("login", only(*EVERYONE, outcome=redirect_to("home"), anonymous=OK),
          why="signed-in users are sent home (redirect_authenticated_user)"),
    Entry("logout", only(*EVERYONE, outcome=NOT_ALLOWED), post=only(*EVERYONE, outcome=SIGN_IN)),
    Entry("password_change", only(*EVERYONE)),
    Entry("password_change_done", only(*EVERYONE)),

    # --- children's records
    Entry("cases:child_list", only(*CASEWORKERS)),
    Entry("cases:child_detail", only(P, TM, A, SM, **{P: TEAM_ONLY, TM: TEAM_ONLY_GLASS, A: EVERY_TEAM,
                                                     SM: EVERY_TEAM_GLASS}), record="child"),
    Entry("cases:child_history", only(TM, SM, **{TM: TEAM_ONLY_GLASS, SM: EVERY_TEAM_GLASS}), record="child"),
    Entry("cases:child_break_glass",
          only(TM, SM, **{TM: scoped(NOT_FOUND, NOT_FOUND, FORBIDDEN), SM: scoped(NOT_FOUND, NOT_FOUND, FORBIDDEN)}),
          record="child",
          why="only a restricted record in the manager's scope has a glass to break; the page asking for the "
              "reason is answered with 403 on purpose (the record is refused until the glass is broken)"),
    *(Entry(f"cases:{name}", only(P, TM, **{P: TEAM_ONLY, TM: TEAM_ONLY}), record=record, kwargs=kwargs,
            why="practitioners and team managers record; auditors and senior managers read children's records "
                "but do not write to them")
      for name, record, kwargs in [
          ("episode_add", "child", {"stage": "child_protection"}),
          ("episode_edit", "episode", {}),
          ("placement_add", "looked-after episode", {}),
          ("legal_status_add", "looked-after episode", {}),
          ("event_add", "child", {"kind": "visit"}),
          ("event_edit", "event", {}),
          ("flag_add", "child", {}),
          ("flag_edit", "flag", {}),
      ]),

    # --- caseloads, the access log, stuck cases
    Entry("caseload:mine", only(*CASEWORKERS)),
    Entry("caseload:team", only(*CASEWORKERS, **{P: scoped(OK, NOT_FOUND), TM: scoped(OK, NOT_FOUND)}), record="team"),
    Entry("caseload:work_out_again", only(*EVERYONE, outcome=NOT_ALLOWED),
          post=only(TM, SM, outcome=redirect_to("stuck_cases"))),
    Entry("access_log", only(TM, SM)),
    Entry("access_log_export", only(TM, SM), why="a CSV of the manager's search, in their scope, itself logged"),
    Entry("stuck_cases", only(TM, SM)),

    # --- retention review of closed records (senior managers: it names children)
    Entry("retention_review", only(SM)),
    Entry("retention_review_decide", only(SM, outcome=scoped(OK, OK, NOT_FOUND)), record="child",
          why="retention review is council-wide, but a restricted record only for its named workers; the page "
              "shows an open record's position without a form"),

    # --- case audits: samples, audits, moderation, templates
    Entry("audits:my_audits", only(*CASEWORKERS)),
    Entry("audits:sample_list", only(A, SM)),
    Entry("audits:sample_create", only(A, SM)),
    Entry("audits:sample_detail", only(A, SM), record="audit sample"),
    Entry("audits:sample_programme", only(A, SM), record="audit sample"),
    Entry("audits:sample_add_child", only(A, SM), record="audit sample"),
    Entry("audits:member_drop", only(A, SM, outcome=EVERY_TEAM), record="sample member",
          why="the page names the sampled child: a restricted child is not named to those who may not see them"),
    Entry("audits:member_swap", only(A, SM, outcome=EVERY_TEAM), record="sample member",
          why="the page names the sampled child: a restricted child is not named to those who may not see them"),
    Entry("audits:member_allocate", only(A, SM, outcome=NOT_ALLOWED), record="sample member",
          post=only(A, SM, outcome=scoped(redirect_to("audits:sample_detail"), redirect_to("audits:sample_detail"),
                                          NOT_FOUND)),
          why="allocating the audit of a restricted child to be done by someone who may not see it is refused"),
    Entry("audits:template_list", only(A), why="auditors keep the audit templates"),
    Entry("audits:template_detail", only(A), record="audit template"),
    Entry("audits:template_new_version", only(A, outcome=NOT_ALLOWED), record="audit template",
          post=only(A, outcome=redirect_to("audits:template_detail"))),
    Entry("audits:template_publish", only(A, outcome=NOT_ALLOWED), record="draft audit template",
          post=only(A, outcome=redirect_to("audits:template_detail"))),
    Entry("audits:template_domain_add", only(A), record="draft audit template"),
    Entry("audits:template_domain_edit", only(A), record="draft template domain"),
    Entry("audits:template_domain_remove", only(A, outcome=NOT_ALLOWED), record="draft template domain",
          post=only(A, outcome=redirect_to("audits:template_detail"))),
    Entry("audits:audit_detail", only(*CASEWORKERS, **{P: TEAM_ONLY, TM: TEAM_ONLY, A: EVERY_TEAM, SM: EVERY_TEAM}),
          record="case audit"),
    Entry("audits:audit_edit", only(A, SM, **{A: EVERY_TEAM, SM: scoped(FORBIDDEN, FORBIDDEN, NOT_FOUND)}),
          record="case audit",
          why="the audits are allocated to the auditor: only the allocated auditor carries one out"),
    Entry("audits:audit_moderate", only(A, SM, outcome=EVERY_TEAM), record="case audit"),

    # --- Annex A imports
    Entry("annex_a_imports:upload", only(SM)),
    Entry("annex_a_imports:detail", only(SM), record="Annex A import"),

    # --- inspections and readiness
    Entry("inspections:list", only(*READERS)),
    Entry("inspections:readiness", only(*READERS)),
    Entry("inspections:data_quality", only(A, SM), why="it links to records of every team"),
    Entry("inspections:create", only(SM)),
    Entry("inspections:detail", only(*READERS), record="inspection"),
    Entry("inspections:edit", only(SM), record="inspection"),
    Entry("inspections:report", only(*READERS), record="inspection", why="Ofsted's published report"),

    # --- the self-evaluation
    Entry("self_evaluation:list", only(*READERS)),
    Entry("self_evaluation:start", only(SM)),
    Entry("self_evaluation:detail", only(*READERS), record="self-evaluation"),
    Entry("self_evaluation:edit", only(SM), record="self-evaluation"),
    Entry("self_evaluation:compare", only(*READERS), record="self-evaluation", query="from=1&to=1"),

    # --- evidence by judgement area, judgements, the self-assessment
    Entry("evidence:overview", only(*READERS)),
    Entry("evidence:national", only(*READERS)),
    Entry("evidence:area", only(*READERS), record="judgement area"),
    Entry("judgements:set_list", only(*READERS)),
    Entry("judgements:set_create", only(SM)),
    Entry("judgements:set_detail", only(*READERS), record="judgement set"),
    Entry("judgements:set_edit", only(SM), record="judgement set"),
    Entry("judgements:self_assessment_list", only(*MANAGERS)),
    Entry("judgements:self_assessment_create", only(SM)),
    Entry("judgements:self_assessment_detail", only(*MANAGERS), record="self-assessment"),
    Entry("judgements:self_assessment_score", only(SM), record="self-assessment"),
    Entry("judgements:self_assessment_compare", only(*MANAGERS), record="self-assessment", query="from=1&to=1"),
    Entry("judgements:indicator_list", only(*MANAGERS)),
    Entry("judgements:indicator_create", only(SM)),
    Entry("judgements:indicator_edit", only(SM), record="indicator"),
    Entry("judgements:indicator_status", only(*EVERYONE, outcome=NOT_ALLOWED), record="indicator",
          post=only(SM, outcome=redirect_to("judgements:indicator_list"))),

    # --- the safeguarding board (members and elected members read; senior managers run it)
    *(Entry(f"lscb:{name}", only(*BOARD_READERS), record=record, needs=(BOARD,)) for name, record in [
        ("dashboard", None), ("board", None), ("attendance", None), ("meeting_list", None),
        ("meeting_detail", "board meeting"), ("review_list", None), ("review_detail", "safeguarding review"),
        ("audit_list", None), ("training_list", None), ("challenge_list", None), ("performance_list", None),
        ("annual_report_list", None), ("annual_report_detail", "annual report"),
        ("annual_report_document", "annual report"), ("judgement", None),
    ]),
    Entry("lscb:board_create", only(SM, outcome=redirect_to("lscb:board_edit")), needs=(BOARD,),
          why="the board is already set up: its details are changed instead"),
    *(Entry(f"lscb:{name}", only(SM), record=record, needs=(BOARD,)) for name, record in [
        ("board_edit", None), ("member_create", None), ("member_edit", "board member"), ("subgroup_create", None),
        ("subgroup_edit", "board subgroup"), ("meeting_create", None), ("meeting_edit", "board meeting"),
        ("review_create", None), ("review_edit", "safeguarding review"), ("audit_create", None),
        ("audit_edit", "multi-agency audit"), ("training_create", None), ("training_edit", "training event"),
        ("challenge_create", None), ("challenge_edit", "challenge"), ("performance_create", None),
        ("performance_edit", "performance report"), ("annual_report_create", None),
        ("annual_report_edit", "annual report"),
    ]),

    # --- action plans
    Entry("actionplans:plan_list", only(*READERS)),
    Entry("actionplans:plan_create", only(SM)),
    Entry("actionplans:plan_detail", only(*READERS), record="action plan"),
    Entry("actionplans:plan_edit", only(SM), record="action plan"),
    Entry("actionplans:recommendation_create", only(SM), record="action plan"),
    Entry("actionplans:recommendation_edit", only(SM), record="recommendation"),
    Entry("actionplans:action_create", only(SM), record="recommendation"),
    Entry("actionplans:action_list", only(*READERS)),
    Entry("actionplans:my_actions", only(*MANAGERS)),
    Entry("actionplans:action_from_origin", only(SM, outcome=EVERY_TEAM), record="audit finding",
          kwargs={"origin_key": "inspection.finding"},
          why="the finding comes from a child's case audit: a restricted child's audit is not shown to those "
              "who may not see the child"),
    Entry("actionplans:action_detail", only(*READERS), record="action owned by the team manager"),
    Entry("actionplans:action_edit", only(SM), record="action owned by the team manager"),
    Entry("actionplans:progress_add", only(TM, SM), record="action owned by the team manager",
          why="the action's owner, or anyone who may change actions, reports progress on it"),
    Entry("actionplans:evidence_download", only(*MANAGERS), record="progress evidence",
          why="uploaded evidence is not vetted for children's details: elected members do not download it"),

    # --- dashboards
    Entry("dashboards:managers", only(*MANAGERS)),
    Entry("dashboards:figure", only(*MANAGERS), record="dashboard measure"),
    Entry("dashboards:members", only(*READERS)),
    Entry("dashboards:targets", only(*MANAGERS)),

    # --- committee reports (officers write them; elected members read those issued to them)
    Entry("committee:list", only(SM, EM)),
    Entry("committee:create", only(SM)),
    Entry("committee:detail", only(SM, EM, **{EM: {DRAFT: NOT_FOUND, ISSUED: OK}}), record="committee report"),
    Entry("committee:edit", only(SM, **{SM: {DRAFT: OK, ISSUED: redirect_to("committee:detail")}}),
          record="committee report", why="an issued paper is not changed: the officer is sent back to it"),
    Entry("committee:produce", only(*EVERYONE, outcome=NOT_ALLOWED), record="committee report",
          post=only(SM, **{SM: {DRAFT: redirect_to("report_list"), ISSUED: redirect_to("committee:detail")}})),
    Entry("committee:issue", only(*EVERYONE, outcome=NOT_ALLOWED), record="committee report",
          post=only(SM, outcome=redirect_to("committee:detail"))),
    Entry("committee:download", only(SM, EM, **{EM: {DRAFT: NOT_FOUND, ISSUED: OK}}), record="committee report"),

    # --- My reports, report requests and downloads
    Entry("report_list", only(*EVERYONE), why="each user sees only the reports they asked for"),
    Entry("report_request", only(*EVERYONE, outcome=NOT_ALLOWED), kwargs={"kind": "readiness"},
          post=only(*MANAGERS, outcome=redirect_to("report_list"))),
    Entry("children_list_report_request", only(*EVERYONE, outcome=NOT_ALLOWED),
          post=only(*CASEWORKERS, outcome=redirect_to("report_list"))),
    Entry("annex_a_report_request", only(*EVERYONE, outcome=NOT_ALLOWED),
          post=only(A, SM, outcome=redirect_to("report_list")), why="Annex A lists every child of the council"),
    Entry("action_plan_report_request", only(*EVERYONE, outcome=NOT_ALLOWED), record="action plan",
          post=only(*READERS, outcome=redirect_to("report_list"))),
    Entry("board_report_request", only(*EVERYONE, outcome=NOT_ALLOWED),
          post=only(*BOARD_READERS, outcome=redirect_to("report_list")), needs=(BOARD,)),
    Entry("report_download", only(*CASEWORKERS, others={MINE: FORBIDDEN, SOMEONE_ELSES: NOT_FOUND},
                                  outcome={MINE: OK, SOMEONE_ELSES: NOT_FOUND}),
          record="report job",
          why="the job is a children's list: someone else's is not found; one's own is refused to a role that "
              "may no longer produce it (the permission is checked again on every download)"),
]

MATRIX_BY_NAME: dict[str, Entry] = {entry.name: entry for entry in MATRIX}


def figures() -> dict[str, int]:
    """URLs, roles (with the signed-out visitor), scopes and checks the matrix makes."""
    scopes = {scope for entry in MATRIX for scope in entry.scopes if scope != NO_RECORD}
    return {
        "urls": len(MATRIX),
        "roles": len(ROLES) - 1,
        "roles_and_anonymous": len(ROLES),
        "scopes": len(scopes),
        "urls_with_a_record": sum(1 for entry in MATRIX if entry.record),
        "post_only_urls": sum(1 for entry in MATRIX if entry.post is not None),
        "checks": sum(entry.checks for entry in MATRIX),
    }
