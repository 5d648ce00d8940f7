package dev.weft.exporter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSpanExporterProviderTest {

  @Test
  void autoconfigureFindsTheExporterByNameAndPrintsEachRootAsItEnds() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(
                  () ->
                      Map.of(
                          "otel.traces.exporter", "console",
                          "otel.metrics.exporter", "none",
                          "otel.logs.exporter", "none",
                          "otel.service.name", "autoconfigured"))
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      try {
        assertThat(sdk.getSdkTracerProvider().toString())
            .contains("SimpleSpanProcessor", "ConsoleWaterfallExporter");

        Span span = sdk.getTracer("test").spanBuilder("hello").startSpan();
        span.end();
        // No flush: behind a SimpleSpanProcessor the root is printed as soon as it ends.
        assertThat(captured.toString(StandardCharsets.UTF_8))
            .startsWith("[weft] trace " + span.getSpanContext().getTraceId())
            .contains("service=autoconfigured", "1 span", "hello");
      } finally {
        sdk.close();
      }
    } finally {
      System.setErr(originalErr);
    }
  }
}
