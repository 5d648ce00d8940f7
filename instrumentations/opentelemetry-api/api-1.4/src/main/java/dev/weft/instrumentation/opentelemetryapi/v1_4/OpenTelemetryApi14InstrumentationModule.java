package dev.weft.instrumentation.opentelemetryapi.v1_4;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The part of the application API bridge that needs API 1.4+: {@code TracerProvider.tracerBuilder(name)}
 * (and {@code OpenTelemetry.tracerBuilder}, which calls it). Only where the application's API has
 * {@code TracerBuilder}; on 1.0 to 1.3 this module does not apply and the 1.0 bridge works alone.
 * Same switch as the 1.0 bridge ({@code opentelemetry-api}).
 */
public final class OpenTelemetryApi14InstrumentationModule extends InstrumentationModule {
  static final String GLOBAL_OPEN_TELEMETRY = "application.io.opentelemetry.api.GlobalOpenTelemetry";
  private static final String BRIDGE = "dev.weft.instrumentation.opentelemetryapi.bridge.";
  private static final String V1_4 = "dev.weft.instrumentation.opentelemetryapi.v1_4.";

  public OpenTelemetryApi14InstrumentationModule() {
    super("opentelemetry-api");
  }

  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList(GLOBAL_OPEN_TELEMETRY, "application.io.opentelemetry.api.trace.TracerBuilder");
  }

  /**
   * The 1.0 bridge's tracer provider is listed too: it is the superclass of this module's, and the two
   * modules' helpers may be injected in either order (an injected helper is never injected twice).
   */
  @Override
  public List<String> helperClassNames() {
    return Arrays.asList(
        BRIDGE + "BridgedTracerProvider",
        BRIDGE + "BridgedTracerProvider$BridgedTracer",
        V1_4 + "TracerBuilderProvider",
        V1_4 + "BridgedTracerBuilder");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new GlobalOpenTelemetryHelpersInstrumentation());
  }
}
