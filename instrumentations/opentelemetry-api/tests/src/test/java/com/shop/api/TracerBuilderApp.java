package com.shop.api;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;

/**
 * An application that gets its tracers through API 1.4's {@code tracerBuilder(name)}: from
 * {@code GlobalOpenTelemetry}, from the {@code OpenTelemetry} instance and from its tracer provider.
 * Compiled against API 1.0 like the other scenario apps, so the 1.4 methods are called by reflection;
 * run with 1.0.0 it reports that they are absent and must still run cleanly.
 */
public final class TracerBuilderApp {
  public static void main(String[] args) throws Exception {
    OpenTelemetry openTelemetry = GlobalOpenTelemetry.get();
    Method fromGlobal;
    try {
      fromGlobal = GlobalOpenTelemetry.class.getMethod("tracerBuilder", String.class);
    } catch (NoSuchMethodException before14) {
      ApiApp.result("tracer-builder", "absent");
      Span span = openTelemetry.getTracer("com.shop.legacy", "0.9").spanBuilder("legacy").startSpan();
      span.end();
      finish();
      return;
    }
    Class<?> builderType = Class.forName("io.opentelemetry.api.trace.TracerBuilder");
    Method version = builderType.getMethod("setInstrumentationVersion", String.class);
    Method schemaUrl = builderType.getMethod("setSchemaUrl", String.class);
    Method build = builderType.getMethod("build");

    Object global = fromGlobal.invoke(null, "com.shop.pricing");
    version.invoke(global, "3.2.1");
    schemaUrl.invoke(global, "https://opentelemetry.io/schemas/1.21.0");
    Tracer pricing = (Tracer) build.invoke(global);

    Object instance = OpenTelemetry.class.getMethod("tracerBuilder", String.class).invoke(openTelemetry, "com.shop.tax");
    version.invoke(instance, "1.0");
    Tracer tax = (Tracer) build.invoke(instance);

    Object provider =
        TracerProvider.class.getMethod("tracerBuilder", String.class).invoke(openTelemetry.getTracerProvider(), "com.shop.ship");
    Tracer ship = (Tracer) build.invoke(provider);

    Span price = pricing.spanBuilder("price").startSpan();
    try (Scope ignored = price.makeCurrent()) {
      tax.spanBuilder("tax").startSpan().end();
      ship.spanBuilder("ship").startSpan().end();
    } finally {
      price.end();
    }
    ApiApp.result("tracer-builder", price.getSpanContext().isValid() ? "bridged" : "no-op");
    finish();
  }

  private static void finish() throws InterruptedException {
    System.out.println("DONE");
    ApiApp.lingerIfAsked();
  }
}
