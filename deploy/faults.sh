#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Faults survived under load: for each fault, a fresh deploy/cluster.sh (2 silos + 2 web nodes on loopback, one durable
# PostgreSQL), steady widget chat through both web nodes (bench/Bob.Load faults), the fault applied a quarter into the
# run, then an audit of the transcript by client_message_id. Prints the fault table; exits 1 if an invariant broke
# (an acknowledged turn lost, a turn answered or charged twice, a failure that is not 503 + code + Retry-After).
# Every attempt of a run is kept in $BOB_DATA_DIR/FAULT.csv (start/end seconds, status, code) and the nodes' logs in
# $BOB_DATA_DIR/logs-FAULT/, for a closer look.
#
# Usage: deploy/faults.sh [--duration 20] [--rate 20] [--sessions 200] [--tenants 4] [--stream-every 0] [--faults "silo-kill silo-stop pg-restart web-kill"]
#   CI-sized by default (20 s at 20 turns/s per fault); by hand e.g. --duration 40 --rate 100. --stream-every N streams
#   every Nth turn (server-sent events) instead of answering it as JSON.
#   silo-kill: kill -9 of silo-1 · silo-stop: SIGTERM to silo-1 (graceful) · pg-restart: pg_ctl restart -m fast ·
#   web-kill: kill -9 of web-1 (its turns are retried on web-0, as a load balancer would)
# Ports and data directory as for cluster.sh (BOB_PG_PORT, BOB_HTTP_PORT, …, BOB_DATA_DIR; default .data/faults).
# BOB_SKIP_BUILD=1 uses the Release build already there.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/pg.sh
source "$ROOT/deploy/lib/pg.sh"
# shellcheck source=lib/proc.sh
source "$ROOT/deploy/lib/proc.sh"
# shellcheck source=lib/runtime.sh
source "$ROOT/deploy/lib/runtime.sh"

DURATION=20 RATE=20 SESSIONS=200 TENANTS=4 STREAM_EVERY=0 FAULTS="silo-kill silo-stop pg-restart web-kill"
while (($#)); do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --sessions) SESSIONS=$2; shift 2 ;;
    --tenants) TENANTS=$2; shift 2 ;;
    --stream-every) STREAM_EVERY=$2; shift 2 ;;
    --faults) FAULTS=$2; shift 2 ;;
    *) echo "usage: $0 [--duration S] [--rate N] [--sessions N] [--tenants N] [--stream-every N] [--faults \"silo-kill silo-stop pg-restart web-kill\"]" >&2; exit 2 ;;
  esac
done
for fault in $FAULTS; do
  [[ $fault =~ ^(silo-kill|silo-stop|pg-restart|web-kill)$ ]] || { echo "error: unknown fault '$fault'" >&2; exit 2; }
done

export BOB_DATA_DIR=${BOB_DATA_DIR:-$ROOT/.data/faults}
export BOB_PG_PORT=${BOB_PG_PORT:-55432} BOB_HTTP_PORT=${BOB_HTTP_PORT:-5080}
PG_DIR=$BOB_DATA_DIR/pg
DB=${BOB_DB:-bob}
# What every node of the runs gets (cluster.sh passes its environment on): limits out of the way of the load, a short
# credit recount so the audit sees a charge lost with a killed silo healed within seconds, quiet logs.
export Bob__RateLimits__ChatPerMinutePerIp=100000000 Bob__RateLimits__AuthPerMinutePerIp=100000 Bob__RateLimits__WidgetKeyPerMinute=100000000 Bob__RateLimits__WidgetKeyPerMinutePerIp=100000000 Bob__RateLimits__HandoffPerHourPerIp=100000000
export Bob__Credits__ReconcileInterval=00:00:05 Logging__LogLevel__Default=Warning

cluster_pid=
# shellcheck disable=SC2317  # only called from the EXIT trap
cleanup() {
  [[ -n $cluster_pid ]] && stop_pid "$cluster_pid" 60
  pg_stop "$PG_DIR" || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_ensure_installed
mkdir -p "$BOB_DATA_DIR"
pg_start "$PG_DIR" "$BOB_PG_PORT" durable
if [[ ${BOB_SKIP_BUILD:-0} != 1 ]]; then
  for project in src/Silo/Silo.csproj src/Web/Web.csproj bench/Bob.Load/Bob.Load.csproj; do
    dotnet build "$ROOT/$project" -c Release -nologo -v q
  done
fi

export BOB_SKIP_BUILD=1 # cluster.sh: built once above

# pid_of NAME — the pid cluster.sh printed for node NAME.
pid_of() { sed -n "s/^started $1 (pid \([0-9]*\)).*/\1/p" "$BOB_DATA_DIR/cluster.out" | tail -n 1; }

rows=()
failed=0
header=--table-header
for fault in $FAULTS; do
  echo "== $fault: starting 2 silos + 2 web nodes ..."
  # Each run gets its own database: a previous run's silos (a killed one, one stopped past its grace period) can stay
  # listed as active in its membership table, and a new cluster on the same ports would start behind those rows.
  export BOB_DB="${DB}_${fault//-/_}_$(date +%s)"
  "$ROOT/deploy/cluster.sh" 2 2 >"$BOB_DATA_DIR/cluster.out" 2>&1 &
  cluster_pid=$!
  deadline=$(($(now_ms) + 300000))
  until grep -q "Bob cluster is up" "$BOB_DATA_DIR/cluster.out"; do
    kill -0 "$cluster_pid" 2>/dev/null && (($(now_ms) < deadline)) || { cat "$BOB_DATA_DIR/cluster.out" >&2; exit 1; }
    sleep 1
  done
  case $fault in
    silo-kill) command="kill -KILL $(pid_of silo-1)"; label="kill -9 of a silo" ;;
    silo-stop) command="kill -TERM $(pid_of silo-1)"; label="graceful silo stop" ;;
    pg-restart) command="source '$ROOT/deploy/lib/pg.sh' && pg_restart '$PG_DIR'"; label="PostgreSQL restart" ;;
    web-kill) command="kill -KILL $(pid_of web-1)"; label="kill -9 of a web node" ;;
  esac
  rc=0
  dotnet "$ROOT/bench/Bob.Load/bin/Release/net10.0/Bob.Load.dll" faults \
    --url "http://127.0.0.1:$BOB_HTTP_PORT" --url "http://127.0.0.1:$((BOB_HTTP_PORT + 1))" \
    --pg "$(pg_conn "$BOB_PG_PORT" "$BOB_DB")" --label "$label" --fault "$command" $header --attempts "$BOB_DATA_DIR/$fault.csv" \
    --duration "$DURATION" --rate "$RATE" --sessions "$SESSIONS" --tenants "$TENANTS" --stream-every "$STREAM_EVERY" | tee "$BOB_DATA_DIR/$fault.out" || rc=$?
  ((rc == 0)) || failed=1
  rows+=("$(grep '^| ' "$BOB_DATA_DIR/$fault.out" || true)")
  header=
  stop_pid "$cluster_pid" 60
  cluster_pid=
  rm -rf "$BOB_DATA_DIR/logs-$fault" && cp -r "$BOB_DATA_DIR/logs" "$BOB_DATA_DIR/logs-$fault" # the next cluster rewrites logs/
done

echo
echo "Fault table ($DURATION s at $RATE turns/s per fault, 2 silos + 2 web nodes; load average $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '%s\n' "${rows[@]}"
exit "$failed"
