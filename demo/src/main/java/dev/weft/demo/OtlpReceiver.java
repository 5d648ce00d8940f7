package dev.weft.demo;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * The demo's own trace receiver: OTLP/HTTP with protobuf bodies on 127.0.0.1, the protocol the agent
 * exports by default, so the services need nothing but an endpoint. A span is kept once the request
 * holding it is answered, so when a service has exited, everything it flushed is here.
 */
final class OtlpReceiver implements AutoCloseable {
  static final String TRACES_PATH = "/v1/traces";
  private static final byte[] OK = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<ReceivedSpanData> spans = new ArrayList<>(); // guarded by itself

  private OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "demo-otlp-receiver");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static OtlpReceiver start() {
    try {
      return new OtlpReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the demo's OTLP receiver", e);
    }
  }

  /** For OTEL_EXPORTER_OTLP_ENDPOINT: the exporter appends /v1/traces. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<ReceivedSpanData> spans() {
    synchronized (spans) {
      return List.copyOf(spans);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod()) || !TRACES_PATH.equals(exchange.getRequestURI().getPath())) {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(404, -1); // metrics and logs are off in the services
        return;
      }
      ExportTraceServiceRequest request;
      try (InputStream body = body(exchange)) {
        request = ExportTraceServiceRequest.parseFrom(body);
      } catch (InvalidProtocolBufferException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      List<ReceivedSpanData> received = OtlpSpans.fromRequest(request);
      synchronized (spans) {
        spans.addAll(received);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, OK.length == 0 ? -1 : OK.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(OK);
      }
    }
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    InputStream body = exchange.getRequestBody();
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    return encoding != null && encoding.equalsIgnoreCase("gzip") ? new GZIPInputStream(body) : body;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
