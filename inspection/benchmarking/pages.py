"""The pages with speed budgets, and their measurement through Django's test client: every
middleware, the sign-in session, the permission check, the view, its queries and its template,
as a browser's request would meet them (without the network and the web server, which cost the
same for every page).

Each page is requested once to warm up (templates compiled, connection open), then the pages are
requested in rounds, one request of each page a round, so that anything else the machine is doing
falls on every page alike and the ratios to the reference page stay fair. Any answer but 200 stops
the benchmark: a redirect or an error page timed would be a meaningless number.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from . import subjects
from .budgets import DASHBOARD, LIST_OR_DETAIL, REFERENCE

URLCONF = "inspection.benchmarking.urls"  # the service's URLs and the reference page
HOST = "localhost"  # allowed by the development settings, unlike the test client's "testserver"


class PageFailed(Exception):
    """A page answered something other than 200 OK."""


@dataclass(frozen=True)
class Target:
    """A page found on this council: where it is, who asks for it, and what it shows."""
    url: str
    user: object
    detail: str = ""


@dataclass(frozen=True)
class Page:
    name: str
    description: str
    page_class: str
    find: Callable[[object], Target]  # given the senior manager, the page on this council


@dataclass
class PageResult:
    page: Page
    target: Target
    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def p95(self) -> float | None:
        return percentile(self.times, 95) if self.times else None

    @property
    def query_count(self) -> int:
        """The most queries any counted request ran (they should all run the same)."""
        return max(self.queries)


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``percent`` per cent of the
    values at or below it (the 95th of 20 requests is the 19th fastest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))  # ceiling, without floating point
    return ordered[int(rank) - 1]


def _url(name: str, *args, query: dict | None = None) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query, doseq=True)}" if query else url


def _reference(manager) -> Target:
    return Target(_url("benchmark_reference"), manager)


def _children_list(manager) -> Target:
    return Target(_url("cases:child_list"), manager, "every child the senior manager sees, first page")


def _children_list_filtered(manager) -> Target:
    # Girls aged 5 to 12, youngest first: a filter that still matches a large share of the council.
    query = {"gender": "b) Female", "age_from": 5, "age_to": 12, "sort": "-dob"}
    return Target(_url("cases:child_list", query=query), manager, "girls aged 5 to 12, youngest first")


def _children_list_team_manager(manager) -> Target:
    return Target(_url("cases:child_list"), subjects.user(subjects.TEAM_MANAGER), "the teams a team manager manages")


def _child_record(manager) -> Target:
    pk, events = subjects.child_with_most_events()
    return Target(_url("cases:child_detail", pk), manager, f"the child with the most events ({events:,})")


def _my_caseload(manager) -> Target:
    practitioner = subjects.busiest_practitioner()
    return Target(_url("caseload:mine"), practitioner, f"the practitioner with the most children ({practitioner.username})")


def _team_caseload(manager) -> Target:
    pk, name, size = subjects.largest_team()
    return Target(_url("caseload:team", pk), manager, f"the largest team, {name} ({size:,} children)")


def _stuck_cases(manager) -> Target:
    return Target(_url("stuck_cases"), manager, "every team")


def _audit_programme(manager) -> Target:
    return Target(_url("audits:sample_programme", subjects.latest_audit_sample()), manager, "the latest audit sample")


def _judgement_sets(manager) -> Target:
    return Target(_url("judgements:set_list"), manager, "every judgement set, with the grade history")


def _judgement_set(manager) -> Target:
    return Target(_url("judgements:set_detail", subjects.latest_judgement_set()), manager, "the latest judgement set")


def _action_plan(manager) -> Target:
    pk, actions = subjects.largest_action_plan()
    return Target(_url("actionplans:plan_detail", pk), manager, f"the largest plan ({actions} actions)")


def _board_dashboard(manager) -> Target:
    return Target(_url("lscb:dashboard"), manager, "the safeguarding board")


def _managers_dashboard(manager) -> Target:
    return Target(_url("dashboards:managers"), manager, "the whole council")


def _members_dashboard(manager) -> Target:
    return Target(_url("dashboards:members"), subjects.user(subjects.ELECTED_MEMBER), "as an elected member")


def _drill_down(manager) -> Target:
    return Target(_url("dashboards:figure", "child_protection_visits"), manager,
                  "children behind the child protection visits figure, first page")


PAGES = [
    Page("reference", "Reference page: 50 children from one query", REFERENCE, _reference),
    Page("children-list", "Children list", LIST_OR_DETAIL, _children_list),
    Page("children-list-filtered", "Children list, filtered and sorted", LIST_OR_DETAIL, _children_list_filtered),
    Page("children-list-team-manager", "Children list, team manager", LIST_OR_DETAIL, _children_list_team_manager),
    Page("child-record", "A child's record and chronology", LIST_OR_DETAIL, _child_record),
    Page("my-caseload", "My caseload, practitioner", LIST_OR_DETAIL, _my_caseload),
    Page("team-caseload", "Team caseload", LIST_OR_DETAIL, _team_caseload),
    Page("stuck-cases", "Stuck cases", LIST_OR_DETAIL, _stuck_cases),
    Page("audit-programme", "Audit programme", LIST_OR_DETAIL, _audit_programme),
    Page("judgements", "Judgements", LIST_OR_DETAIL, _judgement_sets),
    Page("judgement-set", "A judgement set", LIST_OR_DETAIL, _judgement_set),
    Page("action-plan", "An action plan", LIST_OR_DETAIL, _action_plan),
    Page("board-dashboard", "Safeguarding board dashboard", DASHBOARD, _board_dashboard),
    Page("managers-dashboard", "Managers' dashboard", DASHBOARD, _managers_dashboard),
    Page("members-dashboard", "Members' dashboard", DASHBOARD, _members_dashboard),
    Page("drill-down", "Children behind a figure", DASHBOARD, _drill_down),
]
PAGES_BY_NAME = {page.name: page for page in PAGES}


def measure_pages(names: list[str], *, manager, requests: int, timed: bool = True,
                  say: Callable[[str], None] = lambda line: None) -> list[PageResult]:
    """Request each named page ``requests`` times after one warm-up, in rounds. With ``timed``
    off only the queries are counted (two requests each after the warm-up): the check that a
    page runs as many queries on a small council as on a large one."""
    with override_settings(ROOT_URLCONF=URLCONF):
        results = []
        for name in names:
            page = PAGES_BY_NAME[name]
            target = page.find(manager)
            say(f"  {page.name}: {target.url}" + (f" ({target.detail})" if target.detail else ""))
            results.append(PageResult(page, target))
        clients: dict[int, Client] = {}
        for result in results:
            if result.target.user.pk not in clients:
                clients[result.target.user.pk] = Client(HTTP_HOST=HOST)
                clients[result.target.user.pk].force_login(result.target.user)
        rounds = requests if timed else 2
        for number in range(rounds + 1):
            for result in results:
                client = clients[result.target.user.pk]
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(result.target.url)
                    seconds = time.perf_counter() - started
                if response.status_code != 200:
                    raise PageFailed(f"{result.page.name}: {result.target.url} answered {response.status_code} "
                                     f"for {result.target.user.username}, not 200.")
                if number:  # the first round warms up
                    result.queries.append(len(captured))
                    if timed:
                        result.times.append(seconds)
                else:
                    say(f"  {result.page.name}: warmed up in {seconds * 1000:,.0f} ms, {len(captured)} queries")
    return results
