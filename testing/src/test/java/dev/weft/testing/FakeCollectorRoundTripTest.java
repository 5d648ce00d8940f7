package dev.weft.testing;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.weft.testing.ReceivedSpan.StatusCode;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
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

/** The fake collector understands what the real OpenTelemetry SDK exporters send. */
class FakeCollectorRoundTripTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final FakeCollector collector = FakeCollector.start();
  private final SampleSpans sample = SampleSpans.create();

  @AfterEach
  void close() {
    collector.close();
  }

  @Test
  void httpProtobuf() {
    export(OtlpHttpSpanExporter.builder().setEndpoint(collector.httpTracesEndpoint()).build());

    assertRoundTrip(collector.awaitSpans(2, TIMEOUT));
    ReceivedRequest request = collector.requests().get(0);
    assertThat(request.transport()).isEqualTo(ReceivedRequest.Transport.HTTP);
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.wasGzip()).isFalse();
    assertThat(request.spanCount()).isEqualTo(2);
    assertThat(request.status()).isEqualTo(200);
    assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
  }

  @Test
  void grpc() {
    export(OtlpGrpcSpanExporter.builder().setEndpoint(collector.grpcEndpoint()).build());

    assertRoundTrip(collector.awaitSpans(2, TIMEOUT));
    ReceivedRequest request = collector.requests().get(0);
    assertThat(request.transport()).isEqualTo(ReceivedRequest.Transport.GRPC);
    assertThat(request.path()).isEqualTo(FakeCollector.GRPC_TRACES_PATH);
    assertThat(request.wasGzip()).isFalse();
    assertThat(request.grpcStatus()).isEqualTo("OK");
    assertThat(request.header("content-type")).startsWith("application/grpc");
  }

  @Test
  void httpGzipAndHeaders() {
    export(
        OtlpHttpSpanExporter.builder()
            .setEndpoint(collector.httpTracesEndpoint())
            .setCompression("gzip")
            .addHeader("authorization", "Bearer x")
            .addHeader("X-Tenant", "t1")
            .build());

    assertRoundTrip(collector.awaitSpans(2, TIMEOUT));
    ReceivedRequest request = collector.requests().get(0);
    assertThat(request.wasGzip()).isTrue();
    assertThat(request.headers()).containsEntry("authorization", "Bearer x").containsEntry("x-tenant", "t1");
  }

  @Test
  void grpcGzipAndHeaders() {
    export(
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(collector.grpcEndpoint())
            .setCompression("gzip")
            .addHeader("authorization", "Bearer x")
            .build());

    assertRoundTrip(collector.awaitSpans(2, TIMEOUT));
    ReceivedRequest request = collector.requests().get(0);
    assertThat(request.wasGzip()).isTrue();
    assertThat(request.header("authorization")).isEqualTo("Bearer x");
  }

  @Test
  void fieldsMatchTheSdkSpans() {
    export(OtlpHttpSpanExporter.builder().setEndpoint(collector.httpTracesEndpoint()).build());
    List<ReceivedSpan> spans = collector.awaitSpans(2, TIMEOUT);
    ReceivedSpan child = spans.stream().filter(s -> s.name().equals("GET")).findFirst().orElseThrow();
    ReceivedSpan parent = spans.stream().filter(s -> s.name().equals("parent")).findFirst().orElseThrow();

    assertThat(child.traceId()).isEqualTo(sample.child.getTraceId()).hasSize(32);
    assertThat(child.spanId()).isEqualTo(sample.child.getSpanId()).hasSize(16);
    assertThat(child.parentSpanId()).isEqualTo(sample.parent.getSpanId());
    assertThat(parent.parentSpanId()).isEmpty();
    assertThat(parent.isRoot()).isTrue();
    assertThat(child.isRoot()).isFalse();
    assertThat(child.kind()).isEqualTo(CLIENT);
    assertThat(child.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(child.statusMessage()).isEqualTo("it failed");
    assertThat(child.startEpochNanos()).isEqualTo(sample.child.getStartEpochNanos());
    assertThat(child.endEpochNanos()).isEqualTo(sample.child.getEndEpochNanos());
    assertThat(child.duration()).isEqualTo(Duration.ofNanos(child.endEpochNanos() - child.startEpochNanos()));

    assertThat(parent.attributes())
        .containsEntry("http.request.method", "GET")
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("sample.ratio", 0.25)
        .containsEntry("sample.flag", true)
        .containsEntry("sample.tags", List.of("a", "b"))
        .containsEntry("sample.ports", List.of(80L, 443L));
    assertThat(parent.stringAttribute("http.request.method")).isEqualTo("GET");
    assertThat(parent.longAttribute("http.response.status_code")).isEqualTo(200L);
    assertThat(parent.doubleAttribute("sample.ratio")).isEqualTo(0.25);
    assertThat(parent.booleanAttribute("sample.flag")).isTrue();
    assertThat(parent.stringAttribute("absent")).isNull();

    assertThat(child.events()).extracting(ReceivedSpan.Event::name).containsExactly("cache.miss", "exception");
    assertThat(child.events().get(0).attribute("cache.key")).isEqualTo("k1");
    ReceivedSpan.Event exception = child.events().get(1);
    assertThat(exception.attribute("exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(exception.attribute("exception.message")).isEqualTo("boom");
    assertThat((String) exception.attribute("exception.stacktrace"))
        .contains("IllegalStateException: boom")
        .contains("SampleSpans.create");
    assertThat(exception.epochNanos()).isBetween(child.startEpochNanos(), child.endEpochNanos());

    assertThat(child.links()).hasSize(1);
    assertThat(child.links().get(0).traceId()).hasSize(32).isNotEqualTo(child.traceId());
    assertThat(child.links().get(0).attributes()).containsEntry("link.reason", "test");

    assertThat(child.resourceAttributes())
        .containsEntry("service.name", "kit-test")
        .containsEntry("deployment.environment.name", "test");
    assertThat(child.resourceAttribute("service.name")).isEqualTo("kit-test");
    assertThat(child.scopeName()).isEqualTo(SampleSpans.SCOPE);
    assertThat(child.scopeVersion()).isEqualTo(SampleSpans.SCOPE_VERSION);

    assertThat(child.toString())
        .contains("\"GET\" CLIENT", child.spanId(), "parent=" + parent.spanId(), "status=ERROR(it failed)")
        .contains("url.full=\"http://localhost:8080/items?id=1\"")
        .doesNotContain("\n");
  }

  @Test
  void metricsAndLogsRequestsAreAcceptedAndCounted() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String path : List.of("/v1/metrics", "/v1/logs", "/v1/unknown")) {
      client.send(
          HttpRequest.newBuilder(URI.create(collector.httpEndpoint() + path))
              .header("Content-Type", "application/x-protobuf")
              .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    assertThat(collector.requests())
        .extracting(ReceivedRequest::path, ReceivedRequest::status)
        .containsExactly(tuple("/v1/metrics", 200), tuple("/v1/logs", 200), tuple("/v1/unknown", 404));
    assertThat(collector.spans()).isEmpty();
  }

  private void export(SpanExporter exporter) {
    try {
      CompletableResultCode result = exporter.export(sample.spans).join(10, TimeUnit.SECONDS);
      assertThat(result.isSuccess()).as("export succeeded").isTrue();
    } finally {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  private void assertRoundTrip(List<ReceivedSpan> spans) {
    TraceAssert.assertThat(spans)
        .hasSpanCount(2)
        .hasTraceCount(1)
        .hasSpansSatisfyingExactly(
            span ->
                span.hasName("parent")
                    .hasKind(SERVER)
                    .hasNoParent()
                    .hasTraceId(sample.parent.getTraceId())
                    .hasStatus(StatusCode.UNSET)
                    .hasAttribute("http.request.method", "GET")
                    .hasAttribute("http.response.status_code", 200)
                    .hasAttribute("sample.ratio", 0.25)
                    .hasAttribute("sample.flag", true)
                    .hasAttribute("sample.tags", new String[] {"a", "b"})
                    .hasAttribute("sample.ports", List.of(80, 443))
                    .hasNoException()
                    .hasResourceAttribute("service.name", "kit-test")
                    .hasScopeName(SampleSpans.SCOPE),
            span ->
                span.hasName("GET")
                    .hasKind(CLIENT)
                    .hasParentNamed("parent")
                    .hasParentSpanId(sample.parent.getSpanId())
                    .hasStatus(StatusCode.ERROR, "it failed")
                    .hasAttributeSatisfying(
                        "url.full", v -> assertThat(v).asString().startsWith("http://localhost:8080/"))
                    .doesNotHaveAttribute("http.request.method")
                    .hasEventNamed("cache.miss")
                    .hasException(IllegalStateException.class)
                    .hasException("java.lang.IllegalStateException", "boom"));
  }
}
