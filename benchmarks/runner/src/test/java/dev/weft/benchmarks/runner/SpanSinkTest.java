package dev.weft.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SpanSinkTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void countsPlainAndGzippedExportsByServiceAndShape() throws Exception {
    byte[] body =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(OtlpSpanCounterTest.resourceSpans("front", "scope",
                OtlpSpanCounterTest.span("GET /order", Span.SpanKind.SPAN_KIND_SERVER),
                OtlpSpanCounterTest.span("GET", Span.SpanKind.SPAN_KIND_CLIENT)))
            .addResourceSpans(OtlpSpanCounterTest.resourceSpans("other", "scope",
                OtlpSpanCounterTest.span("GET /price", Span.SpanKind.SPAN_KIND_SERVER)))
            .build()
            .toByteArray();
    try (SpanSink sink = SpanSink.start()) {
      assertThat(post(sink, body, false)).isEqualTo(200);
      assertThat(post(sink, gzip(body), true)).isEqualTo(200);

      assertThat(sink.spans()).isEqualTo(6);
      assertThat(sink.exports()).isEqualTo(2);
      assertThat(sink.shapesOf("front"))
          .containsEntry(new SpanSink.SpanShape("front", "scope", OtlpSpanCounter.SpanKind.SERVER, "GET /order"), 2L)
          .containsEntry(new SpanSink.SpanShape("front", "scope", OtlpSpanCounter.SpanKind.CLIENT, "GET"), 2L)
          .hasSize(2);
      assertThat(sink.shapesOf("other")).hasSize(1);
      assertThat(sink.shapesOf("nobody")).isEmpty();
    }
  }

  @Test
  void answersMalformedExportsWith400AndCountsThem() throws Exception {
    try (SpanSink sink = SpanSink.start()) {
      assertThat(post(sink, new byte[] {0x0a, 0x7f}, false)).isEqualTo(400);
      assertThat(sink.malformed()).isEqualTo(1);
      assertThat(sink.spans()).isZero();
    }
  }

  @Test
  void awaitQuietReturnsOnceNothingArrivesForTheQuietTime() throws Exception {
    try (SpanSink sink = SpanSink.start()) {
      long start = System.nanoTime();
      sink.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  private int post(SpanSink sink, byte[] body, boolean gzipped) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sink.endpoint() + SpanSink.TRACES_PATH))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzipped) {
      request.header("Content-Encoding", "gzip");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
