package com.shop.api;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An application with its own OpenTelemetry SDK, registered globally ({@code buildAndRegisterGlobal}),
 * exporting to its own exporter, which prints every span as {@code OWN name trace span parent attrs}.
 * {@code handle} is named in OTEL_INSTRUMENTATION_METHODS_INCLUDE: a Weft span around an own span.
 */
public final class OwnSdkApp {
  public static void main(String[] args) throws Exception {
    List<SpanData> exported = new ArrayList<>();
    SpanExporter exporter = new SpanExporter() {
      @Override
      public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        exported.addAll(spans);
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
    OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .buildAndRegisterGlobal();
    Tracer tracer = GlobalOpenTelemetry.getTracer("com.shop.own");
    try (EchoServer server = new EchoServer()) {
      Span order = tracer.spanBuilder("own-order").startSpan();
      try (Scope ignored = order.makeCurrent()) {
        ApiApp.result("current-is-own", Span.current() == order);
        Span.current().setAttribute("order.id", "A-1"); // must reach the application's own span
        ApiApp.result("downstream-trace", server.get("/own").contains(order.getSpanContext().getTraceId()));
        Span inner = tracer.spanBuilder("own-inner").startSpan();
        inner.end();
      } finally {
        order.end();
      }
      handle(tracer);
    }
    synchronized (exporter) {
      for (SpanData s : exported) {
        System.out.println("OWN " + s.getName() + " " + s.getTraceId() + " " + s.getSpanId() + " "
            + s.getParentSpanId() + " " + s.getAttributes().asMap().size());
      }
    }
    System.out.println("DONE");
    ApiApp.lingerIfAsked();
  }

  /** Woven by the methods instrumentation: the application's span made inside Weft's. */
  static void handle(Tracer tracer) {
    ApiApp.result("inside-weft-span-valid", Span.current().getSpanContext().isValid());
    Span span = tracer.spanBuilder("own-in-weft").startSpan();
    span.end();
  }
}
