package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.context.Context;
import application.io.opentelemetry.context.propagation.ContextPropagators;
import application.io.opentelemetry.context.propagation.TextMapGetter;
import application.io.opentelemetry.context.propagation.TextMapPropagator;
import application.io.opentelemetry.context.propagation.TextMapSetter;
import dev.weft.bootstrap.WeftOpenTelemetry;
import java.util.Collection;

/** Weft's configured propagators ({@code OTEL_PROPAGATORS}) for the application's own inject/extract calls. */
final class BridgedPropagators implements ContextPropagators {
  static final BridgedPropagators INSTANCE = new BridgedPropagators();

  private final TextMapPropagator textMap = new BridgedTextMapPropagator();

  private BridgedPropagators() {}

  @Override
  public TextMapPropagator getTextMapPropagator() {
    return textMap;
  }

  static final class BridgedTextMapPropagator implements TextMapPropagator {
    private static io.opentelemetry.context.propagation.TextMapPropagator agent() {
      return WeftOpenTelemetry.get().getPropagators().getTextMapPropagator();
    }

    @Override
    public Collection<String> fields() {
      return agent().fields();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      if (setter != null) {
        agent().inject(BridgedContext.toAgent(context), carrier, new SetterBridge<C>(setter));
      }
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      if (getter == null) {
        return context;
      }
      return new BridgedContext(agent().extract(BridgedContext.toAgent(context), carrier, new GetterBridge<C>(getter)));
    }
  }

  static final class SetterBridge<C> implements io.opentelemetry.context.propagation.TextMapSetter<C> {
    private final TextMapSetter<C> application;

    SetterBridge(TextMapSetter<C> application) {
      this.application = application;
    }

    @Override
    public void set(C carrier, String key, String value) {
      application.set(carrier, key, value);
    }
  }

  static final class GetterBridge<C> implements io.opentelemetry.context.propagation.TextMapGetter<C> {
    private final TextMapGetter<C> application;

    GetterBridge(TextMapGetter<C> application) {
      this.application = application;
    }

    @Override
    public Iterable<String> keys(C carrier) {
      return application.keys(carrier);
    }

    @Override
    public String get(C carrier, String key) {
      return application.get(carrier, key);
    }
  }
}
