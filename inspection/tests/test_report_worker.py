"""A report job end to end on the real stack: PostgreSQL, Redis and a separate Celery worker process.

The test commits a job, a real ``celery worker`` process (not eager mode) takes it from Redis,
renders the PDF with WeasyPrint and stores it; the PDF is then read back with pdfplumber and its
first page turned into a PNG under test-artifacts/ for a person to look at.
"""

import subprocess
import time
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings

from inspection import services
from inspection.models import ReportJob
from worker_testing import celery_worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture
def celery_worker_process(tmp_path):
    log = tmp_path / "worker.log"
    with celery_worker(log) as worker:
        yield worker, log


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
