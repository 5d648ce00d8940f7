package dev.weft.exporter.console;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns finished spans, arriving one at a time (SimpleSpanProcessor) or in batches in any order
 * (BatchSpanProcessor), into printable {@link Report}s: a local root with its subtree, spans that ended
 * after their tree was printed, or an incomplete trace whose root never came.
 *
 * <p>Memory is bounded twice: pending traces are printed incomplete after {@code timeoutNanos} or when
 * more than {@code maxBufferedSpans} spans are pending (oldest trace first); and the span ids remembered
 * for recognising late spans are forgotten after the same timeout or beyond the same count.
 *
 * <p>Not thread-safe: the exporter calls it under its lock.
 */
final class TraceAssembler {

  enum Kind {
    /** A local root and the part of its subtree that had ended by then. */
    COMPLETE,
    /** Spans whose parent was already printed (async work that outlived its root). */
    LATE,
    /** Spans whose local root did not end in time (timeout, buffer cap, flush or shutdown). */
    INCOMPLETE
  }

  /** One unit of output. The renderer rebuilds the tree from parent ids. */
  static final class Report {
    final Kind kind;
    final String traceId;
    final List<SpanData> spans;
    /** Epoch nanos the bars are scaled to: the root's extent, widened to cover every span shown. */
    final long windowStartNanos;
    final long windowEndNanos;
    /** LATE: the name of the root printed earlier (may be null); INCOMPLETE: why it is printed now. */
    final String note;

    Report(Kind kind, String traceId, List<SpanData> spans, long windowStart, long windowEnd, String note) {
      this.kind = kind;
      this.traceId = traceId;
      this.spans = spans;
      this.windowStartNanos = windowStart;
      this.windowEndNanos = windowEnd;
      this.note = note;
    }
  }

  private static final class Pending {
    final long firstSeenNanos;
    final Map<String, SpanData> spans = new LinkedHashMap<>();

    Pending(long firstSeenNanos) {
      this.firstSeenNanos = firstSeenNanos;
    }
  }

  /** What is left of a trace after printing: enough to recognise and place late spans. */
  private static final class Printed {
    final Set<String> spanIds = new HashSet<>();
    String rootName;
    long windowStartNanos = Long.MAX_VALUE;
    long windowEndNanos = Long.MIN_VALUE;
    long lastTouchedNanos;
  }

  private static final Comparator<SpanData> BY_END =
      new Comparator<SpanData>() {
        @Override
        public int compare(SpanData a, SpanData b) {
          return Long.compare(a.getEndEpochNanos(), b.getEndEpochNanos());
        }
      };

  private final long timeoutNanos;
  private final int maxBufferedSpans;
  // Both maps are kept oldest first (insertion order; Printed entries are re-inserted when touched),
  // so expiry and eviction only ever look at the head.
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
  private final LinkedHashMap<String, Printed> printed = new LinkedHashMap<>();
  private int bufferedSpans;
  private int rememberedSpanIds;

  TraceAssembler(long timeoutNanos, int maxBufferedSpans) {
    if (timeoutNanos <= 0 || maxBufferedSpans <= 0) {
      throw new IllegalArgumentException("timeout and maxBufferedSpans must be positive");
    }
    this.timeoutNanos = timeoutNanos;
    this.maxBufferedSpans = maxBufferedSpans;
  }

  static boolean isLocalRoot(SpanData span) {
    SpanContext parent = span.getParentSpanContext();
    return !parent.isValid() || parent.isRemote();
  }

  /** Adds a batch; returns what became printable because of it. */
  List<Report> add(Collection<SpanData> batch, long nowNanos) {
    List<Report> reports = new ArrayList<>();
    // Buffer the whole batch first: a batch may hold a root before its own children.
    List<SpanData> roots = new ArrayList<>();
    for (SpanData span : batch) {
      Pending trace = pending.get(span.getTraceId());
      if (trace == null) {
        trace = new Pending(nowNanos);
        pending.put(span.getTraceId(), trace);
      }
      if (trace.spans.put(span.getSpanId(), span) == null) {
        bufferedSpans++;
      }
      if (isLocalRoot(span)) {
        roots.add(span);
      }
    }

    // Roots in the order they ended, as a SimpleSpanProcessor would have delivered them.
    Collections.sort(roots, BY_END);
    for (SpanData root : roots) {
      Pending trace = pending.get(root.getTraceId());
      if (trace == null || trace.spans.get(root.getSpanId()) != root) {
        continue; // duplicate span id in one batch
      }
      List<SpanData> tree = take(root.getTraceId(), trace, root);
      remember(root.getTraceId(), tree, root.getName(), nowNanos);
      reports.add(report(Kind.COMPLETE, root.getTraceId(), tree, null));
    }

    // Spans whose parent was printed already; each takes its own buffered descendants along.
    Map<String, List<SpanData>> lateByTrace = new LinkedHashMap<>();
    for (SpanData span : batch) {
      Pending trace = pending.get(span.getTraceId());
      Printed done = printed.get(span.getTraceId());
      if (trace == null
          || done == null
          || trace.spans.get(span.getSpanId()) != span
          || !done.spanIds.contains(span.getParentSpanId())) {
        continue;
      }
      List<SpanData> late = lateByTrace.get(span.getTraceId());
      if (late == null) {
        late = new ArrayList<>();
        lateByTrace.put(span.getTraceId(), late);
      }
      late.addAll(take(span.getTraceId(), trace, span));
    }
    for (Map.Entry<String, List<SpanData>> e : lateByTrace.entrySet()) {
      // remember() widens the printed window to these spans: the bars then place them on the same
      // time axis as the tree printed earlier.
      Printed done = remember(e.getKey(), e.getValue(), null, nowNanos);
      reports.add(
          new Report(
              Kind.LATE,
              e.getKey(),
              e.getValue(),
              done.windowStartNanos,
              done.windowEndNanos,
              done.rootName));
    }

    while (bufferedSpans > maxBufferedSpans && !pending.isEmpty()) {
      String oldest = pending.keySet().iterator().next();
      reports.add(
          drain(oldest, "evicted, more than " + maxBufferedSpans + " spans were waiting", nowNanos));
    }
    return reports;
  }

