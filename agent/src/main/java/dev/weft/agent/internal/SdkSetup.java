package dev.weft.agent.internal;

import dev.weft.agent.internal.export.DebugSpanLogger;
import dev.weft.agent.internal.export.GuardedSpanExporter;
import dev.weft.agent.internal.export.PerExporterBatching;
import dev.weft.bootstrap.AgentLog;
import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the OpenTelemetry SDK from the validated configuration through the SDK's own autoconfigure,
 * on a background thread so that {@code premain} does not pay for it, and installs it behind
 * {@link WeftOpenTelemetry}.
 */
final class SdkSetup {
  /**
   * How long an export that began before the shutdown may have been out, in all, before the final
   * flush gives up on it; and the wait when nothing is in flight yet. A healthy collector answers in
   * milliseconds; one that refuses, throttles or hangs would otherwise keep the JVM alive through its
   * retries and timeouts.
   */
  static final long FINAL_FLUSH_MILLIS = 1000;

  /**
   * The most the final flush may wait for an export the flush itself started, while nothing is known
   * against it (capped further by the exporter's own timeout). This is how a short-lived application
   * sends its spans, and a cold exporter on a busy machine may need more than a second for it.
   */
  static final long MAX_FRESH_FLUSH_MILLIS = 5000;

  /** Even for an export long out: the last batch may be on its way. */
  static final long MIN_FLUSH_MILLIS = 50;

  private static final long FLUSH_POLL_MILLIS = 20;

  /** How long the SDK's shutdown (cancelling requests still in flight) may take after the flush. */
  static final long SHUTDOWN_MILLIS = 300;

  private SdkSetup() {}

  static void startInBackground(final Map<String, String> config) {
    Thread init = new Thread(() -> build(config), "weft-sdk-init");
    init.setDaemon(true);
    WeftOpenTelemetry.setInitThread(init);
    init.start();
  }

