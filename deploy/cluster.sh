#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs SILOS silos and WEBS web nodes on this machine against one database, for fault/scale experiments.
# Usage: deploy/cluster.sh [SILOS=2] [WEBS=2]. The schema is migrated once (`Bob.Silo migrate`, as a release
# job would), then nodes start with migration off. Logs: $BOB_DATA_DIR/logs/NAME.log. Ctrl-C stops all.
#
# Every port is a setting, so two clusters can share a host (give each its own ports and data directory):
#   BOB_PG_PORT (55432)               PostgreSQL, data in $BOB_DATA_DIR/pg
#   BOB_HTTP_PORT (5080)              web node i listens on 127.0.0.1:BOB_HTTP_PORT+i
#   BOB_MANAGEMENT_PORT (5090)        web node i: /metrics and probes on BOB_MANAGEMENT_PORT+i
#   BOB_SILO_PORT (11111)             silo i: silo-to-silo port BOB_SILO_PORT+i
#   BOB_GATEWAY_PORT (30000)          silo i: client gateway BOB_GATEWAY_PORT+i
#   BOB_SILO_MANAGEMENT_PORT (8080)   silo i: probes, /metrics, /dashboard on BOB_SILO_MANAGEMENT_PORT+i
#   BOB_DATA_DIR (.data)              PostgreSQL data, logs and the key sealing webhook secrets
#   BOB_DB (bob)                      database name
#   BOB_PUBLIC_URL                    the public URL every web node announces (default: each node its own http://127.0.0.1:port)
#   BOB_SKIP_BUILD=1                  use the Release build already there (deploy/faults.sh builds once for several clusters)
# Any other Bob__* / ASPNETCORE_* / DOTNET_* variable in the environment reaches every node (deploy/bench.sh raises the
# rate limits that way).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/pg.sh
source "$ROOT/deploy/lib/pg.sh"
# shellcheck source=lib/proc.sh
source "$ROOT/deploy/lib/proc.sh"
# shellcheck source=lib/runtime.sh
source "$ROOT/deploy/lib/runtime.sh"

