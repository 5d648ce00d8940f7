package dev.weft.bootstrap;

import dev.weft.bootstrap.propagation.W3CTraceContextPropagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@link OpenTelemetry} every instrumentation builds its {@code Instrumenter} from.
 *
 * <p>The SDK is built on a background thread so that {@code premain} returns quickly, yet a span
 * started in the first milliseconds of the application (a CLI tool's only HTTP call) must not be lost.
 * So this instance is a thin delegate: tracers and propagators resolve to the SDK once it is installed,
 * and a span started before that waits (bounded) for the SDK. Afterwards each span costs one volatile
 * read more than calling the SDK directly.
 */
public final class WeftOpenTelemetry {
  /** How long an early span waits for the SDK before it is dropped. */
  private static final long MAX_WAIT_MILLIS = 10_000;

  private static final CountDownLatch ready = new CountDownLatch(1);
  private static volatile OpenTelemetry delegate;
  private static volatile Thread initThread;
  private static volatile boolean gaveUp;

  private static final OpenTelemetry INSTANCE = new DelegatingOpenTelemetry();

  private WeftOpenTelemetry() {}

  public static OpenTelemetry get() {
    return INSTANCE;
  }

  /** Marks the thread that builds the SDK: spans it starts (none should) never wait for itself. */
  public static void setInitThread(Thread thread) {
    initThread = thread;
  }

  /** Installs the SDK (or a no-op when export is off or the SDK failed); wakes early spans. */
  public static void install(OpenTelemetry sdk) {
    delegate = sdk;
    ready.countDown();
  }

  public static boolean isInstalled() {
    return delegate != null;
  }

  private static OpenTelemetry awaitDelegate() {
    OpenTelemetry d = delegate;
    if (d != null) {
      return d;
    }
    if (gaveUp || Thread.currentThread() == initThread) {
      return OpenTelemetry.noop();
    }
    try {
      if (!ready.await(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        gaveUp = true;
        AgentLog.warn("the SDK was not ready after " + MAX_WAIT_MILLIS + " ms; spans are dropped until it is");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    d = delegate;
    return d != null ? d : OpenTelemetry.noop();
  }

  private static final class DelegatingOpenTelemetry implements OpenTelemetry {
    private final TracerProvider tracerProvider = new DelegatingTracerProvider();
    private final ContextPropagators propagators = new DelegatingPropagators();

    @Override
    public TracerProvider getTracerProvider() {
      return tracerProvider;
    }

    @Override
    public ContextPropagators getPropagators() {
      return propagators;
    }
  }

  private static final class DelegatingTracerProvider implements TracerProvider {
    @Override
    public Tracer get(String instrumentationScopeName) {
      return new DelegatingTracer(instrumentationScopeName, null, null);
    }

    @Override
    public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
      return new DelegatingTracer(instrumentationScopeName, instrumentationScopeVersion, null);
    }

    @Override
    public TracerBuilder tracerBuilder(String instrumentationScopeName) {
      return new DelegatingTracerBuilder(instrumentationScopeName);
    }
  }

  private static final class DelegatingTracerBuilder implements TracerBuilder {
    private final String name;
    private String version;
    private String schemaUrl;

    DelegatingTracerBuilder(String name) {
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
      return new DelegatingTracer(name, version, schemaUrl);
    }
  }

  /** Resolves the SDK's tracer for its scope once, on the first span after the SDK is installed. */
  private static final class DelegatingTracer implements Tracer {
    private final String name;
    private final String version;
    private final String schemaUrl;
    private volatile Tracer resolved;

    DelegatingTracer(String name, String version, String schemaUrl) {
      this.name = name;
      this.version = version;
      this.schemaUrl = schemaUrl;
    }

    @Override
    public SpanBuilder spanBuilder(String spanName) {
      Tracer t = resolved;
      if (t == null) {
        OpenTelemetry d = awaitDelegate();
        TracerBuilder builder = d.getTracerProvider().tracerBuilder(name);
        if (version != null) {
          builder.setInstrumentationVersion(version);
        }
        if (schemaUrl != null) {
          builder.setSchemaUrl(schemaUrl);
        }
        t = builder.build();
        if (delegate != null) {
          resolved = t;
        }
      }
      return t.spanBuilder(spanName);
    }
  }

  private static final class DelegatingPropagators implements ContextPropagators {
    private final TextMapPropagator propagator = new DelegatingPropagator();

    @Override
    public TextMapPropagator getTextMapPropagator() {
      return propagator;
    }
  }

  /**
   * The configured propagators ({@code OTEL_PROPAGATORS}). A request that arrives before the SDK is in
   * waits for it, as an early span does: extracting with a default instead would ignore a {@code b3} or
   * {@code baggage} configuration for the first requests. Only when the SDK never came (or on its own
   * init thread): Weft's W3C trace context, the default that matters.
   */
  private static final class DelegatingPropagator implements TextMapPropagator {
    private static TextMapPropagator current() {
      OpenTelemetry d = delegate;
      if (d == null) {
        awaitDelegate();
        d = delegate;
      }
      return d != null
          ? d.getPropagators().getTextMapPropagator()
          : W3CTraceContextPropagator.getInstance();
    }

    @Override
    public Collection<String> fields() {
      // Asked while instrumentations are set up: never waits.
      OpenTelemetry d = delegate;
      return d != null
          ? d.getPropagators().getTextMapPropagator().fields()
          : W3CTraceContextPropagator.getInstance().fields();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      current().inject(context, carrier, setter);
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      return current().extract(context, carrier, getter);
    }
  }
}
