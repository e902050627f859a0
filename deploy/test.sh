#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs every test against a throwaway PostgreSQL cluster. Extra args go to `dotnet test`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/pg.sh
source "$ROOT/deploy/lib/pg.sh"
# shellcheck source=lib/chromium.sh
source "$ROOT/deploy/lib/chromium.sh"
# shellcheck source=lib/runtime.sh
source "$ROOT/deploy/lib/runtime.sh"

start=$SECONDS
pg_ensure_installed
# The browser tests (tests/Bob.Browser.Tests) drive Debian's chromium; the widget build needs Node.js and npm.
chromium_ensure_installed
# Spectral (pinned in tools/openapi-lint) lints the served OpenAPI document in the HTTP tests.
lint_tools=$ROOT/tools/openapi-lint
if [[ ! -x $lint_tools/node_modules/.bin/spectral ]] || ! cmp -s "$lint_tools/package-lock.json" "$lint_tools/node_modules/.installed-lock.json"; then
  npm ci --prefix "$lint_tools" --no-audit --no-fund --loglevel=error
  cp "$lint_tools/package-lock.json" "$lint_tools/node_modules/.installed-lock.json"
fi

PG_DIR=$(mktemp -d)
# shellcheck disable=SC2317  # only called from the EXIT trap
cleanup() {
  pg_stop "$PG_DIR" || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PG_PORT=$(free_port)
pg_start "$PG_DIR" "$PG_PORT" throwaway
# Tests create their own databases through this connection.
BOB_TEST_PG=$(pg_conn "$PG_PORT" postgres)
export BOB_TEST_PG
echo "test PostgreSQL: $BOB_TEST_PG"

rc=0
# The layout .editorconfig states is checked, not hoped for: a file that breaks it fails the run (the tests still run).
if ! dotnet format whitespace "$ROOT" --folder --verify-no-changes; then
  echo "layout: run 'dotnet format whitespace --folder' and commit the result" >&2
  rc=1
fi
log=$PG_DIR/dotnet-test.log
dotnet test "$ROOT/Bob.sln" -c Release --nologo "$@" 2>&1 | tee "$log" || rc=$?
echo "tests finished with exit code $rc in $((SECONDS - start)) s"
# One plain closing line over every test assembly, e.g. "306 passed, 0 failed".
awk -F'[:,]' '/(Passed|Failed)! +-/ { for (i = 1; i < NF; i++) { if ($i ~ /Failed$/) f += $(i + 1); if ($i ~ /Passed$/) p += $(i + 1); if ($i ~ /Skipped$/) s += $(i + 1) } }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$rc"
