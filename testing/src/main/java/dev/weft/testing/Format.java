package dev.weft.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Renders spans and values for failure messages. */
final class Format {
  private static final int MAX_VALUE_LENGTH = 120;

  private Format() {}

  static String attributes(Map<String, Object> attributes) {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    attributes.forEach((k, v) -> joiner.add(k + "=" + value(v)));
    return joiner.toString();
  }

  /** A value as a test author would write it: strings quoted, so that "200" and 200 differ. */
  static String value(Object value) {
    if (value instanceof String) {
      return '"' + shorten((String) value) + '"';
    }
    if (value instanceof byte[]) {
      return "bytes" + Arrays.toString((byte[]) value);
    }
    if (value instanceof List) {
      StringJoiner joiner = new StringJoiner(", ", "[", "]");
      ((List<?>) value).forEach(v -> joiner.add(value(v)));
      return joiner.toString();
    }
    if (value instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      return attributes(map);
    }
    return String.valueOf(value);
  }

  /** A value with its type, for "expected X but was Y" messages where types may be the problem. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String type =
        value instanceof List ? "List" : value instanceof Map ? "Map" : value.getClass().getSimpleName();
    return value(value) + " (" + type + ")";
  }

  static String shorten(String s) {
    String oneLine = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    return oneLine.length() <= MAX_VALUE_LENGTH
        ? oneLine
        : oneLine.substring(0, MAX_VALUE_LENGTH) + "...(" + s.length() + " chars)";
  }

  /**
   * Spans grouped by trace and indented under their parents, so that a failure shows the shape of
   * what arrived rather than a flat list.
   */
  static String tree(List<ReceivedSpan> spans) {
    if (spans.isEmpty()) {
      return "  (no spans)";
    }
    Map<String, List<ReceivedSpan>> byTrace = new LinkedHashMap<>();
    for (ReceivedSpan span : spans) {
      byTrace.computeIfAbsent(span.traceId(), k -> new ArrayList<>()).add(span);
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<ReceivedSpan>> trace : byTrace.entrySet()) {
      List<ReceivedSpan> inTrace = trace.getValue();
      sb.append("  trace ").append(trace.getKey()).append(" (").append(inTrace.size());
      sb.append(inTrace.size() == 1 ? " span)\n" : " spans)\n");
      Set<String> ids = new HashSet<>();
      inTrace.forEach(s -> ids.add(s.spanId()));
      Set<ReceivedSpan> printed = Collections.newSetFromMap(new IdentityHashMap<>());
      for (ReceivedSpan span : sorted(inTrace)) {
        if (span.isRoot() || !ids.contains(span.parentSpanId())) {
          appendSubtree(sb, span, inTrace, 2, printed);
        }
      }
      // Spans in a parent cycle (only possible with broken ids) would otherwise vanish.
      for (ReceivedSpan span : inTrace) {
        if (!printed.contains(span)) {
          appendSubtree(sb, span, inTrace, 2, printed);
        }
      }
    }
    return sb.toString().stripTrailing();
  }

  private static void appendSubtree(
      StringBuilder sb, ReceivedSpan span, List<ReceivedSpan> all, int depth, Set<ReceivedSpan> printed) {
    if (!printed.add(span)) {
      return;
    }
    sb.append("  ".repeat(depth)).append("- ").append(span.describe(false)).append('\n');
    for (ReceivedSpan child : sorted(all)) {
      if (!child.isRoot() && child.parentSpanId().equals(span.spanId()) && child != span) {
        appendSubtree(sb, child, all, depth + 1, printed);
      }
    }
  }

  private static List<ReceivedSpan> sorted(List<ReceivedSpan> spans) {
    List<ReceivedSpan> copy = new ArrayList<>(spans);
    copy.sort(Comparator.comparingLong(ReceivedSpan::startEpochNanos));
    return copy;
  }

  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
