package dev.weft.benchmarks.runner;

import java.util.Map;

/** What one load round of one agent measured. */
record Round(
    String agent,
    int round,
    Wrk.Result load,
    long appCpuNanos,
    long downstreamCpuNanos,
    long rssKib,
    JvmMemory.Usage memory,
    ServiceProcess.Served frontServed,
    ServiceProcess.Served downstreamServed,
    Map<SpanSink.SpanShape, Long> frontSpans,
    Map<SpanSink.SpanShape, Long> downstreamSpans,
    long exportTroubleLines) {

  double appCpuMicrosPerRequest() {
    return appCpuNanos / 1e3 / load.requests();
  }

  double totalCpuMicrosPerRequest() {
    return (appCpuNanos + downstreamCpuNanos) / 1e3 / load.requests();
  }

  long spans() {
    return sum(frontSpans) + sum(downstreamSpans);
  }

  /**
   * Spans lost on the way: every shape of span (service, kind, name, scope) seen at the sink is made
   * once per request its service handled, so each one it falls short of that was dropped. A shape of
   * which no span at all arrived cannot be seen here; the spans-per-request figure shows that.
   */
  long dropped() {
    return shortfall(frontSpans, frontServed.handled()) + shortfall(downstreamSpans, downstreamServed.handled());
  }

  /** Spans beyond one of each shape per request: duplicates, or spans made outside requests. */
  long extra() {
    return excess(frontSpans, frontServed.handled()) + excess(downstreamSpans, downstreamServed.handled());
  }

  /** Requests that did not get a 200: wrk's socket errors, non-2xx answers, timeouts, failed handling. */
  long requestErrors() {
    return load.socketErrors() + load.non2xx() + load.timeouts() + frontServed.failed();
  }

  private static long sum(Map<SpanSink.SpanShape, Long> spans) {
    return spans.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long shortfall(Map<SpanSink.SpanShape, Long> spans, long served) {
    return spans.values().stream().mapToLong(count -> Math.max(0, served - count)).sum();
  }

  private static long excess(Map<SpanSink.SpanShape, Long> spans, long served) {
    return spans.values().stream().mapToLong(count -> Math.max(0, count - served)).sum();
  }
}
