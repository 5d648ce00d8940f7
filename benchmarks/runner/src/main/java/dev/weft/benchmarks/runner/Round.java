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
   * Spans lost on the way. Each kind of span (service, kind, name, scope) made for every request is
   * expected once per request its service handled, so each one it falls short of that was dropped.
   * A kind seen for fewer than half of the requests is occasional, not per request (a connection
   * pool's validation query, say), and is not held to that. A kind of which no span at all arrived
   * cannot be seen here; "spans missing" shows that.
   */
  long dropped() {
    return shortfall(frontSpans, frontServed.handled()) + shortfall(downstreamSpans, downstreamServed.handled());
  }

  /** Spans beyond one of each per-request kind per request: duplicates. */
  long extra() {
    return excess(frontSpans, frontServed.handled()) + excess(downstreamSpans, downstreamServed.handled());
  }

  /** Spans of kinds made for fewer than half of the requests (see {@link #dropped()}). */
  long occasional() {
    return occasional(frontSpans, frontServed.handled()) + occasional(downstreamSpans, downstreamServed.handled());
  }

  /** The occasional kinds of span and their counts, for the report. */
  Map<SpanSink.SpanShape, Long> occasionalShapes() {
    Map<SpanSink.SpanShape, Long> shapes = new java.util.TreeMap<>();
    frontSpans.forEach((shape, count) -> {
      if (!isPerRequest(count, frontServed.handled())) {
        shapes.put(shape, count);
      }
    });
    downstreamSpans.forEach((shape, count) -> {
      if (!isPerRequest(count, downstreamServed.handled())) {
        shapes.put(shape, count);
      }
    });
    return shapes;
  }

  /** Requests that did not get a 200: wrk's socket errors, non-2xx answers, timeouts, failed handling. */
  long requestErrors() {
    return load.socketErrors() + load.non2xx() + load.timeouts() + frontServed.failed();
  }

  private static long sum(Map<SpanSink.SpanShape, Long> spans) {
    return spans.values().stream().mapToLong(Long::longValue).sum();
  }

  static boolean isPerRequest(long count, long served) {
    return 2 * count >= served;
  }

  private static long shortfall(Map<SpanSink.SpanShape, Long> spans, long served) {
    return spans.values().stream().filter(count -> isPerRequest(count, served))
        .mapToLong(count -> Math.max(0, served - count)).sum();
  }

  private static long excess(Map<SpanSink.SpanShape, Long> spans, long served) {
    return spans.values().stream().filter(count -> isPerRequest(count, served))
        .mapToLong(count -> Math.max(0, count - served)).sum();
  }

  private static long occasional(Map<SpanSink.SpanShape, Long> spans, long served) {
    return spans.values().stream().filter(count -> !isPerRequest(count, served)).mapToLong(Long::longValue).sum();
  }
}
