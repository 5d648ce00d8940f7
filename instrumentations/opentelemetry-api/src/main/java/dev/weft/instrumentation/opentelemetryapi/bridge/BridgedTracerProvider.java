package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.api.trace.SpanBuilder;
import application.io.opentelemetry.api.trace.Tracer;
import application.io.opentelemetry.api.trace.TracerProvider;
import dev.weft.bootstrap.AgentLog;
import dev.weft.bootstrap.WeftOpenTelemetry;

/**
 * Tracers of Weft's SDK under the application's instrumentation scope name and version.
 *
 * <p>This class is compiled against API 1.0, so it cannot override API 1.4's
 * {@code tracerBuilder(name)}. Where the application's API has it, the {@code opentelemetry-api} 1.4
 * part injects a subclass that does ({@value #WITH_TRACER_BUILDER}); {@link #INSTANCE} is that subclass
 * when it is there, looked up once by name because this part must also load on APIs 1.0 to 1.3.
 */
public class BridgedTracerProvider implements TracerProvider {
  static final String WITH_TRACER_BUILDER = "dev.weft.instrumentation.opentelemetryapi.v1_4.TracerBuilderProvider";
  static final BridgedTracerProvider INSTANCE = newest();

  protected BridgedTracerProvider() {}

  private static BridgedTracerProvider newest() {
    try {
      Class<?> withBuilder = Class.forName(WITH_TRACER_BUILDER, true, BridgedTracerProvider.class.getClassLoader());
      return (BridgedTracerProvider) withBuilder.getDeclaredConstructor().newInstance();
    } catch (Throwable notThere) {
      AgentLog.debug("the application's OpenTelemetry API has no TracerBuilder (before 1.4) or its 1.4 bridge was"
          + " skipped: tracerBuilder(name) stays the API's no-op, getTracer(name, version) is bridged");
      return new BridgedTracerProvider();
    }
  }

  @Override
  public Tracer get(String instrumentationScopeName) {
    return new BridgedTracer(WeftOpenTelemetry.get().getTracerProvider().get(instrumentationScopeName));
  }

  @Override
  public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
    return new BridgedTracer(
        WeftOpenTelemetry.get().getTracerProvider().get(instrumentationScopeName, instrumentationScopeVersion));
  }

  /** The application's tracer on one of Weft's. */
  public static final class BridgedTracer implements Tracer {
    private final io.opentelemetry.api.trace.Tracer agent;

    public BridgedTracer(io.opentelemetry.api.trace.Tracer agent) {
      this.agent = agent;
    }

    @Override
    public SpanBuilder spanBuilder(String spanName) {
      return new BridgedSpanBuilder(agent.spanBuilder(spanName));
    }
  }
}
