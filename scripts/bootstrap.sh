#!/usr/bin/env bash
# Installs what a fresh machine lacks: pnpm at the version package.json pins, the workspace's
# dependencies, and a Valkey-compatible server for the tests and the sandbox. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "bootstrap: Node.js >= 20 is required (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# corepack's pnpm fails its signature check on some machines, so install the pinned pnpm with npm.
wanted_pnpm=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$wanted_pnpm" ]; then
  echo "bootstrap: installing pnpm@$wanted_pnpm"
  npm install --global --no-fund --no-audit "pnpm@$wanted_pnpm" >/dev/null
fi

pnpm install --frozen-lockfile --reporter=append-only | tail -n 3

have_server() { command -v valkey-server >/dev/null 2>&1 || command -v redis-server >/dev/null 2>&1 || [ -n "${VALKEY_URL:-}" ]; }
if ! have_server; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing redis-server (Debian has no valkey-server package here)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    # The tests start their own servers on ephemeral ports; the distribution's service is not needed.
    (service redis-server stop >/dev/null 2>&1 || true)
  else
    echo "bootstrap: no valkey-server or redis-server on PATH. Install one (e.g. 'sudo apt-get install redis-server')" >&2
    echo "           or set VALKEY_URL to a server you run." >&2
    exit 1
  fi
fi
