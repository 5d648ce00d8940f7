package dev.weft.instrumentation.executors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A million submissions (execute, submit, CompletableFuture.runAsync on a 2-thread pool), a new trace
 * every hundred, in a JVM with a 64 MB heap: nothing stays captured afterwards and the used heap after
 * GC does not grow between the 100,000th and the 1,000,000th submission.
 */
class ExecutorsSoakTest {
  /** Far below what a leak of one entry per submission would cost (~100 bytes × 900,000). */
  private static final long MAX_GROWTH_KB = 4 * 1024;

  @Test
  void aMillionSubmissionsHoldTheHeapFlat() {
    ScenarioJvm run = ScenarioJvm.run(
        ScenarioJvm.launcher("executors-soak", Path.of(System.getProperty("java.home")))
            .jvmArg("-Xmx64m")
            .env("OTEL_TRACES_EXPORTER", "none"),
        List.of("soak"));
    String outcome = run.outcome("soak");
    Matcher m = Pattern.compile(
        "submissions=1000000 heapKb@100k=(\\d+) heapKb@500k=(\\d+) heapKb@1M=(\\d+) still-captured=(-?\\d+)")
        .matcher(outcome);
    assertThat(m.matches()).as(outcome).isTrue();
    long at100k = Long.parseLong(m.group(1));
    long at1m = Long.parseLong(m.group(3));
    assertThat(at1m - at100k).as("heap growth in KB: %s", outcome).isLessThan(MAX_GROWTH_KB);
    assertThat(Integer.parseInt(m.group(4))).as(outcome).isLessThanOrEqualTo(0);
  }
}
