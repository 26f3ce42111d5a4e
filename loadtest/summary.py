"""What a load run found, from locust's CSV files and the report jobs: requests, failures,
throughput, median and 95th percentile overall and per page, and the reports produced. Prints a
table, writes the JSON summary, and exits 1 if anything failed (a request, a report, or locust).

Usage: python loadtest/summary.py --csv PREFIX --jobs JOBS.json --json OUT.json [run details]
"""

import argparse
import csv
import json
import math
import os
import sys
from datetime import datetime, timezone
from pathlib import Path


def number(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def page_row(row: dict) -> dict:
    return {
        "method": row["Type"],
        "page": row["Name"],
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "requests_per_second": round(number(row["Requests/s"]) or 0, 2),
        "median_ms": number(row["50%"]),
        "p95_ms": number(row["95%"]),
        "p99_ms": number(row["99%"]),
        "max_ms": number(row["Max Response Time"]),
    }


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share 0.95 for the 95th)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(math.ceil(share * len(ordered)) - 1, 0)])


def steady_state(samples: Path) -> dict | None:
    """Times once every simulated person had signed in (after the last sign-in), overall and per
    page, from the locustfile's record of every request."""
    if not samples.exists():
        return None
    rows = list(csv.DictReader(samples.open()))
    sign_ins = [float(row["at"]) for row in rows if row["page"] == "Sign in (sent)"]
    if not sign_ins:
        return None
    since = max(sign_ins)
    later = [row for row in rows if float(row["at"]) >= since]
    if not later:
        return None
    seconds = max(float(row["at"]) for row in later) - since

    def measure(chosen):
        times = [float(row["ms"]) for row in chosen]
        return {"requests": len(chosen), "failures": sum(row["ok"] != "1" for row in chosen),
                "median_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95)}

    by_page: dict[str, list] = {}
    for row in later:
        by_page.setdefault(row["page"], []).append(row)
    return {
        "seconds": round(seconds),
        "overall": {**measure(later), "requests_per_second": round(len(later) / seconds, 2) if seconds else None},
        "pages": {page: measure(chosen) for page, chosen in sorted(by_page.items())},
    }


def tracebacks(log: Path, limit: int = 3) -> list[str]:
    """The first few tracebacks gunicorn's log holds (Django logs each 500 with its traceback)."""
    if not log.exists():
        return []
    found, current = [], []
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("Traceback"):
            current = [line]
        elif current:
            current.append(line)
            if line and not line.startswith((" ", "\t", "Traceback", "During handling", "The above")):
                found.append("\n".join(current))
                current = []
                if len(found) == limit:
                    break
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", required=True, help="locust's --csv prefix")
    parser.add_argument("--jobs", required=True, type=Path)
    parser.add_argument("--json", required=True, type=Path)
    parser.add_argument("--samples", type=Path, help="every request, written by the locustfile")
    parser.add_argument("--gunicorn-log", type=Path)
    parser.add_argument("--locust-exit", type=int, default=0)
    for detail in ("users", "minutes", "children", "workers", "threads", "cpus"):
        parser.add_argument(f"--{detail}", type=float)
    options = parser.parse_args()

    stats_file = Path(f"{options.csv}_stats.csv")
    rows = list(csv.DictReader(stats_file.open())) if stats_file.exists() else []
    overall = next((page_row(row) for row in rows if row["Name"] == "Aggregated"), None)
    pages = sorted((page_row(row) for row in rows if row["Name"] != "Aggregated"), key=lambda row: row["page"])
    failures_file = Path(f"{options.csv}_failures.csv")
    failures = [
        {"method": row["Method"], "page": row["Name"], "error": row["Error"], "occurrences": int(row["Occurrences"])}
        for row in (csv.DictReader(failures_file.open()) if failures_file.exists() else [])
    ]
    try:
        jobs = json.loads(options.jobs.read_text())
    except (OSError, ValueError):
        jobs = {"requested": 0, "ready": 0, "failed": 0, "unfinished": 0, "by_kind": {}, "errors": ["not counted"]}
    steady = steady_state(options.samples) if options.samples else None
    errors_logged = tracebacks(options.gunicorn_log) if options.gunicorn_log else []

    problems = []
    if overall is None or overall["requests"] == 0:
        problems.append("no requests were made")
    elif overall["failures"]:
        problems.append(f"{overall['failures']} request(s) failed")
    if jobs.get("failed") or jobs.get("unfinished") or jobs.get("errors"):
        problems.append(f"report jobs: {jobs.get('failed', 0)} failed, {jobs.get('unfinished', 0)} unfinished")
    if errors_logged:
        problems.append(f"{len(errors_logged)} traceback(s) in gunicorn's log")
    if options.locust_exit and not problems:
        problems.append(f"locust exited with status {options.locust_exit}")

    # Other work on the same machine slows the pages too: keep the load average beside the times.
    load_average = [round(value, 2) for value in os.getloadavg()]
    summary = {
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine_load_average_1_5_15_min": load_average,
        "run": {key: (int(value) if value is not None and value == int(value) else value)
                for key, value in vars(options).items()
                if key in {"users", "minutes", "children", "workers", "threads", "cpus"}},
        "overall": overall,
        "pages": pages,
        "after_everyone_signed_in": steady,
        "failures": failures,
        "report_jobs": jobs,
        "tracebacks": errors_logged,
        "passed": not problems,
        "problems": problems,
    }
    options.json.write_text(json.dumps(summary, indent=2) + "\n")

    print()
    run = summary["run"]
    print(f"Load: {run.get('users')} people for {run.get('minutes')} min against {run.get('children'):,} children; "
          f"gunicorn {run.get('workers')} workers x {run.get('threads')} threads on {run.get('cpus')} CPUs "
          f"(load average over the last 5 minutes {load_average[1]})")
    if overall:
        print(f"Requests {overall['requests']:,}   failures {overall['failures']}   "
              f"throughput {overall['requests_per_second']:.1f} requests/s   "
              f"median {overall['median_ms']:.0f} ms   p95 {overall['p95_ms']:.0f} ms")
    if steady:
        calm = steady["overall"]
        print(f"After everyone had signed in ({steady['seconds']} s): {calm['requests']:,} requests, "
              f"{calm['requests_per_second']:.1f} requests/s, median {calm['median_ms']} ms, p95 {calm['p95_ms']} ms")
    print()
    width = max([len(row["page"]) for row in pages] + [4])
    print(f"{'':<{width}}  {'Whole run':^37}  {'After sign-in':^18}")
    print(f"{'Page':<{width}}  {'Requests':>8}  {'Fails':>5}  {'Median ms':>9}  {'p95 ms':>7}  "
          f"{'Median ms':>9}  {'p95 ms':>7}")
    for row in pages:
        later = (steady or {}).get("pages", {}).get(row["page"], {})
        print(f"{row['page']:<{width}}  {row['requests']:>8}  {row['failures']:>5}  "
              f"{row['median_ms'] or 0:>9.0f}  {row['p95_ms'] or 0:>7.0f}  "
              f"{later.get('median_ms') if later.get('median_ms') is not None else '-':>9}  "
              f"{later.get('p95_ms') if later.get('p95_ms') is not None else '-':>7}")
    print()
    print(f"Report jobs: {jobs.get('requested', 0)} asked for, {jobs.get('ready', 0)} completed, "
          f"{jobs.get('failed', 0)} failed, {jobs.get('unfinished', 0)} unfinished")
    for kind, counts in sorted(jobs.get("by_kind", {}).items()):
        print(f"  {kind:<22} {counts['ready']}/{counts['requested']} ready, median {counts['median_seconds']} s, "
              f"longest {counts['longest_seconds']} s")
    for failure in failures:
        print(f"FAILED {failure['occurrences']}x {failure['method']} {failure['page']}: {failure['error']}")
    for error in jobs.get("errors", []):
        print(f"REPORT FAILED: {error}")
    for traceback in errors_logged:
        print(traceback)
    print()
    print(f"Summary written to {options.json}")
    if problems:
        print("FAILED: " + "; ".join(problems))
        return 1
    print("Passed: no failed requests or reports.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
