# Start and stop a throwaway PostgreSQL and Redis on loopback for the test suite.
# Source it after lib.sh. A server already answering on the port is used as it is and left running.

TEST_PG_PORT="${TEST_PG_PORT:-55432}"
TEST_REDIS_PORT="${TEST_REDIS_PORT:-56379}"
# A fresh folder each run: no stale cluster or pid file from an earlier, interrupted run.
TEST_RUN_DIR="${TEST_RUN_DIR:-$(mktemp -d /tmp/line-of-sight-test-services.XXXXXX)}"
STARTED_PG=""
STARTED_REDIS=""

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin data="$TEST_RUN_DIR/pg"
  bin="$(pg_bin)"
  [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; return 1; }
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$TEST_PG_PORT"; then
    log "PostgreSQL already running on 127.0.0.1:$TEST_PG_PORT"
    return 0
  fi
  log "Starting PostgreSQL on 127.0.0.1:$TEST_PG_PORT"
  mkdir -p "$TEST_RUN_DIR"
  chmod 755 "$TEST_RUN_DIR"
  if [ ! -s "$data/PG_VERSION" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # fsync off: this cluster holds nothing but test data and is thrown away.
  as_postgres "$bin/pg_ctl" -D "$data" -w -l "$data/server.log" start \
    -o "-c listen_addresses=127.0.0.1 -p $TEST_PG_PORT -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${TEST_PG_OPTIONS:-}" >/dev/null
  STARTED_PG=1
  "$bin/psql" -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'line_of_sight'" | grep -q 1 \
    || "$bin/createdb" -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres line_of_sight
}

stop_postgres() {
  [ -n "$STARTED_PG" ] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$TEST_RUN_DIR/pg" -m fast -w stop >/dev/null || true
  rm -rf "$TEST_RUN_DIR/pg"
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" ping >/dev/null 2>&1; then
    log "Redis already running on 127.0.0.1:$TEST_REDIS_PORT"
    return 0
  fi
  log "Starting Redis on 127.0.0.1:$TEST_REDIS_PORT"
  mkdir -p "$TEST_RUN_DIR"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$TEST_REDIS_PORT" --save '' --appendonly no \
    --pidfile "$TEST_RUN_DIR/redis.pid" --logfile "$TEST_RUN_DIR/redis.log" --dir "$TEST_RUN_DIR"
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  STARTED_REDIS=1
}

stop_redis() {
  [ -n "$STARTED_REDIS" ] || return 0
  redis-cli -h 127.0.0.1 -p "$TEST_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -f "$TEST_RUN_DIR"/redis.*
}

stop_services() {
  stop_redis
  stop_postgres
  rmdir "$TEST_RUN_DIR" 2>/dev/null || true
}
