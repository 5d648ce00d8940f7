package dev.weft.agent.internal.export;

import dev.weft.bootstrap.AgentLog;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Wraps each configured exporter so that a failing backend costs the application nothing but the
 * spans: failures are reported once, then at most once a minute with a count; once the JVM is shutting
 * down, a backend known to be failing gets no final flush (waiting out its retries would hold up the
 * exit).
 *
 * <p>An export that fails slowly (retries against a refusing or throttling collector take seconds, a
 * hanging one takes the whole timeout) may not have failed yet when a short-lived application exits.
 * So the shutdown hook asks {@link #reportAtShutdown} for one last report: whatever failed or was still
 * in flight and has not been reported yet gets the single warning, and nothing is said twice.
 */
public final class GuardedSpanExporter implements SpanExporter {
  static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_REASON_LENGTH = 300;

  private final SpanExporter delegate;
  private final String target;
  private final Consumer<String> warnings;
  private final Consumer<String> notices;
  private final LongSupplier nanoClock;

  private volatile boolean failing;
  private volatile boolean shuttingDown;
  private volatile String lastFailure = "no reason given";
  private final AtomicLong failuresSinceWarning = new AtomicLong();
  private final AtomicLong droppedSinceWarning = new AtomicLong();
  private final AtomicInteger exportsInFlight = new AtomicInteger();
  private final AtomicLong spansInFlight = new AtomicLong();
  private final AtomicBoolean delegateShutDown = new AtomicBoolean();
  private volatile long inFlightSinceNanos;
  private volatile long shutdownStartNanos;
  private volatile String lastAttemptFailure;
  private volatile long lastAttemptFailureNanos;
  private long lastWarningNanos; // guarded by this
  private boolean warnedOnce; // guarded by this

  public GuardedSpanExporter(SpanExporter delegate, String target) {
    this(delegate, target, AgentLog::warn, AgentLog::info, System::nanoTime);
  }

  GuardedSpanExporter(
      SpanExporter delegate,
      String target,
      Consumer<String> warnings,
      Consumer<String> notices,
      LongSupplier nanoClock) {
    this.delegate = delegate;
    this.target = target;
    this.warnings = warnings;
    this.notices = notices;
    this.nanoClock = nanoClock;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    final int count = spans.size();
    if (shuttingDown && failing) {
      droppedSinceWarning.addAndGet(count);
      return CompletableResultCode.ofFailure();
    }
    final CompletableResultCode result;
    long startNanos = nanoClock.getAsLong();
    if (exportsInFlight.incrementAndGet() == 1) {
      inFlightSinceNanos = startNanos;
    }
    spansInFlight.addAndGet(count);
    try {
      result = delegate.export(spans);
    } catch (Throwable t) {
      exportsInFlight.decrementAndGet();
      spansInFlight.addAndGet(-count);
      onFailure(count, t);
      return CompletableResultCode.ofFailure();
    }
    result.whenComplete(
        () -> {
          exportsInFlight.decrementAndGet();
          spansInFlight.addAndGet(-count);
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
      if (!shuttingDown) {
        notices.accept("export to " + target + " works again");
      }
    }
  }

  private void onFailure(int spanCount, Throwable cause) {
    lastFailure = describe(cause);
    failing = true;
    failuresSinceWarning.incrementAndGet();
    droppedSinceWarning.addAndGet(spanCount);
    if (shuttingDown) {
      return; // reportAtShutdown speaks for the shutdown; exports cancelled by it are no news
    }
    synchronized (this) {
      if (recentlyWarned()) {
        return;
      }
      long failures = failuresSinceWarning.getAndSet(0);
      long dropped = droppedSinceWarning.getAndSet(0);
      warn(
          "export to " + target + " failed (" + lastFailure + "): " + dropped + " span(s) dropped in "
              + failures + " export(s); the application is not affected. Next report in a minute at"
              + " the earliest.");
    }
  }

  private boolean recentlyWarned() {
    return warnedOnce && nanoClock.getAsLong() - lastWarningNanos < WARN_INTERVAL_NANOS;
  }

  private void warn(String message) {
    warnedOnce = true;
    lastWarningNanos = nanoClock.getAsLong();
    warnings.accept(message);
  }

  /**
   * Called by the exporter's retry policy for each attempt that failed with an exception (connection
   * refused, timed out, reset): the export goes on retrying for seconds, but Weft knows now.
   */
  public void attemptFailed(Throwable cause) {
    lastAttemptFailure = describe(cause);
    lastAttemptFailureNanos = nanoClock.getAsLong();
  }

  /** Called when the JVM starts to shut down, before the final flush. */
  public void beginShutdown() {
    shutdownStartNanos = nanoClock.getAsLong();
    shuttingDown = true;
  }

  /**
   * An export is in flight that will most likely not succeed: an attempt of it already failed, or
   * the backend failed before. Waiting for it only holds up the exit.
   */
  public boolean hasFailingExportInFlight() {
    if (exportsInFlight.get() == 0) {
      return false;
    }
    return failing || (lastAttemptFailure != null && lastAttemptFailureNanos - inFlightSinceNanos >= 0);
  }

  /**
   * An export started by the final flush is in flight, with nothing known against it: most likely a
   * cold exporter (its first request loads and connects everything) on a busy machine, worth waiting
   * for. A short-lived application's spans all go out this way.
   */
  public boolean hasFreshExportInFlight() {
    return shuttingDown
        && exportsInFlight.get() > 0
        && inFlightSinceNanos - shutdownStartNanos >= 0
        && !hasFailingExportInFlight();
  }

  /**
   * How long, at the start of the shutdown, the export still in flight had been running; -1 if none
   * is, or it started after.
   */
  public long inFlightMillisAtShutdown() {
    if (!shuttingDown || exportsInFlight.get() == 0 || inFlightSinceNanos - shutdownStartNanos >= 0) {
      return -1;
    }
    return TimeUnit.NANOSECONDS.toMillis(shutdownStartNanos - inFlightSinceNanos);
  }

  public boolean hasExportInFlight() {
    return exportsInFlight.get() > 0;
  }

  /**
   * Called by the shutdown hook once the final flush has completed or been given up on: one warning
   * for failures not reported yet and for exports still in flight, unless a warning went out within
   * the last minute (it told the user already).
   */
  public void reportAtShutdown(long waitedMillis) {
    synchronized (this) {
      int inFlight = exportsInFlight.get();
      long failures = failuresSinceWarning.get();
      if ((failures == 0 && inFlight == 0) || recentlyWarned()) {
        return;
      }
      long dropped = droppedSinceWarning.getAndSet(0);
      failuresSinceWarning.set(0);
      StringBuilder message = new StringBuilder("export to ").append(target);
      if (failures > 0) {
        message.append(" failed (").append(lastFailure).append("): ").append(dropped)
            .append(" span(s) dropped in ").append(failures).append(" export(s)");
        if (inFlight > 0) {
          message.append(", and ");
        }
      } else {
        message.append(": ");
      }
      if (inFlight > 0) {
        String attempt = lastAttemptFailure != null && lastAttemptFailureNanos - inFlightSinceNanos >= 0
            ? "retrying after " + lastAttemptFailure
            : "waiting for an answer (the collector may be unreachable, slow or asking to retry)";
        message.append("an export of ").append(spansInFlight.get()).append(" span(s) was still ")
            .append(attempt).append(" when the JVM exited, after a final wait of ").append(waitedMillis)
            .append(" ms; its spans and those queued behind it are dropped");
      }
      warn(message.append("; the application is not affected.").toString());
    }
  }

  public boolean isFailing() {
    return failing;
  }

  /** What went wrong, in one short line: the HTTP status or gRPC code, else the exception. */
  static String describe(Throwable cause) {
    if (cause == null) {
      return "no reason given";
    }
    String text = null;
    if (cause instanceof FailedExportException.HttpExportException) {
      HttpResponse response = ((FailedExportException.HttpExportException) cause).getResponse();
      if (response != null) {
        String message = response.getStatusMessage();
        text = "HTTP " + response.getStatusCode() + (isBlank(message) ? "" : " " + message.trim());
      }
    } else if (cause instanceof FailedExportException.GrpcExportException) {
      GrpcResponse response = ((FailedExportException.GrpcExportException) cause).getResponse();
      if (response != null) {
        String description = response.getStatusDescription();
        text = "gRPC " + response.getStatusCode() + (isBlank(description) ? "" : ": " + description.trim());
      }
    }
    if (text == null) {
      Throwable shown = cause instanceof FailedExportException && cause.getCause() != null ? cause.getCause() : cause;
      String message = shown.getMessage();
      text = shown.getClass().getSimpleName() + (isBlank(message) ? "" : ": " + message.trim());
    }
    text = text.replace('\n', ' ').replace('\r', ' ');
    return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) + "…" : text;
  }

  private static boolean isBlank(String s) {
    return s == null || s.trim().isEmpty();
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    // Once from the shutdown hook to cancel a stuck request, once more from the SDK's own shutdown.
    return delegateShutDown.compareAndSet(false, true) ? delegate.shutdown() : CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "GuardedSpanExporter{" + delegate + "}";
  }
}
