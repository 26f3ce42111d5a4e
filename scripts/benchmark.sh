#!/usr/bin/env bash
# The speed benchmarks at full size: a demo council of 100,000 children (or --children N) in a
# PostgreSQL of its own, then `manage.py benchmark`, which measures each budgeted job in a fresh
# process (time and peak memory) and says whether it is within its budget.
#
# The seeded cluster is kept in $BENCH_DIR (default /tmp/line-of-sight-benchmark) and reused by
# later runs with the same size and seed; --reseed starts again (after changing the demo data).
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

log "Benchmarks ($children children)"
"$PY" manage.py benchmark "$@"
