#!/usr/bin/env bash
# The load test: 50 people of every role using Line of Sight at once for 2 minutes, against the
# production stack on loopback (gunicorn, PostgreSQL, Redis and a Celery worker producing the
# reports they ask for). Prints requests, failures, throughput, median and 95th percentile overall
# and per page, and the report jobs completed; fails on any failed request or report.
#
# By default it seeds a demo council of --children N (5,000) into a PostgreSQL of its own on port
# 55434 (data kept in $LOAD_DIR, default /tmp/line-of-sight-load, and reused while the size and
# seed are the same), with Redis on 56380: apart from the test suite's (55432/56379) and the
# benchmark's (55433). --database-url points it at a database already migrated and seeded instead
# (such as the benchmark's 100,000 children; start that PostgreSQL first, e.g. through
# /tmp/bench_shell.sh).
#
# The app runs with the production settings (DJANGO_ENV=production: DEBUG off, hashed static files
# served by WhiteNoise, secure cookies, HTTPS enforced), so gunicorn itself speaks HTTPS on loopback
# with a certificate for 127.0.0.1 made for the run (the load client trusts that one certificate):
# TLS is paid for here as it would be at the council's proxy.
#
# Usage: bash scripts/load.sh [--users 50] [--minutes 2] [--spawn-rate 10] [--children 5000]
#          [--seed 2026] [--reseed] [--database-url URL] [--threads 4] [--out test-artifacts/load]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

users=50
minutes=2
spawn_rate=10
children=5000
seed=2026
reseed=""
database_url=""
threads=4
out="test-artifacts/load"
while [ $# -gt 0 ]; do
  case "$1" in
    --users) users="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --spawn-rate) spawn_rate="$2"; shift 2 ;;
    --children) children="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --reseed) reseed=1; shift ;;
    --database-url) database_url="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

export TEST_RUN_DIR="${LOAD_DIR:-/tmp/line-of-sight-load}"
export TEST_PG_PORT="${LOAD_PG_PORT:-55434}"
export TEST_REDIS_PORT="${LOAD_REDIS_PORT:-56380}"
source "$(dirname "$0")/services.sh"

ensure_debian_packages postgresql redis-server libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
ensure_python requirements-dev.txt
# collectstatic needs the compiled stylesheet and the GOV.UK assets; build them only if missing.
if [ ! -s static/build/app.css ] || [ ! -d node_modules/govuk-frontend ]; then ensure_assets; fi

mkdir -p "$TEST_RUN_DIR" "$out"
out="$(cd "$out" && pwd)"
run="$TEST_RUN_DIR/run"
rm -rf "$run" && mkdir -p "$run"
GUNICORN_PID=""
CELERY_PID=""
CHILD_PID=""

# Run a long step in the background and wait for it, so a signal stops the run at once.
stoppable() {
  "$@" &
  CHILD_PID=$!
  local status=0
  wait "$CHILD_PID" || status=$?
  CHILD_PID=""
  return "$status"
}

