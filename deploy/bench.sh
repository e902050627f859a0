#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Load run on this machine: a fresh durable PostgreSQL, one web node with a co-hosted silo (Release),
# anonymous-chat limits raised for the run, then bench/Bob.Load against loopback. Prints a markdown table.
# Usage: deploy/bench.sh [--duration 15] [--connections 32] [--sessions 500]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/pg.sh
source "$ROOT/deploy/lib/pg.sh"
# shellcheck source=lib/proc.sh
source "$ROOT/deploy/lib/proc.sh"

PG_DIR=$(mktemp -d)
chmod 755 "$PG_DIR"
PG_PORT=$(free_port)
HTTP_PORT=$(free_port)
app_pid=
# shellcheck disable=SC2317  # only called from the EXIT trap
cleanup() {
  [[ -n $app_pid ]] && stop_pid "$app_pid"
  pg_stop "$PG_DIR" || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

pg_ensure_installed
pg_start "$PG_DIR" "$PG_PORT" durable
pg_create_db "$PG_PORT" bob
dotnet build "$ROOT/src/Web/Web.csproj" -c Release -nologo -v q
dotnet build "$ROOT/bench/Bob.Load/Bob.Load.csproj" -c Release -nologo -v q

(cd "$ROOT/src/Web" && exec env \
  "ConnectionStrings__Bob=$(pg_conn "$PG_PORT" bob)" \
  Bob__Hosting__CoHostSilo=true \
  "ASPNETCORE_URLS=http://127.0.0.1:$HTTP_PORT" \
  "Bob__PublicUrl=http://127.0.0.1:$HTTP_PORT" \
  Bob__Admin__Email=admin@bob.local Bob__Admin__Password=bench-admin-password \
  Bob__RateLimits__ChatPerMinutePerIp=100000000 \
  Bob__RateLimits__AuthPerMinutePerIp=100000 \
  Bob__RateLimits__WidgetKeyPerMinute=100000000 \
  ASPNETCORE_ENVIRONMENT=Production \
  Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Microsoft.AspNetCore.HttpLogging=Warning \
  dotnet "$ROOT/src/Web/bin/Release/net10.0/Bob.Web.dll") &
app_pid=$!
wait_ready "http://127.0.0.1:$HTTP_PORT/health/ready" "$app_pid" 120

dotnet "$ROOT/bench/Bob.Load/bin/Release/net10.0/Bob.Load.dll" --url "http://127.0.0.1:$HTTP_PORT" "$@"
