package dev.weft.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The readers of other programs' output: wrk, /proc, jstat, the agents' logs. */
class ParsersTest {
  @Test
  void wrkReportLine() {
    String output =
        """
        Running 3s test @ http://127.0.0.1:18080/order?id=42
          1 threads and 8 connections
        Requests/sec:     48.05
        weft-bench-wrk: requests=149 duration_us=3100631 connect_errors=1 read_errors=2 write_errors=0 status_errors=4 timeouts=5 p50_us=154014 p90_us=320704 p99_us=572080 p999_us=744337 max_us=744338
        """;
    Wrk.Result result = Wrk.parse(output);
    assertThat(result.requests()).isEqualTo(149);
    assertThat(result.durationSeconds()).isCloseTo(3.100631, within(1e-9));
    assertThat(result.requestsPerSecond()).isCloseTo(48.05, within(0.01));
    assertThat(result.socketErrors()).isEqualTo(3);
    assertThat(result.non2xx()).isEqualTo(4);
    assertThat(result.timeouts()).isEqualTo(5);
    assertThat(result.p50Micros()).isEqualTo(154014);
    assertThat(result.p99Micros()).isEqualTo(572080);
    assertThat(result.p999Micros()).isEqualTo(744337);
    assertThat(result.maxMicros()).isEqualTo(744338);
  }

  @Test
  void pacedWrkScriptAddsTheDelayHookAndKeepsTheReport() {
    String report = "done = function(summary, latency, requests)\nend\n";
    assertThat(Wrk.script(report, 0)).isEqualTo(report);
    assertThat(Wrk.script(report, 8)).startsWith(report).contains("delay = function()\n  return 8\nend");
  }

  @Test
  void wrkOutputWithoutTheReportLineIsAnError() {
    assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void procStatCpuTicksWithParenthesesAndSpacesInTheCommandName() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1500 250 0 0 20 0 35 0 "
        + "1234 4000000000 60000 18446744073709551615 1 1 0 0 0 0 0 4096 17102 0 0 0 17 1 0 0 0 0 0";
    assertThat(ProcStats.cpuTicks(stat)).isEqualTo(1750);
  }

  @Test
  void procStatusValueInKib() {
    String status = "Name:\tjava\nVmHWM:\t  300000 kB\nVmRSS:\t  254321 kB\nThreads:\t35\n";
    assertThat(ProcStats.statusKib(status, "VmRSS")).isEqualTo(254321);
    assertThatThrownBy(() -> ProcStats.statusKib(status, "VmSwap")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ownProcessHasCpuTimeAndResidentMemory() throws Exception {
    long pid = ProcessHandle.current().pid();
    assertThat(ProcStats.cpuNanos(pid)).isPositive();
    assertThat(ProcStats.rssKib(pid)).isGreaterThan(1024);
  }

  @Test
  void jstatHeapIsSurvivorsEdenAndOldAndMetaspaceIsMu() {
    String output =
        """
            S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
                0.0      4096.0        10.0      2804.9      16384.0       4096.0     376832.0       4020.0     7168.0     7010.9     832.0     742.0      1     0.106     0     0.000     0     0.000     0.106
        """;
    JvmMemory.Usage usage = JvmMemory.parseJstat(output);
    assertThat(usage.heapUsedKib()).isCloseTo(10.0 + 2804.9 + 4096.0 + 4020.0, within(1e-6));
    assertThat(usage.metaspaceUsedKib()).isCloseTo(7010.9, within(1e-6));
  }

  @Test
  void jstatColumnsMissingForACollectorCountAsZero() {
    String output = "S0U S1U EU OU MU\n- - 100.0 200.0 50.0\n";
    assertThat(JvmMemory.parseJstat(output).heapUsedKib()).isCloseTo(300.0, within(1e-6));
  }

  @Test
  void exportTroubleInAgentLogs() {
    String log =
        """
        [otel.javaagent 2026-11-27 08:00:00:000 +0000] [OkHttp http://127.0.0.1:1/...] WARN io.opentelemetry.exporter.internal.http.HttpExporter - Failed to export spans. Server responded with HTTP status code 503.
        [weft] export failed: connection refused
        [weft] dropped 12 spans: queue is full
        served=10 failed=0
        INFO: Starting ProtocolHandler ["http-nio-127.0.0.1-18080"]
        """;
    assertThat(ServiceProcess.countMatchingLines(log)).isEqualTo(3);
  }
}
