package dev.weft.testing.http;

import java.lang.reflect.Method;

/**
 * For scenario apps: a parent span and a look at the current span, through the agent's relocated
 * OpenTelemetry API on the bootstrap class path (by reflection: the app is compiled without the agent,
 * and the same app runs without it). Without the agent every method is a harmless no-op, and {@link
 * #isCurrent} answers true, so an app that prints its checks prints the same lines in both runs only
 * when the agent's context really is what the check expects.
 *
 * <p>Only JDK types here: this class is put on the forked application's class path.
 */
public final class TraceProbe implements AutoCloseable {
  private static final Method GET_TRACER;
  private static final Method SPAN_BUILDER;
  private static final Method START_SPAN;
  private static final Method MAKE_CURRENT;
  private static final Method CLOSE_SCOPE;
  private static final Method END_SPAN;
  private static final Method CURRENT_SPAN;
  private static final Method SPAN_CONTEXT;
  private static final Method SPAN_ID;
  private static final Object OPEN_TELEMETRY;

  static {
    Method[] m = new Method[9];
    Object otel = null;
    try {
      String api = "dev.weft.shaded.io.opentelemetry.";
      Class<?> weft = Class.forName("dev.weft.bootstrap.WeftOpenTelemetry");
      otel = weft.getMethod("get").invoke(null);
      m[0] = Class.forName(api + "api.OpenTelemetry").getMethod("getTracer", String.class);
      m[1] = Class.forName(api + "api.trace.Tracer").getMethod("spanBuilder", String.class);
      m[2] = Class.forName(api + "api.trace.SpanBuilder").getMethod("startSpan");
      Class<?> span = Class.forName(api + "api.trace.Span");
      m[3] = Class.forName(api + "context.ImplicitContextKeyed").getMethod("makeCurrent");
      m[4] = Class.forName(api + "context.Scope").getMethod("close");
      m[5] = span.getMethod("end");
      m[6] = span.getMethod("current");
      m[7] = span.getMethod("getSpanContext");
      m[8] = Class.forName(api + "api.trace.SpanContext").getMethod("getSpanId");
    } catch (ReflectiveOperationException | LinkageError noAgent) {
      otel = null;
    }
    OPEN_TELEMETRY = otel;
    GET_TRACER = m[0];
    SPAN_BUILDER = m[1];
    START_SPAN = m[2];
    MAKE_CURRENT = m[3];
    CLOSE_SCOPE = m[4];
    END_SPAN = m[5];
    CURRENT_SPAN = m[6];
    SPAN_CONTEXT = m[7];
    SPAN_ID = m[8];
  }

  private final Object span;
  private final Object scope;

  private TraceProbe(Object span, Object scope) {
    this.span = span;
    this.scope = scope;
  }

  public static boolean agentPresent() {
    return OPEN_TELEMETRY != null;
  }

  /** Starts an INTERNAL span with this name and makes it current until {@link #close}. */
  public static TraceProbe parentSpan(String name) {
    if (OPEN_TELEMETRY == null) {
      return new TraceProbe(null, null);
    }
    try {
      Object tracer = GET_TRACER.invoke(OPEN_TELEMETRY, "scenario");
      Object span = START_SPAN.invoke(SPAN_BUILDER.invoke(tracer, name));
      return new TraceProbe(span, MAKE_CURRENT.invoke(span));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The current span's id, "0000000000000000" when none; null without the agent. */
  public static String currentSpanId() {
    if (OPEN_TELEMETRY == null) {
      return null;
    }
    try {
      return (String) SPAN_ID.invoke(SPAN_CONTEXT.invoke(CURRENT_SPAN.invoke(null)));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether this probe's span is the current one on this thread (always true without the agent). */
  public boolean isCurrent() {
    return span == null || spanId().equals(currentSpanId());
  }

  /** Whether no span at all is current on this thread (always true without the agent). */
  public static boolean noSpanIsCurrent() {
    return OPEN_TELEMETRY == null || "0000000000000000".equals(currentSpanId());
  }

  private String spanId() {
    try {
      return (String) SPAN_ID.invoke(SPAN_CONTEXT.invoke(span));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Leaves the span's scope (on the thread that opened it) and ends the span. */
  @Override
  public void close() {
    if (span == null) {
      return;
    }
    try {
      CLOSE_SCOPE.invoke(scope);
      END_SPAN.invoke(span);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
