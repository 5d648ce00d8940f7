package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault modes, as the real SDK exporters see them, and the collector's waiting helpers. */
class FakeCollectorFaultTest {
  private final FakeCollector collector = FakeCollector.start();
  private final SampleSpans sample = SampleSpans.create();

  @AfterEach
  void close() {
    collector.close();
  }

  private SpanExporter http(RetryPolicy retry) {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(collector.httpTracesEndpoint())
        .setRetryPolicy(retry)
        .build();
  }

  private SpanExporter grpc(RetryPolicy retry) {
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint(collector.grpcEndpoint())
        .setRetryPolicy(retry)
        .build();
  }

  private CompletableResultCode export(SpanExporter exporter) {
    try {
      return exporter.export(sample.spans).join(10, TimeUnit.SECONDS);
    } finally {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void failureStatusFailsTheExportAndRecordsNoSpans() {
    collector.respondWith(500);

    assertThat(export(http(null)).isSuccess()).isFalse();
    assertThat(export(grpc(null)).isSuccess()).isFalse();

    assertThat(collector.spans()).isEmpty();
    assertThat(collector.requests())
        .extracting(ReceivedRequest::transport, ReceivedRequest::status, ReceivedRequest::grpcStatus,
            ReceivedRequest::spanCount, ReceivedRequest::succeeded)
        .containsExactly(
            tuple(ReceivedRequest.Transport.HTTP, 500, null, 2, false),
            tuple(ReceivedRequest.Transport.GRPC, 500, "INTERNAL", 2, false));
  }

  @Test
  void tooManyRequestsMapsToResourceExhaustedOverGrpc() {
    collector.respondWith(429);

    assertThat(export(grpc(null)).isSuccess()).isFalse();

    assertThat(collector.requests()).singleElement()
        .satisfies(r -> assertThat(r.grpcStatus()).isEqualTo("RESOURCE_EXHAUSTED"));
  }

  @Test
  void healthyRestoresSuccess() {
    collector.respondWith(503);
    assertThat(export(http(null)).isSuccess()).isFalse();

    collector.healthy();
    assertThat(export(http(null)).isSuccess()).isTrue();

    assertThat(collector.spans()).hasSize(2);
    assertThat(collector.requests()).extracting(ReceivedRequest::status).containsExactly(503, 200);
  }

  @Test
  void failingOnlyTheFirstAttemptLetsTheExporterRetry() {
    RetryPolicy fastRetry = RetryPolicy.builder().setInitialBackoff(Duration.ofMillis(10)).build();
    collector.respondWith(503, 1);

    assertThat(export(http(fastRetry)).isSuccess()).isTrue();

    collector.respondWith(503, 1);
    assertThat(export(grpc(fastRetry)).isSuccess()).isTrue();

    assertThat(collector.requests())
        .extracting(ReceivedRequest::status)
        .containsExactly(503, 200, 503, 200);
    assertThat(collector.spans()).hasSize(4); // each batch recorded once, from its successful retry
  }

  @Test
  void hangDelaysTheAnswer() {
    collector.hang(Duration.ofMillis(600));

    long start = System.nanoTime();
    assertThat(export(http(null)).isSuccess()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));

    start = System.nanoTime();
    assertThat(export(grpc(null)).isSuccess()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void hangLongerThanTheExporterTimeoutFailsTheExport() {
    collector.hang(Duration.ofSeconds(30));
    SpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(collector.httpTracesEndpoint())
            .setTimeout(Duration.ofMillis(300))
            .setRetryPolicy(null)
            .build();

    assertThat(export(exporter).isSuccess()).isFalse();
  }

  @Test
  void closeIsFastEvenWhileRequestsHang() throws Exception {
    collector.hang(Duration.ofSeconds(30));
    SpanExporter httpExporter = http(null);
    SpanExporter grpcExporter = grpc(null);
    CompletableResultCode httpResult = httpExporter.export(sample.spans);
    CompletableResultCode grpcResult = grpcExporter.export(sample.spans);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (collector.inFlightRequests() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(collector.inFlightRequests()).isEqualTo(2);

    long start = System.nanoTime();
    collector.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

    assertThat(httpResult.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
    assertThat(grpcResult.join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
    httpExporter.shutdown();
    grpcExporter.shutdown();
  }

  @Test
  void awaitSpansFailsListingWhatArrived() {
    assertThat(export(http(null)).isSuccess()).isTrue();

    assertThatThrownBy(() -> collector.awaitSpans(3, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected at least 3 spans within 200ms but received 2")
        .hasMessageContaining("\"parent\" SERVER")
        .hasMessageContaining("\"GET\" CLIENT")
        .hasMessageContaining("HTTP /v1/traces spans=2 -> 200");
  }

  @Test
  void awaitSpansWaitsForLaterArrivals() throws Exception {
    Thread exporterThread = new Thread(() -> {
      sleep(200);
      export(http(null));
    });
    exporterThread.start();

    List<ReceivedSpan> spans = collector.awaitSpans(2, Duration.ofSeconds(10));
    assertThat(spans).hasSize(2);
    assertThat(collector.awaitSpan(s -> s.name().equals("GET"), Duration.ofSeconds(1)).name()).isEqualTo("GET");
    assertThat(collector.awaitSpans(all -> all.stream().anyMatch(ReceivedSpan::isRoot), Duration.ofSeconds(1)))
        .hasSize(2);
    assertThat(collector.awaitRequests(1, Duration.ofSeconds(1))).hasSize(1);
    exporterThread.join();
  }

  @Test
  void awaitSpansSatisfyingRetriesTheAssertionUntilItPasses() {
    Thread exporterThread = new Thread(() -> {
      sleep(100);
      export(http(null));
    });
    exporterThread.start();

    collector.awaitSpansSatisfying(
        spans -> TraceAssert.assertThat(spans).hasTraceCount(1).spanNamed("GET").hasParentNamed("parent"),
        Duration.ofSeconds(10));

    assertThatThrownBy(
            () -> collector.awaitSpansSatisfying(
                spans -> TraceAssert.assertThat(spans).hasSpanCount(5), Duration.ofMillis(100)))
        .hasMessageStartingWith("Still failing after waiting 100ms: expected 5 spans but received 2");
  }

  @Test
  void assertNoSpans() {
    collector.assertNoSpansFor(Duration.ofMillis(100));
    assertThat(export(http(null)).isSuccess()).isTrue();

    assertThatThrownBy(() -> collector.assertNoSpansFor(Duration.ofMillis(100)))
        .hasMessageContaining("Expected no spans for 100ms but received");
    collector.assertNoMoreSpans(Duration.ofMillis(100));

    Thread exporterThread = new Thread(() -> {
      sleep(100);
      export(http(null));
    });
    exporterThread.start();
    assertThatThrownBy(() -> collector.assertNoMoreSpans(Duration.ofSeconds(10)))
        .hasMessageContaining("Expected no more spans for 10s but 2 more arrived");
  }

  @Test
  void clearForgetsEverything() {
    assertThat(export(http(null)).isSuccess()).isTrue();
    collector.clear();
    assertThat(collector.spans()).isEmpty();
    assertThat(collector.requests()).isEmpty();
  }

  @Test
  void rejectsWhatItCannotRead() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    int json = client.send(
            HttpRequest.newBuilder(URI.create(collector.httpTracesEndpoint()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
    int garbage = client.send(
            HttpRequest.newBuilder(URI.create(collector.httpTracesEndpoint()))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("not gzip"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
    assertThat(json).isEqualTo(415);
    assertThat(garbage).isEqualTo(400);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
