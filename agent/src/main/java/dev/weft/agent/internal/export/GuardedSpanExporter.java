package dev.weft.agent.internal.export;

import dev.weft.bootstrap.AgentLog;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps each configured exporter so that a failing backend costs the application nothing but the
 * spans: failures are logged once, then at most once a minute with a count; and once the JVM is
 * shutting down, a backend known to be failing gets no final flush (waiting out its retries would hold
 * up the exit).
 */
public final class GuardedSpanExporter implements SpanExporter {
  private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final SpanExporter delegate;
  private final String target;
  private volatile boolean failing;
  private volatile boolean shuttingDown;
  private final AtomicLong failuresSinceWarning = new AtomicLong();
  private final AtomicLong droppedSinceWarning = new AtomicLong();
  private volatile long lastWarningNanos;
  private volatile boolean warnedOnce;

  public GuardedSpanExporter(SpanExporter delegate, String target) {
    this.delegate = delegate;
    this.target = target;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shuttingDown && failing) {
      return CompletableResultCode.ofFailure();
    }
    final int count = spans.size();
    final CompletableResultCode result;
    try {
      result = delegate.export(spans);
    } catch (Throwable t) {
      onFailure(count, t);
      return CompletableResultCode.ofFailure();
    }
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            onSuccess();
          } else {
            onFailure(count, result.getFailureThrowable());
          }
        });
    return result;
  }

  private void onSuccess() {
    if (failing) {
      failing = false;
      AgentLog.info("export to " + target + " works again");
    }
  }

  private void onFailure(int spanCount, Throwable cause) {
    failing = true;
    failuresSinceWarning.incrementAndGet();
    droppedSinceWarning.addAndGet(spanCount);
    long now = System.nanoTime();
    if (warnedOnce && now - lastWarningNanos < WARN_INTERVAL_NANOS) {
      return;
    }
    synchronized (this) {
      if (warnedOnce && now - lastWarningNanos < WARN_INTERVAL_NANOS) {
        return;
      }
      warnedOnce = true;
      lastWarningNanos = now;
      long failures = failuresSinceWarning.getAndSet(0);
      long dropped = droppedSinceWarning.getAndSet(0);
      AgentLog.warn(
          "export to " + target + " failed (" + describe(cause) + "): " + dropped + " span(s) dropped in "
              + failures + " export(s); the application is not affected. Next report in a minute at"
              + " the earliest.");
    }
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "no reason given";
    }
    String message = cause.getMessage();
    String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  /** Called when the JVM starts to shut down, before the final flush. */
  public void beginShutdown() {
    shuttingDown = true;
  }

  public boolean isFailing() {
    return failing;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "GuardedSpanExporter{" + delegate + "}";
  }
}
