package com.shop.api;

import dev.weft.testing.servlet.EmbeddedTomcat;
import dev.weft.testing.servlet.OrdersTable;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A servlet application (embedded Tomcat, H2) that makes its own spans with the OpenTelemetry API and
 * no SDK: in {@code GET /checkout}, a {@code checkout} span with baggage {@code tier=gold} around a
 * query, then a {@code reserve-stock} span in an executor task, which reads the baggage back and calls
 * the downstream service (system property {@code downstream}). Calls itself once, prints
 * {@code RESULT} lines and {@code DONE}.
 */
public final class ServletApiApp {
  private static final OrdersTable ORDERS = new OrdersTable("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
  private static final Tracer TRACER = GlobalOpenTelemetry.getTracer("com.shop.checkout", "2.1.0");
  private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2);

  private ServletApiApp() {}

  public static void main(String[] args) throws Exception {
    ORDERS.create();
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start("/checkout", ServletApiApp::checkout)) {
      ApiApp.result("response", tomcat.get("/checkout"));
    } finally {
      EXECUTOR.shutdown();
    }
    System.out.println("DONE");
    ApiApp.lingerIfAsked();
  }

  static String checkout() throws Exception {
    Span checkout = TRACER.spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent();
        Scope baggage = Baggage.current().toBuilder().put("tier", "gold").build().makeCurrent()) {
      int orders = ORDERS.countOrders("alice");
      // A plain submit: the hand-off carries the one context (span and baggage) with Weft's executors instrumentation.
      String stock = EXECUTOR.submit(ServletApiApp::reserveStock).get();
      return "orders=" + orders + " " + stock;
    } finally {
      checkout.end();
    }
  }

  static String reserveStock() throws IOException {
    Span reserve = TRACER.spanBuilder("reserve-stock").startSpan();
    try (Scope ignored = reserve.makeCurrent()) {
      String tier = Baggage.current().getEntryValue("tier");
      HttpURLConnection http =
          (HttpURLConnection) URI.create(System.getProperty("downstream") + "/ok/stock").toURL().openConnection();
      int status = http.getResponseCode();
      http.getInputStream().readAllBytes();
      http.disconnect();
      return "tier=" + tier + " stock=" + status;
    } finally {
      reserve.end();
    }
  }
}
