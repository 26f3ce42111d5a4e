"""The benchmark's findings: each measurement with its budgets and verdict, as the JSON kept with
the issue and as the table printed for whoever ran it (one line a measurement, aligned)."""

import os
import platform
import sys
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import budgets
from .jobs import JobResult
from .pages import PageResult

WITHIN = "within budget"
OVER = "OVER BUDGET"


def machine() -> dict:
    """What the times depend on besides our code: the CPUs and how busy they were when we began."""
    return {
        "cpu_count": os.cpu_count(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
        "platform": platform.platform(),
        "python": sys.version.split()[0],
    }


def database() -> dict:
    """Which database and how big the council in it is."""
    from cases.models import Child, Event

    facts = {"engine": connection.vendor, "name": str(settings.DATABASES["default"]["NAME"]),
             "children": Child.objects.count(), "events": Event.objects.count()}
    if connection.vendor == "postgresql":
        facts["server_version"] = connection.pg_version
    return facts


def page_measurement(result: PageResult, *, reference_median: float | None, small_database_queries: int | None = None) -> dict:
    timed = bool(result.times)
    checks = budgets.page_checks(
        page_class=result.page.page_class, median=result.median, reference_median=reference_median,
        queries=result.query_count, small_database_queries=small_database_queries,
    )
    measurement = {
        "name": result.page.name, "kind": "page", "description": result.page.description,
        "detail": result.target.detail, "class": result.page.page_class, "url": result.target.url,
        "user": result.target.user.username, "requests": len(result.times) if timed else len(result.queries),
        "median_ms": _ms(result.median), "p95_ms": _ms(result.p95),
        "ratio_to_reference": (round(budgets.ratio(result.median, reference_median), 3)
                               if timed and reference_median else None),
        "queries": result.query_count,
        "queries_at_1000_children": small_database_queries,
    }
    if min(result.queries) != max(result.queries):
        measurement["queries_varied"] = [min(result.queries), max(result.queries)]
    return _with_verdict(measurement, checks)


def job_measurement(result: JobResult) -> dict:
    job = result.job
    checks = budgets.job_checks(name=job.name, seconds=result.seconds, megabytes=result.megabytes)
    ratio = None
    if job.baseline and result.baseline_seconds is not None:
        limit = budgets.ANNEX_A_RATIO if job.kind == "annex_a" else budgets.PDF_RATIO
        checks.append(budgets.baseline_check(what=job.baseline, seconds=result.compared_seconds,
                                             baseline_seconds=result.baseline_seconds, limit=limit))
        ratio = round(budgets.ratio(result.compared_seconds, result.baseline_seconds), 3)
    measurement = {
        "name": job.name, "kind": "job", "description": job.description, "class": budgets.JOB,
        "seconds": round(result.seconds, 3), "megabytes": round(result.megabytes, 1),
        "process_seconds": round(result.process_seconds, 3), "baseline": job.baseline or None,
        "baseline_seconds": round(result.baseline_seconds, 3) if result.baseline_seconds is not None else None,
        "compared_seconds": round(result.compared_seconds, 3) if result.compared_seconds is not None else None,
        "ratio_to_baseline": ratio, "notes": result.notes,
    }
    return _with_verdict(measurement, checks)


def _with_verdict(measurement: dict, checks: list[budgets.Check]) -> dict:
    measurement["checks"] = [check.as_json() for check in checks]
    measurement["failures"] = [check.describe() for check in checks if not check.passed]
    measurement["passed"] = budgets.passed(checks)
    measurement["verdict"] = WITHIN if measurement["passed"] else OVER
    return measurement


def _ms(seconds: float | None) -> float | None:
    return round(seconds * 1000, 1) if seconds is not None else None


def document(*, measurements: list[dict], machine_facts: dict, database_facts: dict, requests: int,
             small_database: dict | None, started: datetime, failures: list[str] = ()) -> dict:
    """The whole run as the JSON file holds it. ``failures``: any beside the measurements' own."""
    failures = [*failures, *(f"{m['name']}: {failure}" for m in measurements for failure in m["failures"])]
    return {
        "date": started.isoformat(timespec="seconds"),
        "finished": timezone.now().isoformat(timespec="seconds"),
        "command": " ".join(sys.argv) if sys.argv[1:2] == ["benchmark"] else None,
        "machine": {**machine_facts, "load_average_at_end": [round(value, 2) for value in os.getloadavg()]},
        "database": database_facts,
        "small_database": small_database,
        "debug": settings.DEBUG,
        "requests_per_page": requests,
        "budgets": {
            "page_time_ratio_to_reference": budgets.TIME_RATIO, "queries_per_page": budgets.MAX_QUERIES,
            "annex_a_ratio_to_openpyxl": budgets.ANNEX_A_RATIO, "pdf_ratio_to_weasyprint": budgets.PDF_RATIO,
            "jobs": {name: {"seconds": budget.seconds, "megabytes": budget.megabytes}
                     for name, budget in budgets.JOB_BUDGETS.items()},
        },
        "measurements": measurements,
        "failures": failures,
        "passed": not failures,
    }


HEADINGS = ("Measurement", "Class", "Time", "p95", "Queries", "Ratio", "Memory", "Verdict")
RIGHT_ALIGNED = {2, 3, 4, 5, 6}


def table(measurements: list[dict]) -> list[str]:
    """One line a measurement, columns aligned; budgets beside the figures they limit."""
    rows = [HEADINGS] + [_row(measurement) for measurement in measurements]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS))]
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[column]) if column in RIGHT_ALIGNED else cell.ljust(widths[column])
                 for column, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


def _row(measurement: dict) -> tuple[str, ...]:
    checks = {check["check"]: check for check in measurement["checks"]}
    verdict = "ok" if measurement["passed"] else "OVER"
    if measurement["kind"] == "page":
        timed = measurement["median_ms"] is not None
        queries = str(measurement["queries"])
        if measurement.get("queries_at_1000_children") is not None:
            queries += f" ({measurement['queries_at_1000_children']} at 1k)"
        ratio, limit = "", checks.get("median vs the reference page")
        if limit:
            ratio = f"{limit['measured']:.2f}× ≤ {limit['budget']:g}×"
        elif measurement["ratio_to_reference"] is not None:
            ratio = f"{measurement['ratio_to_reference']:.2f}×"
        return (measurement["name"], measurement["class"],
                f"{measurement['median_ms']:.0f} ms" if timed else "-",
                f"{measurement['p95_ms']:.0f} ms" if timed else "-", queries, ratio, "", verdict)
    time_budget, memory_budget = checks["time"], checks["peak memory"]
    limit = next((check for name, check in checks.items() if name.startswith("time vs ")), None)
    ratio = f"{limit['measured']:.2f}× ≤ {limit['budget']:g}×" if limit else ""
    return (measurement["name"], measurement["class"],
            f"{measurement['seconds']:.1f} s ≤ {time_budget['budget']:g}", "", "", ratio,
            f"{measurement['megabytes']:.0f} MB ≤ {memory_budget['budget']:g}", verdict)
