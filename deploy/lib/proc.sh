# shellcheck shell=bash
# Process and timing helpers shared by run.sh and cluster.sh. Source this file.

# Milliseconds since the epoch (EPOCHREALTIME uses the locale's decimal separator).
now_ms() {
  local t=${EPOCHREALTIME/[.,]/}
  echo $((t / 1000))
}

# Prints milliseconds elapsed since $1 (from now_ms) as seconds, e.g. "3.42".
elapsed_s() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%02d' $((ms / 1000)) $((ms % 1000 / 10))
}

# wait_ready URL PID TIMEOUT_S — polls URL until it answers 200.
# Returns 0 when ready, 2 if PID exits first, 1 on timeout.
wait_ready() {
  local url=$1 pid=$2 deadline=$(($(now_ms) + $3 * 1000))
  while (($(now_ms) < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 2
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" || true) == 200 ]] && return 0
    sleep 0.2
  done
  return 1
}

# stop_pid PID [GRACE_S=30] — SIGTERM, then SIGKILL after the grace period.
stop_pid() {
  local pid=$1 deadline=$(($(now_ms) + ${2:-30} * 1000))
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && (($(now_ms) < deadline)); do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# webhook_key FILE — prints the key that seals webhook signing secrets (Bob__Webhooks__SecretKeys__0), creating FILE
# (base64 of 32 random bytes, readable by its owner only) the first time. Keep FILE as long as the data it sealed.
webhook_key() {
  [[ -s $1 ]] || (umask 077 && head -c 32 /dev/urandom | base64 >"$1")
  cat "$1"
}
