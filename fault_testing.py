"""Faults injected into the real test servers: Redis stopped and started again, PostgreSQL restarted,
a web process (gunicorn) and a worker's pool process found and killed. Used by
inspection/tests/test_faults.py, which must run on its own (scripts/test.sh runs ``-m faults``
serially after the rest), because stopping a shared server would break tests running beside it.

The servers are the ones scripts/services.sh started: Redis from REDIS_URL, PostgreSQL from the
test database connection; each is restarted with the settings it was started with."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from django.conf import settings
from django.db import connection

from worker_testing import database_url


def require_real_servers() -> None:
    """Skip (not fail) where the tests cannot stop and start the servers themselves: on SQLite, or
    without Redis. scripts/test.sh always provides both."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("Fault tests stop and start PostgreSQL and Redis: run them through scripts/test.sh.")


# Redis -----------------------------------------------------------------------------------------


def _redis_port() -> int:
    return urlsplit(settings.REDIS_URL).port or 6379


def _redis_cli(*arguments: str, timeout: float = 5) -> subprocess.CompletedProcess:
    return subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(_redis_port()), *arguments],
                          capture_output=True, text=True, timeout=timeout)


def redis_is_up() -> bool:
    return _redis_cli("ping").stdout.strip() == "PONG"


def redis_stop() -> Path:
    """Stop Redis as scripts/services.sh does (shutdown nosave); returns its folder, to start it again."""
    folder = Path(_redis_cli("config", "get", "dir").stdout.split()[-1])
    _redis_cli("shutdown", "nosave")
    _wait(lambda: not redis_is_up(), "Redis to stop")
    return folder


def redis_start(folder: Path) -> None:
    """Start Redis again exactly as scripts/services.sh starts it."""
    port = str(_redis_port())
    subprocess.run(
        ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", port, "--save", "",
         "--appendonly", "no", "--pidfile", str(folder / "redis.pid"), "--logfile", str(folder / "redis.log"),
         "--dir", str(folder)],
        check=True, timeout=10,
    )
    _wait(redis_is_up, "Redis to start")


@contextmanager
def redis_stopped():
    """Redis is away inside the block and always back afterwards, even if the test fails."""
    folder = redis_stop()
    try:
        yield
    finally:
        if not redis_is_up():
            redis_start(folder)


# PostgreSQL ------------------------------------------------------------------------------------


def _pg_bin() -> Path:
    return sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))[-1]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


def postgres_restart() -> float:
    """Restart PostgreSQL as scripts/services.sh runs it (pg_ctl, fast shutdown, as the postgres
    user); it keeps the options it was started with. Every open connection is cut. Returns seconds taken."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        (data,) = cursor.fetchone()
    started = time.monotonic()
    subprocess.run(
        _as_postgres([str(_pg_bin() / "pg_ctl"), "-D", data, "-m", "fast", "-w", "-l", f"{data}/server.log", "restart"]),
        check=True, timeout=60, stdout=subprocess.DEVNULL,
    )
    taken = time.monotonic() - started
    connection.close()  # this process's own connection went with the old server
    return taken


# Processes -------------------------------------------------------------------------------------


def pool_processes(worker: subprocess.Popen) -> list[psutil.Process]:
    """The child processes doing the work: a ``celery worker``'s prefork pool, gunicorn's workers."""
    return psutil.Process(worker.pid).children()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def web_server(log: Path, **environment: str):
    """The app under gunicorn, as in production: one sync worker keeping its database connection
    between requests (DATABASE_CONN_MAX_AGE). Yields its base URL and the gunicorn process."""
    port = free_port()
    env = {
        **os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT), "DATABASE_CONN_MAX_AGE": "600", **environment,
    }
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "inspection.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--threads", "1", "--timeout", "60"],
            cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    try:
        _wait(lambda: _accepts(port) or server.poll() is not None, "gunicorn to start", timeout=30)
        if server.poll() is not None:
            pytest.fail(f"gunicorn did not start:\n{log.read_text()[-4000:]}")
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait(condition, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"Timed out after {timeout}s waiting for {what}.")
