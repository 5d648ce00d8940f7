package com.shop.api;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * A servlet application (embedded Tomcat, H2) that makes its own spans with the OpenTelemetry API and
 * no SDK: in {@code GET /checkout}, a {@code checkout} span with baggage {@code tier=gold} around a
 * query, then a {@code reserve-stock} span in an executor task, which reads the baggage back and calls
 * the downstream service (system property {@code downstream}). Calls itself once, prints
 * {@code RESULT} lines and {@code DONE}.
 */
public final class ServletApiApp {
  private static final String DB = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
  private static final Tracer TRACER = GlobalOpenTelemetry.getTracer("com.shop.checkout", "2.1.0");
  private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2);

  private ServletApiApp() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(DB); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(50))");
    }
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "checkout", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
          response.getWriter().write(checkout());
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    });
    context.addServletMappingDecoded("/checkout", "checkout");
    tomcat.start();
    try {
      int port = tomcat.getConnector().getLocalPort();
      HttpURLConnection http =
          (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/checkout").toURL().openConnection();
      ApiApp.result("response", http.getResponseCode() + " " + new String(http.getInputStream().readAllBytes()));
      http.disconnect();
    } finally {
      tomcat.stop();
      tomcat.destroy();
      EXECUTOR.shutdown();
    }
    System.out.println("DONE");
    ApiApp.lingerIfAsked();
  }

  static String checkout() throws Exception {
    Span checkout = TRACER.spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent();
        Scope baggage = Baggage.current().toBuilder().put("tier", "gold").build().makeCurrent()) {
      int orders = countOrders("alice");
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

  private static int countOrders(String customer) throws SQLException {
    try (Connection c = DriverManager.getConnection(DB);
        PreparedStatement p = c.prepareStatement("SELECT count(*) FROM orders WHERE customer = ?")) {
      p.setString(1, customer);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
