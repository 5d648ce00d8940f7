package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.api.baggage.Baggage;
import application.io.opentelemetry.api.baggage.BaggageBuilder;
import application.io.opentelemetry.api.baggage.BaggageEntryMetadata;
import application.io.opentelemetry.api.common.AttributeKey;
import application.io.opentelemetry.api.common.Attributes;
import application.io.opentelemetry.api.trace.Span;
import application.io.opentelemetry.api.trace.SpanContext;
import application.io.opentelemetry.api.trace.TraceFlags;
import application.io.opentelemetry.api.trace.TraceState;
import application.io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conversions between the application's OpenTelemetry API ({@code application.io.opentelemetry} in
 * these sources, the application's {@code io.opentelemetry} in the agent jar) and Weft's relocated one
 * ({@code io.opentelemetry} here). Only API 1.0 members are used, so any 1.x application API fits.
 * Enums are converted by name (no switch over the application's enum: a newer constant must not break).
 */
final class Bridging {
  private Bridging() {}

  static io.opentelemetry.api.trace.Span toAgent(Span span) {
    if (span instanceof BridgedSpan) {
      return ((BridgedSpan) span).agent;
    }
    // The application's own span (its own SDK, or Span.wrap of a remote parent): Weft sees its identity.
    return io.opentelemetry.api.trace.Span.wrap(toAgent(span.getSpanContext()));
  }

  static io.opentelemetry.api.trace.SpanContext toAgent(SpanContext sc) {
    if (sc == null || !sc.isValid()) {
      return io.opentelemetry.api.trace.SpanContext.getInvalid();
    }
    io.opentelemetry.api.trace.TraceFlags flags =
        io.opentelemetry.api.trace.TraceFlags.fromByte(sc.getTraceFlags().asByte());
    io.opentelemetry.api.trace.TraceState state = toAgent(sc.getTraceState());
    return sc.isRemote()
        ? io.opentelemetry.api.trace.SpanContext.createFromRemoteParent(sc.getTraceId(), sc.getSpanId(), flags, state)
        : io.opentelemetry.api.trace.SpanContext.create(sc.getTraceId(), sc.getSpanId(), flags, state);
  }

  static SpanContext toApplication(io.opentelemetry.api.trace.SpanContext sc) {
    if (!sc.isValid()) {
      return SpanContext.getInvalid();
    }
    TraceFlags flags = TraceFlags.fromByte(sc.getTraceFlags().asByte());
    TraceState state = toApplication(sc.getTraceState());
    return sc.isRemote()
        ? SpanContext.createFromRemoteParent(sc.getTraceId(), sc.getSpanId(), flags, state)
        : SpanContext.create(sc.getTraceId(), sc.getSpanId(), flags, state);
  }

  private static io.opentelemetry.api.trace.TraceState toAgent(TraceState state) {
    if (state == null || state.isEmpty()) {
      return io.opentelemetry.api.trace.TraceState.getDefault();
    }
    io.opentelemetry.api.trace.TraceStateBuilder b = io.opentelemetry.api.trace.TraceState.builder();
    List<Map.Entry<String, String>> entries = new ArrayList<>(state.asMap().entrySet());
    for (int i = entries.size() - 1; i >= 0; i--) { // put() adds in front: keep the order
      b.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    return b.build();
  }

  private static TraceState toApplication(io.opentelemetry.api.trace.TraceState state) {
    if (state.isEmpty()) {
      return TraceState.getDefault();
    }
    TraceStateBuilder b = TraceState.builder();
    List<Map.Entry<String, String>> entries = new ArrayList<>(state.asMap().entrySet());
    for (int i = entries.size() - 1; i >= 0; i--) {
      b.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    return b.build();
  }

  /** The same key in Weft's API, or null for an attribute type Weft's API does not know. */
  @SuppressWarnings("unchecked")
  static io.opentelemetry.api.common.AttributeKey<Object> toAgent(AttributeKey<?> key) {
    if (key == null || key.getType() == null) {
      return null;
    }
    String name = key.getKey();
    Object converted;
    switch (key.getType().name()) {
      case "STRING":
        converted = io.opentelemetry.api.common.AttributeKey.stringKey(name);
        break;
      case "BOOLEAN":
        converted = io.opentelemetry.api.common.AttributeKey.booleanKey(name);
        break;
      case "LONG":
        converted = io.opentelemetry.api.common.AttributeKey.longKey(name);
        break;
      case "DOUBLE":
        converted = io.opentelemetry.api.common.AttributeKey.doubleKey(name);
        break;
      case "STRING_ARRAY":
        converted = io.opentelemetry.api.common.AttributeKey.stringArrayKey(name);
        break;
      case "BOOLEAN_ARRAY":
        converted = io.opentelemetry.api.common.AttributeKey.booleanArrayKey(name);
        break;
      case "LONG_ARRAY":
        converted = io.opentelemetry.api.common.AttributeKey.longArrayKey(name);
        break;
      case "DOUBLE_ARRAY":
        converted = io.opentelemetry.api.common.AttributeKey.doubleArrayKey(name);
        break;
      default:
        return null;
    }
    return (io.opentelemetry.api.common.AttributeKey<Object>) converted;
  }

  static io.opentelemetry.api.common.Attributes toAgent(Attributes attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return io.opentelemetry.api.common.Attributes.empty();
    }
    final io.opentelemetry.api.common.AttributesBuilder b = io.opentelemetry.api.common.Attributes.builder();
    attributes.forEach((key, value) -> {
      io.opentelemetry.api.common.AttributeKey<Object> k = toAgent(key);
      if (k != null && value != null) {
        b.put(k, value);
      }
    });
    return b.build();
  }

  static io.opentelemetry.api.baggage.Baggage toAgent(Baggage baggage) {
    if (baggage == null || baggage.isEmpty()) {
      return io.opentelemetry.api.baggage.Baggage.empty();
    }
    final io.opentelemetry.api.baggage.BaggageBuilder b = io.opentelemetry.api.baggage.Baggage.builder();
    baggage.forEach((key, entry) ->
        b.put(key, entry.getValue(),
            io.opentelemetry.api.baggage.BaggageEntryMetadata.create(entry.getMetadata().getValue())));
    return b.build();
  }

  static Baggage toApplication(io.opentelemetry.api.baggage.Baggage baggage) {
    if (baggage.isEmpty()) {
      return Baggage.empty();
    }
    final BaggageBuilder b = Baggage.builder();
    baggage.forEach((key, entry) ->
        b.put(key, entry.getValue(), BaggageEntryMetadata.create(entry.getMetadata().getValue())));
    return b.build();
  }
}
