package dev.weft.demo;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
  private volatile long lastActivityNanos = System.nanoTime();

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
    warmUp();
    server.start();
  }

  /**
   * Parses and converts one span of every attribute type before the first export comes: loading those
   * classes on a busy machine can take a second, and an agent shutting down waits only about that long
   * for an export already in flight before it drops it.
   */
  private static void warmUp() {
    try {
      AnyValue text = AnyValue.newBuilder().setStringValue("GET").build();
      Span span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(new byte[16]))
              .setSpanId(ByteString.copyFrom(new byte[8]))
              .setName("warm-up")
              .setKind(Span.SpanKind.SPAN_KIND_SERVER)
              .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
              .addAttributes(KeyValue.newBuilder().setKey("s").setValue(text))
              .addAttributes(KeyValue.newBuilder().setKey("i").setValue(AnyValue.newBuilder().setIntValue(200)))
              .addAttributes(KeyValue.newBuilder().setKey("d").setValue(AnyValue.newBuilder().setDoubleValue(1.5)))
              .addAttributes(KeyValue.newBuilder().setKey("b").setValue(AnyValue.newBuilder().setBoolValue(true)))
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("a")
                      .setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(text))))
              .addEvents(Span.Event.newBuilder().setName("exception").addAttributes(KeyValue.newBuilder().setKey("s").setValue(text)))
              .build();
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(
                  ResourceSpans.newBuilder()
                      .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(text)))
                      .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("warm-up")).addSpans(span)))
              .build();
      OtlpSpans.fromRequest(ExportTraceServiceRequest.parseFrom(request.toByteArray()));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // only a warm-up: the real requests will say what is wrong
    }
  }

  /**
   * Waits until no export has arrived for {@code quiet} (or {@code max} has passed): the services'
   * batch processors have then sent what had ended, and stopping them leaves their shutdown flush
   * little or nothing to do.
   */
  void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long last = Math.max(lastActivityNanos, since);
      long left = last + quiet.toNanos() - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
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
    lastActivityNanos = System.nanoTime();
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
    } finally {
      lastActivityNanos = System.nanoTime();
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