stop_everything() {
  local status=$?
  if [ -n "$CHILD_PID" ]; then kill -TERM "$CHILD_PID" 2>/dev/null || true; wait "$CHILD_PID" 2>/dev/null || true; fi
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  if [ -n "$CELERY_PID" ] && kill -0 "$CELERY_PID" 2>/dev/null; then
    kill -TERM "$CELERY_PID" 2>/dev/null || true
    wait "$CELERY_PID" 2>/dev/null || true
  fi
  stop_redis
  # Stop our PostgreSQL but keep the seeded council for the next run.
  [ -n "$STARTED_PG" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$TEST_RUN_DIR/pg" -m fast -w stop >/dev/null || true
  exit "$status"
}
trap stop_everything EXIT
trap 'exit 130' INT TERM

# The database: our own seeded council, or the one given.
unset DJANGO_ENV DJANGO_SETTINGS_MODULE
if [ -z "$database_url" ]; then
  start_postgres
  export DATABASE_URL="postgres://postgres@127.0.0.1:$TEST_PG_PORT/line_of_sight"
  "$PY" manage.py migrate --no-input --verbosity 0
  marker="$TEST_RUN_DIR/seeded-$children-$seed"
  if [ -n "$reseed" ] || [ ! -f "$marker" ]; then
    rm -f "$TEST_RUN_DIR"/seeded-*
    log "Seeding a demo council of $children children (seed $seed)"
    /usr/bin/time -f "Seeded in %e s" \
      "$PY" manage.py seed_demo --children "$children" --seed "$seed" --replace --verbosity 0 >/dev/null
    "$PY" manage.py shell --verbosity 0 -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
    touch "$marker"
  fi
  # This morning's overnight jobs (Celery beat runs them before the working day): the dashboards'
  # figures, and what is due for each child where the service keeps that summary.
  log "Running the overnight jobs as at today"
  "$PY" manage.py refresh_figures --verbosity 0 >/dev/null
  if "$PY" manage.py help refresh_case_summaries >/dev/null 2>&1; then
    "$PY" manage.py refresh_case_summaries --verbosity 0 >/dev/null
  fi
else
  export DATABASE_URL="$database_url"
  if ! "$PY" manage.py migrate --check >/dev/null 2>&1; then
    echo "The database at --database-url is not reachable or not fully migrated: run its own set-up first." >&2
    exit 1
  fi
fi
children_now="$("$PY" manage.py shell --verbosity 0 -c "from cases.models import Child; print(Child.objects.count())" 2>/dev/null | tail -n 1)"

start_redis
export REDIS_URL="redis://127.0.0.1:$TEST_REDIS_PORT/0"

# Production settings for gunicorn and the worker. The secret key is thrown away with the run.
export DJANGO_ENV=production
export DJANGO_SECRET_KEY="load-test-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export STATIC_ROOT="$TEST_RUN_DIR/static"
export MEDIA_ROOT="$run/media"
export LOG_LEVEL=WARNING
"$PY" manage.py collectstatic --no-input --verbosity 0

port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cpus="$(nproc)"
workers=$((2 * cpus + 1))
host="https://127.0.0.1:$port"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$run/tls.key" -out "$run/tls.crt" 2>/dev/null
export LOAD_CA_BUNDLE="$run/tls.crt"

log "Starting a Celery worker (report jobs)"
# Report jobs run at a lower CPU priority than the pages: people waiting on a page come first.
nice -n 10 "$VENV/bin/celery" -A inspection worker --concurrency "$(( cpus > 1 ? cpus / 2 : 1 ))" --loglevel WARNING \
  --without-gossip --without-mingle --logfile "$run/celery.log" >>"$run/celery.log" 2>&1 &
CELERY_PID=$!

log "Starting gunicorn on $host ($workers workers x $threads threads)"
"$VENV/bin/gunicorn" inspection.wsgi:application --bind "127.0.0.1:$port" --workers "$workers" --preload \
  --worker-class gthread --threads "$threads" --keep-alive 5 --timeout 60 \
  --certfile "$run/tls.crt" --keyfile "$run/tls.key" --control-socket "$run/gunicorn.ctl" \
  --access-logfile "$run/gunicorn-access.log" \
  --access-logformat '%(h)s "%(r)s" %(s)s %(b)s %(M)sms' \
  --error-logfile "$run/gunicorn.log" --capture-output &
GUNICORN_PID=$!
answering=""
for _ in $(seq 1 150); do
  curl -sf -o /dev/null --cacert "$run/tls.crt" "$host/account/sign-in/" && { answering=1; break; }
  kill -0 "$GUNICORN_PID" 2>/dev/null || break
  sleep 0.2
done
[ -n "$answering" ] || { echo "gunicorn did not answer at $host:" >&2; tail -n 40 "$run/gunicorn.log" >&2; exit 1; }

started_at="$("$PY" -c 'from datetime import datetime, timezone; print(datetime.now(timezone.utc).isoformat())')"
log "Load: $users people for $minutes minute(s) against $children_now children"
rm -f "$out"/locust_*.csv "$out/requests.csv"
locust_status=0
LOAD_SAMPLES="$out/requests.csv" stoppable "$VENV/bin/locust" -f loadtest/locustfile.py --headless --host "$host" \
  --users "$users" --spawn-rate "$spawn_rate" --run-time "${minutes}m" --stop-timeout 10 \
  --csv "$out/locust" --only-summary --loglevel WARNING --logfile "$run/locust.log" \
  >"$run/locust-summary.txt" 2>&1 || locust_status=$?

# Every report asked for during the run must be produced: wait for the worker to finish them.
log "Waiting for the report jobs asked for during the run"
jobs_json="$run/report-jobs.json"
stoppable "$PY" loadtest/report_jobs.py --since "$started_at" --wait "${LOAD_REPORT_WAIT:-600}" >"$jobs_json"

summary_status=0
"$PY" loadtest/summary.py --csv "$out/locust" --samples "$out/requests.csv" --jobs "$jobs_json" --json "$out/summary.json" \
  --users "$users" --minutes "$minutes" --children "$children_now" --workers "$workers" --threads "$threads" \
  --cpus "$cpus" --locust-exit "$locust_status" --gunicorn-log "$run/gunicorn.log" || summary_status=$?
cp "$run"/*.log "$run/locust-summary.txt" "$out/" 2>/dev/null || true
exit "$summary_status"
