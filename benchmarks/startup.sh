#!/usr/bin/env bash
# Start-up cost of the agent on a trivial main class: wall time of `java Hello` (JVM launch to exit)
# without an agent, with Weft and, when it is in the local Maven repository, with the OpenTelemetry
# Java agent. Prints the median and range of N runs (default 10) of each, interleaved.
#   benchmarks/startup.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
weft="$root/agent/target/weft-agent.jar"
[[ -f "$weft" ]] || (cd "$root" && mvn -B -q install -DskipTests)
otel="$(ls "$HOME"/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/*/opentelemetry-javaagent-*.jar 2>/dev/null | grep -v sources | tail -1 || true)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work" "$work/Hello.java"

export OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none
declare -A times
variants=("none" "weft")
[[ -n "$otel" ]] && variants+=("otel")
for ((i = 0; i < runs; i++)); do
  for v in "${variants[@]}"; do
    case "$v" in
      none) args=() ;;
      weft) args=("-javaagent:$weft") ;;
      otel) args=("-javaagent:$otel") ;;
    esac
    start=$(date +%s%N)
    java "${args[@]}" -cp "$work" Hello >/dev/null 2>&1
    times[$v]+="$(( ($(date +%s%N) - start) / 1000000 )) "
  done
done

printf '%-28s %8s %14s\n' "agent" "median" "range (ms)"
for v in "${variants[@]}"; do
  sorted=($(tr ' ' '\n' <<<"${times[$v]}" | grep -v '^$' | sort -n))
  n=${#sorted[@]}
  if ((n % 2)); then median=${sorted[n / 2]}; else median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
  label="$v"
  [[ "$v" == "otel" ]] && label="otel ($(basename "$otel" .jar))"
  printf '%-28s %6s ms %6s-%s\n' "$label" "$median" "${sorted[0]}" "${sorted[n - 1]}"
done
printf '\nweft-agent.jar: %s bytes' "$(stat -c %s "$weft")"
[[ -n "$otel" ]] && printf ', %s: %s bytes' "$(basename "$otel")" "$(stat -c %s "$otel")"
echo
