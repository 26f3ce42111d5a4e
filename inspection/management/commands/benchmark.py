"""python manage.py benchmark [--only NAME ...] [--as-at YYYY-MM-DD] [--user USERNAME]: time each job
and page that has a speed budget, against the database as it is (scripts/benchmark.sh seeds the
full-size demo council).

Jobs (the nightly figures, Annex A, each PDF report) run in a fresh process each, so that the
peak memory is the job's own; the table gives wall time and peak memory (maximum resident set
size) beside the budget. Pages are requested 20 times each in this process through Django's test
client, signed in as a senior manager (who sees every child): median and 95th percentile time and
the number of database queries. The command fails if anything is over budget.
"""

import resource
from contextlib import contextmanager, nullcontext
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Child


@dataclass(frozen=True)
class Budget:
    name: str
    description: str
    seconds: float
    megabytes: float = 0  # jobs only
    queries: int = 0  # pages only
    requests: int = 20


@dataclass
class Result:
    budget: Budget
    seconds: float
    megabytes: float = 0
    queries: int = 0
    p95: float = 0
    notes: list[str] = field(default_factory=list)

    @property
    def within(self) -> bool:
        return (self.seconds <= self.budget.seconds
                and (not self.budget.megabytes or self.megabytes <= self.budget.megabytes)
                and (not self.budget.queries or self.queries <= self.budget.queries))


JOBS = {
    "figures": Budget("figures", "Dashboard figures, the nightly job: today and any month end not yet kept (issue 9)", 900, 1500),
    "annex-a": Budget("annex-a", "Annex A export, lists 1 to 11 (issue 5)", 60, 500),
    "committee-report": Budget("committee-report", "Committee report PDF for elected members (issue 9)", 30, 500),
    "readiness-report": Budget("readiness-report", "Inspection readiness report PDF (issue 9)", 60, 800),
    "action-plan-progress": Budget("action-plan-progress", "Action plan progress PDF (issue 9)", 30, 500),
    "audit-findings": Budget("audit-findings", "Case audit findings PDF (issue 9)", 30, 500),
}
PAGES = {
    "managers-dashboard": Budget("managers-dashboard", "Managers' dashboard, whole council (issue 9)", 1.0, queries=20),
    "members-dashboard": Budget("members-dashboard", "Members' dashboard (issue 9)", 1.0, queries=20),
    "drill-down": Budget("drill-down", "The children behind a figure, first page (issue 9)", 1.0, queries=20),
}
BUDGETS = {**JOBS, **PAGES}
# The committee paper the benchmark renders when the council has none of its own (removed after).
BENCHMARK_SUBJECT = "Benchmark: children's services performance (removed after the run)"


class Command(BaseCommand):
    help = "Measure the jobs and pages with speed budgets against the current database."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=sorted(BUDGETS), action="append", help="Run one benchmark (repeatable).")
        parser.add_argument("--as-at", dest="as_at", default=None, help="As-at date for the reports (default today).")
        parser.add_argument("--user", default="senior.manager", help="The senior manager the reports are produced for.")

    def handle(self, *args, only, as_at, user, **options):
        as_at = as_at or timezone.localdate().isoformat()
        if not get_user_model().objects.filter(username=user).exists():
            raise CommandError(f"There is no user {user!r}: seed the demo council first, or pass --user.")
        self.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
                          f"{Child.objects.count():,} children")
        chosen = only or list(BUDGETS)
        results = []
        with tempfile.TemporaryDirectory() as folder:
            for name in [name for name in JOBS if name in chosen]:
                results.append(self._job(name, Path(folder), as_at, user))
                self._print(results[-1])
        for name in [name for name in PAGES if name in chosen]:
            results.append(self._page(name, user))
            self._print(results[-1])
        failures = [result.budget.name for result in results if not result.within]
        if failures:
            raise CommandError(f"Over budget: {', '.join(failures)}")

    # --- jobs

    def _job(self, name: str, folder: Path, as_at: str, user: str) -> Result:
        budget = JOBS[name]
        if name == "figures":
            return Result(budget, *self._measure(["refresh_figures"]))
        if name == "annex-a":
            out = folder / "annex-a.xlsx"
            result = Result(budget, *self._measure(["export_annex_a", "--as-at", as_at, "--out", str(out)]))
            result.notes.append(f"file {out.stat().st_size / 1024 / 1024:.0f} MB")
            return result
        out = folder / f"{name}.pdf"
        kind = {"committee-report": "committee", "readiness-report": "readiness"}.get(name, name.replace("-", "_"))
        with self._committee_paper() if kind == "committee" else nullcontext() as paper:
            params = {"committee": [f"report={paper}"], "audit_findings": [f"end={as_at}"]}.get(kind, [f"as_at={as_at}"])
            command = ["make_report", kind, "--user", user, "--out", str(out)]
            for param in params:
                command += ["--param", param]
            result = Result(budget, *self._measure(command))
        result.notes.append(f"{out.stat().st_size / 1024:.0f} KB")
        return result

    @staticmethod
    @contextmanager
    def _committee_paper():
        """The latest committee paper, or a benchmark one made for the run and removed after."""
        from inspection.models import CommitteeReport

        existing = CommitteeReport.objects.order_by("-pk").first()
        if existing:
            yield existing.pk
            return
        made = CommitteeReport.objects.create(
            report_to="Children and Young People Scrutiny Committee", meeting_date=timezone.localdate(),
            reporting_officer="Director of Children's Services", subject=BENCHMARK_SUBJECT,
            purpose="To time the committee report.", recommendations="Members note the report.",
            created_by=get_user_model().objects.filter(is_active=True).order_by("pk").first(),
        )
        try:
            yield made.pk
        finally:
            made.delete()

    def _measure(self, command: list[str]) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, "manage.py", *command], cwd=settings.BASE_DIR,
                                   capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if completed.returncode:
            raise CommandError(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if peak <= before:
            self.stderr.write("Peak memory of this job is no higher than an earlier job's; the figure is a maximum.")
        return seconds, peak / 1024

    # --- pages

    def _page(self, name: str, user: str) -> Result:
        budget = PAGES[name]
        url = {
            "managers-dashboard": reverse("dashboards:managers"),
            "members-dashboard": reverse("dashboards:members"),
            "drill-down": reverse("dashboards:figure", args=["child_protection_visits"]),
        }[name]
        client = Client()
        client.force_login(get_user_model().objects.get(username=user))
        client.get(url)  # warm: templates compiled, connection open
        times, queries = [], 0
        for _ in range(budget.requests):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            queries = len(captured)
        times.sort()
        p95 = times[max(int(round(0.95 * len(times))) - 1, 0)]
        return Result(budget, statistics.median(times), queries=queries, p95=p95)

    def _print(self, result: Result) -> None:
        budget = result.budget
        verdict = self.style.SUCCESS("within budget") if result.within else self.style.ERROR("OVER BUDGET")
        if budget.queries:
            line = (f"{budget.description}: median {result.seconds * 1000:.0f} ms, p95 {result.p95 * 1000:.0f} ms "
                    f"(budget {budget.seconds * 1000:.0f} ms), {result.queries} queries (budget {budget.queries})")
        else:
            line = (f"{budget.description}: {result.seconds:.1f} s (budget {budget.seconds:g} s), peak memory "
                    f"{result.megabytes:.0f} MB (budget {budget.megabytes:g} MB)")
        notes = f", {', '.join(result.notes)}" if result.notes else ""
        self.stdout.write(f"{line}{notes} - {verdict}")

