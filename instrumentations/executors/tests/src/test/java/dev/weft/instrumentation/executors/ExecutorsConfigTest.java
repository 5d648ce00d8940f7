package dev.weft.instrumentation.executors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Configuration: {@code otel.instrumentation.executors.propagate-thread-start=true} makes a new
 * platform thread start in its starter's trace, yet a pool worker created by a traced submission still
 * does not keep that trace; {@code otel.instrumentation.executors.enabled=false} turns it all off.
 */
class ExecutorsConfigTest {
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  @Test
  void threadStartPropagationWhenConfigured() {
    ScenarioJvm run = ScenarioJvm.run(
        ScenarioJvm.launcher("executors-thread-start", JAVA_HOME)
            .sysProp("otel.instrumentation.executors.propagate-thread-start", "true")
            .env("OTEL_TRACES_EXPORTER", "none"),
        List.of("thread-start", "isolation"));
    assertThat(run.outcome("thread-start")).isEqualTo("new thread sees the starter's trace; pool worker later sees []");
    assertThat(run.outcome("isolation"))
        .isEqualTo("tasks=10000 traces=8001 foreign=0 hooks-with-a-trace=0 main-after=[]");
  }

  @Test
  void disabledModulePropagatesNothing() {
    ScenarioJvm run = ScenarioJvm.run(
        ScenarioJvm.launcher("executors-disabled", JAVA_HOME)
            .env("OTEL_INSTRUMENTATION_EXECUTORS_ENABLED", "false")
            .env("OTEL_TRACES_EXPORTER", "none"),
        List.of("registering-context", "no-span"));
    // The completing task runs on a pool thread, so without propagation it has no trace either.
    assertThat(run.outcome("registering-context")).isEqualTo("sync=[] async=[]");
    assertThat(run.outcome("no-span")).isEqualTo("trace seen=[] captured=0");
  }
}
