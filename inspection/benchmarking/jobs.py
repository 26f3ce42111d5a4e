"""The background jobs with speed budgets: the nightly dashboard figures, the Annex A export and
every PDF report kind. Each runs in a fresh process of its own (``manage.py benchmark --job
NAME``), so that the peak memory measured is the job's alone, as a report worker would see it.

That process times the job itself (not Python's and Django's start-up, which a worker has behind
it), writes the file and notes its peak memory. A PDF is then produced again in rounds, each
beside WeasyPrint alone laying out the very HTML the report produced, and the two medians are
compared. Annex A's openpyxl-alone time is taken afterwards, here, from the workbook the job wrote,
and compared with the job's own time.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from . import baselines, subjects

OPENPYXL = "openpyxl alone"
WEASYPRINT = "WeasyPrint alone"
# Each PDF is produced this many times more after its first run, each time beside WeasyPrint alone.
PDF_ROUNDS = 3
# The committee paper rendered when the council has none of its own (made for the run, removed after).
BENCHMARK_SUBJECT = "Benchmark: children's services performance (removed after the run)"


class JobFailed(Exception):
    """A job's process failed: its output says why."""


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    kind: str  # "figures", "annex_a", or a PDF report's kind in inspection.reports.REPORTS
    baseline: str = ""  # what the job is held against, if anything


JOBS = [
    Job("figures", "Dashboard figures, the nightly job", "figures"),
    Job("annex-a", "Annex A export, lists 1 to 11", "annex_a", OPENPYXL),
    Job("committee-report", "Committee report PDF", "committee", WEASYPRINT),
    Job("readiness-report", "Inspection readiness report PDF", "readiness", WEASYPRINT),
    Job("action-plan-progress", "Action plan progress PDF", "action_plan_progress", WEASYPRINT),
    Job("audit-findings", "Case audit findings PDF", "audit_findings", WEASYPRINT),
    Job("board-report", "Report to the safeguarding board PDF", "board_report", WEASYPRINT),
    Job("action-plan-report", "Action plan PDF, the largest plan", "action_plan", WEASYPRINT),
    Job("children-list-report", "Printed children list PDF", "children_list", WEASYPRINT),
]
JOBS_BY_NAME = {job.name: job for job in JOBS}


@dataclass
class JobResult:
    job: Job
    seconds: float  # the job itself
    megabytes: float  # peak resident memory of its process
    process_seconds: float  # the whole process, start-up included
    baseline_seconds: float | None = None  # the library alone
    compared_seconds: float | None = None  # the job's time set beside the library's
    notes: list[str] = field(default_factory=list)


# --- in the benchmark's own process


def run_job(job: Job, *, folder: Path, as_at: str, username: str) -> JobResult:
    """Run ``job`` in a fresh process and read back what it measured."""
    out = folder / f"{job.name}.{'xlsx' if job.kind == 'annex_a' else 'pdf'}"
    measured = folder / f"{job.name}.json"
    with _parameters(job, as_at=as_at, username=username) as (parameters, detail):
        command = [sys.executable, "manage.py", "benchmark", "--job", job.name, "--job-out", str(out),
                   "--job-parameters", json.dumps(parameters), "--user", username, "--json", str(measured)]
        started = time.perf_counter()
        completed = subprocess.run(command, cwd=settings.BASE_DIR, capture_output=True, text=True, env=os.environ.copy())
        process_seconds = time.perf_counter() - started
    if completed.returncode or not measured.exists():
        raise JobFailed(f"{job.name} failed:\n{completed.stdout}{completed.stderr}")
    data = json.loads(measured.read_text())
    result = JobResult(job, data["seconds"], data["megabytes"], process_seconds,
                       baseline_seconds=data.get("baseline_seconds"), compared_seconds=data.get("compared_seconds"),
                       notes=[*detail, *data.get("notes", [])])
    if job.baseline == OPENPYXL:
        result.baseline_seconds, cells = baselines.openpyxl_alone(out)
        result.compared_seconds = result.seconds
        result.notes.append(f"openpyxl alone {result.baseline_seconds:.1f} s for the same {cells:,} cells")
    return result


