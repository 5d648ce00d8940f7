package dev.weft.bootstrap.propagation;

import dev.weft.bootstrap.AgentLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;

/**
 * Weft's {@code tracecontext} propagator (W3C Trace Context Level 2), used wherever {@code
 * OTEL_PROPAGATORS} names {@code tracecontext} (the default). It differs from the OpenTelemetry API's
 * own in what the specification asks and that one does not do:
 *
 * <ul>
 *   <li>it sees every header line ({@link TextMapGetter#getAll}): several {@code traceparent} headers
 *       are ignored (a new trace starts), several {@code tracestate} lines are one list;
 *   <li>an invalid {@code tracestate} member is dropped, not the whole header; more than 32 members
 *       are truncated the way §3.3.1.5 says;
 *   <li>a higher {@code traceparent} version is read only when its tail is well-formed, and flags
 *       Level 2 does not define are sent as zero;
 *   <li>the {@code tracestate} received is forwarded as the same text, without re-serialising it.
 * </ul>
 *
 * Neither {@code extract} nor {@code inject} ever throws: whatever the carrier, getter or header
 * values, the worst outcome is a new trace.
 */
public final class W3CTraceContextPropagator implements TextMapPropagator {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  private static final Collection<String> FIELDS =
      Collections.unmodifiableList(Arrays.asList(TRACEPARENT, TRACESTATE));

  private static final W3CTraceContextPropagator INSTANCE = new W3CTraceContextPropagator();

  private W3CTraceContextPropagator() {}

  public static W3CTraceContextPropagator getInstance() {
    return INSTANCE;
  }

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    try {
      SpanContext spanContext = Span.fromContext(context).getSpanContext();
      String traceparent = TraceparentCodec.format(spanContext);
      if (traceparent == null) {
        return;
      }
      setter.set(carrier, TRACEPARENT, traceparent);
      String tracestate = TracestateCodec.format(spanContext.getTraceState());
      if (tracestate != null) {
        setter.set(carrier, TRACESTATE, tracestate);
      }
    } catch (RuntimeException e) {
      AgentLog.debug("trace context not injected", e);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      context = Context.root();
    }
    if (getter == null) {
      return context;
    }
    try {
      String traceparent = onlyValue(getter, carrier);
      if (traceparent == null) {
        return context;
      }
      int from = TraceparentCodec.owsStart(traceparent);
      int to = TraceparentCodec.owsEnd(traceparent, from);
      int flags = TraceparentCodec.flagsIfValid(traceparent, from, to);
      if (flags < 0) {
        return context; // §3.2.2: ignore the traceparent; and §3.3: then do not parse tracestate
      }
      TraceState traceState = traceState(getter, carrier);
      SpanContext parent =
          SpanContext.createFromRemoteParent(
              traceparent.substring(from + 3, from + 35),
              traceparent.substring(from + 36, from + 52),
              TraceFlags.fromByte((byte) flags),
              traceState);
      return parent.isValid() ? context.with(Span.wrap(parent)) : context;
    } catch (RuntimeException e) {
      AgentLog.debug("trace context not extracted", e);
      return context;
    }
  }

  /** §3.3: "failure to parse tracestate MUST NOT affect the parsing of traceparent", whatever fails. */
  private static <C> TraceState traceState(TextMapGetter<C> getter, C carrier) {
    try {
      return TracestateCodec.parse(values(getter, carrier, TRACESTATE));
    } catch (RuntimeException e) {
      AgentLog.debug("tracestate not read", e);
      return TraceState.getDefault();
    }
  }

  /**
   * The one {@code traceparent} value, or {@code null} when there is none or more than one: with
   * several, the caller's position is ambiguous, so all are ignored and a new trace starts (the W3C
   * test suite's {@code test_traceparent_duplicated}).
   */
  private static <C> String onlyValue(TextMapGetter<C> getter, C carrier) {
    Iterator<String> values = values(getter, carrier, TRACEPARENT);
    String only = null;
    while (values.hasNext()) {
      String value = values.next();
      if (value != null) {
        if (only != null) {
          return null;
        }
        only = value;
      }
    }
    return only;
  }

  /** Every header line of a field; a getter whose {@code getAll} returns null is asked with {@code get}. */
  private static <C> Iterator<String> values(TextMapGetter<C> getter, C carrier, String key) {
    Iterator<String> all = getter.getAll(carrier, key);
    if (all != null) {
      return all;
    }
    String one = getter.get(carrier, key);
    return one == null ? Collections.<String>emptyIterator() : Collections.singletonList(one).iterator();
  }

  @Override
  public String toString() {
    return "WeftW3CTraceContextPropagator";
  }
}
