"""Django settings for Line of Sight.

Everything comes from the environment. With nothing set the app runs on an embedded default:
a SQLite file and report jobs that run in-process (no Redis, no worker). With ``DATABASE_URL``
and ``REDIS_URL`` it uses PostgreSQL and a Celery worker fed through Redis. ``DJANGO_ENV=production``
turns on the hardened production mode (``manage.py check --deploy`` is clean).
"""

from datetime import timedelta
from pathlib import Path
import os

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development").lower() == "production"

if PRODUCTION:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to at least 50 random characters in production.")
    DEBUG = False
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names the service answers on.")
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "development-only-key-never-used-in-production-0123456789")
    DEBUG = env_bool("DJANGO_DEBUG", True)
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "cases",
    "judgements",
    "actionplans",
    "lscb",
    "inspection",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "inspection.security.SessionActivityMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files straight from the app server, compressed and cached by content hash.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "inspection.urls"
WSGI_APPLICATION = "inspection.wsgi.application"
ASGI_APPLICATION = "inspection.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inspection.context_processors.navigation",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL, else an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{os.environ.get('SQLITE_PATH', BASE_DIR / 'db.sqlite3')}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Tuned for a web service's short queries: starting parallel workers or compiling a query
    # (JIT) costs 10 to 20 ms before any row is read, more than the page's whole query takes on
    # a page of 50 rows. The nightly jobs are batch work written not to need either.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get(
        "DATABASE_SESSION_OPTIONS", "-c max_parallel_workers_per_gather=0 -c jit=off"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords are hashed with Argon2 (memory-hard, so stolen hashes are slow to crack on graphics cards).
# The PBKDF2 hashers stay listed so passwords set before the change still work; Django re-hashes each
# with Argon2 the next time its owner signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# django-axes checks every sign-in first, so a locked-out account is refused before its password is tried.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: our own, GOV.UK Frontend and MOJ Frontend assets straight from node_modules
# (installed from npm at setup, never committed), and the compiled stylesheet in static/build.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("moj", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: report files go through an access-checked view

# Uploads (cases/uploads.py checks every uploaded file: its size, its kind by name and by content).
# UPLOAD_MAX_BYTES is the largest file anyone may upload: an Annex A workbook, an inspection report,
# an annual report, evidence of progress. Files over FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary
# file while they are checked rather than staying in memory; a form's other fields may add up to
# DATA_UPLOAD_MAX_MEMORY_SIZE (a long committee paper is well under it); a request may carry at
# most DATA_UPLOAD_MAX_NUMBER_FILES files. Past either limit Django answers 400 before any view runs.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000  # the self-assessment scores every indicator: three fields each
DATA_UPLOAD_MAX_NUMBER_FILES = 20

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Celery: Redis when REDIS_URL is set; otherwise jobs run in-process when the request commits,
# so report jobs still complete in the embedded demo.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# A broker that does not answer must not hold a page for long: a report request waits at most
# about two seconds before the job is kept as waiting (inspection.services.report_job_send).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "line-of-sight")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# The scheduler (run `celery -A inspection beat` beside the worker) starts the daily jobs.
CELERY_BEAT_SCHEDULE = {
    # Owners of actions overdue or due within 10 working days get one email each working day.
    "action-plan-reminders": {
        "task": "actionplans.tasks.send_action_reminders",
        "schedule": crontab(hour=7, minute=0),  # 07:00 Europe/London (CELERY_TIMEZONE)
    },
    # What is due for every child and which plans are drifting, for caseloads and stuck cases.
    "case-summaries": {
        "task": "cases.tasks.refresh_case_summaries",
        "schedule": crontab(hour=5, minute=30),  # 05:30 Europe/London (CELERY_TIMEZONE)
    },
    # The dashboards' figures for today and any month end not yet kept, before the working day.
    "dashboard-figures": {
        "task": "inspection.dashboards.tasks.refresh_dashboard_figures",
        "schedule": crontab(hour=6, minute=0),  # 06:00 Europe/London (CELERY_TIMEZONE)
    },
    # The access log's chain checked from the first entry to the last; a break is logged as an ERROR.
    "verify-access-log": {
        "task": "cases.tasks.verify_access_log",
        "schedule": crontab(hour=2, minute=30),  # 02:30 Europe/London (CELERY_TIMEZONE), when it is quiet
    },
    # Report jobs asked for while Redis was away are sent again once it is back.
    "requeue-waiting-reports": {
        "task": "inspection.tasks.requeue_waiting_reports",
        "schedule": 60.0,
    },
}

# Email: the console in development and the demo (messages are printed, not sent); SMTP once
# EMAIL_HOST is set; any other backend by its dotted path in DJANGO_EMAIL_BACKEND.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
if os.environ.get("EMAIL_FILE_PATH"):  # for the file-based backend (tests read the messages back)
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Line of Sight <line-of-sight@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The address people use to reach the service, for links in emails (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Council settings that later issues make editable.
COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Demo Borough Council")

# Retention review (cases/retention.py has the rule and its sources): a closed child's record is
# listed for the records team's review on the latest of: this many years after the case closed
# (Limitation Act 1980); the child's 25th birthday (children never looked after); their 75th
# birthday if ever looked after (Care Planning, Placement and Case Review (England) Regulations
# 2010, reg. 50); 100 years after an adoption order (Disclosure of Adoption Information
# (Post-Commencement Adoptions) Regulations 2005, reg. 6). Set longer local periods here.
CASE_RETENTION_YEARS_AFTER_CLOSURE = int(os.environ.get("CASE_RETENTION_YEARS_AFTER_CLOSURE", "6"))
CASE_RETENTION_UNTIL_AGE = int(os.environ.get("CASE_RETENTION_UNTIL_AGE", "25"))
CASE_RETENTION_LOOKED_AFTER_UNTIL_AGE = int(os.environ.get("CASE_RETENTION_LOOKED_AFTER_UNTIL_AGE", "75"))
CASE_RETENTION_ADOPTION_YEARS = int(os.environ.get("CASE_RETENTION_ADOPTION_YEARS", "100"))

# Security: cookies and transport. Production turns all of it on.
SESSION_COOKIE_HTTPONLY = True
# A session not used for 30 minutes is signed out (inspection.security.SessionActivityMiddleware keeps
# a session in use alive, saving it at most once a minute), and the cookie goes when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_ACTIVITY_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp): scripts, styles, fonts and images only from our own address,
# so injected markup cannot run script. No inline script or style attribute anywhere on screen pages
# (inspection/tests/test_security.py fails the build on one); charts are SVG drawn with attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Failed sign-ins (django-axes, counted in the database so every app server sees them): after 5 wrong
# passwords for one username from one address, that username is locked at that address for 30 minutes
# (longer if attempts go on during the lockout), and the sign-in page says so. Counting by username and
# address together means someone guessing at a colleague's account cannot lock that colleague out at
# their own desk, and one person's mistakes in a shared office (one address for everybody) do not lock
# the office out; the long-password rule and Argon2 make spreading guesses over many addresses
# hopeless. A successful sign-in clears the count. An administrator unlocks sooner with
# `manage.py axes_reset_username USERNAME` or by deleting the access attempt in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_SIGN_IN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "inspection.security.locked_out"  # templates/registration/locked_out.html
AXES_CLIENT_IP_CALLABLE = "inspection.security.client_ip_address"
# How many reverse proxies of ours sit in front of the app (each adds one X-Forwarded-For entry).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
