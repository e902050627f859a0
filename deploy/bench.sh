#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Load run on this machine: a fresh durable PostgreSQL, one web node with a co-hosted silo (Release),
# anonymous-chat limits raised for the run, then bench/Bob.Load against loopback. Prints a markdown table.
# Usage: deploy/bench.sh [--telemetry off|metrics|full] [--duration 10] [--connections 50] [--sessions 4000] [--tenants 8]
#                        [--webhooks none|ok|hang] [--app-root DIR] [--memory N] [--topology single|cluster]
#   --topology cluster: 2 web nodes and 2 silos on this host (deploy/cluster.sh, durable PostgreSQL), the load tool's
#     connections dealt over both web nodes, the same phases and bare-POST yardstick; then each silo's count of turns
#     (bob.conversation.turns on its /metrics). Ports: BOB_HTTP_PORT (default 5080) and the next 9: web nodes +0 and +1,
#     their management ports +2 and +3, silo management +4 and +5, silo-to-silo +6 and +7, gateways +8 and +9;
#     PostgreSQL on BOB_PG_PORT. --tenants 1 is the hot-tenant run: all chat load on one tenant's widget key.
#   --node-env NAME=VALUE (repeatable): one more environment variable for the node(s) only, e.g. a GC setting
#     (--node-env DOTNET_GCConserveMemory=5) to compare its effect on memory without rebuilding.
#   --app-root DIR: build and run the node from another checkout (e.g. a worktree of main, for before/after runs); the
#     load tool is always this checkout's, so both runs are measured the same way.
#   --memory N: instead of the throughput run, open N conversations (one turn each) and print the node's RSS before,
#     right after, BOB_BENCH_SETTLE_S seconds later (default 65: the silo's idle compaction has run, the conversations
#     are still active) and after BOB_BENCH_IDLE_S seconds of idleness (default 200; conversations are told to deactivate
#     after 90 s idle and the silo checks for idleness every 30 s; a node that has no such settings ignores them).
#   --telemetry metrics (default): what a node runs without a collector: meters, /metrics, the cluster dashboard.
#   --telemetry full: metrics plus every span and log exported over OTLP to a stand-in collector on loopback.
#   --telemetry off: no OpenTelemetry and no dashboard, to measure what they cost.
#   --webhooks ok|hang: every tenant registers a webhook receiver the load tool runs on loopback (answering at once, or
#     never), for message and conversation events; the node allows loopback webhooks for the run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/pg.sh
source "$ROOT/deploy/lib/pg.sh"
# shellcheck source=lib/proc.sh
source "$ROOT/deploy/lib/proc.sh"
# shellcheck source=lib/runtime.sh
source "$ROOT/deploy/lib/runtime.sh"

TELEMETRY=metrics
APP_ROOT=$ROOT
MEMORY=
TOPOLOGY=single
load_args=()
app_extra_env=()
while (($#)); do
  case $1 in
    --telemetry) TELEMETRY=${2:-}; shift 2 ;;
    --app-root) APP_ROOT=$(cd "${2:?}" && pwd); shift 2 ;;
    --memory) MEMORY=${2:?}; shift 2 ;;
    --topology) TOPOLOGY=${2:-}; shift 2 ;;
    --node-env) [[ ${2:-} == *=* ]] || { echo "--node-env takes NAME=VALUE" >&2; exit 2; }; app_extra_env+=("$2"); shift 2 ;;
    --webhooks) load_args+=("$1" "${2:-}"); [[ ${2:-} != none ]] && app_extra_env+=(Bob__Webhooks__AllowPrivateNetworks=true); shift 2 ;;
    *) load_args+=("$1"); shift ;;
  esac
done
case $TELEMETRY in
  off) telemetry_env=(Bob__Telemetry__Enabled=false Bob__Dashboard__Enabled=false) ;;
  metrics) telemetry_env=() ;;
  full) telemetry_env=() ;;
  *) echo "usage: --telemetry off|metrics|full" >&2; exit 2 ;;
esac
case $TOPOLOGY in
  single) ;;
  cluster) [[ -z $MEMORY ]] || { echo "--memory runs on a single node; drop --topology cluster" >&2; exit 2; } ;;
  *) echo "usage: --topology single|cluster" >&2; exit 2 ;;
esac

