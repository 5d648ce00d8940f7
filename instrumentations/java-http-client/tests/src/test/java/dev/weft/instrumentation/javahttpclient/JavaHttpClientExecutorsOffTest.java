package dev.weft.instrumentation.javahttpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.javahttpclient.app.ScenarioApp;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.ScenarioRun;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TraceProbe;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sendAsync} stages run in the caller's context through the instrumentation's own use of
 * TaskContext, not only through the executors instrumentation's CompletableFuture propagation: the
 * context scenarios again, with {@code OTEL_INSTRUMENTATION_EXECUTORS_ENABLED=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaHttpClientExecutorsOffTest {
  static final List<String> SCENARIOS = List.of("async-callback-context", "no-leak-into-client-executor");

  @AutoClose private TestServers servers;
  @AutoClose private FakeCollector collector;
  private ScenarioRun agent;

  @BeforeAll
  void run(@TempDir Path work) throws Exception {
    servers = new TestServers(work);
    collector = FakeCollector.start();
    Path logging = ScenarioRun.writeLoggingConfig(work);
    // async-callback-context: its parent, the call, the request made in the stage; no-leak: parent, call
    agent = ScenarioRun.run(
        ScenarioRun.launcher(ScenarioApp.class, servers, "executors-off", logging, Path.of(System.getProperty("java.home")))
            .classpathOf(TraceProbe.class)
            .env("OTEL_INSTRUMENTATION_EXECUTORS_ENABLED", "false")
            .otlpTo(collector),
        "executors-off", SCENARIOS, collector, 5);
  }

  @Test
  void stagesStillRunInTheCallersContext() {
    assertThat(agent.outcome("async-callback-context"))
        .contains("stage in caller context: true", "late stage in caller context: true");
    assertThat(agent.outcome("no-leak-into-client-executor"))
        .endsWith("stage in caller context: true executor thread clean afterwards: true");
  }

  @Test
  void aRequestMadeInAStageIsTheCallersChild() {
    ReceivedSpan parent = agent.spans().stream().filter(s -> s.name().equals("parent-async")).findFirst().orElseThrow();
    SpanAssert.assertThat(agent.onlySpanFor("async-callback-context"), agent.spans()).hasParent(parent);
    SpanAssert.assertThat(agent.onlySpanFor("async-nested"), agent.spans()).hasParent(parent);
    assertThat(agent.spans()).hasSize(5);
  }
}
