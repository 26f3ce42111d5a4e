#!/usr/bin/env bash
# The speed benchmarks at full size: a demo council of 100,000 children (or --children N) in a
# PostgreSQL of its own, and beside it a council of 1,000 children from the same seed (database
# line_of_sight_small), then `manage.py benchmark`: every main page against the reference page
# (with its query count, which must be the same in the small council), every job's time and peak
# memory, Annex A against openpyxl alone and each PDF against WeasyPrint alone. It prints a table,
# writes the JSON if asked (`-- --json benchmark.json`) and fails if any budget is not met.
#
# The seeded cluster is kept in $BENCH_DIR (default /tmp/line-of-sight-benchmark) and reused by
# later runs with the same size and seed (a marker file for each database); --reseed starts both
# again (after changing the demo data). The pages run with DEBUG off, as in production.
# Usage: bash scripts/benchmark.sh [--children N] [--seed S] [--reseed] [-- benchmark args]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

children=100000
seed=2026
reseed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --children) children="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --reseed) reseed=1; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done

export TEST_RUN_DIR="${BENCH_DIR:-/tmp/line-of-sight-benchmark}"
export TEST_PG_PORT="${BENCH_PG_PORT:-55433}"
source "$(dirname "$0")/services.sh"

ensure_debian_packages postgresql time libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
ensure_python requirements-dev.txt

stop_benchmark_postgres() {
  # Stop the server but keep its data for the next run.
  [ -n "$STARTED_PG" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$TEST_RUN_DIR/pg" -m fast -w stop >/dev/null || true
}
trap stop_benchmark_postgres EXIT
start_postgres

export DATABASE_URL="postgres://postgres@127.0.0.1:$TEST_PG_PORT/line_of_sight"
unset DJANGO_ENV REDIS_URL
marker="$TEST_RUN_DIR/seeded-$children-$seed"
"$PY" manage.py migrate --verbosity 0
if [ -n "$reseed" ] || [ ! -f "$marker" ]; then
  rm -f "$TEST_RUN_DIR"/seeded-*
  log "Seeding a demo council of $children children (seed $seed); this takes a few minutes at full size"
  /usr/bin/time -f "Seeded in %e s, peak memory %M KB" \
    "$PY" manage.py seed_demo --children "$children" --seed "$seed" --replace --verbosity 0
  "$PY" manage.py shell -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
  touch "$marker"
fi

# The small council: each page must run the same number of queries there as at full size.
small_children=1000
small_url="postgres://postgres@127.0.0.1:$TEST_PG_PORT/line_of_sight_small"
"$(pg_bin)/psql" -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'line_of_sight_small'" | grep -q 1 \
  || "$(pg_bin)/createdb" -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres line_of_sight_small
DATABASE_URL="$small_url" "$PY" manage.py migrate --verbosity 0
small_marker="$TEST_RUN_DIR/small-seeded-$small_children-$seed"
if [ -n "$reseed" ] || [ ! -f "$small_marker" ]; then
  rm -f "$TEST_RUN_DIR"/small-seeded-*
  log "Seeding a small council of $small_children children (seed $seed) for the query counts"
  DATABASE_URL="$small_url" "$PY" manage.py seed_demo --children "$small_children" --seed "$seed" --replace --verbosity 0
  DATABASE_URL="$small_url" "$PY" manage.py shell -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
  touch "$small_marker"
fi

# Councils seeded before a kept summary was added to the service have none yet: work them out
# (as the nightly job would) so the pages read what they read in service.
for url in "$DATABASE_URL" "$small_url"; do
  DATABASE_URL="$url" "$PY" manage.py refresh_case_summaries --if-never-worked-out --verbosity 0
done

log "Benchmarks ($children children; query counts also at $small_children)"
DJANGO_DEBUG=0 BENCH_SMALL_DATABASE_URL="$small_url" "$PY" manage.py benchmark "$@"
