#!/usr/bin/env bash
# Starts the portal for development: frontend http://localhost:3000 (dev
# server), backend http://localhost:7007, SQLite in memory, the example
# catalog, guest sign-in. Bootstraps Node 22, yarn and the dependencies first
# (see scripts/env.sh). Stop with Ctrl-C. Extra arguments go to `yarn start`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dp_install

# No browser to open on a headless machine.
if [ -z "${DISPLAY:-}" ]; then
  export BROWSER="${BROWSER:-none}"
fi

echo "[start] frontend ${APP_CONFIG_app_baseUrl:-http://localhost:3000}," \
  "backend ${APP_CONFIG_backend_baseUrl:-http://localhost:7007}; sign in as guest" >&2
exec yarn start "$@"
