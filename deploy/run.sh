#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Starts the whole Bob system (PostgreSQL + web node with co-hosted silo) on this machine.
# Data lives in .data/pg and survives restarts. Ctrl-C stops everything this script started.
# --demo also sets up a sample shop (Fernwood Outfitters: persona, a dozen articles, a widget key) through Bob's own
# API and serves its page, with the widget embedded, on a second loopback origin (BOB_DEMO_PORT, 5090).
#
# Environment: BOB_PG_PORT (55432), BOB_HTTP_HOST (127.0.0.1), BOB_HTTP_PORT (5080),
#              BOB_MANAGEMENT_PORT (BOB_HTTP_PORT+1: /metrics, /dashboard, probes; loopback only),
#              BOB_PUBLIC_URL (http://HOST:PORT/, what browsers use: embed codes and invitation links are built from it),
#              BOB_SILO_PORT (11111), BOB_GATEWAY_PORT (30000) for the co-hosted silo,
#              BOB_ADMIN_EMAIL (admin@bob.local), BOB_ADMIN_PASSWORD (optional).
#              With --demo: BOB_DEMO_PORT (5090), BOB_DEMO_PASSWORD (the demo owner's, fernwood-demo).
#              OTEL_EXPORTER_OTLP_ENDPOINT, when set, sends traces, metrics and logs to that collector.
set -euo pipefail

DEMO=0
for arg in "$@"; do
  case $arg in
    --demo) DEMO=1 ;;
    *) echo "usage: deploy/run.sh [--demo]" >&2 && exit 64 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/pg.sh
source "$ROOT/deploy/lib/pg.sh"
# shellcheck source=lib/proc.sh
source "$ROOT/deploy/lib/proc.sh"
# shellcheck source=lib/runtime.sh
source "$ROOT/deploy/lib/runtime.sh"

PG_DIR=$ROOT/.data/pg
PG_PORT=${BOB_PG_PORT:-55432}
HTTP_HOST=${BOB_HTTP_HOST:-127.0.0.1}
HTTP_PORT=${BOB_HTTP_PORT:-5080}
MANAGEMENT_PORT=${BOB_MANAGEMENT_PORT:-$((HTTP_PORT + 1))}
SILO_PORT=${BOB_SILO_PORT:-11111}
GATEWAY_PORT=${BOB_GATEWAY_PORT:-30000}
ADMIN_EMAIL=${BOB_ADMIN_EMAIL:-admin@bob.local}
DEMO_URL=http://127.0.0.1:${BOB_DEMO_PORT:-5090}
DEMO_EMAIL=owner@fernwood.example
DEMO_PASSWORD=${BOB_DEMO_PASSWORD:-fernwood-demo}
# A wildcard bind address is not something to put in a browser or curl.
case $HTTP_HOST in 0.0.0.0 | '*' | '+' | '[::]') PUBLIC_HOST=127.0.0.1 ;; *) PUBLIC_HOST=$HTTP_HOST ;; esac
URL=http://$PUBLIC_HOST:$HTTP_PORT/
PUBLIC_URL=${BOB_PUBLIC_URL:-$URL}

t0=$(now_ms)
app_pid=
# shellcheck disable=SC2317  # only called from the EXIT trap
cleanup() {
  [[ -n $app_pid ]] && stop_pid "$app_pid"
  if ((PG_STARTED)); then pg_stop "$PG_DIR" || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sdks=$(dotnet --list-sdks 2>/dev/null || true)
grep -Eq '^(1[0-9]|[2-9][0-9])\.' <<<"$sdks" || {
  echo "error: the .NET 10 SDK (or newer) is required: https://dot.net/download ('dotnet --list-sdks' shows ${sdks:-nothing})" >&2
  exit 1
}
pg_ensure_installed
mkdir -p "$ROOT/.data"
pg_start "$PG_DIR" "$PG_PORT" durable
pg_create_db "$PG_PORT" bob

echo "building Bob.Web (Release) ..."
dotnet build "$ROOT/src/Web/Web.csproj" -c Release -nologo -v q

app_env=(
  "ConnectionStrings__Bob=$(pg_conn "$PG_PORT" bob)"
  Bob__Hosting__CoHostSilo=true
  "Bob__Silo__SiloPort=$SILO_PORT"
  "Bob__Silo__GatewayPort=$GATEWAY_PORT"
  "ASPNETCORE_URLS=http://$HTTP_HOST:$HTTP_PORT"
  "Bob__PublicUrl=$PUBLIC_URL"
  "Bob__Management__Port=$MANAGEMENT_PORT"
  "Bob__Admin__Email=$ADMIN_EMAIL"
  ASPNETCORE_ENVIRONMENT=Production
  # Seals webhook signing secrets; kept beside the data it sealed.
  "Bob__Webhooks__SecretKeys__0=$(webhook_key "$ROOT/.data/webhook-secret-key")"
)
[[ -n ${BOB_ADMIN_PASSWORD:-} ]] && app_env+=("Bob__Admin__Password=$BOB_ADMIN_PASSWORD")
((DEMO)) && app_env+=("Bob__Demo__ShopUrl=$DEMO_URL" "Bob__Demo__OwnerEmail=$DEMO_EMAIL" "Bob__Demo__OwnerPassword=$DEMO_PASSWORD")

t_app=$(now_ms)
# Project dir as working directory = content root, so appsettings.json and wwwroot are found (like `dotnet run`).
(cd "$ROOT/src/Web" && exec env "${app_env[@]}" dotnet "$ROOT/src/Web/bin/Release/net10.0/Bob.Web.dll") &
app_pid=$!

rc=0
wait_ready "${URL}health/ready" "$app_pid" 120 || rc=$?
if ((rc == 2)); then
  rc=0
  wait "$app_pid" || rc=$?
  app_pid=
  echo "error: Bob.Web exited with code $rc before becoming ready" >&2
  exit $((rc == 0 ? 1 : rc))
elif ((rc != 0)); then
  echo "error: ${URL}health/ready did not answer 200 within 120 s" >&2
  exit 1
fi

demo_lines=
if ((DEMO)); then
  # The node sets the demo up through its own API once it serves, then opens the shop page.
  rc=0
  wait_ready "$DEMO_URL/" "$app_pid" 120 || rc=$?
  if ((rc != 0)); then
    echo "error: the demo shop $DEMO_URL/ did not open within 120 s (see the log above)" >&2
    exit 1
  fi
  demo_lines="
 demo shop:      $DEMO_URL/  (the widget on another origin: ask it!)
 demo owner:     $DEMO_EMAIL / $DEMO_PASSWORD  (log in at ${URL}login)"
fi

cat <<EOF

================================================================
 Bob is running: $URL
 operators:      http://127.0.0.1:$MANAGEMENT_PORT/dashboard/  (cluster)
                 http://127.0.0.1:$MANAGEMENT_PORT/metrics     (Prometheus)
 admin email:    $ADMIN_EMAIL
 password:       the BOB_ADMIN_PASSWORD you set, or the one-time
                 password printed above on first start$demo_lines
 start-up took $(elapsed_s "$t0") s (app alone $(elapsed_s "$t_app") s). Ctrl-C stops it.
================================================================

EOF

rc=0
wait "$app_pid" || rc=$?
app_pid=
echo "Bob.Web exited with code $rc" >&2
exit "$rc"
