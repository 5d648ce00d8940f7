package dev.weft.agent.internal;

import dev.weft.agent.internal.export.DebugSpanLogger;
import dev.weft.agent.internal.export.GuardedSpanExporter;
import dev.weft.bootstrap.AgentLog;
import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the OpenTelemetry SDK from the validated configuration through the SDK's own autoconfigure,
 * on a background thread so that {@code premain} does not pay for it, and installs it behind
 * {@link WeftOpenTelemetry}.
 */
final class SdkSetup {
  /**
   * The most the final flush may hold up JVM exit. A healthy collector takes milliseconds for the last
   * batch; one that refuses, errors or hangs would otherwise keep the JVM alive through its retries.
   */
  static final long FINAL_FLUSH_MILLIS = 1000;

  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static Logger exporterLogger;

  private SdkSetup() {}

  static void startInBackground(final Map<String, String> config) {
    Thread init = new Thread(() -> build(config), "weft-sdk-init");
    init.setDaemon(true);
    WeftOpenTelemetry.setInitThread(init);
    init.start();
  }

  static void build(Map<String, String> config) {
    try {
      quietSdkExporterLogging();
      final List<GuardedSpanExporter> guards = new CopyOnWriteArrayList<>();
      final WeftConfig weftConfig = new WeftConfig(config);
      AutoConfiguredOpenTelemetrySdk autoConfigured =
          AutoConfiguredOpenTelemetrySdk.builder()
              .setServiceClassLoader(SdkSetup.class.getClassLoader())
              .disableShutdownHook()
              .addPropertiesCustomizer(ignored -> config)
              .addSpanExporterCustomizer(
                  (exporter, props) -> {
                    GuardedSpanExporter guard = new GuardedSpanExporter(exporter, describe(exporter, weftConfig));
                    guards.add(guard);
                    return guard;
                  })
              .addTracerProviderCustomizer(
                  (builder, props) ->
                      AgentLog.isDebug() ? builder.addSpanProcessor(new DebugSpanLogger()) : builder)
              .build();
      final OpenTelemetrySdk sdk = autoConfigured.getOpenTelemetrySdk();
      WeftOpenTelemetry.install(sdk);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> shutdown(sdk.getSdkTracerProvider(), guards), "weft-shutdown"));
    } catch (Throwable t) {
      AgentLog.warn("the OpenTelemetry SDK could not be configured, so no spans are exported", t);
      WeftOpenTelemetry.install(OpenTelemetry.noop());
    }
  }

  private static void shutdown(SdkTracerProvider provider, List<GuardedSpanExporter> guards) {
    try {
      for (GuardedSpanExporter guard : guards) {
        guard.beginShutdown();
      }
      provider.forceFlush().join(FINAL_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
      // Shutting the exporters down cancels a request still in flight.
      provider.shutdown().join(300, TimeUnit.MILLISECONDS);
    } catch (Throwable t) {
      AgentLog.debug("shutdown of the SDK failed", t);
    }
  }

  /** Where spans go, for messages. Never includes headers. */
  static String describe(Object exporter, WeftConfig config) {
    String name = exporter.getClass().getSimpleName();
    if (!name.startsWith("Otlp")) {
      return name.toLowerCase(Locale.ROOT).contains("console") ? "console" : name;
    }
    boolean grpc = !(exporter instanceof OtlpHttpSpanExporter);
    return (grpc ? "grpc " : "http/protobuf ") + ExporterTarget.endpoint(config);
  }

  private static void quietSdkExporterLogging() {
    if (AgentLog.isDebug()) {
      return;
    }
    // Export failures are reported by GuardedSpanExporter, rate-limited and without stack traces.
    String sdk = OpenTelemetrySdk.class.getName();
    String root = sdk.substring(0, sdk.indexOf(".sdk."));
    exporterLogger = Logger.getLogger(root + ".exporter");
    exporterLogger.setLevel(Level.OFF);
  }
}
