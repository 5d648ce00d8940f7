package dev.weft.instrumentation.opentelemetryapi.v1_4;

import application.io.opentelemetry.api.trace.Tracer;
import application.io.opentelemetry.api.trace.TracerBuilder;
import dev.weft.bootstrap.WeftOpenTelemetry;
import dev.weft.instrumentation.opentelemetryapi.bridge.BridgedTracerProvider.BridgedTracer;

/** The application's tracer builder: scope name, version and schema URL go to Weft's tracer builder. */
final class BridgedTracerBuilder implements TracerBuilder {
  private final String name;
  private String version;
  private String schemaUrl;

  BridgedTracerBuilder(String name) {
    this.name = name;
  }

  @Override
  public TracerBuilder setSchemaUrl(String schemaUrl) {
    this.schemaUrl = schemaUrl;
    return this;
  }

  @Override
  public TracerBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
    this.version = instrumentationScopeVersion;
    return this;
  }

  @Override
  public Tracer build() {
    io.opentelemetry.api.trace.TracerBuilder agent = WeftOpenTelemetry.get().getTracerProvider().tracerBuilder(name);
    if (version != null) {
      agent.setInstrumentationVersion(version);
    }
    if (schemaUrl != null) {
      agent.setSchemaUrl(schemaUrl);
    }
    return new BridgedTracer(agent.build());
  }
}
