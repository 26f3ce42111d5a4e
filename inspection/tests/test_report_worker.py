"""A report job end to end on the real stack: PostgreSQL, Redis and a separate Celery worker process.

The test commits a job, a real ``celery worker`` process (not eager mode) takes it from Redis,
renders the PDF with WeasyPrint and stores it; the PDF is then read back with pdfplumber and its
first page turned into a PNG under test-artifacts/ for a person to look at.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from django.db import connection

from inspection import services
from inspection.celery import app as celery_app
from inspection.models import ReportJob

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(settings, tmp_path):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.fail("The worker test needs PostgreSQL and Redis: run it through scripts/test.sh.")
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_QUEUE": queue,
        "DATABASE_CONN_MAX_AGE": "0",
    }
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "inspection", "worker", "--loglevel=INFO", "--concurrency=1",
             "--without-heartbeat", "--without-gossip", "--without-mingle", "-Q", queue, "-n", f"{queue}@%h"],
            cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield worker, log
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_for(job: ReportJob, log: Path, timeout: float = 90) -> ReportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in {ReportJob.Status.READY, ReportJob.Status.FAILED}:
            return job
        time.sleep(0.3)
    pytest.fail(f"Job still {job.status} after {timeout}s. Worker log:\n{log.read_text()[-4000:]}")


def test_a_real_worker_renders_the_children_list_pdf(celery_worker_process, practitioner, make_child, team_a, team_b):
    worker, log = celery_worker_process
    for number in range(45):
        make_child(team_a, first_name="Ava", last_name=f"Ahmed{number:02d}")
    make_child(team_b, first_name="Jack", last_name="Baker")

    job = services.report_job_request(actor=practitioner, kind=ReportJob.Kind.CHILDREN_LIST, parameters={})
    assert job.status == ReportJob.Status.QUEUED  # nothing ran in this process

    job = _wait_for(job, log)
    assert job.status == ReportJob.Status.READY, job.error
    assert job.attempts == 1
    assert worker.poll() is None, "the worker process should still be running"
    assert "render_report[" in log.read_text()

    with job.file.open("rb") as pdf_file, pdfplumber.open(pdf_file) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert len(pdf.pages) == job.page_count >= 2
    assert "List of children" in text
    assert "46 children" not in text and "45 children" in text
    assert "Ahmed00, Ava" in text and "Ahmed44, Ava" in text
    assert "Baker" not in text  # another team's child never reaches this practitioner's export
    assert "OFFICIAL-SENSITIVE" in text
    assert f"Page 1 of {job.page_count}" in text

    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "children-list.pdf"
    with job.file.open("rb") as source:
        pdf_path.write_bytes(source.read())
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf_path), str(ARTIFACTS / "children-list")], check=True)
    assert any(ARTIFACTS.glob("children-list-*1.png"))