SILOS=${1:-2}
WEBS=${2:-2}
[[ $SILOS =~ ^[0-9]+$ && $WEBS =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [SILOS=2] [WEBS>=1, default 2]" >&2; exit 2; }
DATA_DIR=${BOB_DATA_DIR:-$ROOT/.data}
PG_PORT=${BOB_PG_PORT:-55432}
HTTP_PORT=${BOB_HTTP_PORT:-5080}
MANAGEMENT_PORT=${BOB_MANAGEMENT_PORT:-5090}
SILO_MANAGEMENT_PORT=${BOB_SILO_MANAGEMENT_PORT:-8080}
SILO_PORT=${BOB_SILO_PORT:-11111}
GATEWAY_PORT=${BOB_GATEWAY_PORT:-30000}
DB=${BOB_DB:-bob}
for setting in PG_PORT HTTP_PORT MANAGEMENT_PORT SILO_MANAGEMENT_PORT SILO_PORT GATEWAY_PORT; do
  [[ ${!setting} =~ ^[1-9][0-9]*$ ]] || { echo "error: BOB_$setting must be a port number, not '${!setting}'" >&2; exit 2; }
done
PG_DIR=$DATA_DIR/pg
LOGS=$DATA_DIR/logs

# The ports this run will listen on, so a clash with another cluster is reported before anything starts.
planned_ports=()
for ((i = 0; i < SILOS; i++)); do planned_ports+=($((SILO_PORT + i)) $((GATEWAY_PORT + i)) $((SILO_MANAGEMENT_PORT + i))); done
for ((i = 0; i < WEBS; i++)); do planned_ports+=($((HTTP_PORT + i)) $((MANAGEMENT_PORT + i))); done
if [[ $(printf '%s\n' "${planned_ports[@]}" | sort | uniq -d) ]]; then
  echo "error: the port ranges overlap (${planned_ports[*]}); space BOB_*_PORT apart by at least the node count" >&2
  exit 2
fi
for port in "${planned_ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "error: port $port is already in use on 127.0.0.1 (another cluster?); choose other BOB_*_PORT settings" >&2
    exit 1
  fi
done

pids=()
# shellcheck disable=SC2317  # only called from the EXIT trap
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  if ((PG_STARTED)); then pg_stop "$PG_DIR" || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required: https://dot.net/download" >&2; exit 1; }
pg_ensure_installed
mkdir -p "$LOGS"
pg_start "$PG_DIR" "$PG_PORT" durable
pg_create_db "$PG_PORT" "$DB"
CONN=$(pg_conn "$PG_PORT" "$DB")

if [[ ${BOB_SKIP_BUILD:-0} != 1 ]]; then
  for project in Silo Web; do
    echo "building Bob.$project (Release) ..."
    dotnet build "$ROOT/src/$project/$project.csproj" -c Release -nologo -v q
  done
fi

# start NAME PROJECT ENV... — runs Bob.PROJECT from its project dir (content root), logging to $LOGS/NAME.log.
start() {
  local name=$1 project=$2
  shift 2
  (cd "$ROOT/src/$project" &&
    exec env "ConnectionStrings__Bob=$CONN" "$@" dotnet "$ROOT/src/$project/bin/Release/net10.0/Bob.$project.dll") >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
  echo "started $name (pid $!), log: $LOGS/$name.log"
}

# fail_start NAME RC — reports why a node did not come up (RC from wait_ready) and exits.
fail_start() {
  local why="was not ready within 120 s"
  (($2 == 2)) && why="exited"
  echo "error: $1 $why; last lines of $LOGS/$1.log:" >&2
  tail -n 30 "$LOGS/$1.log" >&2
  exit 1
}

WEBHOOK_KEY=$(webhook_key "$DATA_DIR/webhook-secret-key")

echo "migrating the schema (once, before any node starts) ..."
(cd "$ROOT/src/Silo" && env "ConnectionStrings__Bob=$CONN" dotnet "$ROOT/src/Silo/bin/Release/net10.0/Bob.Silo.dll" migrate)

for ((i = 0; i < SILOS; i++)); do
  start "silo-$i" Silo DOTNET_ENVIRONMENT=Production Bob__Hosting__MigrateAtStart=false "Bob__Webhooks__SecretKeys__0=$WEBHOOK_KEY" \
    "Bob__Silo__SiloPort=$((SILO_PORT + i))" "Bob__Silo__GatewayPort=$((GATEWAY_PORT + i))" "Bob__Management__Port=$((SILO_MANAGEMENT_PORT + i))"
done

# Web nodes are plain Orleans clients: let the silos become Active first (their readiness probe).
for ((i = 0; i < SILOS; i++)); do
  rc=0
  wait_ready "http://127.0.0.1:$((SILO_MANAGEMENT_PORT + i))/health/ready" "${pids[i]}" 120 || rc=$?
  ((rc == 0)) || fail_start "silo-$i" "$rc"
done

for ((i = 0; i < WEBS; i++)); do
  start "web-$i" Web ASPNETCORE_ENVIRONMENT=Production Bob__Hosting__CoHostSilo=false \
    "ASPNETCORE_URLS=http://127.0.0.1:$((HTTP_PORT + i))" "Bob__Management__Port=$((MANAGEMENT_PORT + i))" \
    "Bob__PublicUrl=${BOB_PUBLIC_URL:-http://127.0.0.1:$((HTTP_PORT + i))}"
done

web_pids=("${pids[@]:SILOS}")
for ((i = 0; i < WEBS; i++)); do
  rc=0
  wait_ready "http://127.0.0.1:$((HTTP_PORT + i))/health/ready" "${web_pids[i]}" 120 || rc=$?
  ((rc == 0)) || fail_start "web-$i" "$rc"
done

echo
echo "Bob cluster is up: $SILOS silo(s), $WEBS web node(s), PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"
for ((i = 0; i < SILOS; i++)); do
  echo "  silo-$i  management http://127.0.0.1:$((SILO_MANAGEMENT_PORT + i))/dashboard/ and /metrics  (pid ${pids[i]})"
done
for ((i = 0; i < WEBS; i++)); do
  echo "  web-$i   http://127.0.0.1:$((HTTP_PORT + i))/  management http://127.0.0.1:$((MANAGEMENT_PORT + i))/metrics  (pid ${web_pids[i]})"
done
echo "Logs in $LOGS/. Ctrl-C stops all."

# Keep running while individual nodes are killed/restarted by hand; stop when all have exited.
wait || true
