package dev.weft.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Real SDK spans to push through real exporters: a SERVER parent and a CLIENT child that failed,
 * with every attribute type, an event, an exception and a link.
 */
final class SampleSpans {
  static final String SCOPE = "dev.weft.testing.kit-test";
  static final String SCOPE_VERSION = "1.2.3";

  final List<SpanData> spans;
  final SpanData parent;
  final SpanData child;

  private SampleSpans(List<SpanData> spans) {
    this.spans = spans;
    this.parent = spans.stream().filter(s -> s.getName().equals("parent")).findFirst().orElseThrow();
    this.child = spans.stream().filter(s -> s.getName().equals("GET")).findFirst().orElseThrow();
  }

  static SampleSpans create() {
    List<SpanData> captured = new ArrayList<>();
    SpanExporter capture =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            captured.addAll(spans);
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(
                    Attributes.builder()
                        .put("service.name", "kit-test")
                        .put("deployment.environment.name", "test")
                        .build()))
            .addSpanProcessor(SimpleSpanProcessor.create(capture))
            .build()) {
      Tracer tracer = provider.get(SCOPE, SCOPE_VERSION);
      Span linked = tracer.spanBuilder("linked").startSpan();
      linked.end();
      Span parent =
          tracer.spanBuilder("parent")
              .setSpanKind(SpanKind.SERVER)
              .setNoParent()
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.response.status_code", 200L)
              .setAttribute("sample.ratio", 0.25)
              .setAttribute("sample.flag", true)
              .setAttribute(AttributeKey.stringArrayKey("sample.tags"), List.of("a", "b"))
              .setAttribute(AttributeKey.longArrayKey("sample.ports"), List.of(80L, 443L))
              .startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        Span child =
            tracer.spanBuilder("GET")
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current())
                .addLink(linked.getSpanContext(), Attributes.builder().put("link.reason", "test").build())
                .setAttribute("url.full", "http://localhost:8080/items?id=1")
                .startSpan();
        child.addEvent("cache.miss", Attributes.builder().put("cache.key", "k1").build());
        child.recordException(new IllegalStateException("boom"));
        child.setStatus(StatusCode.ERROR, "it failed");
        child.end();
      }
      parent.end();
    }
    // The "linked" span only provides a link target.
    captured.removeIf(s -> s.getName().equals("linked"));
    return new SampleSpans(List.copyOf(captured));
  }
}
