package com.shop.api;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application that uses the OpenTelemetry API (compiled against 1.0.0; run with 1.0.0, 1.32.0 and
 * 1.68.0) and has no SDK. {@code handle} is named in OTEL_INSTRUMENTATION_METHODS_INCLUDE, so Weft
 * makes a span around it: the "Weft span" the application's spans nest in. Prints one
 * {@code RESULT name: value} line per check.
 */
public final class ApiApp {
  static final String REMOTE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String REMOTE_SPAN = "00f067aa0ba902b7";
  private static final ContextKey<String> USER = ContextKey.named("shop.user");

  public static void main(String[] args) throws Exception {
    Tracer tracer = GlobalOpenTelemetry.getTracer("com.shop.checkout", "2.1.0");
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (EchoServer server = new EchoServer()) {
      result("no-current-span", Span.current().getSpanContext().isValid());
      handle("nesting", () -> nesting(tracer, server, executor));
      handle("propagation", () -> inject());
      extract(tracer);
      background(tracer, server);
      customKey(executor);
    } finally {
      executor.shutdown();
    }
    System.out.println("DONE");
    lingerIfAsked();
  }

  /** Woven by the methods instrumentation: Weft's span around the scenario. */
  static void handle(String scenario, ThrowingRunnable body) throws Exception {
    body.run();
  }

  static void nesting(Tracer tracer, EchoServer server, ExecutorService executor) throws Exception {
    Span weft = Span.current();
    result("sees-weft-span", weft.getSpanContext().isValid());
    Span checkout = tracer.spanBuilder("checkout").setSpanKind(SpanKind.INTERNAL).setAttribute("cart.items", 3)
        .startSpan();
    result("checkout-parent-is-weft", checkout.getSpanContext().getTraceId().equals(weft.getSpanContext().getTraceId()));
    try (Scope ignored = checkout.makeCurrent()) {
      result("current-is-own", Span.current() == checkout);
      checkout.addEvent("priced", Attributes.of(AttributeKey.longKey("total"), 1200L));
      Span.current().setAttribute(AttributeKey.stringArrayKey("cart.skus"), java.util.Arrays.asList("tea", "cup"));
      try (Scope b = Baggage.current().toBuilder().put("user.tier", "gold").build().makeCurrent()) {
        result("downstream", server.get("/stock").contains("baggage=user.tier=gold"));
        result("baggage-read-back", Baggage.current().getEntryValue("user.tier"));
        // an executor hand-off with the API's own context wrapping (no executor instrumentation)
        String async = executor.submit(Context.current().wrap(() -> {
          String seen = Span.current().getSpanContext().getSpanId() + " " + Baggage.current().getEntryValue("user.tier");
          server.get("/async");
          return seen;
        })).get();
        result("async-sees-checkout", async.equals(checkout.getSpanContext().getSpanId() + " gold"));
      }
      checkout.setStatus(StatusCode.ERROR, "card declined");
      checkout.recordException(new IllegalStateException("card declined"));
    } finally {
      checkout.end();
    }
    result("after-scope-current-is-weft", Span.current().getSpanContext().getSpanId().equals(weft.getSpanContext().getSpanId()));
  }

  static void inject() {
    Map<String, String> carrier = new HashMap<>();
    GlobalOpenTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
    String traceparent = carrier.get("traceparent");
    result("inject", traceparent != null && traceparent.contains(Span.current().getSpanContext().getSpanId()));
  }

  static void extract(Tracer tracer) {
    Map<String, String> carrier = new HashMap<>();
    carrier.put("traceparent", "00-" + REMOTE_TRACE + "-" + REMOTE_SPAN + "-01");
    TextMapPropagator propagator = GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
    Context remote = propagator.extract(Context.current(), carrier, new TextMapGetter<Map<String, String>>() {
      @Override
      public Iterable<String> keys(Map<String, String> c) {
        return c.keySet();
      }

      @Override
      public String get(Map<String, String> c, String key) {
        return c.get(key);
      }
    });
    result("extract", Span.fromContext(remote).getSpanContext().getTraceId());
    Span span = tracer.spanBuilder("from-remote").setParent(remote).startSpan();
    span.end();
  }

  /** An application span at the root, made current through a context the API built itself. */
  static void background(Tracer tracer, EchoServer server) throws Exception {
    Span job = tracer.spanBuilder("background-job").setNoParent().startSpan();
    try (Scope ignored = Context.root().with(job).makeCurrent()) {
      result("background-current-is-own", Span.current() == job);
      server.get("/job");
    } finally {
      job.end();
    }
  }

  static void customKey(ExecutorService executor) throws Exception {
    try (Scope ignored = Context.current().with(USER, "ada").makeCurrent()) {
      String here = Context.current().get(USER);
      String there = executor.submit(Context.current().wrap(() -> Context.current().get(USER))).get();
      result("custom-key", here + " " + there);
    }
    result("custom-key-after", Context.current().get(USER));
  }

  /**
   * With {@code -Dlinger=true} the app stays up after DONE until the test has its spans and stops it:
   * the exporter's first request on a cold, busy JVM can take longer than the agent waits for it at
   * exit, and these tests are about spans, not about the shutdown flush.
   */
  static void lingerIfAsked() throws InterruptedException {
    if (Boolean.getBoolean("linger")) {
      Thread.sleep(120_000);
    }
  }

  static void result(String name, Object value) {
    System.out.println("RESULT " + name + ": " + value);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
