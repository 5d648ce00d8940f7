package com.shop.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** The scenario apps' remote end: answers with the trace headers it received. */
final class EchoServer implements AutoCloseable {
  private final HttpServer server;

  EchoServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = ("traceparent=" + exchange.getRequestHeaders().getFirst("traceparent")
          + " baggage=" + exchange.getRequestHeaders().getFirst("baggage")).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  /** GET with HttpURLConnection (Weft's CLIENT span); returns what the server received. */
  String get(String path) throws IOException {
    URL url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + path);
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
