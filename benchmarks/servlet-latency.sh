#!/usr/bin/env bash
# Added latency per request of a trivial servlet: the servlet tests' scenario app (GET /app/hello, one
# filter + one servlet, 5-byte body) on one embedded container, without and with the Weft agent (spans
# created and ended, not exported: OTEL_TRACES_EXPORTER=none), one JVM at a time, same flags. wrk with
# one connection, so the latency is the request's own, not queueing. Not part of CI.
#   benchmarks/servlet-latency.sh [container-dir] [seconds] [rounds]     e.g. tomcat-11 15 2
# Needs the servlet tests built first (the app and container libs): mvn -B -q verify -pl
# instrumentations/servlet/tests -am -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
container="${1:-tomcat-11}"
seconds="${2:-15}"
rounds="${3:-2}"
tests="$root/instrumentations/servlet/tests"
case "$container" in
  tomcat*) main=TomcatMain ;;
  jetty-12*) main=Jetty12Main ;;
  jetty*) main=JettyMain ;;
  undertow*) main=UndertowMain ;;
esac
case "$container" in tomcat-9*|jetty-9*) api=javax ;; *) api=jakarta ;; esac
cp="$tests/target/app/$container:$tests/target/app/scenarios-$api:$tests/containers/$container/target/libs/*"
agent="$root/agent/target/weft-agent.jar"
[[ -f "$agent" && -d "$tests/target/app/$container" ]] || { echo "build first (see the header)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 1; }

export OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none
log="$(mktemp)"
trap 'rm -f "$log"; [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null || true' EXIT

run() { # $1 = label, rest = extra JVM args
  local label="$1"; shift
  java -Xmx512m "$@" -cp "$cp" "com.example.servletapp.$main" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "SCENARIO-PORT" "$log" && break; sleep 0.1; done
  local port; port="$(sed -n 's/.*SCENARIO-PORT \([0-9]*\).*/\1/p' "$log" | head -1)"
  local url="http://127.0.0.1:$port/app/hello"
  wrk -t1 -c1 -d"${seconds}s" "$url" >/dev/null # warm-up: JIT, class loading, the agent's weaving
  for ((r = 1; r <= rounds; r++)); do
    echo "== $label, round $r: wrk -t1 -c1 -d${seconds}s --latency $url"
    wrk -t1 -c1 -d"${seconds}s" --latency "$url" | grep -E "Latency |50%|90%|99%|Requests/sec"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

echo "container $container, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "without agent"
run "with Weft" "-javaagent:$agent"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
