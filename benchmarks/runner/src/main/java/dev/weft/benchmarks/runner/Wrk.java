package dev.weft.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed-connection HTTP load with wrk (a C load generator: it costs the shared CPUs little). A small
 * Lua script makes wrk print its totals and latency percentiles as one machine-readable line.
 */
final class Wrk {
  static final String REPORT_PREFIX = "weft-bench-wrk:";

  /** One wrk run's totals; latencies in microseconds. */
  record Result(
      long requests,
      double durationSeconds,
      long socketErrors,
      long non2xx,
      long timeouts,
      double p50Micros,
      double p90Micros,
      double p99Micros,
      double p999Micros,
      double maxMicros) {
    double requestsPerSecond() {
      return requests / durationSeconds;
    }
  }

  private final Path script;

  /** {@code paceMillis} > 0: each connection waits that long after an answer (wrk's {@code delay} hook). */
  Wrk(Path workDir, int paceMillis) throws IOException {
    script = workDir.resolve("wrk-report.lua");
    try (InputStream lua = Wrk.class.getResourceAsStream("wrk-report.lua")) {
      Files.writeString(script, script(new String(lua.readAllBytes(), StandardCharsets.UTF_8), paceMillis));
    }
  }

  static String script(String report, int paceMillis) {
    return paceMillis <= 0 ? report : report + "\ndelay = function()\n  return " + paceMillis + "\nend\n";
  }

  Result run(String url, int threads, int connections, int seconds, Path log)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
            "-s", script.toString(), url);
    Process wrk =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (wrk.waitFor() != 0) {
      throw new IOException("wrk failed (exit " + wrk.exitValue() + "), see " + log);
    }
    return parse(Files.readString(log));
  }

  static Result parse(String output) {
    Map<String, String> values = new HashMap<>();
    for (String line : output.split("\n")) {
      if (line.startsWith(REPORT_PREFIX)) {
        for (String pair : line.substring(REPORT_PREFIX.length()).trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no '" + REPORT_PREFIX + "' line in wrk output:\n" + output);
    }
    return new Result(
        (long) number(values, "requests"),
        number(values, "duration_us") / 1e6,
        (long) (number(values, "connect_errors") + number(values, "read_errors")
            + number(values, "write_errors")),
        (long) number(values, "status_errors"),
        (long) number(values, "timeouts"),
        number(values, "p50_us"),
        number(values, "p90_us"),
        number(values, "p99_us"),
        number(values, "p999_us"),
        number(values, "max_us"));
  }

  private static double number(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("wrk report lacks " + key);
    }
    return Double.parseDouble(value);
  }
}
