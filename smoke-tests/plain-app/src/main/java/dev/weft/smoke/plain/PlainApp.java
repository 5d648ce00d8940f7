package dev.weft.smoke.plain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A framework-free application as a user would write it: a JDK HTTP server, a few HttpURLConnection
 * calls to it (each read a different way, since the agent hooks each of those methods) and one to a
 * closed port, then it stops its server and returns from main.
 *
 * <p>Stdout carries only what is the same on every run (no ports, no ids), so that a test can compare
 * a run with the agent to one without. What a test needs beyond that (the port, the traceparent
 * each request arrived with) goes to stderr, on lines starting with {@code [plain-app]}.
 */
public final class PlainApp {
  private static final int TIMEOUT_MILLIS = 5_000;

  private PlainApp() {}

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hello", exchange -> respond(exchange, 200, "hello"));
    server.createContext("/echo", exchange -> respond(exchange, 200, "echo:" + read(exchange.getRequestBody())));
    server.createContext("/missing", exchange -> respond(exchange, 404, "no such thing"));
    server.createContext("/fail", exchange -> respond(exchange, 500, "it broke"));
    server.start();
    int port = server.getAddress().getPort();
    System.err.println("[plain-app] java.version " + System.getProperty("java.version"));
    System.err.println("[plain-app] listening on port " + port);
    String base = "http://127.0.0.1:" + port;
    try {
      getHello(base + "/hello");
      postEcho(base + "/echo");
      getMissing(base + "/missing");
      getFail(base + "/fail");
      getClosedPort();
    } finally {
      server.stop(0);
    }
    System.out.println("done");
    // Returning (no System.exit): the JVM must end by itself, so no agent thread may keep it alive.
  }

  /** The commonest use: getInputStream straight away. */
  private static void getHello(String url) throws IOException {
    HttpURLConnection connection = open(url, "GET");
    try (InputStream in = connection.getInputStream()) {
      System.out.println("GET /hello -> " + connection.getResponseCode() + " " + read(in));
    } finally {
      connection.disconnect();
    }
  }

  /** A body written through getOutputStream, then getResponseCode. */
  private static void postEcho(String url) throws IOException {
    HttpURLConnection connection = open(url, "POST");
    connection.setDoOutput(true);
    try {
      try (OutputStream out = connection.getOutputStream()) {
        out.write("ping".getBytes(StandardCharsets.UTF_8));
      }
      int status = connection.getResponseCode();
      try (InputStream in = connection.getInputStream()) {
        System.out.println("POST /echo -> " + status + " " + read(in));
      }
    } finally {
      connection.disconnect();
    }
  }

  /** getInputStream reports a 404 as FileNotFoundException; the status is still there afterwards. */
  private static void getMissing(String url) throws IOException {
    HttpURLConnection connection = open(url, "GET");
    try {
      connection.getInputStream().close();
      System.out.println("GET /missing -> unexpectedly succeeded");
    } catch (IOException e) {
      System.out.println(
          "GET /missing -> " + e.getClass().getSimpleName() + ", status " + connection.getResponseCode()
              + " " + read(connection.getErrorStream()));
    } finally {
      connection.disconnect();
    }
  }

  /** getResponseCode first, then the error body. */
  private static void getFail(String url) throws IOException {
    HttpURLConnection connection = open(url, "GET");
    try {
      int status = connection.getResponseCode();
      System.out.println("GET /fail -> " + status + " " + read(connection.getErrorStream()));
    } finally {
      connection.disconnect();
    }
  }

  private static void getClosedPort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // free now that it is closed again
    }
    System.err.println("[plain-app] closed port " + port);
    HttpURLConnection connection = open("http://127.0.0.1:" + port + "/nothing", "GET");
    try {
      connection.getInputStream().close();
      System.out.println("GET closed port -> unexpectedly connected");
    } catch (IOException e) {
      System.out.println("GET closed port -> " + e.getClass().getName());
    } finally {
      connection.disconnect();
    }
  }

  private static HttpURLConnection open(String url, String method) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setRequestMethod(method);
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    return connection;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
    System.err.println(
        "[plain-app] server got " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
            + " traceparent=" + (traceparent == null ? "none" : traceparent));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (InputStream input = in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = input.read(buffer)) != -1) {
        bytes.write(buffer, 0, n);
      }
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
