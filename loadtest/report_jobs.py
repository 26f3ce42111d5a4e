"""The report jobs asked for during a load run: wait until the worker has finished them, then print
how many there were, how each ended and how long they took, as JSON (read by loadtest/summary.py).

Usage: python loadtest/report_jobs.py --since ISO-TIME [--wait SECONDS]
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspection.settings")

import django  # noqa: E402

django.setup()

from inspection.models import ReportJob  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", type=datetime.fromisoformat, required=True)
    parser.add_argument("--wait", type=float, default=600, help="Give up waiting after this many seconds.")
    options = parser.parse_args()

    jobs = ReportJob.objects.filter(created_at__gte=options.since)
    unfinished = [ReportJob.Status.QUEUED, ReportJob.Status.RUNNING]
    started = time.monotonic()
    while jobs.filter(status__in=unfinished).exists() and time.monotonic() - started < options.wait:
        time.sleep(1)
    waited = time.monotonic() - started

    rows = list(jobs.values("kind", "status", "started_at", "finished_at", "error"))
    by_kind: dict[str, dict] = {}
    for row in rows:
        kind = by_kind.setdefault(row["kind"], {"requested": 0, "ready": 0, "failed": 0, "unfinished": 0, "seconds": []})
        kind["requested"] += 1
        if row["status"] in {ReportJob.Status.READY, ReportJob.Status.FAILED}:
            kind[row["status"]] += 1
        else:
            kind["unfinished"] += 1
        if row["status"] == ReportJob.Status.READY and row["started_at"] and row["finished_at"]:
            kind["seconds"].append((row["finished_at"] - row["started_at"]).total_seconds())
    for kind in by_kind.values():
        seconds = kind.pop("seconds")
        kind["median_seconds"] = round(statistics.median(seconds), 1) if seconds else None
        kind["longest_seconds"] = round(max(seconds), 1) if seconds else None
    print(json.dumps({
        "requested": len(rows),
        "ready": sum(kind["ready"] for kind in by_kind.values()),
        "failed": sum(kind["failed"] for kind in by_kind.values()),
        "unfinished": sum(kind["unfinished"] for kind in by_kind.values()),
        "waited_after_run_seconds": round(waited, 1),
        "by_kind": by_kind,
        "errors": sorted({row["error"] for row in rows if row["status"] == ReportJob.Status.FAILED}),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
