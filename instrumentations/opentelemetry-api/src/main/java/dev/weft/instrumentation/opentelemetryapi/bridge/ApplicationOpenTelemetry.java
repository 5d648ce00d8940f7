package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.api.OpenTelemetry;
import application.io.opentelemetry.api.trace.TracerProvider;
import application.io.opentelemetry.context.propagation.ContextPropagators;
import dev.weft.bootstrap.AgentLog;

/**
 * What {@code GlobalOpenTelemetry.get()} returns to an application that set no OpenTelemetry of its
 * own: Weft's tracers and propagators behind the application's API.
 *
 * <p>An application that set its own ({@code GlobalOpenTelemetry.set}, {@code buildAndRegisterGlobal},
 * the SDK's global autoconfiguration) keeps it: its spans go to its own exporter. They still share the
 * one context, so its spans and Weft's link up in one trace (see {@link BridgedContext}).
 */
public final class ApplicationOpenTelemetry implements OpenTelemetry {
  public static final ApplicationOpenTelemetry INSTANCE = new ApplicationOpenTelemetry();
  private static volatile boolean ownReported;

  private ApplicationOpenTelemetry() {}

  /** Weft's bridge in place of the API's no-op; anything else the application set is left alone. */
  public static OpenTelemetry bridgeIfNoop(OpenTelemetry fromApi) {
    if (fromApi == null || fromApi == INSTANCE) {
      return INSTANCE;
    }
    TracerProvider tracerProvider = fromApi.getTracerProvider();
    if (tracerProvider == TracerProvider.noop() || tracerProvider == INSTANCE.getTracerProvider()) {
      return INSTANCE;
    }
    if (!ownReported) {
      ownReported = true;
      AgentLog.debug("the application set its own OpenTelemetry (" + tracerProvider.getClass().getName()
          + "): Weft leaves it alone; its spans go to its own exporter and share Weft's context");
    }
    return fromApi;
  }

  @Override
  public TracerProvider getTracerProvider() {
    return BridgedTracerProvider.INSTANCE;
  }

  @Override
  public ContextPropagators getPropagators() {
    return BridgedPropagators.INSTANCE;
  }
}
