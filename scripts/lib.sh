# Shared set-up steps for scripts/demo.sh and scripts/test.sh. Source it; do not run it.
# Every step checks first and installs only what is missing, so a second run is quick.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

log() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_debian_packages PKG...: apt-get install those not yet installed, without starting services.
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  # Stop package scripts from starting PostgreSQL or Redis as system services: we start our own.
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && created_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  [ -n "$created_policy" ] && as_root rm -f "$policy"
  return 0
}

# Python 3.11 virtual environment with the pinned requirements (and their pinned dependencies).
ensure_python() {
  local requirements="$1"
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    ensure_debian_packages python3-venv
  fi
  if [ ! -x "$PY" ]; then
    log "Creating the virtual environment in .venv"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$(cat "$ROOT/$requirements" "$ROOT/requirements.txt" "$ROOT/constraints.txt" | sha1sum | cut -c1-12)"
  if [ ! -e "$stamp" ]; then
    log "Installing Python packages from $requirements"
    "$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/$requirements" -c "$ROOT/constraints.txt"
    rm -f "$VENV"/.installed-* && touch "$stamp"
  fi
}

# GOV.UK Frontend, MOJ Frontend and axe-core from npm, and the compiled stylesheet.
ensure_assets() {
  command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
  log "Building front-end assets"
  bash "$ROOT/scripts/build_assets.sh"
}
