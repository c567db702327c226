# Shared by the local/bin scripts (sourced, not run): paths and process helpers.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WORK="${BANDITORE_WORK:-.work}"
case "$WORK" in /*) ;; *) WORK="$ROOT/$WORK" ;; esac

log() { echo "[$(basename "$0")] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Downloads the Kafka and WireMock jars into $WORK/lib (once).
ensure_libs() {
  if ! ls "$WORK"/lib/kafka/kafka_2.13-*.jar "$WORK"/lib/sandbox/wiremock-standalone-*.jar >/dev/null 2>&1; then
    log "downloading the Kafka broker and WireMock into $WORK/lib (first run only)"
    ./mvnw -q -f local/pom.xml -Dwork.dir="$WORK" package
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid from a pid file, if that process is still alive and runs $2 (guards against pid reuse).
running_pid() {
  local pid
  [[ -f "$1" ]] && pid="$(cat "$1")" && [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= | grep -q -- "$2" || return 1
  echo "$pid"
}

# Stops the process in pid file $1 (matching $2): SIGTERM, then SIGKILL after $3 seconds.
stop_pid() {
  local pidfile="$1" pattern="$2" grace="$3" pid
  if ! pid="$(running_pid "$pidfile" "$pattern")"; then
    rm -f "$pidfile"; log "not running"; return 0
  fi
  kill -TERM "$pid"
  for ((i = 0; i < grace * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; log "stopped (pid $pid)"; return 0; }
    sleep 0.5
  done
  log "still running after ${grace}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}