if [[ $TOPOLOGY == cluster ]]; then
  [[ $TELEMETRY == full ]] && { echo "--telemetry full is for the single node; the cluster run uses metrics or off" >&2; exit 2; }
  BASE=${BOB_HTTP_PORT:-5080}
  DATA=$(mktemp -d)
  chmod 755 "$DATA"
  cluster_pid=
  # shellcheck disable=SC2317  # only called from the EXIT trap
  cleanup_cluster() {
    [[ -n $cluster_pid ]] && stop_pid "$cluster_pid" 90
    rm -rf "$DATA"
  }
  trap cleanup_cluster EXIT
  dotnet build "$ROOT/bench/Bob.Load/Bob.Load.csproj" -c Release -nologo -v q
  echo "telemetry: $TELEMETRY"
  echo "nodes: $APP_ROOT ($(git -C "$APP_ROOT" rev-parse --short HEAD)), 2 silos + 2 web nodes, ports $BASE-$((BASE + 9)), PostgreSQL ${BOB_PG_PORT:-55432}"
  # Every node inherits these (cluster.sh passes its environment on).
  node_env=(${telemetry_env[@]+"${telemetry_env[@]}"} ${app_extra_env[@]+"${app_extra_env[@]}"}
    Bob__RateLimits__ChatPerMinutePerIp=100000000 Bob__RateLimits__AuthPerMinutePerIp=100000 Bob__RateLimits__WidgetKeyPerMinute=100000000 Bob__RateLimits__WidgetKeyPerMinutePerIp=100000000 Bob__RateLimits__HandoffPerHourPerIp=100000000
    Bob__Admin__Email=admin@bob.local Bob__Admin__Password=bench-admin-password
    Logging__LogLevel__Default=Warning Logging__LogLevel__Bob.Web.Access=Warning
    "BOB_DATA_DIR=$DATA" "BOB_HTTP_PORT=$BASE" "BOB_MANAGEMENT_PORT=$((BASE + 2))" "BOB_SILO_MANAGEMENT_PORT=$((BASE + 4))"
    "BOB_SILO_PORT=$((BASE + 6))" "BOB_GATEWAY_PORT=$((BASE + 8))")
  env "${node_env[@]}" "$APP_ROOT/deploy/cluster.sh" 2 2 >"$DATA/cluster.out" 2>&1 &
  cluster_pid=$!
  for web in 0 1; do
    rc=0
    wait_ready "http://127.0.0.1:$((BASE + web))/health/ready" "$cluster_pid" 600 || rc=$?
    ((rc == 0)) || { echo "error: the cluster did not come up (rc $rc):" >&2; tail -n 40 "$DATA/cluster.out" >&2; exit 1; }
  done
  silo_turns() { curl -s --max-time 5 "http://127.0.0.1:$((BASE + 4 + $1))/metrics" | awk '/^bob_conversation_turns/ { sub(/\{[^}]*\}/, ""); n += $2 } END { printf "%d", n }'; }
  before=("$(silo_turns 0)" "$(silo_turns 1)")
  rc=0
  dotnet "$ROOT/bench/Bob.Load/bin/Release/net10.0/Bob.Load.dll" --url "http://127.0.0.1:$BASE,http://127.0.0.1:$((BASE + 1))" \
    ${load_args[@]+"${load_args[@]}"} || rc=$?
  turns=($(($(silo_turns 0) - before[0])) $(($(silo_turns 1) - before[1])))
  total=$((turns[0] + turns[1]))
  echo
  echo "| silo | turns taken during the run | share |"
  echo "| --- | --- | --- |"
  for silo in 0 1; do
    awk -v s="$silo" -v n="${turns[silo]}" -v t="$total" 'BEGIN { printf "| silo-%d | %d | %.1f %% |\n", s, n, t ? 100 * n / t : 0 }'
  done
  exit "$rc"
fi

