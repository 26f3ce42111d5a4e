"""python manage.py benchmark [--only NAME] [--as-at YYYY-MM-DD]: time each job that has a speed
budget, against the database as it is (scripts/benchmark.sh seeds the full-size demo council).

Each job runs in a fresh process so that its peak memory is its own; the table gives the wall
time and peak memory (maximum resident set size) of that process beside the budget, and the
command fails if any job is over budget.
"""

import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.models import Child


@dataclass(frozen=True)
class Budget:
    name: str
    description: str
    seconds: float
    megabytes: float


BUDGETS = {
    "annex-a": Budget("annex-a", "Annex A export, lists 1 to 11 (issue 5)", 60, 500),
}


class Command(BaseCommand):
    help = "Measure the jobs with speed budgets (time and peak memory) against the current database."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=sorted(BUDGETS), help="Run one benchmark.")
        parser.add_argument("--as-at", dest="as_at", default=None, help="As-at date for Annex A (default today).")

    def handle(self, *args, only, as_at, **options):
        as_at = as_at or timezone.localdate().isoformat()
        self.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
                          f"{Child.objects.count():,} children")
        failures = []
        with tempfile.TemporaryDirectory() as folder:
            for name in [only] if only else BUDGETS:
                budget = BUDGETS[name]
                out = Path(folder) / "annex-a.xlsx"
                seconds, megabytes = self._measure(
                    ["export_annex_a", "--as-at", as_at, "--out", str(out)])
                size = out.stat().st_size / 1024 / 1024
                within = seconds <= budget.seconds and megabytes <= budget.megabytes
                if not within:
                    failures.append(name)
                self.stdout.write(
                    f"{budget.description}: {seconds:.1f} s (budget {budget.seconds:g} s), peak memory "
                    f"{megabytes:.0f} MB (budget {budget.megabytes:g} MB), file {size:.0f} MB - "
                    + (self.style.SUCCESS("within budget") if within else self.style.ERROR("OVER BUDGET"))
                )
        if failures:
            raise CommandError(f"Over budget: {', '.join(failures)}")

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
