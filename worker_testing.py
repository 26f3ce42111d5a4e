"""A real Celery worker process for integration tests: started on its own queue against the test
database and Redis, with this process's Celery switched from eager to that queue, and stopped
afterwards. Used by the report-job and action-reminder worker tests."""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from inspection.celery import app as celery_app


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def celery_worker(log: Path, **environment: str):
    """Run ``celery worker`` on a fresh queue; yields the process. ``environment`` adds to its environment."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.fail("The worker test needs PostgreSQL and Redis: run it through scripts/test.sh.")
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_QUEUE": queue,
        "DATABASE_CONN_MAX_AGE": "0",
        **environment,
    }
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
        yield worker
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
