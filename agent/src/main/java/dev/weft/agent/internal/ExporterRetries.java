package dev.weft.agent.internal;

import dev.weft.agent.internal.export.GuardedSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The OTLP exporters retry a failed request for seconds (five attempts, backoff from 1 s) before the
 * export as a whole fails; only then would Weft hear of it. Rebuilding them with the same retry policy
 * plus an observing exception predicate tells {@link GuardedSpanExporter} at the first refused or
 * timed-out attempt, so that a shutdown does not wait for an export that is only retrying.
 */
final class ExporterRetries {
  private ExporterRetries() {}

  /** The exporter, rebuilt to report failed attempts to the guard; unchanged if retries are off. */
  static SpanExporter observeFailedAttempts(
      SpanExporter exporter, ConfigProperties config, AtomicReference<GuardedSpanExporter> guard) {
    if (config.getBoolean("otel.java.exporter.otlp.retry.disabled", false)) {
      return exporter;
    }
    RetryPolicy observed =
        RetryPolicy.getDefault().toBuilder().setRetryExceptionPredicate(observer(guard)).build();
    SpanExporter rebuilt;
    if (exporter instanceof OtlpHttpSpanExporter) {
      rebuilt = ((OtlpHttpSpanExporter) exporter).toBuilder().setRetryPolicy(observed).build();
    } else if (exporter instanceof OtlpGrpcSpanExporter) {
      rebuilt = ((OtlpGrpcSpanExporter) exporter).toBuilder().setRetryPolicy(observed).build();
    } else {
      return exporter;
    }
    exporter.shutdown(); // never used; it has opened nothing yet
    return rebuilt;
  }

  static Predicate<IOException> observer(AtomicReference<GuardedSpanExporter> guard) {
    return e -> {
      GuardedSpanExporter g = guard.get();
      if (g != null) {
        g.attemptFailed(e);
      }
      return isRetryable(e);
    };
  }

  /** The SDK's own rule (1.65, RetryInterceptor.isRetryableException), which is not public. */
  static boolean isRetryable(IOException e) {
    return e instanceof SocketTimeoutException
        || e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof SocketException;
  }

  /** OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, else OTEL_EXPORTER_OTLP_TIMEOUT, else the SDK's 10 s. */
  static Duration timeout(ConfigProperties config) {
    Duration timeout = config.getDuration("otel.exporter.otlp.traces.timeout");
    if (timeout == null) {
      timeout = config.getDuration("otel.exporter.otlp.timeout");
    }
    return timeout == null ? Duration.ofSeconds(10) : timeout;
  }
}
