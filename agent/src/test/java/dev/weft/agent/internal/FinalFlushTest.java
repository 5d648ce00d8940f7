package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.internal.export.GuardedSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long the shutdown hook waits for the last export, by what it knows about it. */
class FinalFlushTest {
  private static final long BASE = 150;
  private static final long MAX = 600;

  /** An exporter whose exports never complete, as against a collector that does not answer. */
  private static GuardedSpanExporter silentBackend() {
    SpanExporter never = new NeverAnsweringExporter();
    return new GuardedSpanExporter(never, "test");
  }

  @Test
  void aCompletedFlushEndsTheWaitAtOnce() {
    long waited = SdkSetup.finalFlush(CompletableResultCode.ofSuccess(), List.of(), BASE, MAX);
    assertThat(waited).isLessThan(BASE);
  }

  @Test
  void anExportThatBeganBeforeTheShutdownGetsTheBaseWait() {
    GuardedSpanExporter guard = silentBackend();
    guard.export(Collections.emptyList());
    guard.beginShutdown();

    long waited = SdkSetup.finalFlush(new CompletableResultCode(), List.of(guard), BASE, MAX);

    // The base wait counts from when the export began, a few milliseconds before the flush.
    assertThat(waited).isBetween(BASE - 50, MAX - 100);
  }

  @Test
  void anExportOutLongerThanTheBaseWaitWhenTheShutdownBeganGetsTheMinimum() throws InterruptedException {
    GuardedSpanExporter guard = silentBackend();
    guard.export(Collections.emptyList());
    Thread.sleep(BASE + 50);
    guard.beginShutdown();

    long waited = SdkSetup.finalFlush(new CompletableResultCode(), List.of(guard), BASE, MAX);

    assertThat(waited).isBetween(SdkSetup.MIN_FLUSH_MILLIS, BASE - 20);
  }

  @Test
  void theExportTheFlushStartedGetsUpToTheMaximum() {
    GuardedSpanExporter guard = silentBackend();
    guard.beginShutdown();
    guard.export(Collections.emptyList());

    long waited = SdkSetup.finalFlush(new CompletableResultCode(), List.of(guard), BASE, MAX);

    assertThat(waited).isBetween(MAX, MAX + 400);
  }

  @Test
  void anExportKnownToBeFailingIsNotWaitedFor() {
    GuardedSpanExporter guard = silentBackend();
    guard.beginShutdown();
    guard.export(Collections.emptyList());
    guard.attemptFailed(new ConnectException("Connection refused"));

    long waited = SdkSetup.finalFlush(new CompletableResultCode(), List.of(guard), BASE, MAX);

    assertThat(waited).isLessThan(BASE);
  }

  @Test
  void theFreshFlushLimitFollowsTheExporterTimeoutWithinBounds() {
    assertThat(SdkSetup.freshFlushLimitMillis(Duration.ofSeconds(3))).isEqualTo(3000);
    assertThat(SdkSetup.freshFlushLimitMillis(Duration.ofSeconds(10))).isEqualTo(SdkSetup.MAX_FRESH_FLUSH_MILLIS);
    assertThat(SdkSetup.freshFlushLimitMillis(Duration.ofMillis(200))).isEqualTo(SdkSetup.FINAL_FLUSH_MILLIS);
    assertThat(SdkSetup.freshFlushLimitMillis(Duration.ZERO)).isEqualTo(SdkSetup.MAX_FRESH_FLUSH_MILLIS);
  }
}
