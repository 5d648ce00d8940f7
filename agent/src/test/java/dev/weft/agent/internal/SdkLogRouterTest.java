package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class SdkLogRouterTest {
  private final List<String> lines = new ArrayList<>();
  private long now;

  private final SdkLogRouter.Output output =
      new SdkLogRouter.Output() {
        @Override
        public void warn(String message, Throwable thrown) {
          lines.add("WARN " + message + (thrown == null ? "" : " | " + thrown));
        }

        @Override
        public void debug(String message, Throwable thrown) {
          lines.add("DEBUG " + message + (thrown == null ? "" : " | " + thrown));
        }
      };

  private static LogRecord record(Level level, String logger, String message, Object... parameters) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger);
    record.setParameters(parameters);
    return record;
  }

  @Test
  void aWarningBecomesOneLineAndRepeatsOfTheSameLoggerWaitAMinute() {
    SdkLogRouter router = new SdkLogRouter(false, output, () -> now);
    String bsp = "dev.weft.shaded.io.opentelemetry.sdk.trace.export.BatchSpanProcessor";

    LogRecord dropped = record(Level.WARNING, bsp, "BatchSpanProcessor dropped {0} span(s)", 12);
    dropped.setThrown(new IllegalStateException("full"));
    router.publish(dropped);
    now += TimeUnit.SECONDS.toNanos(59);
    router.publish(record(Level.WARNING, bsp, "again"));
    router.publish(record(Level.SEVERE, "dev.weft.shaded.okhttp3.OkHttpClient", "leaked"));
    now += TimeUnit.SECONDS.toNanos(2);
    router.publish(record(Level.WARNING, bsp, "a minute later"));

    assertThat(lines).containsExactly(
        "WARN OpenTelemetry SDK: BatchSpanProcessor dropped 12 span(s) | java.lang.IllegalStateException: full",
        "WARN OpenTelemetry SDK: leaked",
        "WARN OpenTelemetry SDK: a minute later");
  }

  @Test
  void belowWarningNothingIsPrintedUnlessDebugging() {
    new SdkLogRouter(false, output, () -> now).publish(record(Level.INFO, "x", "Calling shutdown() multiple times."));
    assertThat(lines).isEmpty();

    SdkLogRouter debugging = new SdkLogRouter(true, output, () -> now);
    debugging.publish(record(Level.INFO, "x", "info"));
    debugging.publish(record(Level.FINE, "x", "fine"));
    debugging.publish(record(Level.WARNING, "x", "one"));
    debugging.publish(record(Level.WARNING, "x", "two"));
    assertThat(lines).containsExactly(
        "DEBUG OpenTelemetry SDK: info", "WARN OpenTelemetry SDK: one", "WARN OpenTelemetry SDK: two");
  }

  @Test
  void messagesStayOnOneLine() {
    assertThat(SdkLogRouter.format(record(Level.WARNING, "x", "a\nb {0}", "c\r\nd"))).isEqualTo("a b c  d");
    assertThat(SdkLogRouter.format(record(Level.WARNING, "x", null))).isEmpty();
    assertThat(SdkLogRouter.format(record(Level.WARNING, "x", "unbalanced {0", 1))).isEqualTo("unbalanced {0");
  }

  @Test
  void relocatedRootsAreCutAtThePackageMarker() {
    assertThat(SdkLogRouter.relocatedRoot("dev.weft.shaded.io.opentelemetry.sdk.OpenTelemetrySdk", ".sdk."))
        .isEqualTo("dev.weft.shaded.io.opentelemetry");
    assertThat(SdkLogRouter.relocatedRoot("dev.weft.shaded.okhttp3.OkHttpClient", ".OkHttpClient"))
        .isEqualTo("dev.weft.shaded.okhttp3");
  }
}
