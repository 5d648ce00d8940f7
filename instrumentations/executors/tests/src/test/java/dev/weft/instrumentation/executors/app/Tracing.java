package dev.weft.instrumentation.executors.app;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;

/**
 * The scenario app's way to make a span current. The application's own OpenTelemetry API is not
 * bridged to Weft (yet), so, for tests only, the app reaches the agent's relocated API on the bootstrap
 * class path: {@code dev.weft.bootstrap.WeftOpenTelemetry.get()} and the relocated {@code Span},
 * {@code Context} and {@code Scope}. Spans it starts are real agent spans: exported ones prove parent
 * links, and the ones it never ends are never exported (the 10,000-trace and soak scenarios).
 * Without the agent every call is a no-op and the trace id is empty.
 */
public final class Tracing {
  private static final String API = "dev.weft.shaded.io.opentelemetry.";
  public static final boolean AGENT;
  private static final Object TRACER;
  private static final MethodHandle SPAN_BUILDER;
  private static final MethodHandle SET_NO_PARENT;
  private static final MethodHandle START_SPAN;
  private static final MethodHandle MAKE_CURRENT;
  private static final MethodHandle END;
  private static final MethodHandle CURRENT;
  private static final MethodHandle SPAN_CONTEXT;
  private static final MethodHandle TRACE_ID;
  private static final MethodHandle SPAN_ID;
  private static final MethodHandle IS_VALID;
  private static final MethodHandle ATTACHED_COUNT;

  static {
    boolean agent;
    Object tracer = null;
    MethodHandle spanBuilder = null, setNoParent = null, startSpan = null, makeCurrent = null, end = null,
        current = null, spanContext = null, traceId = null, spanId = null, isValid = null, attached = null;
    try {
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      Class<?> otel = Class.forName(API + "api.OpenTelemetry");
      Class<?> tracerType = Class.forName(API + "api.trace.Tracer");
      Class<?> builder = Class.forName(API + "api.trace.SpanBuilder");
      Class<?> span = Class.forName(API + "api.trace.Span");
      Class<?> ctx = Class.forName(API + "api.trace.SpanContext");
      Class<?> scope = Class.forName(API + "context.Scope");
      Object instance = Class.forName("dev.weft.bootstrap.WeftOpenTelemetry").getMethod("get").invoke(null);
      tracer = otel.getMethod("getTracer", String.class).invoke(instance, "executors-test-app");
      spanBuilder = l.findVirtual(tracerType, "spanBuilder", MethodType.methodType(builder, String.class));
      setNoParent = l.findVirtual(builder, "setNoParent", MethodType.methodType(builder));
      startSpan = l.findVirtual(builder, "startSpan", MethodType.methodType(span));
      makeCurrent = l.findVirtual(span, "makeCurrent", MethodType.methodType(scope));
      end = l.findVirtual(span, "end", MethodType.methodType(void.class));
      current = l.findStatic(span, "current", MethodType.methodType(span));
      spanContext = l.findVirtual(span, "getSpanContext", MethodType.methodType(ctx));
      traceId = l.findVirtual(ctx, "getTraceId", MethodType.methodType(String.class));
      spanId = l.findVirtual(ctx, "getSpanId", MethodType.methodType(String.class));
      isValid = l.findVirtual(ctx, "isValid", MethodType.methodType(boolean.class));
      attached =
          l.findStatic(
              Class.forName("dev.weft.bootstrap.context.TaskContext"), "attachedCount", MethodType.methodType(int.class));
      agent = true;
    } catch (ClassNotFoundException noAgent) {
      agent = false;
    } catch (Exception e) {
      throw new IllegalStateException("the agent's bootstrap API changed", e);
    }
    AGENT = agent;
    TRACER = tracer;
    SPAN_BUILDER = spanBuilder;
    SET_NO_PARENT = setNoParent;
    START_SPAN = startSpan;
    MAKE_CURRENT = makeCurrent;
    END = end;
    CURRENT = current;
    SPAN_CONTEXT = spanContext;
    TRACE_ID = traceId;
    SPAN_ID = spanId;
    IS_VALID = isValid;
    ATTACHED_COUNT = attached;
  }

  private Tracing() {}

  /** Starts a span with no parent (a new trace); null without the agent. */
  public static Object startRoot(String name) {
    try {
      return AGENT ? START_SPAN.invoke(SET_NO_PARENT.invoke(SPAN_BUILDER.invoke(TRACER, name))) : null;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Starts a child of the current span (or a root when none is current). */
  public static Object startChild(String name) {
    try {
      return AGENT ? START_SPAN.invoke(SPAN_BUILDER.invoke(TRACER, name)) : null;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  public static AutoCloseable makeCurrent(Object span) {
    try {
      return AGENT ? (AutoCloseable) MAKE_CURRENT.invoke(span) : () -> {};
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  public static void end(Object span) {
    try {
      if (AGENT) {
        END.invoke(span);
      }
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** A child span of the current one, ended at once: what an instrumented call inside a task makes. */
  public static void child(String name) {
    end(startChild(name));
  }

  /** Runs {@code work} in a new trace whose root span is named {@code name}; the span is ended after. */
  public static <T> T inRoot(String name, Callable<T> work) throws Exception {
    Object root = startRoot(name);
    try (AutoCloseable ignored = makeCurrent(root)) {
      return work.call();
    } finally {
      end(root);
    }
  }

  /** The current trace id, or "" when no valid span is current (or no agent). */
  public static String traceId() {
    return id(TRACE_ID);
  }

  public static String spanId() {
    return id(SPAN_ID);
  }

  public static String traceId(Object span) {
    try {
      return AGENT ? (String) TRACE_ID.invoke(SPAN_CONTEXT.invoke(span)) : "";
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static String id(MethodHandle which) {
    if (!AGENT) {
      return "";
    }
    try {
      Object ctx = SPAN_CONTEXT.invoke(CURRENT.invoke());
      return (boolean) IS_VALID.invoke(ctx) ? (String) which.invoke(ctx) : "";
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * {@link #attachedCount()} once earlier scenarios' garbage is gone: entries are weakly keyed, and a
   * collected key leaves the count only after the reference handler has queued it, which happens
   * asynchronously after a GC. A baseline read without settling can drop by one mid-scenario.
   */
  public static int settledAttachedCount() throws InterruptedException {
    int previous = Integer.MIN_VALUE;
    for (int i = 0; i < 50; i++) {
      System.gc();
      Thread.sleep(20);
      int now = attachedCount();
      if (now == previous) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  /** Tasks holding a captured context right now ({@code TaskContext.attachedCount()}); -1 without the agent. */
  public static int attachedCount() {
    try {
      return AGENT ? (int) ATTACHED_COUNT.invoke() : -1;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
