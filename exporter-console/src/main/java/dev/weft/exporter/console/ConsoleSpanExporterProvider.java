package dev.weft.exporter.console;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Makes {@code OTEL_TRACES_EXPORTER=console} select {@link ConsoleWaterfallExporter}.
 *
 * <p>Autoconfigure wraps exporters named "console" (and "logging") in a SimpleSpanProcessor, so each
 * span reaches the exporter as it ends, on the thread that ended it.
 *
 * <p>Output goes to stderr, never stdout: stdout belongs to the application (a CLI's output is piped
 * into other programs). The OpenTelemetry agent's console exporter logs through java.util.logging,
 * whose default ConsoleHandler writes to stderr as well, and Weft's own log lines go there too.
 */
public final class ConsoleSpanExporterProvider implements ConfigurableSpanExporterProvider {

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new ConsoleWaterfallExporter(System.err);
  }

  @Override
  public String getName() {
    return "console";
  }
}
