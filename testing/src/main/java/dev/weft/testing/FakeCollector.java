package dev.weft.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * An in-process OTLP trace receiver, over both OTLP/HTTP (protobuf) and OTLP/gRPC, that records what
 * it receives and can be told to fail or stall.
 *
 * <pre>{@code
 * try (FakeCollector collector = FakeCollector.start()) {
 *   ... export to collector.httpEndpoint() or collector.grpcEndpoint() ...
 *   List<ReceivedSpan> spans = collector.awaitSpans(2, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Metrics and logs exports are accepted (so an exporter configured for them does not log
 * errors) and show up in {@link #requests()}, but their content is not kept.
 *
 * <p>All methods are thread-safe.
 */
public final class FakeCollector implements AutoCloseable {
  public static final String TRACES_PATH = "/v1/traces";
  public static final String GRPC_TRACES_PATH =
      "/" + TraceServiceGrpc.getExportMethod().getFullMethodName();

  private static final String HOST = "127.0.0.1";
  private static final int MAX_GRPC_MESSAGE_BYTES = 64 * 1024 * 1024;
  private static final int MAX_REQUESTS_IN_MESSAGES = 20;
  private static final Context.Key<CallInfo> CALL = Context.key("weft-fake-collector-call");

  /**
   * Status to answer, how long to stall, and for how many more requests the status holds (-1:
   * until changed); swapped whole so that each request sees one consistent mode.
   */
  private record FaultMode(int status, Duration hang, int times) {}

  private record CallInfo(String path, Map<String, String> headers) {}

  private final Object lock = new Object();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private long version; // bumped on every change, so waiters know when to look again
  private final AtomicInteger inFlight = new AtomicInteger();
  private FaultMode faultMode = new FaultMode(200, Duration.ZERO, -1); // guarded by faultLock
  private final Object faultLock = new Object();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private final ExecutorService httpExecutor = Executors.newCachedThreadPool(daemon("fake-collector-http"));
  private final ExecutorService grpcExecutor = Executors.newCachedThreadPool(daemon("fake-collector-grpc"));
  private final HttpServer httpServer;
  private final Server grpcServer;
  private final String scheme;

  private FakeCollector(TestCertificate tls) throws IOException {
    InetAddress loopback = InetAddress.getByName(HOST);
    InetSocketAddress anyPort = new InetSocketAddress(loopback, 0);
    if (tls == null) {
      httpServer = HttpServer.create(anyPort, 0);
    } else {
      HttpsServer https = HttpsServer.create(anyPort, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
      httpServer = https;
    }
    scheme = tls == null ? "http" : "https";
    httpServer.setExecutor(httpExecutor); // a thread per request, so one hanging request stalls no other
    httpServer.createContext("/", this::handleHttp);
    httpServer.start();
    try {
      ServerInterceptor captureCall = new CaptureCallInterceptor();
      NettyServerBuilder grpc = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, 0));
      if (tls != null) {
        grpc.useTransportSecurity(tls.certificatePem().toFile(), tls.privateKeyPem().toFile());
      }
      grpcServer =
          grpc
              .executor(grpcExecutor)
              .maxInboundMessageSize(MAX_GRPC_MESSAGE_BYTES)
              .addService(ServerInterceptors.intercept(new TraceReceiver(), captureCall))
              .addService(ServerInterceptors.intercept(new MetricsReceiver(), captureCall))
              .addService(ServerInterceptors.intercept(new LogsReceiver(), captureCall))
              .build()
              .start();
    } catch (IOException | RuntimeException e) {
      httpServer.stop(0);
      httpExecutor.shutdownNow();
      grpcExecutor.shutdownNow();
      throw e;
    }
  }

  /** Starts both receivers on random ports of 127.0.0.1. */
  public static FakeCollector start() {
    return start(null);
  }

  /**
   * Starts both receivers behind TLS with this certificate: the endpoints are https URLs, and a
   * client must trust {@link TestCertificate#certificatePem()}.
   */
  public static FakeCollector startWithTls(TestCertificate certificate) {
    return start(certificate);
  }

  private static FakeCollector start(TestCertificate tls) {
    try {
      return new FakeCollector(tls);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the fake collector", e);
    }
  }

  // ---- endpoints

  /** The OTLP/HTTP base URL, as for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  public String httpEndpoint() {
    return scheme + "://" + HOST + ":" + httpServer.getAddress().getPort();
  }

  /** The full OTLP/HTTP traces URL, as for OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. */
  public String httpTracesEndpoint() {
    return httpEndpoint() + TRACES_PATH;
  }

  /** The OTLP/gRPC endpoint. */
  public String grpcEndpoint() {
    return scheme + "://" + HOST + ":" + grpcServer.getPort();
  }

  // ---- fault modes

  /**
   * Answers every following request with this HTTP status; gRPC gets the equivalent code (400
   * INVALID_ARGUMENT, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 UNIMPLEMENTED, 408/504
   * DEADLINE_EXCEEDED, 429 RESOURCE_EXHAUSTED, 500 INTERNAL, 501 UNIMPLEMENTED, 502/503
   * UNAVAILABLE, others UNKNOWN). Spans in requests answered with a failure are not recorded.
   */
  public FakeCollector respondWith(int httpStatus) {
    return respondWith(httpStatus, -1);
  }

  /**
   * Answers only the next {@code times} requests (of any path or transport) with this status, then
   * succeeds again: makes retry tests deterministic (e.g. {@code respondWith(503, 1)}: the first
   * attempt fails, the retry gets through).
   */
  public FakeCollector respondWith(int httpStatus, int times) {
    if (httpStatus < 200 || httpStatus > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
    }
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive (or -1 for always): " + times);
    }
    synchronized (faultLock) {
      faultMode = new FaultMode(httpStatus, faultMode.hang(), times);
    }
    return this;
  }

  /**
   * Holds every following request this long before answering it; {@link #close()} cuts it short.
   * A request whose client gives up meanwhile is still recorded when the hang ends, as a real
   * collector would still have processed it.
   */
  public FakeCollector hang(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative hang: " + duration);
    }
    synchronized (faultLock) {
      faultMode = new FaultMode(faultMode.status(), duration, faultMode.times());
    }
    return this;
  }

  /** Back to answering at once with success. */
  public FakeCollector healthy() {
    synchronized (faultLock) {
      faultMode = new FaultMode(200, Duration.ZERO, -1);
    }
    return this;
  }

  /** The mode for one arriving request, counting it against {@code times}. */
  private FaultMode takeFaultMode() {
    synchronized (faultLock) {
      FaultMode mode = faultMode;
      if (mode.times() == 1) {
        faultMode = new FaultMode(200, mode.hang(), -1);
      } else if (mode.times() > 1) {
        faultMode = new FaultMode(mode.status(), mode.hang(), mode.times() - 1);
      }
      return mode;
    }
  }

  // ---- observations

  /** A snapshot of every span received (and answered with success) so far, in arrival order. */
  public List<ReceivedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  /** A snapshot of every request answered so far, failed ones included, in arrival order. */
  public List<ReceivedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** Requests being handled right now, such as those held by {@link #hang}. */
  public int inFlightRequests() {
    return inFlight.get();
  }

  /** Forgets all spans and requests received so far; fault modes stay as they are. */
  public FakeCollector clear() {
    synchronized (lock) {
      spans.clear();
      requests.clear();
      version++;
      lock.notifyAll();
    }
    return this;
  }

  /**
   * Waits until at least {@code atLeast} spans have arrived and returns all of them (possibly
   * more); fails listing what did arrive.
   */
  public List<ReceivedSpan> awaitSpans(int atLeast, Duration timeout) {
    return awaitSpans(
        received -> received.size() >= atLeast,
        timeout,
        () -> "at least " + atLeast + (atLeast == 1 ? " span" : " spans"));
  }

  /** Waits until the spans received so far satisfy the condition, and returns them. */
  public List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> condition, Duration timeout) {
    return awaitSpans(condition, timeout, () -> "spans matching the condition");
  }

  /**
   * Waits until the assertion passes on the spans received so far, re-running it whenever more
   * arrive, and returns them; on timeout, throws the assertion's last failure. Made for
   * {@code collector.awaitSpansSatisfying(spans -> TraceAssert.assertThat(spans)..., timeout)}.
   */
  public List<ReceivedSpan> awaitSpansSatisfying(
      Consumer<List<ReceivedSpan>> assertion, Duration timeout) {
    AssertionError[] last = new AssertionError[1];
    List<ReceivedSpan> result =
        waitFor(
            () -> spans(),
            received -> {
              try {
                assertion.accept(received);
                return true;
              } catch (AssertionError e) {
                last[0] = e;
                return false;
              }
            },
            timeout);
    if (result != null) {
      return result;
    }
    AssertionError error =
        new AssertionError(
            "Still failing after waiting " + Format.duration(timeout) + ": " + last[0].getMessage());
    error.initCause(last[0]);
    throw error;
  }

  /** Waits for the first span that matches, and returns it. */
  public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> matcher, Duration timeout) {
    List<ReceivedSpan> received =
        awaitSpans(
            all -> all.stream().anyMatch(matcher), timeout, () -> "a span matching the condition");
    return received.stream().filter(matcher).findFirst().orElseThrow();
  }

  /** Waits until at least {@code atLeast} requests have been answered, and returns all of them. */
  public List<ReceivedRequest> awaitRequests(int atLeast, Duration timeout) {
    List<ReceivedRequest> result = waitFor(this::requests, r -> r.size() >= atLeast, timeout);
    if (result == null) {
      throw new AssertionError(
          "Expected at least " + atLeast + " requests within " + Format.duration(timeout)
              + " but got " + requests().size() + "\n" + describeReceived());
    }
    return result;
  }

  /** Fails if any span has been received by the end of the window (fails as soon as one comes). */
  public void assertNoSpansFor(Duration window) {
    List<ReceivedSpan> arrived = waitFor(this::spans, received -> !received.isEmpty(), window);
    if (arrived != null) {
      throw new AssertionError(
          "Expected no spans for " + Format.duration(window) + " but received:\n"
              + Format.tree(arrived) + "\n" + describeRequests());
    }
  }

  /** Fails if any span arrives during the window beyond those received already. */
  public void assertNoMoreSpans(Duration window) {
    List<ReceivedSpan> before = spans();
    List<ReceivedSpan> after = waitFor(this::spans, received -> received.size() > before.size(), window);
    if (after != null) {
      throw new AssertionError(
          "Expected no more spans for " + Format.duration(window) + " but "
              + (after.size() - before.size()) + " more arrived:\n"
              + Format.tree(after.subList(before.size(), after.size()))
              + "\nall received:\n" + Format.tree(after));
    }
  }

  private List<ReceivedSpan> awaitSpans(
      Predicate<List<ReceivedSpan>> condition, Duration timeout, Supplier<String> what) {
    List<ReceivedSpan> result = waitFor(this::spans, condition, timeout);
    if (result == null) {
      throw new AssertionError(
          "Expected " + what.get() + " within " + Format.duration(timeout) + " but received "
              + spans().size() + ":\n" + describeReceived());
    }
    return result;
  }

  /** Re-tests the condition on each change until it holds (returns the snapshot) or time is up (null). */
  private <T> T waitFor(Supplier<T> snapshot, Predicate<T> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen;
      T current;
      synchronized (lock) {
        seen = version;
        current = snapshot.get();
      }
      if (condition.test(current)) {
        return current;
      }
      synchronized (lock) {
        while (version == seen) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return null;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, remaining);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the fake collector", e);
          }
        }
      }
    }
  }

  /** Everything received, for failure messages. */
  public String describeReceived() {
    return "spans:\n" + Format.tree(spans()) + "\n" + describeRequests();
  }

  private String describeRequests() {
    List<ReceivedRequest> all = requests();
    StringBuilder sb = new StringBuilder("requests (").append(all.size()).append("):");
    if (all.isEmpty()) {
      sb.append(" none");
    }
    int from = Math.max(0, all.size() - MAX_REQUESTS_IN_MESSAGES);
    if (from > 0) {
      sb.append("\n  ... ").append(from).append(" earlier");
    }
    for (ReceivedRequest r : all.subList(from, all.size())) {
      sb.append("\n  ").append(r);
    }
    int pending = inFlight.get();
    if (pending > 0) {
      sb.append("\n  (").append(pending).append(" more in flight)");
    }
    return sb.toString();
  }

  // ---- receiving

  private void handleHttp(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try (exchange) {
      Instant receivedAt = Instant.now();
      FaultMode mode = takeFaultMode();
      Map<String, String> headers = lowerCased(exchange.getRequestHeaders());
      String path = exchange.getRequestURI().getPath();
      boolean gzip = "gzip".equalsIgnoreCase(trim(headers.get("content-encoding")));
      String contentType = trim(headers.get("content-type")).toLowerCase(Locale.ROOT);

      List<ReceivedSpan> received = List.of();
      int status;
      String error = null;
      if (!isOtlpPath(path)) {
        status = 404;
        error = "no such path: " + path;
      } else if (!"POST".equals(exchange.getRequestMethod())) {
        status = 405;
        error = "OTLP/HTTP takes POST";
      } else if (contentType.contains("json")) {
        // The kit only speaks binary protobuf; say so rather than fail to parse.
        status = 415;
        error = "the fake collector accepts application/x-protobuf only";
      } else {
        try {
          byte[] body = readBody(exchange.getRequestBody(), gzip);
          if (path.equals(TRACES_PATH)) {
            received = ReceivedSpan.fromRequest(ExportTraceServiceRequest.parseFrom(body));
          }
          status = mode.status();
          if (status >= 300) {
            error = "the fake collector was told to respond with " + status;
          }
        } catch (IOException e) {
          status = 400;
          error = "bad request body: " + e;
        }
      }

      if (!holdFor(mode.hang())) {
        return; // closing: drop the connection unanswered
      }
      record(
          new ReceivedRequest(
              ReceivedRequest.Transport.HTTP, path, headers, gzip, received.size(), status, null,
              receivedAt),
          received);

      byte[] response =
          error == null
              ? successResponse(path)
              : com.google.rpc.Status.newBuilder()
                  .setCode(grpcCode(status).value())
                  .setMessage(error)
                  .build()
                  .toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
      if (response.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response);
        }
      }
    } catch (IOException e) {
      // The client went away (e.g. it timed out during a hang); nothing to answer.
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static boolean isOtlpPath(String path) {
    return path.equals(TRACES_PATH) || path.equals("/v1/metrics") || path.equals("/v1/logs");
  }

  private static byte[] successResponse(String path) {
    switch (path) {
      case TRACES_PATH:
        return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      case "/v1/metrics":
        return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
      default:
        return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
    }
  }

  private static byte[] readBody(InputStream body, boolean gzip) throws IOException {
    try (InputStream in = gzip ? new GZIPInputStream(body) : body) {
      return in.readAllBytes();
    }
  }

  private <T> void handleGrpc(
      List<ReceivedSpan> received, StreamObserver<T> observer, T successResponse) {
    inFlight.incrementAndGet();
    try {
      Instant receivedAt = Instant.now();
      FaultMode mode = takeFaultMode();
      CallInfo call = CALL.get();
      if (!holdFor(mode.hang())) {
        observer.onError(Status.UNAVAILABLE.withDescription("fake collector closing").asRuntimeException());
        return;
      }
      Status.Code code = mode.status() < 300 ? Status.Code.OK : grpcCode(mode.status());
      boolean gzip = "gzip".equalsIgnoreCase(trim(call.headers().get("grpc-encoding")));
      record(
          new ReceivedRequest(
              ReceivedRequest.Transport.GRPC, call.path(), call.headers(), gzip, received.size(),
              mode.status(), code.name(), receivedAt),
          received);
      if (code == Status.Code.OK) {
        observer.onNext(successResponse);
        observer.onCompleted();
      } else {
        observer.onError(
            Status.fromCode(code)
                .withDescription("the fake collector was told to respond with " + mode.status())
                .asRuntimeException());
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private final class TraceReceiver extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
      handleGrpc(
          ReceivedSpan.fromRequest(request), observer, ExportTraceServiceResponse.getDefaultInstance());
    }
  }

  private final class MetricsReceiver extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(
        ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> observer) {
      handleGrpc(List.of(), observer, ExportMetricsServiceResponse.getDefaultInstance());
    }
  }

  private final class LogsReceiver extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(
        ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> observer) {
      handleGrpc(List.of(), observer, ExportLogsServiceResponse.getDefaultInstance());
    }
  }

  /** Hands the call's path and metadata to the service method, which grpc-java does not. */
  private static final class CaptureCallInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
      Map<String, String> headers = new TreeMap<>();
      for (String key : metadata.keys()) {
        if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          Iterable<String> values = metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
          if (values != null) {
            headers.put(key.toLowerCase(Locale.ROOT), String.join(",", values));
          }
        }
      }
      CallInfo info = new CallInfo("/" + call.getMethodDescriptor().getFullMethodName(), headers);
      return Contexts.interceptCall(Context.current().withValue(CALL, info), call, metadata, next);
    }
  }

  /** Waits out a hang; false if the collector is closing. */
  private boolean holdFor(Duration hang) {
    if (hang.isZero()) {
      return closing.getCount() > 0;
    }
    try {
      return !closing.await(hang.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void record(ReceivedRequest request, List<ReceivedSpan> received) {
    synchronized (lock) {
      requests.add(request);
      if (request.succeeded()) {
        spans.addAll(received);
      }
      version++;
      lock.notifyAll();
    }
  }

  static Status.Code grpcCode(int httpStatus) {
    switch (httpStatus) {
      case 200:
        return Status.Code.OK;
      case 400:
        return Status.Code.INVALID_ARGUMENT;
      case 401:
        return Status.Code.UNAUTHENTICATED;
      case 403:
        return Status.Code.PERMISSION_DENIED;
      case 404:
      case 405:
      case 415:
      case 501:
        return Status.Code.UNIMPLEMENTED;
      case 408:
      case 504:
        return Status.Code.DEADLINE_EXCEEDED;
      case 429:
        return Status.Code.RESOURCE_EXHAUSTED;
      case 500:
        return Status.Code.INTERNAL;
      case 502:
      case 503:
        return Status.Code.UNAVAILABLE;
      default:
        return httpStatus < 300 ? Status.Code.OK : Status.Code.UNKNOWN;
    }
  }

  private static Map<String, String> lowerCased(Headers headers) {
    Map<String, String> result = new TreeMap<>();
    headers.forEach((k, v) -> result.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    return result;
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ---- lifecycle

  /** Stops both receivers at once, releasing requests held by {@link #hang}. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closing.countDown();
    grpcServer.shutdownNow();
    httpServer.stop(0);
    try {
      // Before the executor goes: grpc-java still hands it clean-up tasks while terminating.
      grpcServer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      httpExecutor.shutdownNow();
      grpcExecutor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "FakeCollector{http=" + httpEndpoint() + ", grpc=" + grpcEndpoint() + "}";
  }
}
