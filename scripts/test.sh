#!/usr/bin/env bash
# The whole test suite against the real services: installs what it needs (Debian packages, Python
# packages, npm assets), starts PostgreSQL and Redis on loopback if they are not running, runs the
# checks and pytest (in parallel), and stops what it started. Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/services.sh"
cd "$ROOT"

ensure_debian_packages postgresql redis-server libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation \
  poppler-utils chromium libreoffice-calc-nogui
ensure_python requirements-dev.txt
ensure_assets

log "Auditing the production Python packages for known vulnerabilities (pip-audit)"
# A known vulnerability always fails the run. Where no advisory service can be reached (this build
# machine reaches PyPI's package index but not its advisory API, nor OSV), the audit says loudly that
# it was not done and the tests go on; DEPENDENCY_AUDIT=fail makes that case fail too.
DEPENDENCY_AUDIT="${DEPENDENCY_AUDIT:-warn}" DEPENDENCY_AUDIT_ATTEMPTS="${DEPENDENCY_AUDIT_ATTEMPTS:-1}" \
  bash "$ROOT/scripts/audit_dependencies.sh"

trap stop_services EXIT
# No autovacuum in the test cluster: tests insert thousands of rows and roll them back, and an
# automatic ANALYZE that finds a table empty then has the planner treat it as empty for the rest of
# the run, choosing nested loops that take minutes once a test fills the table in its transaction.
TEST_PG_OPTIONS="-c autovacuum=off" start_postgres
start_redis

export DATABASE_URL="postgres://postgres@127.0.0.1:$TEST_PG_PORT/line_of_sight"
export REDIS_URL="redis://127.0.0.1:$TEST_REDIS_PORT/0"
unset DJANGO_ENV

log "Checking migrations are complete"
"$PY" manage.py makemigrations --check --dry-run >/dev/null

log "Checking the production settings (manage.py check --deploy)"
DJANGO_ENV=production DJANGO_ALLOWED_HOSTS=lineofsight.example.org \
  DJANGO_SECRET_KEY="check-deploy-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
  "$PY" manage.py check --deploy --fail-level WARNING

log "Running the tests"
workers="${TEST_WORKERS:-$(nproc)}"
# The fault tests stop Redis and restart PostgreSQL, which would break tests running beside them:
# the rest run in parallel first, then the fault tests alone, one at a time. Both runs get the same
# pytest arguments ([pytest args] above); the run's status is a failure if either run fails.
# Exit status 5 means the arguments selected no test in that run (say, one test file), which is fine.
suite=0
"$PY" -m pytest -n "$workers" --dist loadfile -p no:cacheprovider -m "not faults" "$@" || suite=$?
log "Running the fault tests (Redis stopped, a worker killed mid-report, PostgreSQL restarted), one at a time"
faults=0
"$PY" -m pytest -p no:cacheprovider -p no:randomly -m faults "$@" || faults=$?
[ "$suite" -eq 5 ] && suite=0
[ "$faults" -eq 5 ] && faults=0
if [ "$suite" -ne 0 ] || [ "$faults" -ne 0 ]; then
  log "Tests failed (main suite exit status $suite, fault tests exit status $faults)"
  exit 1
fi
