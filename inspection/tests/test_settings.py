"""Settings come from the environment: the embedded default, the real stack and production mode.

Each case runs manage.py in a fresh process, so the settings module is read as a server would read it.
"""

import os
import subprocess
import sys

from django.conf import settings

SECRET = "x" * 20 + "production-secret-key-for-the-settings-test-only-0123456789"


def run_manage(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in {
        "DATABASE_URL", "REDIS_URL", "DJANGO_ENV", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env={**clean, **env},
        capture_output=True, text=True, timeout=timeout,
    )


PRINT_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.DEBUG)"
)


def test_with_nothing_set_the_app_uses_sqlite_and_runs_jobs_in_process(tmp_path):
    result = run_manage("shell", "-c", PRINT_SETTINGS, env={"SQLITE_PATH": str(tmp_path / "demo.sqlite3")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["django.db.backends.sqlite3", "True", "memory://", "True"]


def test_with_database_and_redis_urls_the_app_uses_postgresql_and_a_worker():
    result = run_manage("shell", "-c", PRINT_SETTINGS, env={
        "DATABASE_URL": "postgres://someone@db.internal:5432/line_of_sight", "REDIS_URL": "redis://cache.internal:6379/0",
    })
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == [
        "django.db.backends.postgresql", "False", "redis://cache.internal:6379/0", "True"
    ]


def test_the_embedded_default_completes_a_report_job_without_redis(tmp_path):
    """The demo's path end to end: migrate SQLite, seed, ask for a PDF, and find it ready."""
    env = {"SQLITE_PATH": str(tmp_path / "demo.sqlite3"), "MEDIA_ROOT": str(tmp_path / "media")}
    assert run_manage("migrate", "--no-input", "-v0", env=env).returncode == 0
    seeded = run_manage("seed_demo", "--children", "30", "--seed", "5", env=env)
    assert seeded.returncode == 0, seeded.stderr
    assert "Created 30 children" in seeded.stdout
    script = (
        "from django.contrib.auth import get_user_model; "
        "from inspection import services; from inspection.models import ReportJob; "
        "user = get_user_model().objects.get(username='auditor'); "
        "job = services.report_job_request(actor=user, kind='children_list', parameters={}); "
        "job.refresh_from_db(); print(job.status, job.page_count, job.file.size > 1000)"
    )
    result = run_manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    status, pages, has_content = result.stdout.split()[-3:]
    assert (status, has_content) == ("ready", "True")
    assert int(pages) >= 2  # 30 children do not fit on one landscape page


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={"DJANGO_ENV": "production", "DJANGO_ALLOWED_HOSTS": "los.example.org"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", env={"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": SECRET})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list" in result.stderr


def test_production_mode_passes_the_deployment_checklist_with_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={
        "DJANGO_ENV": "production", "DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "los.example.org",
    })
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
