package dev.weft.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One span as a collector received it, flattened together with its resource and scope so that a
 * test can look at it without knowing OTLP's nesting.
 *
 * <p>Attribute values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code
 * byte[]}, {@link List} (arrays) or {@link Map} (key-value lists), exactly as they went over the
 * wire: an int attribute is a Long, because that is all OTLP has.
 */
public final class ReceivedSpan {

  /** Span kind, mirrored here so that the kit does not depend on opentelemetry-api. */
  public enum Kind {
    UNSPECIFIED,
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER
  }

  /** Span status code. */
  public enum StatusCode {
    UNSET,
    OK,
    ERROR
  }

  /** A span event, such as the {@code exception} event. */
  public record Event(String name, long epochNanos, Map<String, Object> attributes) {
    public Event {
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The attribute's value, or null if the event has no such attribute. */
    public Object attribute(String key) {
      return attributes.get(key);
    }

    @Override
    public String toString() {
      return name + Format.attributes(attributes);
    }
  }

  /** A link to another span. */
  public record Link(String traceId, String spanId, Map<String, Object> attributes) {
    public Link {
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    @Override
    public String toString() {
      return traceId + "/" + spanId + (attributes.isEmpty() ? "" : Format.attributes(attributes));
    }
  }

  private static final HexFormat HEX = HexFormat.of();

  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final String traceState;
  private final String name;
  private final Kind kind;
  private final StatusCode statusCode;
  private final String statusMessage;
  private final long startEpochNanos;
  private final long endEpochNanos;
  private final Map<String, Object> attributes;
  private final List<Event> events;
  private final List<Link> links;
  private final Map<String, Object> resourceAttributes;
  private final String scopeName;
  private final String scopeVersion;
  private final String scopeSchemaUrl;

  private ReceivedSpan(Span span, Map<String, Object> resourceAttributes, InstrumentationScope scope, String schemaUrl) {
    this.traceId = hex(span.getTraceId());
    this.spanId = hex(span.getSpanId());
    this.parentSpanId = hex(span.getParentSpanId());
    this.traceState = span.getTraceState();
    this.name = span.getName();
    this.kind = kind(span.getKind());
    this.statusCode = statusCode(span.getStatus().getCode());
    this.statusMessage = span.getStatus().getMessage();
    this.startEpochNanos = span.getStartTimeUnixNano();
    this.endEpochNanos = span.getEndTimeUnixNano();
    this.attributes = attributes(span.getAttributesList());
    List<Event> events = new ArrayList<>();
    for (Span.Event e : span.getEventsList()) {
      events.add(new Event(e.getName(), e.getTimeUnixNano(), attributes(e.getAttributesList())));
    }
    this.events = Collections.unmodifiableList(events);
    List<Link> links = new ArrayList<>();
    for (Span.Link l : span.getLinksList()) {
      links.add(new Link(hex(l.getTraceId()), hex(l.getSpanId()), attributes(l.getAttributesList())));
    }
    this.links = Collections.unmodifiableList(links);
    this.resourceAttributes = resourceAttributes;
    this.scopeName = scope.getName();
    this.scopeVersion = scope.getVersion();
    this.scopeSchemaUrl = schemaUrl;
  }

