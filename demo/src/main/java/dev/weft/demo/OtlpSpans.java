package dev.weft.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP protobuf spans to SDK {@link io.opentelemetry.sdk.trace.data.SpanData}: the inverse of what the
 * agent's OTLP exporter encodes, for the fields the waterfall shows and a little more (links, dropped
 * counts), so the demo could hand the spans to any SDK exporter.
 */
final class OtlpSpans {
  private static final HexFormat HEX = HexFormat.of();

  private OtlpSpans() {}

  /** Every span of the request, each with its resource and scope; parents are taken as local. */
  static List<ReceivedSpanData> fromRequest(ExportTraceServiceRequest request) {
    List<ReceivedSpanData> result = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Resource resource = Resource.create(attributes(resourceSpans.getResource().getAttributesList()));
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        InstrumentationScopeInfo scope = scope(scopeSpans.getScope());
        for (Span span : scopeSpans.getSpansList()) {
          result.add(fromSpan(span, resource, scope));
        }
      }
    }
    return result;
  }

  static ReceivedSpanData fromSpan(Span span, Resource resource, InstrumentationScopeInfo scope) {
    Attributes attributes = attributes(span.getAttributesList());
    List<EventData> events = new ArrayList<>();
    for (Span.Event event : span.getEventsList()) {
      Attributes eventAttributes = attributes(event.getAttributesList());
      events.add(
          EventData.create(
              event.getTimeUnixNano(),
              event.getName(),
              eventAttributes,
              eventAttributes.size() + event.getDroppedAttributesCount()));
    }
    List<LinkData> links = new ArrayList<>();
    for (Span.Link link : span.getLinksList()) {
      Attributes linkAttributes = attributes(link.getAttributesList());
      links.add(
          LinkData.create(
              SpanContext.create(
                  hex(link.getTraceId()), hex(link.getSpanId()), TraceFlags.getSampled(), TraceState.getDefault()),
              linkAttributes,
              linkAttributes.size() + link.getDroppedAttributesCount()));
    }
    return new ReceivedSpanData(
        hex(span.getTraceId()),
        hex(span.getSpanId()),
        hex(span.getParentSpanId()),
        false,
        span.getName(),
        kind(span.getKind()),
        status(span.getStatus()),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        attributes,
        attributes.size() + span.getDroppedAttributesCount(),
        List.copyOf(events),
        events.size() + span.getDroppedEventsCount(),
        List.copyOf(links),
        links.size() + span.getDroppedLinksCount(),
        resource,
        scope);
  }

  private static InstrumentationScopeInfo scope(InstrumentationScope scope) {
    var builder = InstrumentationScopeInfo.builder(scope.getName());
    if (!scope.getVersion().isEmpty()) {
      builder.setVersion(scope.getVersion());
    }
    return builder.setAttributes(attributes(scope.getAttributesList())).build();
  }

  private static SpanKind kind(Span.SpanKind kind) {
    switch (kind) {
      case SPAN_KIND_SERVER:
        return SpanKind.SERVER;
      case SPAN_KIND_CLIENT:
        return SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER:
        return SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER:
        return SpanKind.CONSUMER;
      default:
        return SpanKind.INTERNAL; // OTLP's UNSPECIFIED included: the SDK has no such kind
    }
  }

  private static StatusData status(io.opentelemetry.proto.trace.v1.Status status) {
    switch (status.getCode()) {
      case STATUS_CODE_OK:
        return StatusData.ok();
      case STATUS_CODE_ERROR:
        return StatusData.create(StatusCode.ERROR, status.getMessage());
      default:
        return StatusData.unset();
    }
  }

  /**
   * Typed as they were sent: OTLP keeps strings, booleans, 64-bit integers, doubles and homogeneous
   * arrays of them apart, like the SDK's attribute keys. What the SDK cannot hold as an attribute (bytes,
   * nested maps, mixed arrays) becomes its text, so the renderer still shows something.
   */
  static Attributes attributes(List<KeyValue> keyValues) {
    AttributesBuilder builder = Attributes.builder();
    for (KeyValue kv : keyValues) {
      put(builder, kv.getKey(), kv.getValue());
    }
    return builder.build();
  }

  private static void put(AttributesBuilder builder, String key, AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        builder.put(key, value.getStringValue());
        return;
      case BOOL_VALUE:
        builder.put(key, value.getBoolValue());
        return;
      case INT_VALUE:
        builder.put(key, value.getIntValue());
        return;
      case DOUBLE_VALUE:
        builder.put(key, value.getDoubleValue());
        return;
      case ARRAY_VALUE:
        putArray(builder, key, value.getArrayValue().getValuesList());
        return;
      case BYTES_VALUE:
        builder.put(key, HEX.formatHex(value.getBytesValue().toByteArray()));
        return;
      case KVLIST_VALUE:
        builder.put(key, attributes(value.getKvlistValue().getValuesList()).toString());
        return;
      default:
        return; // an empty value: nothing to show
    }
  }

  private static void putArray(AttributesBuilder builder, String key, List<AnyValue> values) {
    AnyValue.ValueCase type = values.isEmpty() ? AnyValue.ValueCase.STRING_VALUE : values.get(0).getValueCase();
    for (AnyValue v : values) {
      if (v.getValueCase() != type) {
        builder.put(key, values.toString());
        return;
      }
    }
    switch (type) {
      case STRING_VALUE:
        builder.put(AttributeKey.stringArrayKey(key), values.stream().map(AnyValue::getStringValue).toList());
        return;
      case BOOL_VALUE:
        builder.put(AttributeKey.booleanArrayKey(key), values.stream().map(AnyValue::getBoolValue).toList());
        return;
      case INT_VALUE:
        builder.put(AttributeKey.longArrayKey(key), values.stream().map(AnyValue::getIntValue).toList());
        return;
      case DOUBLE_VALUE:
        builder.put(AttributeKey.doubleArrayKey(key), values.stream().map(AnyValue::getDoubleValue).toList());
        return;
      default:
        builder.put(key, values.toString());
    }
  }

  /** Lowercase hex; "" for an absent id (a root span's parent). */
  private static String hex(ByteString bytes) {
    return bytes.isEmpty() ? "" : HEX.formatHex(bytes.toByteArray());
  }
}
