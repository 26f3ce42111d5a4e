"""One run of the benchmark, from the options of ``manage.py benchmark`` to the findings: the jobs
first (the nightly figures job leaves the dashboards their figures), then the pages in rounds,
then, when a 1,000-child database is given, the same pages' query counts there."""

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import report, subjects
from .budgets import REFERENCE
from .jobs import JOBS, JOBS_BY_NAME, run_job
from .pages import PAGES, measure_pages

NAMES = [page.name for page in PAGES] + [job.name for job in JOBS]
SMALL_DATABASE_ENV = "BENCH_SMALL_DATABASE_URL"


class SmallDatabaseFailed(Exception):
    """The query counts could not be taken on the small database."""


@dataclass(frozen=True)
class Options:
    only: list[str]  # empty: everything
    as_at: str
    username: str  # a senior manager, who sees every child
    requests: int = 20
    small_database_url: str = ""
    pages_only: bool = False
    queries_only: bool = False


def run(options: Options, *, say: Callable[[str], None]) -> dict:
    started = timezone.now()
    machine_facts = report.machine()
    database_facts = report.database()
    say(f"{database_facts['engine']} database {database_facts['name']}: {database_facts['children']:,} children, "
        f"{database_facts['events']:,} events; {machine_facts['cpu_count']} CPUs, load average "
        f"{', '.join(str(value) for value in machine_facts['load_average_at_start'])}")
    manager = subjects.user(options.username)
    chosen = options.only or NAMES
    page_names = [page.name for page in PAGES if page.name in chosen]
    if page_names and REFERENCE not in page_names:
        page_names.insert(0, REFERENCE)  # every page's time is a ratio to it
    job_names = [] if options.pages_only or options.queries_only else [job.name for job in JOBS if job.name in chosen]

    job_measurements, failures = [], []
    with tempfile.TemporaryDirectory(prefix="line-of-sight-benchmark-") as folder:
        for name in job_names:
            say(f"Job {name}: {JOBS_BY_NAME[name].description}")
            result = run_job(JOBS_BY_NAME[name], folder=Path(folder), as_at=options.as_at, username=options.username)
            job_measurements.append(report.job_measurement(result))
            say(f"  {result.seconds:.1f} s, peak {result.megabytes:.0f} MB"
                + (f"; {', '.join(result.notes)}" if result.notes else ""))
        page_measurements, small_database = [], None
        if page_names:
            say(f"Pages, {options.requests if not options.queries_only else 2} requests each after one to warm up:")
            results = measure_pages(page_names, manager=manager, requests=options.requests,
                                    timed=not options.queries_only, say=say)
            small_queries: dict[str, int] = {}
            if options.small_database_url and not options.queries_only:
                say("Query counts on the small database")
                try:
                    small_queries, small_database = _small_database_queries(
                        options.small_database_url, page_names, options.username, Path(folder))
                except SmallDatabaseFailed as error:  # the times taken are still worth keeping
                    say(f"  {error}")
                    small_database = {"error": str(error)}
                    failures.append(str(error))
            reference_median = next((result.median for result in results if result.page.name == REFERENCE), None)
            page_measurements = [
                report.page_measurement(result, reference_median=reference_median,
                                        small_database_queries=small_queries.get(result.page.name))
                for result in results
            ]
    return report.document(measurements=page_measurements + job_measurements, machine_facts=machine_facts,
                           database_facts=database_facts, requests=options.requests,
                           small_database=small_database, started=started, failures=failures)


def _small_database_queries(url: str, page_names: list[str], username: str, folder: Path) -> tuple[dict[str, int], dict]:
    """Each page's query count against the small database, counted by this same command in a
    process of its own pointed at it."""
    out = folder / "small-database.json"
    command = [sys.executable, "manage.py", "benchmark", "--pages-only", "--queries-only", "--json", str(out),
               "--user", username]
    for name in page_names:
        command += ["--only", name]
    completed = subprocess.run(command, cwd=settings.BASE_DIR, capture_output=True, text=True,
                               env={**os.environ, "DATABASE_URL": url})
    if not out.exists():
        said = (completed.stdout + completed.stderr).strip().splitlines() or ["it said nothing"]
        raise SmallDatabaseFailed(f"the pages could not be counted on the small database: {said[-1]}")
    data = json.loads(out.read_text())
    counts = {measurement["name"]: measurement["queries"] for measurement in data["measurements"]}
    missing = [name for name in page_names if name not in counts]
    if missing:
        raise SmallDatabaseFailed(f"the small database's run did not count {', '.join(missing)}")
    return counts, data["database"]
