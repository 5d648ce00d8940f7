package dev.weft.agent.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GuardedSpanExporterTest {
  private static final String TARGET = "http/protobuf http://collector:4318/v1/traces";

  private final List<String> warnings = new ArrayList<>();
  private final List<String> notices = new ArrayList<>();
  private long now = TimeUnit.HOURS.toNanos(1);
  private Supplier<CompletableResultCode> answer = CompletableResultCode::ofSuccess;
  private int delegateExports;

  private final SpanExporter delegate =
      new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
          delegateExports++;
          return answer.get();
        }

        @Override
        public CompletableResultCode flush() {
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
          return CompletableResultCode.ofSuccess();
        }
      };

  private final GuardedSpanExporter guard =
      new GuardedSpanExporter(delegate, TARGET, warnings::add, notices::add, () -> now);

  private static List<SpanData> spans(int count) {
    List<SpanData> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      spans.add(
          TestSpanData.builder()
              .setName("GET")
              .setKind(SpanKind.CLIENT)
              .setStartEpochNanos(1)
              .setEndEpochNanos(2)
              .setHasEnded(true)
              .setStatus(StatusData.unset())
              .build());
    }
    return spans;
  }

  private static CompletableResultCode failedWith(Throwable t) {
    return CompletableResultCode.ofExceptionalFailure(t);
  }

  private static Throwable http(int status, String message) {
    return FailedExportException.httpFailedWithResponse(
        new HttpResponse() {
          @Override
          public int getStatusCode() {
            return status;
          }

          @Override
          public String getStatusMessage() {
            return message;
          }

          @Override
          public byte[] getResponseBody() {
            return new byte[0];
          }
        });
  }

  @Test
  void manyFailuresWithinAMinuteAreOneWarning() {
    answer = () -> failedWith(http(500, "Internal Server Error"));
    for (int i = 0; i < 20; i++) {
      guard.export(spans(2));
      now += TimeUnit.SECONDS.toNanos(2);
    }

    assertThat(warnings).containsExactly(
        "export to " + TARGET + " failed (HTTP 500 Internal Server Error): 2 span(s) dropped in 1 export(s);"
            + " the application is not affected. Next report in a minute at the earliest.");
    assertThat(guard.isFailing()).isTrue();
  }

  @Test
  void afterAMinuteTheNextFailureReportsWhatWasDroppedMeanwhile() {
    answer = () -> failedWith(http(429, ""));
    guard.export(spans(1));
    now += TimeUnit.SECONDS.toNanos(30);
    guard.export(spans(3));
    now += TimeUnit.SECONDS.toNanos(31);
    guard.export(spans(5));

    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(1)).contains("(HTTP 429): 8 span(s) dropped in 2 export(s)");
  }

  @Test
  void recoveryIsAnnouncedOnce() {
    answer = () -> failedWith(http(503, null));
    guard.export(spans(1));
    answer = CompletableResultCode::ofSuccess;
    guard.export(spans(1));
    guard.export(spans(1));

    assertThat(notices).containsExactly("export to " + TARGET + " works again");
    assertThat(guard.isFailing()).isFalse();
  }

  @Test
  void anExporterThatThrowsIsAFailureNotAnExceptionForTheCaller() {
    answer = () -> {
      throw new IllegalStateException("boom");
    };
    CompletableResultCode result = guard.export(spans(1));

    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
    assertThat(warnings).singleElement().asString().contains("(IllegalStateException: boom)");
  }

  @Test
  void theReasonShowsTheCauseOfAFailureWithoutResponse() {
    assertThat(GuardedSpanExporter.describe(
            FailedExportException.httpFailedExceptionally(new ConnectException("Failed to connect to /127.0.0.1:1"))))
        .isEqualTo("ConnectException: Failed to connect to /127.0.0.1:1");
    assertThat(GuardedSpanExporter.describe(null)).isEqualTo("no reason given");
    char[] longMessage = new char[1000];
    Arrays.fill(longMessage, 'x');
    assertThat(GuardedSpanExporter.describe(new RuntimeException(new String(longMessage) + "\nline two")))
        .hasSizeLessThan(320).doesNotContain("\n");
  }

  @Test
  void atShutdownAKnownFailingBackendGetsNoMoreExports() {
    answer = () -> failedWith(http(500, ""));
    guard.export(spans(1));
    guard.beginShutdown();
    int before = delegateExports;

    CompletableResultCode result = guard.export(spans(4));

    assertThat(result.isSuccess()).isFalse();
    assertThat(delegateExports).isEqualTo(before);
  }

  @Test
  void anExportStillInFlightAtShutdownIsReportedOnce() {
    CompletableResultCode pending = new CompletableResultCode();
    answer = () -> pending;
    guard.export(spans(3));
    guard.beginShutdown();

    guard.reportAtShutdown(1000);
    // the SDK's shutdown then cancels the request: no second line
    pending.failExceptionally(new java.io.IOException("Canceled"));
    guard.reportAtShutdown(1000);

    assertThat(warnings).containsExactly(
        "export to " + TARGET + ": an export of 3 span(s) was still waiting for an answer (the collector may"
            + " be unreachable, slow or asking to retry) when the JVM exited, after a final wait of 1000 ms;"
            + " its spans and those queued behind it are dropped; the application is not affected.");
  }

  @Test
  void aFailureDuringTheFinalFlushIsReportedAtShutdownOnly() {
    guard.beginShutdown();
    answer = () -> failedWith(http(500, "Internal Server Error"));
    guard.export(spans(2));
    assertThat(warnings).isEmpty();

    guard.reportAtShutdown(1000);

    assertThat(warnings).singleElement().asString()
        .startsWith("export to " + TARGET + " failed (HTTP 500 Internal Server Error): 2 span(s) dropped in 1 export(s)");
  }

  @Test
  void whatWasReportedDuringTheRunIsNotRepeatedAtShutdown() {
    answer = () -> failedWith(http(500, ""));
    guard.export(spans(1));
    now += TimeUnit.SECONDS.toNanos(5);
    guard.export(spans(1));
    guard.beginShutdown();
    guard.export(spans(1));

    guard.reportAtShutdown(1000);

    assertThat(warnings).hasSize(1);
  }

  @Test
  void aHealthyBackendIsNeverMentioned() {
    guard.export(spans(1));
    guard.beginShutdown();
    guard.export(spans(1));
    guard.reportAtShutdown(1000);

    assertThat(warnings).isEmpty();
    assertThat(notices).isEmpty();
  }

  @Test
  void aFailedAttemptOfTheExportInFlightMarksItAsFailingAndNamesTheReason() {
    CompletableResultCode pending = new CompletableResultCode();
    answer = () -> pending;
    guard.beginShutdown();
    now += 1;
    guard.export(spans(2));
    assertThat(guard.hasFreshExportInFlight()).isTrue();
    assertThat(guard.hasFailingExportInFlight()).isFalse();

    now += 1;
    guard.attemptFailed(new ConnectException("Connection refused"));

    assertThat(guard.hasFailingExportInFlight()).isTrue();
    assertThat(guard.hasFreshExportInFlight()).isFalse();
    guard.reportAtShutdown(40);
    assertThat(warnings).singleElement().asString().contains(
        ": an export of 2 span(s) was still retrying after ConnectException: Connection refused when the JVM"
            + " exited, after a final wait of 40 ms;");
  }

  @Test
  void aFailedAttemptOfAnEarlierExportSaysNothingAboutTheCurrentOne() {
    guard.attemptFailed(new ConnectException("Connection refused"));
    now += 1;
    answer = CompletableResultCode::new; // never completes
    guard.export(spans(1));

    assertThat(guard.hasFailingExportInFlight()).isFalse();
  }

  @Test
  void anExportStartedBeforeShutdownIsNotFresh() {
    answer = CompletableResultCode::new;
    guard.export(spans(1));
    now += 1;
    guard.beginShutdown();

    assertThat(guard.hasFreshExportInFlight()).isFalse();
    assertThat(guard.hasFailingExportInFlight()).isFalse();
  }

  @Test
  void withNothingInFlightThereIsNothingToWaitForOrGiveUpOn() {
    guard.beginShutdown();
    assertThat(guard.hasFreshExportInFlight()).isFalse();
    assertThat(guard.hasFailingExportInFlight()).isFalse();
  }

  @Test
  void theDelegateIsShutDownOnceThoughAskedTwice() {
    int[] shutdowns = {0};
    SpanExporter counting =
        new SpanExporter() {
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
            shutdowns[0]++;
            return CompletableResultCode.ofSuccess();
          }
        };
    GuardedSpanExporter guarded = new GuardedSpanExporter(counting, TARGET, warnings::add, notices::add, () -> now);

    guarded.shutdown();
    assertThat(guarded.shutdown().isSuccess()).isTrue();
    assertThat(shutdowns[0]).isEqualTo(1);
  }
}
