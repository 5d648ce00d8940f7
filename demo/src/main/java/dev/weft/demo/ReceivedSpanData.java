package dev.weft.demo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/**
 * A span received over OTLP, as the SDK's {@link SpanData}, so that the console exporter's waterfall
 * renders it exactly as it renders spans inside the agent.
 *
 * <p>Whether the parent is remote is not in the span itself as far as the renderer is concerned: it
 * starts a separate tree at every span whose parent is remote. Across the demo's services the caller's
 * CLIENT span and the callee's SERVER span are in different processes but in the same picture, so
 * {@link TraceWaterfalls} marks a parent remote only when it never arrived.
 */
record ReceivedSpanData(
    String traceId,
    String spanId,
    String parentId,
    boolean parentRemote,
    String name,
    SpanKind kind,
    StatusData status,
    long startEpochNanos,
    long endEpochNanos,
    Attributes attributes,
    int totalAttributeCount,
    List<EventData> events,
    int totalRecordedEvents,
    List<LinkData> links,
    int totalRecordedLinks,
    Resource resource,
    InstrumentationScopeInfo scope)
    implements SpanData {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  ReceivedSpanData withParentRemote(boolean remote) {
    return remote == parentRemote
        ? this
        : new ReceivedSpanData(traceId, spanId, parentId, remote, name, kind, status, startEpochNanos,
            endEpochNanos, attributes, totalAttributeCount, events, totalRecordedEvents, links,
            totalRecordedLinks, resource, scope);
  }

  String serviceName() {
    String service = resource.getAttribute(SERVICE_NAME);
    return service == null ? "unknown" : service;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return kind;
  }

  @Override
  public SpanContext getSpanContext() {
    return SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  @Override
  public SpanContext getParentSpanContext() {
    if (parentId.isEmpty()) {
      return SpanContext.getInvalid();
    }
    return parentRemote
        ? SpanContext.createFromRemoteParent(traceId, parentId, TraceFlags.getSampled(), TraceState.getDefault())
        : SpanContext.create(traceId, parentId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  @Override
  public String getTraceId() {
    return traceId;
  }

  @Override
  public String getSpanId() {
    return spanId;
  }

  @Override
  public String getParentSpanId() {
    return parentId.isEmpty() ? SpanContext.getInvalid().getSpanId() : parentId;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public long getEndEpochNanos() {
    return endEpochNanos;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return links;
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return totalRecordedEvents;
  }

  @Override
  public int getTotalRecordedLinks() {
    return totalRecordedLinks;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }

  @Override
  @SuppressWarnings("deprecation") // still abstract in SpanData; the scope is what the renderer reads
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }
}
