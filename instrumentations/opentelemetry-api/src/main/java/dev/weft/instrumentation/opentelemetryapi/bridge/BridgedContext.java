package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.api.baggage.Baggage;
import application.io.opentelemetry.api.trace.Span;
import application.io.opentelemetry.context.Context;
import application.io.opentelemetry.context.ContextKey;
import dev.weft.bootstrap.WeakKeyMap;
import io.opentelemetry.instrumentation.api.internal.SpanKey;

/**
 * The application's view of Weft's context: one context for both, so {@code Span.current()} and
 * {@code Context.current()} agree on both sides. Everything lives in Weft's context: the current span
 * (converted), baggage (converted), and any other value the application stores under its own keys.
 *
 * <p>A span the application makes current is remembered together with its Weft counterpart: while
 * it is still the current span, the application gets back the very object it stored (its own SDK's
 * span stays its own, {@code Span.current() == span} holds); once Weft made a span of its own current
 * inside it, the application sees that one.
 */
final class BridgedContext implements Context {
  /** The application API's own (package-private) keys for the span and baggage, captured once. */
  static final ContextKey<Span> SPAN_KEY;
  static final ContextKey<Baggage> BAGGAGE_KEY;

  static {
    KeyCapture capture = new KeyCapture();
    Span.fromContextOrNull(capture);
    SPAN_KEY = capture.captured();
    Baggage.fromContextOrNull(capture);
    BAGGAGE_KEY = capture.captured();
  }

  private static final io.opentelemetry.context.ContextKey<ApplicationSpan> APPLICATION_SPAN =
      io.opentelemetry.context.ContextKey.named("weft-application-span");
  /** A context the application built without Weft (its API's own root), for its keys Weft never saw. */
  private static final io.opentelemetry.context.ContextKey<Context> APPLICATION_CONTEXT =
      io.opentelemetry.context.ContextKey.named("weft-application-context");
  private static final WeakKeyMap<ContextKey<?>, io.opentelemetry.context.ContextKey<Object>> KEYS =
      new WeakKeyMap<>();

  final io.opentelemetry.context.Context agent;

  BridgedContext(io.opentelemetry.context.Context agent) {
    this.agent = agent;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    if (key == SPAN_KEY) {
      return (V) applicationSpan(agent);
    }
    if (key == BAGGAGE_KEY) {
      io.opentelemetry.api.baggage.Baggage baggage = io.opentelemetry.api.baggage.Baggage.fromContextOrNull(agent);
      return baggage == null ? null : (V) Bridging.toApplication(baggage);
    }
    io.opentelemetry.context.ContextKey<Object> agentKey = KEYS.get(key);
    if (agentKey != null) {
      Object value = agent.get(agentKey);
      if (value != null) {
        return (V) value;
      }
    }
    Context own = agent.get(APPLICATION_CONTEXT);
    return own == null ? null : own.get(key);
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    if (key == SPAN_KEY) {
      return new BridgedContext(withApplicationSpan(agent, (Span) value));
    }
    if (key == BAGGAGE_KEY) {
      return new BridgedContext(agent.with(Bridging.toAgent((Baggage) value)));
    }
    io.opentelemetry.context.Context withValue = agent.with(agentKey(key), value);
    if (value == Boolean.TRUE && isSuppressionKey(key)) {
      withValue = suppressClientSpans(withValue);
    }
    return new BridgedContext(withValue);
  }

  /**
   * The application SDK's exporters mark their own export call with this key
   * ({@code InstrumentationUtil.suppressInstrumentation}): "suppress_instrumentation" in
   * {@code io.opentelemetry.api.internal} (API 1.41+), "suppress_internal_exporter_instrumentation" in
   * {@code io.opentelemetry.exporter.internal} (exporters before that). Both keys are private, so they are
   * told by name; only a {@code TRUE} value is looked at, so other keys cost one identity check.
   */
  private static boolean isSuppressionKey(ContextKey<?> key) {
    String name = key.toString();
    return "suppress_instrumentation".equals(name) || "suppress_internal_exporter_instrumentation".equals(name);
  }

