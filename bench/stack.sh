# The stack `make bench` and `make chaos` run on, sourced by bench/run, bench/chaos and bench/ctl (not run): a broker,
# the provider sandbox and the packaged service, each on ports of their own, in $BANDITORE_WORK; loopback only.
# Before sourcing: STACK (the folder's name under .work, e.g. bench) and the *_PORT variables if not the defaults.
# BUILD=false reuses the service and drivers already built.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export BANDITORE_WORK="$ROOT/.work/$STACK"
export KAFKA_PORT KAFKA_CONTROLLER_PORT SANDBOX_PORT
# The sandbox's TikTok really pulls each PULL_FROM_URL video; with no video rendered here (VIDEO=false, rendering 312
# videos would take the whole run) the service's 503 "No video" counts as got: the signed link let TikTok through.
[[ "${VIDEO:-false}" == true ]] || export SANDBOX_TIKTOK_PULL_ACCEPTS_UNRENDERED=true
PROVINCE="${PROVINCE:-001}"
HEAP="${SERVICE_HEAP:-512m}"
# Every JVM of the stack compiles with C1 alone: on these few cores the C2 compiler's threads took as much CPU as the
# work itself (the service's own default, see README Performance). SERVICE_JAVA_OPTS=-XX:TieredStopAtLevel=4 undoes it.
export SANDBOX_JAVA_OPTS="${SANDBOX_JAVA_OPTS:--XX:TieredStopAtLevel=1}" KAFKA_JAVA_OPTS="${KAFKA_JAVA_OPTS:--XX:TieredStopAtLevel=1}"
MVN=("$ROOT/mvnw" -B -q)
CP="$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"

log() { echo "[$STACK] $*" >&2; }

# A fresh broker every run, so that figures do not depend on what an earlier run left; the jars are shared.
stack_prepare() {
  rm -rf "$BANDITORE_WORK/kafka" "$BANDITORE_WORK"/*.log
  mkdir -p "$BANDITORE_WORK"
  [[ -e "$BANDITORE_WORK/lib" ]] || { mkdir -p "$ROOT/.work"; "${MVN[@]}" -f local/pom.xml -Dwork.dir="$ROOT/.work" package; ln -s "$ROOT/.work/lib" "$BANDITORE_WORK/lib"; }
  if [[ "${BUILD:-true}" == true ]]; then log "building the service and the drivers"; "${MVN[@]}" package -DskipTests; "${MVN[@]}" -f bench/pom.xml package; fi
  TOWNS="$(java -cp "$CP" io.banditore.bench.Setup src/main/resources/gazetteer/comuni-italiani.json "${TOWNS_OF:-$PROVINCE}" \
    "$BANDITORE_WORK/directory.yaml" "$BANDITORE_WORK/credentials.properties")"
  # One video-link signing key for every process of the stack, as production has (a Secret): a link made before a
  # restart still carries a valid signature after it, and only the record of its publish id decides whether it serves.
  echo "banditore.shortvideo.links.signing-key=$(head -c 32 /dev/urandom | base64)" >> "$BANDITORE_WORK/credentials.properties"
  log "directory: $TOWNS towns of ${TOWNS_OF:-province $PROVINCE}, each with Telegram, X and TikTok accounts of its own"
}

# The broker and the sandbox (answering after $1 ms).
stack_up() {
  local/bin/jwt-keys
  local/bin/kafka-up
  local/bin/sandbox-up
  curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"fixedDelay\": $1}" "http://localhost:$SANDBOX_PORT/__admin/settings" >/dev/null
}

# service_start NAME PORT [java options...]: the packaged service in the background, its pid in $BANDITORE_WORK/NAME.pid.
# Its video links name PUBLIC_URL (default: its own port), the address a provider fetches a video from. It is the
# dispatcher NAME-PORT, the same after a restart, as a pod keeps its name when its container restarts.
service_start() {
  local name="$1" port="$2"; shift 2
  java -Xmx"$HEAP" -XX:TieredStopAtLevel=1 -Dquarkus.profile=local -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 \
    -Dbanditore.directory.location="$BANDITORE_WORK/directory.yaml" \
    -Dquarkus.config.locations="$BANDITORE_WORK/credentials.properties" \
    -Dbanditore.dispatch.instance="$name-$port" -Dbanditore.shortvideo.video.enabled="${VIDEO:-false}" -Dbanditore.shortvideo.public-url="${PUBLIC_URL:-http://localhost:$port}" \
    -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.banditore\".level=WARN ${SERVICE_JAVA_OPTS:-} "$@" \
    -jar target/quarkus-app/quarkus-run.jar >> "$BANDITORE_WORK/$name.log" 2>&1 < /dev/null &
  echo $! > "$BANDITORE_WORK/$name.pid"
  log "service $name (pid $!, heap $HEAP) on http://localhost:$port"
}

# service_ready NAME PORT [SECONDS]: waits until the service answers ready.
service_ready() {
  local name="$1" port="$2" pid; pid="$(cat "$BANDITORE_WORK/$name.pid")"
  for ((i = 0; i < ${3:-120} * 2; i++)); do
    curl -fs -o /dev/null "http://localhost:$port/q/health/ready" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$BANDITORE_WORK/$name.log" >&2; log "service $name exited"; return 1; }
    sleep 0.5
  done
  log "service $name is not ready after ${3:-120} s"; return 1
}

# service_stop NAME [SIGNAL]: TERM (and waits up to 60 s, then KILL) or the signal given.
service_stop() {
  local file="$BANDITORE_WORK/$1.pid" pid
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -"${2:-TERM}" "$pid" 2>/dev/null || true
    for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# Everything started here: every service, the sandbox, the broker (woken first if it was paused).
stack_down() {
  set +e # a step that fails (a process already gone) must not keep the next from being stopped
  local file
  for file in "$BANDITORE_WORK"/*.pid; do [[ -e "$file" ]] && service_stop "$(basename "$file" .pid)"; done
  [[ -f "$BANDITORE_WORK/kafka/kafka.pid" ]] && kill -CONT "$(cat "$BANDITORE_WORK/kafka/kafka.pid")" 2>/dev/null
  local/bin/sandbox-down || true
  local/bin/kafka-down || true
}

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n 1; }
version() { sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml; }
