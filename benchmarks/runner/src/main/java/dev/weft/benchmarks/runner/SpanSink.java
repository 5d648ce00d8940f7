package dev.weft.benchmarks.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * The one OTLP/HTTP receiver every agent of the benchmark exports to. It counts spans by service,
 * scope, kind and name and keeps nothing else, so that receiving costs little and the same for every
 * agent (it runs in the runner's JVM, on the same machine as the services).
 */
final class SpanSink implements AutoCloseable {
  static final String TRACES_PATH = "/v1/traces";

  /** A kind of span as the benchmark tells them apart: one of each is expected per request. */
  record SpanShape(String service, String scope, OtlpSpanCounter.SpanKind kind, String name)
      implements Comparable<SpanShape> {
    @Override
    public int compareTo(SpanShape other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return service + " | " + kind + " | " + name + " | " + scope;
    }
  }

  private final Map<SpanShape, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder spans = new LongAdder();
  private final LongAdder exports = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private volatile long lastSpanNanos = System.nanoTime();
  private final ExecutorService executor;
  private final HttpServer server;

  private SpanSink() throws IOException {
    executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "span-sink");
              thread.setDaemon(true);
              return thread;
            });
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static SpanSink start() throws IOException {
    return new SpanSink();
  }

  /** The base URL, as for OTEL_EXPORTER_OTLP_ENDPOINT. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readBody(exchange);
      int status = 200;
      if (TRACES_PATH.equals(exchange.getRequestURI().getPath())) {
        try {
          int received =
              OtlpSpanCounter.visit(body, 0, body.length, (service, scope, kind, name) ->
                  counts.computeIfAbsent(new SpanShape(service, scope, kind, name), shape -> new LongAdder())
                      .increment());
          spans.add(received);
          exports.increment();
          if (received > 0) {
            lastSpanNanos = System.nanoTime();
          }
        } catch (ProtoReader.MalformedException e) {
          malformed.increment();
          status = 400;
        }
      }
      // An empty body is a valid (empty) ExportTraceServiceResponse: full success.
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(status, -1);
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    try (InputStream body = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      body.transferTo(out);
      return out.toByteArray();
    }
  }

  /** Spans received so far from one service, by shape. */
  Map<SpanShape, Long> shapesOf(String service) {
    Map<SpanShape, Long> result = new TreeMap<>();
    counts.forEach((shape, count) -> {
      if (shape.service().equals(service)) {
        result.put(shape, count.sum());
      }
    });
    return result;
  }

  long spans() {
    return spans.sum();
  }

  long exports() {
    return exports.sum();
  }

  long malformed() {
    return malformed.sum();
  }

  /**
   * Waits until no span has arrived for {@code quiet}, at most {@code max}: exports still in flight
   * when the exporting processes have exited.
   */
  void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline && System.nanoTime() - lastSpanNanos < quiet.toNanos()) {
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
