package dev.weft.testing;

import java.time.Duration;
import java.util.List;

/**
 * Runs a scenario app that, given {@code -Dlinger=true}, stays up after printing {@code DONE}: the test
 * waits until the expected spans are at the collector, checks nothing more arrives, and then stops the
 * JVM. For tests about spans, not about the shutdown flush: on a cold, busy JVM the exporter's first
 * request can take longer than the agent waits for it at exit, which would drop spans the test needs.
 */
public final class LingeringApp {
  public static final String LINGER_PROPERTY = "linger";

  private LingeringApp() {}

  /** The JVM's output (killed after the spans arrived) and every span the collector received. */
  public record Result(JvmResult jvm, List<ReceivedSpan> spans) {}

  public static Result run(AgentJvm.Builder launcher, FakeCollector collector, int expectedSpans) {
    try (RunningJvm jvm = launcher.sysProp(LINGER_PROPERTY, "true").otlpTo(collector).start()) {
      jvm.waitForOutput("DONE", Duration.ofSeconds(90));
      collector.awaitSpans(expectedSpans, Duration.ofSeconds(30));
      collector.assertNoMoreSpans(Duration.ofMillis(500));
      List<ReceivedSpan> spans = collector.spans();
      return new Result(jvm.kill().awaitExit(Duration.ofSeconds(30)), spans);
    }
  }
}
