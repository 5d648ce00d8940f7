package dev.weft.exporter.console;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Makes {@code OTEL_TRACES_EXPORTER=logging-otlp} select {@link OtlpJsonLineExporter}, on stderr. */
public final class OtlpJsonLineExporterProvider implements ConfigurableSpanExporterProvider {

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new OtlpJsonLineExporter(System.err);
  }

  @Override
  public String getName() {
    return "logging-otlp";
  }
}
