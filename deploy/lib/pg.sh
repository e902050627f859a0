# shellcheck shell=bash
# shellcheck disable=SC2034  # PG_STARTED is read by the scripts that source this file
# PostgreSQL helpers for Bob's deploy scripts. Source this file; do not execute it.
# Works as root (server runs as the data dir's owner, `postgres` by default) and as a normal user.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# Set by pg_start: 1 if it started the server, 0 if it reused a running one.
PG_STARTED=0

pg_die() { echo "pg: error: $*" >&2; return 1; }

pg_ensure_installed() {
  [[ -x $PG_BIN/initdb ]] && return 0
  if ((EUID != 0)); then
    pg_die "PostgreSQL 15 not found at $PG_BIN. Install it (sudo apt-get install postgresql-15) or set PG_BIN."
    return
  fi
  echo "pg: installing postgresql-15 ..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  [[ -x $PG_BIN/initdb ]] || pg_die "postgresql-15 installed but $PG_BIN/initdb is still missing"
}

# Runs a command as the owner of data dir $1 (root may not run initdb/pg_ctl).
# cd / so the postgres user does not warn about an unreadable current directory.
_pg_as_owner() {
  local dir=$1 owner
  shift
  owner=$(stat -c %U "$dir")
  if ((EUID == 0)); then
    (cd / && runuser -u "$owner" -- "$@")
  elif [[ $owner == "$(id -un)" ]]; then
    "$@"
  else
    pg_die "$dir is owned by $owner; run as $owner or root, or remove it"
  fi
}

# Prints the port of the server running on data dir $1, or fails if none is running.
_pg_running_port() {
  [[ -f $1/postmaster.pid ]] || return 1
  _pg_as_owner "$1" "$PG_BIN/pg_ctl" status -D "$1" >/dev/null 2>&1 || return 1
  sed -n 4p "$1/postmaster.pid"
}

# glibc's malloc for the server: under Bob's transcript batches a backend freed and returned memory to the kernel after
# every statement (brk shrinks and munmaps, each a TLB shootdown on a VM), 11 % of PostgreSQL's CPU in a chat-phase
# profile. Keeping up to 32 MB of freed heap per backend, and no mmap below 32 MB, removed it (docs/performance.md).
PG_MALLOC_ENV=(MALLOC_TRIM_THRESHOLD_=33554432 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TOP_PAD_=4194304)

# pg_start DATA_DIR PORT [durable|throwaway]
pg_start() {
  local dir=$1 port=$2 mode=${3:-durable} running_port owner out
  [[ $mode == durable || $mode == throwaway ]] || { pg_die "mode must be durable or throwaway, got '$mode'"; return; }
  mkdir -p "$dir"
  owner=$(stat -c %U "$dir")
  if ((EUID == 0)); then
    if [[ $owner == root ]]; then
      chown -R postgres:postgres "$dir"
      owner=postgres
    fi
    runuser -u "$owner" -- test -x "$dir" ||
      { pg_die "user $owner cannot reach $dir; make its parent directories world-executable (chmod o+x)"; return; }
  elif [[ $owner != "$(id -un)" ]]; then
    pg_die "$dir is owned by $owner; run as $owner or root, or use another directory"
    return
  fi
  dir=$(cd "$dir" && pwd)
  chmod 700 "$dir" # postgres refuses to start on a group/world-accessible data dir

  if running_port=$(_pg_running_port "$dir"); then
    [[ $running_port == "$port" ]] ||
      { pg_die "a server is already running on $dir but on port $running_port, not $port"; return; }
    echo "pg: reusing server already running on $dir (port $port)" >&2
    PG_STARTED=0
    return 0
  fi

  if [[ ! -f $dir/PG_VERSION ]]; then
    # --auth=trust makes the default local, 127.0.0.1/32 and ::1/128 lines trust.
    out=$(_pg_as_owner "$dir" "$PG_BIN/initdb" -D "$dir" -U bob -E UTF8 --locale=C \
      --auth=trust --no-instructions 2>&1) ||
      { echo "$out" >&2; pg_die "initdb failed in $dir"; return; }
    echo "include_if_exists = 'bob.conf'" >>"$dir/postgresql.conf"
  fi

  # Rewritten on every start so port and mode follow the caller. Config file, not
  # `pg_ctl -o`, because -o is word-split by a shell and breaks on paths with spaces.
  {
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '${dir//\'/\'\'}'"
    echo "max_connections = 300"
    if [[ $mode == throwaway ]]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >"$dir/bob.conf"
  if ((EUID == 0)); then chown "$(stat -c %U:%G "$dir")" "$dir/bob.conf"; fi

  if ! _pg_as_owner "$dir" env "${PG_MALLOC_ENV[@]}" "$PG_BIN/pg_ctl" start -w -t 60 -D "$dir" -l "$dir/postgres.log" >/dev/null; then
    tail -n 20 "$dir/postgres.log" >&2 || true
    pg_die "could not start PostgreSQL on $dir (port $port); see $dir/postgres.log"
    return
  fi
  PG_STARTED=1
}

# pg_stop DATA_DIR — no-op if nothing is running there.
pg_stop() {
  local dir
  dir=$(cd "$1" 2>/dev/null && pwd) || return 0
  _pg_running_port "$dir" >/dev/null || return 0
  _pg_as_owner "$dir" "$PG_BIN/pg_ctl" stop -m fast -w -D "$dir" >/dev/null
}

# pg_restart DATA_DIR — a fast restart of the server running there (every connection is dropped), as in a failover.
pg_restart() {
  local dir
  dir=$(cd "$1" && pwd) || return 1
  _pg_as_owner "$dir" env "${PG_MALLOC_ENV[@]}" "$PG_BIN/pg_ctl" restart -m fast -w -t 60 -D "$dir" -l "$dir/postgres.log" >/dev/null
}

# pg_create_db PORT DBNAME — creates the database unless it exists.
pg_create_db() {
  "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$1" -U bob -d postgres -v ON_ERROR_STOP=1 -v db="$2" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db')
\gexec
SQL
}

# pg_conn PORT DBNAME — prints the Npgsql connection string.
pg_conn() {
  echo "Host=127.0.0.1;Port=$1;Username=bob;Database=$2;Pooling=true;Maximum Pool Size=50"
}

# Prints a TCP port on 127.0.0.1 that is free right now, from below the kernel's ephemeral range (which outgoing
# connections draw from, so a port from it can be taken before the server that asked for it binds it).
free_port() {
  python3 - <<'PY'
import random, socket
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except OSError:
    low = 49152
for _ in range(1000):
    port = random.randrange(10000, low)
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break
PY
}
