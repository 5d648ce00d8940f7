package dev.weft.exporter.console;

import io.opentelemetry.exporter.internal.otlp.traces.ResourceSpansMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code OTEL_TRACES_EXPORTER=logging-otlp}: each batch as OTLP JSON, one {@code ResourceSpans} object
 * per line, the format the OpenTelemetry agent's exporter of that name logs and that log pipelines
 * (the Collector's filelog receiver, for one) parse back into spans. Written straight to the stream,
 * not through java.util.logging, so the application's logging set-up is neither touched nor needed.
 */
public final class OtlpJsonLineExporter implements SpanExporter {
  private final PrintStream out;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  public OtlpJsonLineExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown.get()) {
      return CompletableResultCode.ofFailure();
    }
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      for (ResourceSpansMarshaler marshaler : ResourceSpansMarshaler.create(spans)) {
        marshaler.writeJsonTo(buffer);
        buffer.write('\n');
      }
      out.print(new String(buffer.toByteArray(), StandardCharsets.UTF_8));
      out.flush();
      return CompletableResultCode.ofSuccess();
    } catch (Throwable t) {
      return CompletableResultCode.ofFailure();
    }
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown.set(true);
    return CompletableResultCode.ofSuccess();
  }
}
