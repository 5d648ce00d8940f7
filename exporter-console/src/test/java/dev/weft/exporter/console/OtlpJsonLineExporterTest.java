package dev.weft.exporter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpJsonLineExporterTest {

  @Test
  void autoconfigureFindsItByNameAndEachBatchBecomesOtlpJsonLines() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Span parent;
    Span child;
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(
                  () ->
                      Map.of(
                          "otel.traces.exporter", "logging-otlp",
                          "otel.metrics.exporter", "none",
                          "otel.logs.exporter", "none",
                          "otel.service.name", "json-lines"))
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      try {
        parent = sdk.getTracer("scope-a").spanBuilder("parent").startSpan();
        child =
            sdk.getTracer("scope-a")
                .spanBuilder("child")
                .setParent(io.opentelemetry.context.Context.root().with(parent))
                .setAttribute(AttributeKey.stringKey("note"), "line\nbreak \"quoted\"")
                .startSpan();
        child.end();
        parent.end();
        sdk.getSdkTracerProvider().forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        sdk.close();
      }
    } finally {
      System.setErr(originalErr);
    }

    String out = captured.toString(StandardCharsets.UTF_8);
    String[] lines = out.split("\n");
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      // one JSON object a line: newlines inside values are escaped, never raw
      assertThat(line).startsWith("{\"resource\":").endsWith("}");
    }
    assertThat(out)
        .contains("\"traceId\":\"" + parent.getSpanContext().getTraceId() + "\"")
        .contains("\"parentSpanId\":\"" + parent.getSpanContext().getSpanId() + "\"")
        .contains("\"name\":\"child\"", "\"name\":\"parent\"", "\"name\":\"scope-a\"")
        .contains("json-lines")
        .contains("line\\nbreak \\\"quoted\\\"");
  }
}
