package dev.weft.instrumentation.opentelemetryapi.v1_4;

import application.io.opentelemetry.api.trace.TracerBuilder;
import dev.weft.instrumentation.opentelemetryapi.bridge.BridgedTracerProvider;

/**
 * The 1.0 bridge's tracer provider plus API 1.4's {@code tracerBuilder(name)}, which would otherwise
 * run the API's default and hand the application a no-op tracer. Created by name by
 * {@link BridgedTracerProvider} when this class was injected.
 */
public final class TracerBuilderProvider extends BridgedTracerProvider {
  public TracerBuilderProvider() {}

  @Override
  public TracerBuilder tracerBuilder(String instrumentationScopeName) {
    return new BridgedTracerBuilder(instrumentationScopeName);
  }
}