@contextmanager
def _parameters(job: Job, *, as_at: str, username: str):
    """The report job's parameters on this council (and words saying which records they name)."""
    if job.kind == "figures":
        yield {}, []
    elif job.kind in ("annex_a", "readiness", "action_plan_progress"):
        yield {"as_at": as_at}, []
    elif job.kind == "audit_findings":
        yield {"end": as_at}, []
    elif job.kind == "board_report":
        yield {"board": str(subjects.board()), "as_at": as_at}, []
    elif job.kind == "action_plan":
        pk, actions = subjects.largest_action_plan()
        yield {"plan": str(pk)}, [f"{actions} actions"]
    elif job.kind == "children_list":
        filters, count = subjects.children_list_filter(for_user=subjects.user(username))
        yield filters, [f"{count:,} children"]
    elif job.kind == "committee":
        with _committee_paper() as paper:
            yield {"report": str(paper)}, []
    else:
        raise ValueError(f"No parameters known for {job.kind}")


@contextmanager
def _committee_paper():
    """The latest committee paper, or a benchmark one made for the run and removed after."""
    from inspection.models import CommitteeReport

    existing = subjects.latest_committee_paper()
    if existing:
        yield existing
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


# --- in the job's own process (manage.py benchmark --job NAME)


def run_job_here(name: str, *, out: Path, parameters: dict, username: str) -> dict:
    """Do the job in this process and measure it: what ``manage.py benchmark --job`` writes."""
    job = JOBS_BY_NAME[name]
    notes: list[str] = []
    baseline_seconds = compared_seconds = None
    if job.kind == "figures":
        from django.core.management import call_command

        said = StringIO()
        started = time.perf_counter()
        call_command("refresh_figures", stdout=said)
        seconds = time.perf_counter() - started
        megabytes = _peak_megabytes()
        notes += [line.strip() for line in said.getvalue().splitlines() if line.startswith("Wrote")]
    elif job.kind == "annex_a":
        from datetime import date

        from inspection.annex_a.workbook import write_annex_a

        as_at = date.fromisoformat(parameters["as_at"])
        started = time.perf_counter()
        counts = write_annex_a(out, as_at)
        seconds = time.perf_counter() - started
        megabytes = _peak_megabytes()
        notes.append(f"{sum(counts.values()):,} rows, {out.stat().st_size / 1024 / 1024:.1f} MB")
    else:
        seconds, megabytes, compared_seconds, baseline_seconds, pages = _render_report(
            job.kind, out=out, parameters=parameters, username=username)
        notes.append(f"{pages} page{'s' if pages != 1 else ''}, {out.stat().st_size / 1024:.0f} KB; "
                     f"again {compared_seconds:.1f} s against WeasyPrint alone {baseline_seconds:.1f} s "
                     f"(medians of {PDF_ROUNDS})")
    return {"name": name, "seconds": seconds, "megabytes": megabytes, "baseline_seconds": baseline_seconds,
            "compared_seconds": compared_seconds, "notes": notes}


def _render_report(kind: str, *, out: Path, parameters: dict,
                   username: str) -> tuple[float, float, float, float, int]:
    """Produce the report as its background job does (figures, template, WeasyPrint) and write it
    to ``out``: its time and peak memory are the job's, held to the job's budgets. Then, in rounds,
    produce it again and lay out its HTML with WeasyPrint alone: the first run also compiled the
    templates and loaded the fonts, which would tip the comparison, and one of each a round lets
    anything else the machine is doing fall on both alike. Returns the first run's seconds, the
    peak megabytes after it, the medians of the job and of WeasyPrint alone, and the page count."""
    from inspection.models import ReportJob
    from inspection.reports import REPORTS

    report = type(REPORTS[kind])()
    actor = subjects.user(username)
    report.check_permission(actor)
    pages_laid_out: list[str] = []
    produce_html: Callable = report.render_html

    def render_html(job, progress=lambda stage: None) -> str:
        page = produce_html(job, progress)
        pages_laid_out.append(page)
        return page

    report.render_html = render_html  # this instance only: keep the page for the comparison
    job = ReportJob(kind=kind, parameters=parameters, requested_by=actor, title=report.title_for(parameters))
    started = time.perf_counter()
    rendered = report.render(job)
    first = time.perf_counter() - started
    megabytes = _peak_megabytes()
    out.write_bytes(rendered.content)
    whole, alone = [], []
    for _ in range(PDF_ROUNDS):
        started = time.perf_counter()
        report.render(job)
        whole.append(time.perf_counter() - started)
        alone.append(baselines.weasyprint_alone(pages_laid_out[-1]))
    return first, megabytes, statistics.median(whole), statistics.median(alone), rendered.page_count or 0


def _peak_megabytes() -> float:
    """The peak resident memory of this process so far: Linux's high-water mark (VmHWM). Not
    getrusage's ru_maxrss, which a process started by another keeps from its parent: every job
    would be charged the benchmark's own memory."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kilobytes
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

