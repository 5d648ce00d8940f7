package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.api.trace.SpanBuilder;
import application.io.opentelemetry.api.trace.Tracer;
import application.io.opentelemetry.api.trace.TracerProvider;
import dev.weft.bootstrap.WeftOpenTelemetry;

/**
 * Tracers of Weft's SDK under the application's instrumentation scope name and version. API 1.4+'s
 * {@code tracerBuilder(name)} is not bridged (this class is compiled against API 1.0): it runs the
 * API's default, a no-op builder, exactly as with a 1.0 SDK.
 */
final class BridgedTracerProvider implements TracerProvider {
  static final BridgedTracerProvider INSTANCE = new BridgedTracerProvider();

  private BridgedTracerProvider() {}

  @Override
  public Tracer get(String instrumentationScopeName) {
    return new BridgedTracer(WeftOpenTelemetry.get().getTracerProvider().get(instrumentationScopeName));
  }

  @Override
  public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
    return new BridgedTracer(
        WeftOpenTelemetry.get().getTracerProvider().get(instrumentationScopeName, instrumentationScopeVersion));
  }

  static final class BridgedTracer implements Tracer {
    private final io.opentelemetry.api.trace.Tracer agent;

    BridgedTracer(io.opentelemetry.api.trace.Tracer agent) {
      this.agent = agent;
    }

    @Override
    public SpanBuilder spanBuilder(String spanName) {
      return new BridgedSpanBuilder(agent.spanBuilder(spanName));
    }
  }
}
