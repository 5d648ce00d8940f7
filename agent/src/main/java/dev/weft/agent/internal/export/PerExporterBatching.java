package dev.weft.agent.internal.export;

import dev.weft.exporter.console.ConsoleWaterfallExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One batch span processor per exporter. The SDK's autoconfiguration puts every batched exporter
 * ({@code OTEL_TRACES_EXPORTER=otlp,zipkin}) behind one processor and one composite export, which waits
 * for the slowest: a backend that accepts connections and never answers would hold back the spans of
 * the others for its whole timeout, batch after batch. Here each exporter has its own queue and thread,
 * with the same {@code otel.bsp.*} settings, so a slow backend only ever costs its own spans.
 *
 * <p>The autoconfigured processor is replaced as soon as it is built, before any span: it is shut down
 * at once (its worker thread ends) through {@link Shielded} exporters, which do not pass the shutdown
 * on, so the real exporters live on behind their own processors.
 */
public final class PerExporterBatching {
  private final List<SpanExporter> batched = new CopyOnWriteArrayList<>();

  /**
   * For the exporter customizer: what the autoconfigured processor gets. The console exporter is not
   * batched by the SDK (it has its own simple processor) and is returned as it is.
   */
  public SpanExporter register(SpanExporter guarded, SpanExporter original) {
    if (original instanceof ConsoleWaterfallExporter) {
      return guarded;
    }
    batched.add(guarded);
    return new Shielded(guarded);
  }

  /** For the span processor customizer: the autoconfigured batch processor becomes one per exporter. */
  public SpanProcessor split(SpanProcessor processor, ConfigProperties config) {
    if (!(processor instanceof BatchSpanProcessor) || batched.isEmpty()) {
      return processor;
    }
    processor.shutdown(); // ends its thread; the shielded exporters stay open
    List<SpanProcessor> processors = new ArrayList<>();
    for (SpanExporter exporter : batched) {
      processors.add(
          BatchSpanProcessor.builder(exporter)
              .setScheduleDelay(config.getDuration("otel.bsp.schedule.delay", Duration.ofMillis(5000)))
              .setMaxQueueSize(config.getInt("otel.bsp.max.queue.size", 16384))
              .setMaxExportBatchSize(config.getInt("otel.bsp.max.export.batch.size", 2048))
              .setExporterTimeout(config.getDuration("otel.bsp.export.timeout", Duration.ofMillis(30000)))
              .build());
    }
    return processors.size() == 1 ? processors.get(0) : SpanProcessor.composite(processors);
  }

  /** An exporter whose shutdown is not passed on: the real one is shut down by its own processor. */
  static final class Shielded implements SpanExporter {
    private final SpanExporter delegate;

    Shielded(SpanExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return delegate.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
