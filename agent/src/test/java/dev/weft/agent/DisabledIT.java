package dev.weft.agent;

import static dev.weft.agent.AppRuns.appOutput;
import static dev.weft.agent.AppRuns.httpApp;
import static dev.weft.agent.AppRuns.startupLines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way of switching Weft (or a part of it) off leaves the application as it is without the
 * agent: same output, same exit code, nothing exported. The app prints whether its calls carried a
 * traceparent header, so "same output" also proves nothing was injected. Each run would export to
 * the collector if it could.
 */
class DisabledIT {
  private static final String[] APP_ARGS = {"requests=3", "traceparent=show", "exit=3"};

  @TempDir static Path dir;

  private static FakeCollector collector;
  private static final Launched runs = new Launched(4);

  @BeforeAll
  static void startAll() throws IOException {
    collector = FakeCollector.start();
    Path config = dir.resolve("disabled.properties");
    Files.writeString(config, "otel.javaagent.enabled=false\n");

    runs.queue("no-agent", httpApp("no-agent", APP_ARGS).withAgent(false));
    runs.queue("enabled-false-env", app("enabled-false-env").env("OTEL_JAVAAGENT_ENABLED", "false"));
    runs.queue("enabled-false-sysprop", app("enabled-false-sysprop").sysProp("otel.javaagent.enabled", "false"));
    runs.queue("enabled-false-file", app("enabled-false-file")
        .env("OTEL_JAVAAGENT_CONFIGURATION_FILE", config.toString()));
    runs.queue("sdk-disabled", app("sdk-disabled").env("OTEL_SDK_DISABLED", "true"));
    runs.queue("exporter-none", app("exporter-none").env("OTEL_TRACES_EXPORTER", "none"));
    runs.queue("instrumentation-off", app("instrumentation-off")
        .env("OTEL_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "false"));
    runs.queue("default-off", app("default-off").env("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false"));
  }

  private static AgentJvm.Builder app(String name) {
    return httpApp(name, APP_ARGS).otlpTo(collector);
  }

  @AfterAll
  static void stopAll() {
    runs.close();
    if (collector != null) {
      collector.close();
    }
  }

  private static JvmResult baseline() {
    JvmResult result = runs.result("no-agent").assertExitCode(3);
    assertThat(result.stdout()).contains("GET /hello/3 -> 200 hello-3 traceparent=absent");
    assertThat(result.stderr()).isEmpty();
    return result;
  }

  /** Without traceparent: what the application would do with any agent that kept quiet. */
  private static String withoutTraceparent(String output) {
    return output.replaceAll(" traceparent=(absent|present)", "");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"enabled-false-env", "enabled-false-sysprop", "enabled-false-file"})
  void switchedOffWeftPrintsNothingAndChangesNothing(String run) {
    JvmResult baseline = baseline();
    JvmResult result = runs.result(run);

    assertThat(result.exitCode()).isEqualTo(baseline.exitCode());
    assertThat(appOutput(result.stdout())).isEqualTo(appOutput(baseline.stdout()));
    assertThat(result.stderr()).as("the agent prints nothing at all").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sdk-disabled", "instrumentation-off", "default-off"})
  void withoutSpansTheApplicationIsUnchangedAndNoHeaderIsAdded(String run) {
    JvmResult baseline = baseline();
    JvmResult result = runs.result(run);

    assertThat(result.exitCode()).isEqualTo(baseline.exitCode());
    assertThat(appOutput(result.stdout())).isEqualTo(appOutput(baseline.stdout()));
    assertThat(result.stderr()).as("only the start-up line").isEqualTo(startupLines(result.stderr()).get(0) + "\n");
  }

  /**
   * Like the OpenTelemetry agent, OTEL_TRACES_EXPORTER=none still traces and propagates (downstream
   * services continue the trace); it only exports nothing.
   */
  @Test
  void exporterNoneStillPropagatesButExportsNothing() {
    JvmResult baseline = baseline();
    JvmResult result = runs.result("exporter-none");

    assertThat(result.exitCode()).isEqualTo(baseline.exitCode());
    assertThat(withoutTraceparent(appOutput(result.stdout()))).isEqualTo(withoutTraceparent(appOutput(baseline.stdout())));
    assertThat(result.stdout()).contains("GET /hello/1 -> 200 hello-1 traceparent=present");
    assertThat(startupLines(result.stderr())).singleElement().asString().contains(" | exporter none | ");
    assertThat(result.stderr()).isEqualTo(startupLines(result.stderr()).get(0) + "\n");
  }

  @Test
  void theStartUpLineSaysWhatIsOff() {
    assertThat(startupLines(runs.result("sdk-disabled").stderr())).singleElement().asString()
        .contains(" | exporter none (OTEL_SDK_DISABLED=true) | ");
    // Only the switched-off module is gone from the list (other modules stay on).
    assertThat(startupLines(runs.result("instrumentation-off").stderr())).singleElement().asString()
        .contains(" | instrumentations ")
        .doesNotContain("http-url-connection");
    assertThat(startupLines(runs.result("default-off").stderr())).singleElement().asString()
        .endsWith(" | instrumentations none");
  }

  /** Every run has exited (and flushed, had it anything to flush); a little more time for stragglers. */
  @Test
  void nothingReachesTheCollector() {
    List<String> all = List.of("no-agent", "enabled-false-env", "enabled-false-sysprop", "enabled-false-file",
        "sdk-disabled", "exporter-none", "instrumentation-off", "default-off");
    all.forEach(runs::result);

    collector.assertNoSpansFor(Duration.ofMillis(500));
    assertThat(collector.requests().stream().map(Object::toString).collect(Collectors.toList())).isEmpty();
  }
}
