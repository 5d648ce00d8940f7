package dev.weft.exporter.console;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Prints each trace as an indented waterfall when its local root span ends (a span whose parent is
 * invalid or remote): the view a user would otherwise open a tracing UI for.
 *
 * <p>Works under either span processor: with a SimpleSpanProcessor (what autoconfigure uses for an
 * exporter named "console") spans arrive one by one as they end; with a BatchSpanProcessor in batches,
 * in any order. Spans wait in a bounded buffer until their local root arrives; see {@link
 * TraceAssembler} for the timeout and cap. There is no thread of its own: the timeout is checked on
 * every export and on flush/shutdown, which print whatever is still buffered.
 *
 * <p>Each trace is written with a single {@code print} of a fully built string, so traces printed from
 * different threads never interleave line by line.
 */
public final class ConsoleWaterfallExporter implements SpanExporter {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_BUFFERED_SPANS = 10_000;

  private final PrintStream out;
  private final WaterfallRenderer renderer;
  private final Clock clock;
  private final Object lock = new Object();
  private final TraceAssembler assembler; // guarded by lock
  private boolean shutdown; // guarded by lock

  public ConsoleWaterfallExporter(PrintStream out) {
    this(out, DEFAULT_TIMEOUT, DEFAULT_MAX_BUFFERED_SPANS);
  }

  /**
   * @param timeout how long spans wait for their local root before being printed as incomplete
   * @param maxBufferedSpans how many spans may wait at once; beyond it the oldest trace is printed
   */
  public ConsoleWaterfallExporter(PrintStream out, Duration timeout, int maxBufferedSpans) {
    this(out, timeout, maxBufferedSpans, new WaterfallRenderer(), Clock.getDefault());
  }

  ConsoleWaterfallExporter(
      PrintStream out,
      Duration timeout,
      int maxBufferedSpans,
      WaterfallRenderer renderer,
      Clock clock) {
    if (out == null) {
      throw new NullPointerException("out");
    }
    this.out = out;
    this.renderer = renderer;
    this.clock = clock;
    this.assembler = new TraceAssembler(timeout.toNanos(), maxBufferedSpans);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    try {
      List<TraceAssembler.Report> reports;
      synchronized (lock) {
        if (shutdown) {
          return CompletableResultCode.ofFailure();
        }
        long now = clock.nanoTime();
        List<TraceAssembler.Report> added = assembler.add(spans, now);
        reports = assembler.expire(now); // older traces first
        reports.addAll(added);
      }
      return print(reports);
    } catch (Throwable t) {
      // An exporter must never break the application thread that ended the span.
      return CompletableResultCode.ofFailure();
    }
  }

  /** Prints every buffered span now, as incomplete traces; a later root is still printed when it ends. */
  @Override
  public CompletableResultCode flush() {
    try {
      List<TraceAssembler.Report> reports;
      synchronized (lock) {
        long now = clock.nanoTime();
        reports = assembler.expire(now);
        reports.addAll(assembler.drainAll("local root had not ended at flush", now));
      }
      return print(reports);
    } catch (Throwable t) {
      return CompletableResultCode.ofFailure();
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    try {
      List<TraceAssembler.Report> reports;
      synchronized (lock) {
        if (shutdown) {
          return CompletableResultCode.ofSuccess();
        }
        shutdown = true;
        reports = assembler.drainAll("local root had not ended at shutdown", clock.nanoTime());
        assembler.forgetPrinted();
      }
      return print(reports);
    } catch (Throwable t) {
      return CompletableResultCode.ofFailure();
    }
  }

  /** Rendering and printing happen outside the lock: a slow console must not stall other exporters. */
  private CompletableResultCode print(List<TraceAssembler.Report> reports) {
    boolean ok = true;
    for (TraceAssembler.Report report : reports) {
      try {
        out.print(renderer.render(report));
      } catch (Throwable t) {
        ok = false; // one unprintable trace must not cost the others
      }
    }
    if (!reports.isEmpty()) {
      out.flush();
    }
    return ok ? CompletableResultCode.ofSuccess() : CompletableResultCode.ofFailure();
  }

  int bufferedSpans() {
    synchronized (lock) {
      return assembler.bufferedSpans();
    }
  }

  @Override
  public String toString() {
    return "ConsoleWaterfallExporter{}";
  }
}
