package dev.weft.instrumentation.opentelemetryapi;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * The application's own OpenTelemetry API (1.0 and newer) bridged to Weft: one context for both, and
 * Weft's tracers behind {@code GlobalOpenTelemetry} unless the application set its own SDK.
 *
 * <p>Class names of the application's API are written {@code application.io.opentelemetry...} in these
 * sources; the agent jar's relocation turns them into the application's {@code io.opentelemetry...}
 * (a plain {@code io.opentelemetry} would be relocated to Weft's own copy). The bridge classes are
 * compiled against API 1.0; the reference check skips (debug line) any API version that lacks
 * something they use.
 */
public final class OpenTelemetryApiInstrumentationModule extends InstrumentationModule {
  static final String GLOBAL_OPEN_TELEMETRY = "application.io.opentelemetry.api.GlobalOpenTelemetry";
  static final String CONTEXT_STORAGE = "application.io.opentelemetry.context.ContextStorage";
  static final String LAZY_STORAGE = "application.io.opentelemetry.context.LazyStorage";
  private static final String BRIDGE = "dev.weft.instrumentation.opentelemetryapi.bridge.";

  public OpenTelemetryApiInstrumentationModule() {
    super("opentelemetry-api");
  }

  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList(GLOBAL_OPEN_TELEMETRY, CONTEXT_STORAGE);
  }

  @Override
  public List<String> helperClassNames() {
    return Arrays.asList(
        BRIDGE + "Bridging",
        BRIDGE + "BridgedContext",
        BRIDGE + "BridgedContext$ApplicationSpan",
        BRIDGE + "BridgedContext$KeyCapture",
        BRIDGE + "BridgedContextStorage",
        BRIDGE + "BridgedContextStorage$BridgedScope",
        BRIDGE + "BridgedSpan",
        BRIDGE + "BridgedSpanBuilder",
        BRIDGE + "BridgedTracerProvider",
        BRIDGE + "BridgedTracerProvider$BridgedTracer",
        BRIDGE + "BridgedPropagators",
        BRIDGE + "BridgedPropagators$BridgedTextMapPropagator",
        BRIDGE + "BridgedPropagators$SetterBridge",
        BRIDGE + "BridgedPropagators$GetterBridge",
        BRIDGE + "ApplicationOpenTelemetry");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new ContextStorageInstrumentation(), new GlobalOpenTelemetryInstrumentation());
  }
}