  /** Flattens every span of an OTLP export request, in the order they appear in it. */
  public static List<ReceivedSpan> fromRequest(ExportTraceServiceRequest request) {
    List<ReceivedSpan> result = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          result.add(new ReceivedSpan(span, resource, ss.getScope(), ss.getSchemaUrl()));
        }
      }
    }
    return result;
  }

  /** Lowercase hex, 32 characters. */
  public String traceId() {
    return traceId;
  }

  /** Lowercase hex, 16 characters. */
  public String spanId() {
    return spanId;
  }

  /** Lowercase hex, or "" for a root span. */
  public String parentSpanId() {
    return parentSpanId;
  }

  /** The W3C tracestate header value, "" when empty. */
  public String traceState() {
    return traceState;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public StatusCode statusCode() {
    return statusCode;
  }

  /** "" when the status has no description. */
  public String statusMessage() {
    return statusMessage;
  }

  public long startEpochNanos() {
    return startEpochNanos;
  }

  public long endEpochNanos() {
    return endEpochNanos;
  }

  public Duration duration() {
    return Duration.ofNanos(endEpochNanos - startEpochNanos);
  }

  /** Unmodifiable, in the order the exporter sent them. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  public List<Event> events() {
    return events;
  }

  public List<Link> links() {
    return links;
  }

  public Map<String, Object> resourceAttributes() {
    return resourceAttributes;
  }

  /** The instrumentation scope (tracer) name. */
  public String scopeName() {
    return scopeName;
  }

  /** "" when the tracer was created without a version. */
  public String scopeVersion() {
    return scopeVersion;
  }

  /** The schema URL the tracer was created with, "" when none. */
  public String scopeSchemaUrl() {
    return scopeSchemaUrl;
  }

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  /** The attribute's value, or null if the span has no such attribute. */
  public Object attribute(String key) {
    return attributes.get(key);
  }

  /** The attribute's value, or null if absent; fails if it is present but not a string. */
  public String stringAttribute(String key) {
    return typed(key, String.class);
  }

  /** The attribute's value, or null if absent; fails if it is present but not an integer. */
  public Long longAttribute(String key) {
    return typed(key, Long.class);
  }

  /** The attribute's value, or null if absent; fails if it is present but not a double. */
  public Double doubleAttribute(String key) {
    return typed(key, Double.class);
  }

  /** The attribute's value, or null if absent; fails if it is present but not a boolean. */
  public Boolean booleanAttribute(String key) {
    return typed(key, Boolean.class);
  }

  /** The resource attribute's value, or null if absent. */
  public Object resourceAttribute(String key) {
    return resourceAttributes.get(key);
  }

  private <T> T typed(String key, Class<T> type) {
    Object value = attributes.get(key);
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw new AssertionError(
        "attribute "
            + key
            + " is "
            + Format.describe(value)
            + ", not a "
            + type.getSimpleName()
            + "\nspan: "
            + this);
  }

  /** One line: name, kind, ids, status, attributes, events; long values are cut short. */
  @Override
  public String toString() {
    return describe(true);
  }

  /** Name, kind and span id: enough to point at a span listed in full elsewhere. */
  String label() {
    return '"' + name + "\" " + kind + " span=" + spanId;
  }

  /** As toString, optionally without the trace id (when listed under its trace). */
  String describe(boolean withTraceId) {
    StringBuilder sb = new StringBuilder();
    sb.append('"').append(name).append("\" ").append(kind);
    if (withTraceId) {
      sb.append(" trace=").append(traceId);
    }
    sb.append(" span=").append(spanId);
    sb.append(" parent=").append(parentSpanId.isEmpty() ? "none" : parentSpanId);
    if (statusCode != StatusCode.UNSET) {
      sb.append(" status=").append(statusCode);
      if (!statusMessage.isEmpty()) {
        sb.append("(").append(Format.shorten(statusMessage)).append(")");
      }
    }
    sb.append(' ').append(Format.attributes(attributes));
    if (!events.isEmpty()) {
      sb.append(" events=").append(events);
    }
    if (!links.isEmpty()) {
      sb.append(" links=").append(links);
    }
    sb.append(" scope=").append(scopeName);
    return sb.toString();
  }

  // Equality by identity of the span in its trace: the collector may legitimately receive the same
  // span twice (an exporter retry), and tests want to see both.
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, spanId);
  }

  private static String hex(ByteString bytes) {
    return bytes.isEmpty() ? "" : HEX.formatHex(bytes.toByteArray());
  }

  private static Kind kind(Span.SpanKind kind) {
    switch (kind) {
      case SPAN_KIND_INTERNAL:
        return Kind.INTERNAL;
      case SPAN_KIND_SERVER:
        return Kind.SERVER;
      case SPAN_KIND_CLIENT:
        return Kind.CLIENT;
      case SPAN_KIND_PRODUCER:
        return Kind.PRODUCER;
      case SPAN_KIND_CONSUMER:
        return Kind.CONSUMER;
      default:
        return Kind.UNSPECIFIED;
    }
  }

  private static StatusCode statusCode(io.opentelemetry.proto.trace.v1.Status.StatusCode code) {
    switch (code) {
      case STATUS_CODE_OK:
        return StatusCode.OK;
      case STATUS_CODE_ERROR:
        return StatusCode.ERROR;
      default:
        return StatusCode.UNSET;
    }
  }

  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case BYTES_VALUE:
        return value.getBytesValue().toByteArray();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue v : value.getArrayValue().getValuesList()) {
          list.add(value(v));
        }
        return Collections.unmodifiableList(list);
      case KVLIST_VALUE:
        return attributes(value.getKvlistValue().getValuesList());
      default:
        return null;
    }
  }
}
