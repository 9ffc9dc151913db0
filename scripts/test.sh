#!/usr/bin/env bash
# Runs the whole test suite and exits non-zero on any failure:
#   type check (yarn tsc), lint (yarn lint:all), formatting (prettier --check .),
#   the unit tests of every workspace (jest, CI=true, also on PostgreSQL when
#   one answers on 127.0.0.1:5432), then the browser tests in headless chromium
#   against a portal they start themselves.
# Every step runs even when an earlier one failed. The last line printed is
# `N passed, N failed`: tests counted from jest's and playwright's JSON
# reports, plus one failure for each failed tsc/lint/prettier step.
# Bootstraps Node 22, yarn, the dependencies and chromium first (scripts/env.sh).
#
# Environment: DP_TEST_STEPS (default "tsc lint prettier unit e2e") runs a
# subset; DP_TEST_OUTPUT_DIR (default .test-output/runs/<time>-<pid>) holds
# the reports; see README.md, "Testing", for the browser tests' variables.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh || exit 1

out="${DP_TEST_OUTPUT_DIR:-.test-output/runs/$(date +%Y%m%d-%H%M%S)-$$}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export DP_TEST_OUTPUT_DIR="$out"
mkdir -p .test-output && ln -sfn "$out" .test-output/latest 2>/dev/null || true
# Keep the last few runs' reports.
ls -1d .test-output/runs/*/ 2>/dev/null | head -n -5 | xargs -r rm -rf
steps_file="$out/steps.tsv"
: >"$steps_file"

# CPU seconds (user + system) used so far by this shell's finished children.
children_cpu() {
  times | tail -n 1 | awk '{
    t = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] }
    printf "%d", t
  }'
}

# Runs one step, recording its exit code, wall time and CPU time (a figure
# that does not depend on what else the machine is running) for the summary.
step() {
  local name="$1"
  shift
  local started=$SECONDS cpu_started
  cpu_started=$(children_cpu)
  echo
  echo "==> $name: $*"
  "$@"
  local rc=$?
  printf '%s\t%s\t%s\t%s\n' "$name" "$rc" "$((SECONDS - started))" \
    "$(($(children_cpu) - cpu_started))" >>"$steps_file"
  return $rc
}

summary() {
  node scripts/lib/test-summary.mjs "$out"
}

stop_stale_portal() {
  local pgid
  if [ -f "$out/portal.pgid" ]; then
    for pgid in $(cat "$out/portal.pgid"); do
      kill -KILL -- "-$pgid" 2>/dev/null || true
    done
    rm -f "$out/portal.pgid"
  fi
}
trap stop_stale_portal EXIT
trap 'stop_stale_portal; exit 130' INT TERM

wanted() { [[ " ${DP_TEST_STEPS:-tsc lint prettier unit e2e} " == *" $1 "* ]]; }

if ! step bootstrap dp_install; then
  summary
  exit 1
fi

wanted tsc && step tsc yarn tsc
wanted lint && step lint yarn lint:all
wanted prettier && step prettier yarn prettier --check .

if wanted unit; then
  # Store tests use TestDatabases: SQLite always, PostgreSQL 15 when a server
  # answers (CI has one on 127.0.0.1:5432, trust auth). Never Docker.
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  pg_url="${DP_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
  if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    if node scripts/lib/postgres-answers.mjs "$pg_url"; then
      export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg_url"
      echo "[test] database tests run on SQLite and on PostgreSQL at $pg_url"
    else
      echo "[test] no PostgreSQL at $pg_url: database tests run on SQLite only"
    fi
  fi
fi

# The browser tests and the unit tests run one after the other. With
# DP_TEST_OVERLAP=1 the browser tests run beside the unit tests (they mostly
# wait on a browser and a portal) and their output is printed once both are
# done: on two cores that took 13-14 minutes instead of about 16, but a few
# browser checks then passed only on their retry.
e2e_pid=''
if wanted e2e; then
  if step chromium dp_ensure_chromium; then
    if wanted unit && [ -n "${DP_TEST_OVERLAP:-}" ]; then
      echo "[test] browser tests run beside the unit tests; their output follows them"
      step e2e env CI=true yarn playwright test >"$out/e2e.log" 2>&1 &
      e2e_pid=$!
    else
      step e2e env CI=true yarn playwright test
    fi
  fi
fi

if wanted unit; then
  step unit env CI=true yarn test --json --outputFile="$out/jest.json"
fi

if [ -n "$e2e_pid" ]; then
  wait "$e2e_pid"
  echo
  cat "$out/e2e.log"
fi

summary