PG_DIR=$(mktemp -d)
chmod 755 "$PG_DIR"
PG_PORT=${BOB_PG_PORT:-$(free_port)}
HTTP_PORT=${BOB_HTTP_PORT:-$(free_port)}
app_pid=
sink_pid=
# shellcheck disable=SC2317  # only called from the EXIT trap
cleanup() {
  [[ -n $app_pid ]] && stop_pid "$app_pid"
  [[ -n $sink_pid ]] && stop_pid "$sink_pid"
  pg_stop "$PG_DIR" || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

pg_ensure_installed
pg_start "$PG_DIR" "$PG_PORT" durable
pg_create_db "$PG_PORT" bob
# The simplest durable chat endpoint (the load tool hosts it) writes to its own database on the same server.
pg_create_db "$PG_PORT" durable
dotnet build "$APP_ROOT/src/Web/Web.csproj" -c Release -nologo -v q
dotnet build "$ROOT/bench/Bob.Load/Bob.Load.csproj" -c Release -nologo -v q

if [[ $TELEMETRY == full ]]; then
  SINK_PORT=$(free_port)
  python3 "$ROOT/deploy/lib/otlp_sink.py" "$SINK_PORT" &
  sink_pid=$!
  telemetry_env=("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$SINK_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)
fi
echo "telemetry: $TELEMETRY"

memory_env=()
[[ -n $MEMORY ]] && memory_env=(Bob__Conversations__IdleAfter=00:01:30 Bob__Memory__CheckEvery=00:00:30)
echo "node: $APP_ROOT ($(git -C "$APP_ROOT" rev-parse --short HEAD))"
(cd "$APP_ROOT/src/Web" && exec env \
  ${memory_env[@]+"${memory_env[@]}"} \
  ${telemetry_env[@]+"${telemetry_env[@]}"} \
  ${app_extra_env[@]+"${app_extra_env[@]}"} \
  "ConnectionStrings__Bob=$(pg_conn "$PG_PORT" bob)" \
  Bob__Hosting__CoHostSilo=true \
  "ASPNETCORE_URLS=http://127.0.0.1:$HTTP_PORT" \
  "Bob__PublicUrl=http://127.0.0.1:$HTTP_PORT" \
  Bob__Admin__Email=admin@bob.local Bob__Admin__Password=bench-admin-password \
  Bob__RateLimits__ChatPerMinutePerIp=100000000 \
  Bob__RateLimits__AuthPerMinutePerIp=100000 \
  Bob__RateLimits__WidgetKeyPerMinute=100000000 \
  Bob__RateLimits__WidgetKeyPerMinutePerIp=100000000 \
  Bob__RateLimits__HandoffPerHourPerIp=100000000 \
  ASPNETCORE_ENVIRONMENT=Production \
  "Bob__Webhooks__SecretKeys__0=$(head -c 32 /dev/urandom | base64)" \
  Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Bob.Web.Access=Warning \
  dotnet "$APP_ROOT/src/Web/bin/Release/net10.0/Bob.Web.dll") &
app_pid=$!
wait_ready "http://127.0.0.1:$HTTP_PORT/health/ready" "$app_pid" 120

LOAD=$ROOT/bench/Bob.Load/bin/Release/net10.0/Bob.Load.dll
if [[ -n $MEMORY ]]; then
  rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$app_pid/status"; }
  # Warm-up (JIT, pools, a first conversation per tenant) so the measured delta is the conversations' own.
  dotnet "$LOAD" memory --url "http://127.0.0.1:$HTTP_PORT" --conversations 1000 ${load_args[@]+"${load_args[@]}"}
  # Settled readings: the silo's idle compaction (every 30 s here) has run, so what the garbage collector's young
  # generation holds at that moment (up to its 16 MB budget, deploy/lib/runtime.sh) does not count as conversations.
  settle=${BOB_BENCH_SETTLE_S:-65}
  sleep "$settle"
  before=$(rss_kb)
  dotnet "$LOAD" memory --url "http://127.0.0.1:$HTTP_PORT" --conversations "$MEMORY" ${load_args[@]+"${load_args[@]}"}
  loaded=$(rss_kb)
  sleep "$settle"
  settled=$(rss_kb)
  idle_s=${BOB_BENCH_IDLE_S:-200}
  (( idle_s > settle )) || idle_s=$settle
  sleep "$(( idle_s - settle ))"
  idle=$(rss_kb)
  echo "| RSS before (settled) | right after $MEMORY conversations | per conversation | $settle s later, still active | per conversation | after $idle_s s idle | per conversation left |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  awk -v b="$before" -v l="$loaded" -v s="$settled" -v i="$idle" -v n="$MEMORY" 'BEGIN { printf "| %.0f MB | %.0f MB | %.1f KB | %.0f MB | %.1f KB | %.0f MB | %.1f KB |\n", b/1024, l/1024, (l-b)/n, s/1024, (s-b)/n, i/1024, (i-b)/n }'
  exit 0
fi
dotnet "$LOAD" --url "http://127.0.0.1:$HTTP_PORT" --durable-db "$(pg_conn "$PG_PORT" durable)" ${load_args[@]+"${load_args[@]}"}
