"""python manage.py benchmark [--only NAME ...] [--requests N] [--json FILE] [--small-database-url URL]
[--as-at YYYY-MM-DD] [--user USERNAME]: measure every page and job that has a speed budget against
the database as it is (scripts/benchmark.sh seeds a council of 100,000 children, and one of 1,000
for the query counts), print a table, write the JSON, and fail if any budget is not met.

Pages (the reference page, a 50-row table from one query, and every main page) are each requested
--requests times (20) after one warm-up, as the user who would look at them; each has its median,
95th percentile, query count and ratio to the reference page's median. Jobs (the nightly figures,
Annex A, every PDF kind) run in a fresh process each for their time and peak memory; Annex A is
also held against openpyxl writing the same cells, each PDF against WeasyPrint laying out the same
HTML. The budgets are in inspection/benchmarking/budgets.py.

With --small-database-url (or BENCH_SMALL_DATABASE_URL) the pages' queries are counted again in
that database (this command with --pages-only --queries-only, in a process pointed at it), and a
page whose count differs fails.
"""

import argparse
import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inspection.benchmarking import report
from inspection.benchmarking.jobs import JobFailed, run_job_here
from inspection.benchmarking.pages import PageFailed
from inspection.benchmarking.run import NAMES, SMALL_DATABASE_ENV, Options, SmallDatabaseFailed, run
from inspection.benchmarking.subjects import MissingSubject


class Command(BaseCommand):
    help = "Measure the pages and jobs with speed budgets against the current database; fail if any is over."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=NAMES, action="append", default=[],
                            help="Measure this page or job only (repeatable); pages bring the reference page.")
        parser.add_argument("--requests", type=int, default=20, help="Timed requests of each page (default 20).")
        parser.add_argument("--json", dest="json_path", default=None, help="Write every measurement to this file.")
        parser.add_argument("--small-database-url", default=os.environ.get(SMALL_DATABASE_ENV, ""),
                            help=f"A 1,000-child database: each page must run as many queries there (or {SMALL_DATABASE_ENV}).")
        parser.add_argument("--as-at", dest="as_at", default=None, help="As-at date for the reports (default today).")
        parser.add_argument("--user", default="senior.manager", help="The senior manager pages and reports are for.")
        parser.add_argument("--pages-only", action="store_true", help="Measure the pages, not the jobs.")
        parser.add_argument("--queries-only", action="store_true", help="Count the pages' queries without timing them.")
        # The benchmark's own job processes (see inspection/benchmarking/jobs.py).
        parser.add_argument("--job", choices=NAMES, help=argparse.SUPPRESS)
        parser.add_argument("--job-out", help=argparse.SUPPRESS)
        parser.add_argument("--job-parameters", default="{}", help=argparse.SUPPRESS)

    def handle(self, *args, only, requests, json_path, small_database_url, as_at, user, pages_only, queries_only,
               job, job_out, job_parameters, **options):
        if requests < 1:
            raise CommandError("--requests must be 1 or more.")
        if job:
            measured = run_job_here(job, out=Path(job_out), parameters=json.loads(job_parameters), username=user)
            Path(json_path).write_text(json.dumps(measured))
            return
        options = Options(only=only, as_at=as_at or timezone.localdate().isoformat(), username=user, requests=requests,
                          small_database_url=small_database_url, pages_only=pages_only, queries_only=queries_only)
        try:
            findings = run(options, say=self.stdout.write)
        except (MissingSubject, PageFailed, JobFailed, SmallDatabaseFailed) as error:
            raise CommandError(str(error)) from error
        if json_path:
            Path(json_path).write_text(json.dumps(findings, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write("")
        for line in report.table(findings["measurements"]):
            self.stdout.write(line)
        if findings["failures"]:
            self.stdout.write("")
            for failure in findings["failures"]:
                self.stdout.write(self.style.ERROR(f"Over budget: {failure}"))
            raise CommandError(f"{len(findings['failures'])} budget{'s' if len(findings['failures']) != 1 else ''} not met.")
        self.stdout.write(self.style.SUCCESS("Every budget met."))