  static void build(Map<String, String> config) {
    try {
      SdkLogRouter.install(AgentLog.isDebug());
      final List<GuardedSpanExporter> guards = new CopyOnWriteArrayList<>();
      final WeftConfig weftConfig = new WeftConfig(config);
      final AtomicLong maxFlushMillis = new AtomicLong(FINAL_FLUSH_MILLIS);
      final PerExporterBatching batching = new PerExporterBatching();
      AutoConfiguredOpenTelemetrySdk autoConfigured =
          AutoConfiguredOpenTelemetrySdk.builder()
              .setServiceClassLoader(SdkSetup.class.getClassLoader())
              .disableShutdownHook()
              .addPropertiesCustomizer(ignored -> config)
              .addPropagatorCustomizer(PropagatorWiring::customize)
              .addSpanExporterCustomizer(
                  (exporter, props) -> {
                    AtomicReference<GuardedSpanExporter> guardRef = new AtomicReference<>();
                    SpanExporter observed = ExporterRetries.observeFailedAttempts(exporter, props, guardRef);
                    GuardedSpanExporter guard = new GuardedSpanExporter(observed, describe(observed, weftConfig));
                    guardRef.set(guard);
                    guards.add(guard);
                    maxFlushMillis.set(
                        Math.max(maxFlushMillis.get(), freshFlushLimitMillis(ExporterRetries.timeout(props))));
                    return batching.register(guard, exporter);
                  })
              .addSpanProcessorCustomizer(batching::split)
              .addTracerProviderCustomizer(
                  (builder, props) ->
                      AgentLog.isDebug() ? builder.addSpanProcessor(new DebugSpanLogger()) : builder)
              .build();
      final OpenTelemetrySdk sdk = autoConfigured.getOpenTelemetrySdk();
      if (weftConfig.getBoolean("otel.sdk.disabled", false)) {
        // The SDK's "disabled" still has a tracer provider that starts (unexported, sampled) spans, so
        // calls would carry new traceparent headers. The specification asks for no-op telemetry: start
        // nothing, and pass on only the trace context that came in.
        WeftOpenTelemetry.install(OpenTelemetry.propagating(sdk.getPropagators()));
        return;
      }
      WeftOpenTelemetry.install(sdk);
      final long flushLimit = maxFlushMillis.get();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> shutdown(sdk.getSdkTracerProvider(), guards, flushLimit), "weft-shutdown"));
    } catch (Throwable t) {
      AgentLog.warn("the OpenTelemetry SDK could not be configured, so no spans are exported", t);
      WeftOpenTelemetry.install(OpenTelemetry.noop());
    }
  }

  private static void shutdown(SdkTracerProvider provider, List<GuardedSpanExporter> guards, long maxFlushMillis) {
    try {
      for (GuardedSpanExporter guard : guards) {
        guard.beginShutdown();
      }
      long waited = finalFlush(provider.forceFlush(), guards, FINAL_FLUSH_MILLIS, maxFlushMillis);
      // Before the exporters are shut down: that cancels what is in flight, which is no news.
      for (GuardedSpanExporter guard : guards) {
        guard.reportAtShutdown(waited);
      }
      for (GuardedSpanExporter guard : guards) {
        if (guard.hasExportInFlight()) {
          // Cancels the stuck request; else the SDK's shutdown waits for it behind the batch processor.
          guard.shutdown();
        }
      }
      provider.shutdown().join(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Throwable t) {
      AgentLog.debug("shutdown of the SDK failed", t);
    }
  }

  /**
   * Waits for the final flush, by what is known about the export it waits for:
   *
   * <ul>
   *   <li>known to be failing (an attempt failed, or the backend did before): not at all;
   *   <li>started by the flush itself, nothing known against it: up to {@code maxMillis};
   *   <li>started before the shutdown: until it has been running {@code baseMillis} (at least {@link
   *       #MIN_FLUSH_MILLIS}): one that has been out longer is retrying or hanging;
   *   <li>none in flight yet: up to {@code baseMillis}.
   * </ul>
   *
   * Returns how long it waited.
   */
  static long finalFlush(
      CompletableResultCode flush, List<GuardedSpanExporter> guards, long baseMillis, long maxMillis) {
    long start = System.nanoTime();
    while (true) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (flush.isDone()) {
        return elapsed;
      }
      long limit = baseMillis;
      boolean fresh = false;
      for (GuardedSpanExporter guard : guards) {
        if (guard.hasFailingExportInFlight()) {
          return elapsed;
        }
        fresh |= guard.hasFreshExportInFlight();
        long age = guard.inFlightMillisAtShutdown();
        if (age >= 0) {
          limit = Math.min(limit, Math.max(MIN_FLUSH_MILLIS, baseMillis - age));
        }
      }
      if (fresh) {
        limit = Math.max(baseMillis, maxMillis);
      }
      if (elapsed >= limit) {
        return elapsed;
      }
      flush.join(Math.min(FLUSH_POLL_MILLIS, limit - elapsed), TimeUnit.MILLISECONDS);
    }
  }

  /** Up to {@link #MAX_FRESH_FLUSH_MILLIS}, and never past the exporter's timeout. */
  static long freshFlushLimitMillis(Duration exporterTimeout) {
    long timeout = exporterTimeout.toMillis();
    return Math.max(FINAL_FLUSH_MILLIS, Math.min(MAX_FRESH_FLUSH_MILLIS, timeout <= 0 ? MAX_FRESH_FLUSH_MILLIS : timeout));
  }

  /** Where spans go, for messages. Never includes headers. */
  static String describe(Object exporter, WeftConfig config) {
    String name = exporter.getClass().getSimpleName();
    if (name.startsWith("Zipkin")) {
      return "zipkin " + ExporterTarget.zipkinEndpoint(config);
    }
    if (!name.startsWith("Otlp")) {
      return name.toLowerCase(Locale.ROOT).contains("console") ? "console" : name;
    }
    boolean grpc = !(exporter instanceof OtlpHttpSpanExporter);
    return (grpc ? "grpc " : "http/protobuf ") + ExporterTarget.endpoint(config);
  }
}
