package dev.weft.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A small shop front that calls its price and stock services over HTTP, the way a service nobody
 * wrote for tracing does. It imports nothing from Weft or OpenTelemetry: every span comes from the
 * agent.
 */
public final class DemoShop {
  public static void main(String[] args) throws Exception {
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/prices", exchange -> respond(exchange, 200, "{\"sku\":\"tea\",\"price\":4.20}", 30));
    backend.createContext("/stock", exchange -> respond(exchange, 200, "{\"sku\":\"tea\",\"left\":12}", 10));
    backend.createContext("/coupons", exchange -> respond(exchange, 404, "no such coupon", 2));
    backend.start();
    String base = "http://127.0.0.1:" + backend.getAddress().getPort();
    try {
      System.out.println("price:  " + get(base + "/prices?sku=tea"));
      System.out.println("stock:  " + get(base + "/stock?sku=tea"));
      System.out.println("coupon: " + get(base + "/coupons?sig=s3cr3t"));
      System.out.println("post:   " + post(base + "/prices", "{\"sku\":\"tea\",\"price\":4.50}"));
      System.out.println("offline warehouse: " + get("http://127.0.0.1:" + closedPort() + "/stock"));
    } finally {
      backend.stop(0);
    }
  }

  private static String get(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
      connection.setConnectTimeout(2000);
      int status = connection.getResponseCode();
      try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        return status + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return "failed: " + e;
    }
  }

  private static String post(String url, String json) {
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
      return String.valueOf(connection.getResponseCode());
    } catch (IOException e) {
      return "failed: " + e;
    }
  }

  private static void respond(HttpExchange exchange, int status, String body, long millis) throws IOException {
    try {
      Thread.sleep(millis); // pretend to do some work, so the waterfall has something to show
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
