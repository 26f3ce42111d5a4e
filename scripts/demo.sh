#!/usr/bin/env bash
# Run Line of Sight on the embedded default (SQLite, report jobs in-process, no servers) with a
# seeded demo council, at http://127.0.0.1:8000. Usage: bash scripts/demo.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

unset DATABASE_URL REDIS_URL DJANGO_ENV
ensure_debian_packages libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
ensure_python requirements.txt
ensure_assets

log "Preparing the database"
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py seed_demo --children "${DEMO_CHILDREN:-600}" --seed "${DEMO_SEED:-2026}"

log "Line of Sight is running at http://127.0.0.1:8000 (Ctrl+C to stop)"
exec "$PY" manage.py runserver 127.0.0.1:8000
