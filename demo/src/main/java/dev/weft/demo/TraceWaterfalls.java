package dev.weft.demo;

import dev.weft.exporter.console.ConsoleWaterfallExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spans from several services, as one waterfall per trace: the picture no single JVM's {@code console}
 * exporter can print, since each sees only its own spans.
 */
final class TraceWaterfalls {
  private TraceWaterfalls() {}

  /**
   * Groups spans into traces, first-started trace first, and links them across services: a parent
   * that arrived from any service is a local parent, so the callee's SERVER span nests under the
   * caller's CLIENT span; a parent that never arrived (a caller without tracing) stays remote and its
   * child heads its own tree. A span received twice (an exporter retry) is kept once.
   */
  static List<List<ReceivedSpanData>> traces(Collection<ReceivedSpanData> spans) {
    Map<String, Map<String, ReceivedSpanData>> byTrace = new LinkedHashMap<>();
    for (ReceivedSpanData span : spans) {
      byTrace.computeIfAbsent(span.traceId(), id -> new LinkedHashMap<>()).putIfAbsent(span.spanId(), span);
    }
    List<List<ReceivedSpanData>> traces = new ArrayList<>();
    for (Map<String, ReceivedSpanData> trace : byTrace.values()) {
      List<ReceivedSpanData> linked = new ArrayList<>(trace.size());
      for (ReceivedSpanData span : trace.values()) {
        linked.add(span.withParentRemote(!span.parentId().isEmpty() && !trace.containsKey(span.parentId())));
      }
      traces.add(linked);
    }
    traces.sort(Comparator.comparingLong(TraceWaterfalls::start));
    return traces;
  }

  static long start(List<ReceivedSpanData> trace) {
    return trace.stream().mapToLong(SpanData::getStartEpochNanos).min().orElse(0);
  }

  static long end(List<ReceivedSpanData> trace) {
    return trace.stream().mapToLong(SpanData::getEndEpochNanos).max().orElse(0);
  }

  /**
   * The console exporter's waterfall of one trace, and under it which services its spans came from
   * when there are several (the waterfall's header names the root's service).
   */
  static String render(List<ReceivedSpanData> trace) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    ConsoleWaterfallExporter exporter = new ConsoleWaterfallExporter(out, Duration.ofMinutes(1), Integer.MAX_VALUE);
    exporter.export(new ArrayList<SpanData>(trace));
    exporter.shutdown(); // prints what had no local root too (a parent-id cycle from bad data)
    StringBuilder text = new StringBuilder(buffer.toString(StandardCharsets.UTF_8));
    Map<String, Integer> perService = spansPerService(trace);
    if (perService.size() > 1) {
      text.append("  services:");
      perService.forEach((service, n) -> text.append(' ').append(service).append(" (").append(n).append(n == 1 ? " span)" : " spans)"));
      text.append(System.lineSeparator());
    }
    return text.toString();
  }

  /** Span counts by service, in the order the services first appear in the trace's start order. */
  static Map<String, Integer> spansPerService(List<ReceivedSpanData> trace) {
    List<ReceivedSpanData> byStart = new ArrayList<>(trace);
    byStart.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ReceivedSpanData span : byStart) {
      counts.merge(span.serviceName(), 1, Integer::sum);
    }
    return counts;
  }

  static Set<String> services(Collection<List<ReceivedSpanData>> traces) {
    Set<String> services = new HashSet<>();
    traces.forEach(trace -> services.addAll(spansPerService(trace).keySet()));
    return services;
  }
}
