"""Fifty people of every role using Line of Sight at once: the load test run by scripts/load.sh.

Each simulated person signs in through the real sign-in form and then does what someone in that
role does in a working day, pausing 1 to 3 seconds between pages to read: practitioners look at
their caseload, filter the children list and open a child's record and chronology; team managers
look at their team's caseload, their dashboard, the children behind a figure and stuck cases;
auditors go through an audit programme and read audits; senior managers read the dashboard, the
readiness page, judgements and action plans and ask for reports, watching My reports until each
is ready; elected members read their dashboard, committee reports and action plans; board members
read the safeguarding board's dashboard.

Links are picked from the pages themselves (so the test follows whatever the seeded council holds),
never hard-coded ids. A request fails on any status other than the one a person in that role should
get (a page: 200; a form sent: a redirect to the page it leads to), and a page that sends them back
to sign in fails too.

The app runs with the production settings over HTTPS (scripts/load.sh gives gunicorn a certificate
for 127.0.0.1 made for the run and names it in LOAD_CA_BUNDLE, the one certificate trusted here);
forms are sent with the browser's Origin and Referer, which Django's CSRF check wants over HTTPS.
"""

import csv
import html
import os
import random
import re
import time
from urllib.parse import urlencode, urlsplit

import gevent.ssl
from locust import FastHttpUser, between, events, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "line-of-sight-demo")
SIGN_IN = "/account/sign-in/"

HREF = re.compile(r'href="([^"]*)"')
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SELECT = re.compile(r'<select[^>]*\bname="(?P<name>[^"]+)"[^>]*>(?P<options>.*?)</select>', re.S)
OPTION_VALUE = re.compile(r'<option value="([^"]+)"')
REPORT_FORM = re.compile(r'<form method="post" action="(/reports/new/[\w-]+/)"')
JOB_ROW = re.compile(r'data-job="(\d+)" data-status="(\w+)"')

# How My reports watches a report being produced (static/js/report-status.mjs).
POLL_SECONDS = 3
POLL_TRIES = 40
# A senior manager asks for another report no sooner than this after the last one was ready.
REPORT_EVERY_SECONDS = 60


# The certificate gunicorn was given for the run (scripts/load.sh), the only one trusted here.
CA_BUNDLE = os.environ.get("LOAD_CA_BUNDLE", "")
# Every request's time, so scripts/load.sh can also report the steady state: the times once every
# person has signed in (each sign-in hashes the password, a third of a second of CPU on purpose).
SAMPLES_FILE = os.environ.get("LOAD_SAMPLES", "")
_samples: list[tuple] = []


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    _samples.append((round(time.time(), 3), request_type, name, round(response_time, 1), int(exception is None)))


@events.test_stop.add_listener
def _write_samples(**kwargs):
    if not SAMPLES_FILE:
        return
    with open(SAMPLES_FILE, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["at", "method", "page", "ms", "ok"])
        writer.writerows(_samples)


def tls_context(**kwargs):
    return gevent.ssl.create_default_context(cafile=CA_BUNDLE or None)


def links(page: str, pattern: str) -> list[str]:
    """The page's links whose address matches ``pattern`` (a regex over the whole href)."""
    wanted = re.compile(pattern)
    found = {html.unescape(href).split("#")[0] for href in HREF.findall(page)}
    return sorted(href for href in found if wanted.fullmatch(href))