  /**
   * Weft's client instrumentations then make no span: their {@code Instrumenter}s suppress a client span
   * inside one of the same kind, whichever suppression strategy is configured (by semantic-convention
   * key or by span kind), and an invalid span in those keys counts as one.
   */
  private static io.opentelemetry.context.Context suppressClientSpans(io.opentelemetry.context.Context agent) {
    io.opentelemetry.api.trace.Span none = io.opentelemetry.api.trace.Span.getInvalid();
    agent = SpanKey.KIND_CLIENT.storeInContext(agent, none);
    agent = SpanKey.HTTP_CLIENT.storeInContext(agent, none);
    agent = SpanKey.RPC_CLIENT.storeInContext(agent, none);
    return SpanKey.DB_CLIENT.storeInContext(agent, none);
  }

  /** Weft's context for any application context: unwrapped, or rebuilt from one the application made. */
  static io.opentelemetry.context.Context toAgent(Context context) {
    if (context instanceof BridgedContext) {
      return ((BridgedContext) context).agent;
    }
    io.opentelemetry.context.Context agent = io.opentelemetry.context.Context.root();
    if (context == null) {
      return agent;
    }
    agent = agent.with(APPLICATION_CONTEXT, context);
    Span span = Span.fromContextOrNull(context);
    if (span != null) {
      agent = withApplicationSpan(agent, span);
    }
    Baggage baggage = Baggage.fromContextOrNull(context);
    if (baggage != null) {
      agent = agent.with(Bridging.toAgent(baggage));
    }
    return agent;
  }

  private static io.opentelemetry.context.Context withApplicationSpan(io.opentelemetry.context.Context agent, Span span) {
    if (span == null) {
      span = Span.getInvalid();
    }
    io.opentelemetry.api.trace.Span agentSpan = Bridging.toAgent(span);
    return agent.with(agentSpan).with(APPLICATION_SPAN, new ApplicationSpan(span, agentSpan));
  }

  private static Span applicationSpan(io.opentelemetry.context.Context agent) {
    io.opentelemetry.api.trace.Span agentSpan = io.opentelemetry.api.trace.Span.fromContextOrNull(agent);
    if (agentSpan == null) {
      return null;
    }
    ApplicationSpan stored = agent.get(APPLICATION_SPAN);
    if (stored != null && stored.agent == agentSpan) {
      return stored.application;
    }
    return new BridgedSpan(agentSpan);
  }

  private static io.opentelemetry.context.ContextKey<Object> agentKey(ContextKey<?> key) {
    io.opentelemetry.context.ContextKey<Object> agentKey = KEYS.get(key);
    if (agentKey == null) {
      synchronized (KEYS) {
        agentKey = KEYS.get(key);
        if (agentKey == null) {
          agentKey = io.opentelemetry.context.ContextKey.named(String.valueOf(key));
          KEYS.put(key, agentKey);
        }
      }
    }
    return agentKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BridgedContext && ((BridgedContext) o).agent.equals(agent);
  }

  @Override
  public int hashCode() {
    return agent.hashCode();
  }

  @Override
  public String toString() {
    return agent.toString();
  }

  /** A span the application stored, and what Weft stored for it. */
  static final class ApplicationSpan {
    final Span application;
    final io.opentelemetry.api.trace.Span agent;

    ApplicationSpan(Span application, io.opentelemetry.api.trace.Span agent) {
      this.application = application;
      this.agent = agent;
    }
  }

  /** Records the key the application API asks for: how its package-private span and baggage keys are found. */
  static final class KeyCapture implements Context {
    private ContextKey<?> key;

    @Override
    public <V> V get(ContextKey<V> key) {
      this.key = key;
      return null;
    }

    @Override
    public <V> Context with(ContextKey<V> key, V value) {
      return this;
    }

    @SuppressWarnings("unchecked")
    <T> ContextKey<T> captured() {
      return (ContextKey<T>) key;
    }
  }
}
