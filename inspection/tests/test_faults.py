"""Faults survived, on the real servers: Redis stopped, a worker killed in the middle of a PDF, and
PostgreSQL restarted under a running web process.

These stop and start the shared test servers, so they run on their own, one at a time
(scripts/test.sh runs ``-m faults`` serially after the rest of the suite). On SQLite they skip.
"""

import signal
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cases.codes import Disability, Ethnicity, Gender
from cases.models import Child
from fault_testing import pool_processes, postgres_restart, redis_stopped, require_real_servers, web_server
from inspection import services
from inspection.celery import app as celery_app
from inspection.models import ReportJob
from worker_testing import celery_worker

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _real_servers(db):
    require_real_servers()


def _wait_for(job: ReportJob, statuses: set, log: Path, timeout: float, interval: float = 0.2) -> ReportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        time.sleep(interval)
    pytest.fail(f"Job still {job.status} ({job.stage!r}) after {timeout}s. Worker log:\n{log.read_text()[-4000:]}")


def test_with_redis_stopped_pages_work_and_a_report_request_waits_then_runs_when_redis_is_back(
    client, senior_manager, child_a, tmp_path
):
    client.force_login(senior_manager)
    celery_app.conf.task_always_eager = False  # as in production: jobs go through Redis (the fixture restores it)

    with redis_stopped():
        for name in ("home", "cases:child_list", "report_list", "dashboards:managers"):
            assert client.get(reverse(name)).status_code == 200, name

        started = time.monotonic()
        response = client.post(reverse("children_list_report_request"))
        taken = time.monotonic() - started

        assert response.status_code == 302 and response.url == reverse("report_list")
        assert taken < 5, f"the request waited {taken:.1f}s on the unreachable report service"
        job = ReportJob.objects.get()
        assert job.status == ReportJob.Status.QUEUED
        assert job.stage == services.WAITING_FOR_REPORT_SERVICE
        page = client.get(reverse("report_list"))
        assert "has been requested" in page.content.decode()
        assert services.WAITING_FOR_REPORT_SERVICE in page.content.decode()

    # Redis is back: a worker starting sends the waiting job again, without anyone asking twice.
    log = tmp_path / "worker.log"
    with celery_worker(log):
        job = _wait_for(job, {ReportJob.Status.READY, ReportJob.Status.FAILED}, log, timeout=60)
    assert job.status == ReportJob.Status.READY, job.error
    assert job.attempts == 1 and job.stage != services.WAITING_FOR_REPORT_SERVICE
    assert "requeue_waiting_reports[" in log.read_text()


def test_a_worker_killed_in_the_middle_of_a_pdf_hands_the_job_back_and_it_completes(senior_manager, team_a, tmp_path):
    # Enough children for the list to take several seconds to render.
    Child.objects.bulk_create(
        Child(local_id=f"K{number:05d}", first_name="Amira", last_name=f"Killed{number:05d}", date_of_birth=date(2015, 3, 1),
              gender=Gender.FEMALE, ethnicity=Ethnicity.WBRI, disability=Disability.NO, team=team_a)
        for number in range(2500)
    )
    log = tmp_path / "worker.log"
    with celery_worker(log) as worker:
        job = services.report_job_request(actor=senior_manager, kind=ReportJob.Kind.CHILDREN_LIST, parameters={})
        job = _wait_for(job, {ReportJob.Status.RUNNING}, log, timeout=60, interval=0.05)
        time.sleep(1)  # well into the render
        job.refresh_from_db()
        assert job.status == ReportJob.Status.RUNNING, "the PDF finished before the worker could be killed"
        (pool_process,) = pool_processes(worker)
        pool_process.send_signal(signal.SIGKILL)
        pool_process.wait(timeout=10)

        job = _wait_for(job, {ReportJob.Status.READY, ReportJob.Status.FAILED}, log, timeout=120)
        assert worker.poll() is None, "the worker itself should have survived and replaced its pool process"

    assert job.status == ReportJob.Status.READY, job.error
    assert job.attempts >= 2
    assert job.page_count > 1
    assert not ReportJob.objects.filter(status=ReportJob.Status.RUNNING).exists()
    assert "WorkerLostError" in log.read_text()


def test_after_postgresql_restarts_the_running_app_answers_the_next_request(client, senior_manager, tmp_path):
    client.force_login(senior_manager)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    def get(url: str) -> int:
        request = urllib.request.Request(url, headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    log = tmp_path / "gunicorn.log"
    with web_server(log) as (base_url, server):
        page = base_url + reverse("report_list")
        assert get(page) == 200
        (web_process,) = pool_processes(server)

        postgres_restart()

        # The first request after the restart, from the same process: its stale connection is
        # noticed (CONN_HEALTH_CHECKS) and replaced, so nobody sees an error page.
        assert get(page) == 200, log.read_text()[-4000:]
        assert get(base_url + reverse("cases:child_list")) == 200
        assert pool_processes(server) == [web_process], "the web process should not have been restarted"
