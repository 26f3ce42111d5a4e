#!/usr/bin/env bash
# Installs the pinned front-end packages from npm and compiles static/build/app.css.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/govuk-frontend ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p static/build
npx --no-install sass --load-path=node_modules --load-path=. --no-source-map --quiet-deps \
  --silence-deprecation=import --silence-deprecation=global-builtin \
  --style=compressed static/scss/app.scss static/build/app.css