class Person(FastHttpUser):
    """Someone signed in under one of the demo logins (several simulated people share a login,
    each with their own session). geventhttpclient rather than requests: it needs a fraction of
    the CPU, which the server under test shares on one machine."""

    abstract = True
    wait_time = between(1, 3)
    username = ""
    insecure = False
    ssl_context_factory = staticmethod(tls_context)
    default_headers = {"User-Agent": "Line of Sight load test"}

    def on_start(self):
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.host))
        self.sign_in()

    # -- the requests ----------------------------------------------------------------------------

    def page(self, url: str, name: str, headers: dict | None = None) -> str:
        """GET a page the role may see: it must answer 200 (not a redirect to sign in, not 403)."""
        with self.client.get(url, name=name, headers=headers, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                where = (response.headers or {}).get("Location", "")
                response.failure(f"{self.username}: {url} answered {response.status_code} {where}".strip())
                return ""
            response.success()
            return response.text or ""

    def send(self, url: str, data: dict, name: str, from_page: str, expect_location: str) -> str | None:
        """POST a form as the browser would (CSRF token, Origin, Referer): it must redirect to
        ``expect_location`` (a regex). Returns where it redirected."""
        headers = {"Origin": self.origin, "Referer": self.origin + from_page,
                   "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(url, data=urlencode(data), name=name, headers=headers, allow_redirects=False,
                              catch_response=True) as response:
            location = (response.headers or {}).get("Location", "")
            if response.status_code != 302 or not re.fullmatch(expect_location, location):
                response.failure(f"{self.username}: POST {url} answered {response.status_code} {location}".strip())
                return None
            response.success()
            return location

    def sign_in(self):
        form = self.page(SIGN_IN, "Sign in (form)")
        token = CSRF_TOKEN.search(form)
        if token is None:
            return
        self.send(SIGN_IN, {"csrfmiddlewaretoken": token.group(1), "username": self.username, "password": PASSWORD},
                  "Sign in (sent)", from_page=SIGN_IN, expect_location=r"/")

    def open_one(self, page: str, pattern: str, name: str) -> str:
        """Follow one of the page's links matching ``pattern``, chosen at random."""
        found = links(page, pattern)
        return self.page(random.choice(found), name) if found else ""

    # -- what several roles do --------------------------------------------------------------------

    def read_action_plans(self):
        plans = self.page("/action-plans/", "Action plans")
        self.open_one(plans, r"/action-plans/\d+/", "Action plan")


class Practitioner(Person):
    """A social worker: their caseload, the children list and a child's record."""

    weight = 20
    username = "practitioner"

    def on_start(self):
        super().on_start()
        self.children = []

    @task(2)
    def home(self):
        self.page("/", "Home")

    @task(3)
    def my_caseload(self):
        page = self.page("/caseload/", "My caseload")
        self.children = links(page, r"/children/\d+/") or self.children

    @task(3)
    def children_list_filtered(self):
        """Filter the children list the way a worker looks someone up: by a choice in the form
        and often an age band, sometimes sorted."""
        first = self.page("/children/", "Children list")
        choices = {match["name"]: OPTION_VALUE.findall(match["options"]) for match in SELECT.finditer(first)}
        choices = {name: values for name, values in choices.items() if values}
        query = {}
        if choices:
            name = random.choice(sorted(choices))
            query[name] = random.choice(choices[name])
        if random.random() < 0.5:
            start = random.randint(0, 15)
            query.update(age_from=start, age_to=start + random.randint(1, 3))
        page = self.page("/children/?" + urlencode(query), "Children list (filtered)")
        self.children = links(page, r"/children/\d+/") or links(first, r"/children/\d+/") or self.children

    @task(4)
    def child_record_and_chronology(self):
        if not self.children:
            self.children_list_filtered()
        if not self.children:
            return
        url = random.choice(self.children)
        record = self.page(url, "Child's record")
        shows = links(record, r"\?show=\w+")
        if shows:
            self.page(url + random.choice(shows), "Child's chronology (one kind)")


class TeamManager(Person):
    """A team manager: the team's caseload, their dashboard and the children behind a figure,
    stuck cases."""

    weight = 8
    username = "team.manager"

    def on_start(self):
        super().on_start()
        self.drill_downs = []

    @task(3)
    def team_caseload(self):
        mine = self.page("/caseload/", "My caseload")
        team = self.open_one(mine, r"/caseload/teams/\d+/", "Team caseload")
        children = links(team, r"/children/\d+/")
        if children and random.random() < 0.5:
            self.page(random.choice(children), "Child's record")

    @task(3)
    def dashboard(self):
        page = self.page("/dashboards/", "Managers' dashboard")
        self.drill_downs = links(page, r"/dashboards/figures/[\w-]+/\?team=\d*") or self.drill_downs

    @task(2)
    def drill_down(self):
        if not self.drill_downs:
            self.dashboard()
        if self.drill_downs:
            self.page(random.choice(self.drill_downs), "Dashboard figure: the children behind it")

    @task(2)
    def stuck_cases(self):
        self.page("/stuck-cases/", "Stuck cases")


class Auditor(Person):
    """A quality-assurance auditor: their audits, a sample's programme and the audits in it."""

    weight = 5
    username = "auditor"

    def on_start(self):
        super().on_start()
        self.audits = []

    @task(2)
    def my_audits(self):
        page = self.page("/audits/", "My audits")
        self.audits = links(page, r"/audits/\d+/") or self.audits

    @task(3)
    def audit_programme(self):
        samples = self.page("/audits/samples/", "Audit samples")
        sample = self.open_one(samples, r"/audits/samples/\d+/", "Audit sample")
        programme = self.open_one(sample, r"/audits/samples/\d+/programme/", "Audit programme")
        self.audits = links(programme, r"/audits/\d+/") or links(sample, r"/audits/\d+/") or self.audits

    @task(3)
    def an_audit(self):
        if not self.audits:
            self.audit_programme()
        if self.audits:
            self.page(random.choice(self.audits), "An audit")


class SeniorManager(Person):
    """A senior manager: the council's dashboard, readiness, judgements and action plans, and the
    reports they ask for from My reports."""

    weight = 5
    username = "senior.manager"

    def on_start(self):
        super().on_start()
        self.next_report_at = time.monotonic() + random.uniform(0, REPORT_EVERY_SECONDS)

    @task(3)
    def dashboard(self):
        page = self.page("/dashboards/", "Managers' dashboard")
        if random.random() < 0.3:
            self.open_one(page, r"/dashboards/figures/[\w-]+/\?team=\d*", "Dashboard figure: the children behind it")

    @task(3)
    def readiness(self):
        self.page("/inspections/readiness/", "Readiness")

    @task(2)
    def judgements(self):
        sets = self.page("/judgements/", "Judgements")
        self.open_one(sets, r"/judgements/\d+/", "Judgement set")

    @task(2)
    def action_plans(self):
        self.read_action_plans()

    @task(2)
    def ask_for_a_report(self):
        """Ask for one of the reports My reports offers and watch the page until it is ready,
        as the page itself does; then download it. One report a minute at most per person."""
        if time.monotonic() < self.next_report_at:
            self.page("/reports/", "My reports")
            return
        reports = self.page("/reports/", "My reports")
        forms = REPORT_FORM.findall(reports)
        token = CSRF_TOKEN.search(reports)
        if not forms or token is None:
            return
        action = random.choice(forms)
        sent = self.send(action, {"csrfmiddlewaretoken": token.group(1)}, "Ask for a report",
                         from_page="/reports/", expect_location=r"/reports/")
        self.next_report_at = time.monotonic() + REPORT_EVERY_SECONDS
        if sent is None:
            return
        page = self.page("/reports/", "My reports")
        newest = JOB_ROW.search(page)
        if newest is None:
            return
        job = newest.group(1)
        for _ in range(POLL_TRIES):
            status = dict(JOB_ROW.findall(page)).get(job)
            if status in {"ready", "failed"}:
                break
            time.sleep(POLL_SECONDS)
            page = self.page("/reports/", "My reports (watching a report)", headers={"X-Requested-With": "fetch"})
        if dict(JOB_ROW.findall(page)).get(job) == "ready":
            with self.client.get(f"/reports/{job}/download/", name="Report download", catch_response=True,
                                 allow_redirects=False) as response:
                if response.status_code != 200 or not response.content:
                    response.failure(f"{self.username}: report {job} download answered {response.status_code}")
        self.next_report_at = time.monotonic() + REPORT_EVERY_SECONDS


class ElectedMember(Person):
    """A councillor: the members' dashboard, committee reports and action plans (aggregates only)."""

    weight = 7
    username = "councillor"

    @task(3)
    def dashboard(self):
        self.page("/dashboards/members/", "Members' dashboard")

    @task(2)
    def committee_reports(self):
        reports = self.page("/committee-reports/", "Committee reports")
        self.open_one(reports, r"/committee-reports/\d+/", "Committee report")

    @task(2)
    def action_plans(self):
        self.read_action_plans()


class BoardMember(Person):
    """A member of the safeguarding board from a partner agency: the board's dashboard."""

    weight = 5
    username = "board.member"

    @task(3)
    def dashboard(self):
        self.page("/safeguarding-board/", "Safeguarding board dashboard")

    @task(1)
    def reviews(self):
        self.page("/safeguarding-board/reviews/", "Safeguarding reviews")
