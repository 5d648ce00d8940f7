package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.internal.export.PerExporterBatching;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A backend that never answers costs only its own spans: the other exporter's batches keep flowing. */
class PerExporterBatchingTest {
  private static final ConfigProperties CONFIG =
      DefaultConfigProperties.createFromMap(Collections.singletonMap("otel.bsp.schedule.delay", "50"));

  @Test
  void aSilentBackendDoesNotHoldBackTheOther() throws InterruptedException {
    InMemorySpanExporter fast = InMemorySpanExporter.create();
    PerExporterBatching batching = new PerExporterBatching();
    SpanExporter silent = batching.register(new NeverAnsweringExporter(), new NeverAnsweringExporter());
    SpanExporter quick = batching.register(fast, fast);
    SpanProcessor processor =
        batching.split(BatchSpanProcessor.builder(SpanExporter.composite(silent, quick)).build(), CONFIG);
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
    try {
      endSpansInThreeBatches(provider);
      assertThat(awaitSpans(fast, 3)).as("spans the answering exporter got").isEqualTo(3);
    } finally {
      provider.shutdown();
    }
  }

  /** What the SDK's own set-up does: one processor, one composite export that waits for the slowest. */
  @Test
  void withOneSharedProcessorTheSilentBackendHoldsBackTheOther() throws InterruptedException {
    InMemorySpanExporter fast = InMemorySpanExporter.create();
    SpanProcessor shared =
        BatchSpanProcessor.builder(SpanExporter.composite(new NeverAnsweringExporter(), fast))
            .setScheduleDelay(java.time.Duration.ofMillis(50))
            .build();
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(shared).build();
    try {
      endSpansInThreeBatches(provider);
      assertThat(awaitSpans(fast, 3)).as("spans the answering exporter got").isEqualTo(1);
    } finally {
      provider.shutdown();
    }
  }

  @Test
  void theReplacedProcessorShutsNoExporterDownButTheNewOnesDo() {
    CountingExporter exporter = new CountingExporter();
    PerExporterBatching batching = new PerExporterBatching();
    SpanExporter registered = batching.register(exporter, exporter);
    SpanProcessor processor = batching.split(BatchSpanProcessor.builder(registered).build(), CONFIG);
    assertThat(exporter.shutdowns.get()).as("shutdowns once the original processor is replaced").isZero();
    processor.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(exporter.shutdowns.get()).isEqualTo(1);
  }

  @Test
  void otherProcessorsAreLeftAlone() {
    PerExporterBatching batching = new PerExporterBatching();
    batching.register(new CountingExporter(), new CountingExporter());
    SpanProcessor simple = io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(new CountingExporter());
    assertThat(batching.split(simple, CONFIG)).isSameAs(simple);
  }

  private static void endSpansInThreeBatches(SdkTracerProvider provider) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      provider.get("test").spanBuilder("span-" + i).startSpan().end();
      Thread.sleep(300);
    }
  }

  private static int awaitSpans(InMemorySpanExporter exporter, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (exporter.getFinishedSpanItems().size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return exporter.getFinishedSpanItems().size();
  }

  private static final class CountingExporter implements SpanExporter {
    final AtomicInteger shutdowns = new AtomicInteger();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdowns.incrementAndGet();
      return CompletableResultCode.ofSuccess();
    }
  }
}