  /** Prints traces whose root did not arrive within the timeout; forgets old printed traces. */
  List<Report> expire(long nowNanos) {
    List<Report> reports = new ArrayList<>();
    while (!pending.isEmpty()) {
      Map.Entry<String, Pending> oldest = pending.entrySet().iterator().next();
      if (nowNanos - oldest.getValue().firstSeenNanos < timeoutNanos) {
        break;
      }
      reports.add(
          drain(
              oldest.getKey(),
              "no local root within " + WaterfallRenderer.formatDuration(timeoutNanos),
              nowNanos));
    }
    Iterator<Printed> it = printed.values().iterator();
    while (it.hasNext()) {
      Printed done = it.next();
      if (nowNanos - done.lastTouchedNanos < timeoutNanos) {
        break;
      }
      rememberedSpanIds -= done.spanIds.size();
      it.remove();
    }
    return reports;
  }

  /** Everything still pending, as incomplete traces (flush, shutdown). */
  List<Report> drainAll(String reason, long nowNanos) {
    List<Report> reports = new ArrayList<>();
    while (!pending.isEmpty()) {
      reports.add(drain(pending.keySet().iterator().next(), reason, nowNanos));
    }
    return reports;
  }

  void forgetPrinted() {
    printed.clear();
    rememberedSpanIds = 0;
  }

  int bufferedSpans() {
    return bufferedSpans;
  }

  private Report drain(String traceId, String reason, long nowNanos) {
    Pending trace = pending.remove(traceId);
    List<SpanData> spans = new ArrayList<>(trace.spans.values());
    bufferedSpans -= spans.size();
    remember(traceId, spans, null, nowNanos);
    return report(Kind.INCOMPLETE, traceId, spans, reason);
  }

  /**
   * Removes {@code top} and its buffered descendants from the trace. Other local roots are not
   * descended into: each local root prints its own tree when it ends.
   */
  private List<SpanData> take(String traceId, Pending trace, SpanData top) {
    Map<String, List<SpanData>> children = new HashMap<>();
    for (SpanData s : trace.spans.values()) {
      if (!isLocalRoot(s)) {
        List<SpanData> siblings = children.get(s.getParentSpanId());
        if (siblings == null) {
          siblings = new ArrayList<>();
          children.put(s.getParentSpanId(), siblings);
        }
        siblings.add(s);
      }
    }
    List<SpanData> taken = new ArrayList<>();
    Deque<SpanData> stack = new ArrayDeque<>();
    stack.push(top);
    while (!stack.isEmpty()) {
      SpanData s = stack.pop();
      if (trace.spans.remove(s.getSpanId()) == null) {
        continue; // already taken: guards against duplicate ids forming a cycle
      }
      taken.add(s);
      List<SpanData> kids = children.get(s.getSpanId());
      if (kids != null) {
        for (SpanData kid : kids) {
          stack.push(kid);
        }
      }
    }
    bufferedSpans -= taken.size();
    if (trace.spans.isEmpty()) {
      pending.remove(traceId);
    }
    return taken;
  }

  private Printed remember(String traceId, List<SpanData> spans, String rootName, long nowNanos) {
    Printed done = printed.remove(traceId); // re-inserted below, so the map stays least recent first
    if (done == null) {
      done = new Printed();
    }
    if (done.rootName == null) {
      done.rootName = rootName;
    }
    for (SpanData s : spans) {
      if (done.spanIds.add(s.getSpanId())) {
        rememberedSpanIds++;
      }
      done.windowStartNanos = Math.min(done.windowStartNanos, s.getStartEpochNanos());
      done.windowEndNanos = Math.max(done.windowEndNanos, s.getEndEpochNanos());
    }
    done.lastTouchedNanos = nowNanos;
    printed.put(traceId, done);
    while (rememberedSpanIds > maxBufferedSpans && !printed.isEmpty()) {
      Iterator<Printed> it = printed.values().iterator();
      rememberedSpanIds -= it.next().spanIds.size();
      it.remove();
    }
    return done;
  }

  private static Report report(Kind kind, String traceId, List<SpanData> spans, String note) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (SpanData s : spans) {
      start = Math.min(start, s.getStartEpochNanos());
      end = Math.max(end, s.getEndEpochNanos());
    }
    return new Report(kind, traceId, spans, start, end, note);
  }
}
