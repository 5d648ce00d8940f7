package dev.weft.agent;

import static dev.weft.agent.AppRuns.JVM_TIMEOUT;
import static dev.weft.agent.AppRuns.appOutput;
import static dev.weft.agent.AppRuns.assertNoStackTracesOrForeignLogLines;
import static dev.weft.agent.AppRuns.httpApp;
import static dev.weft.agent.AppRuns.lines;
import static dev.weft.agent.AppRuns.loopMillis;
import static dev.weft.agent.AppRuns.startupLines;
import static dev.weft.agent.AppRuns.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.RunningJvm;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Never break the host" when the collector is down, hangs, fails or throttles: the application's
 * output, exit code and own timing are those of a run without the agent, Weft says so in exactly one
 * line (no stack traces, however many exports fail), and the JVM's exit is held up by at most about a
 * second (a hanging collector: at most the exporter timeout).
 *
 * <p>Two runs per failure, each against its own collector: one app makes 30 calls 50 ms apart (long
 * enough for many export attempts) and returns from main; one calls until it gets SIGTERM.
 */
class FailingCollectorIT {
  /** The exporter timeout of the hanging-collector runs; the default is 10 s. */
  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(3);

  /** Shutdown-time limits, from the sigterm (or the end of main) to the process having exited. */
  private static final long PROMPT_EXIT_MILLIS = 2000;

  private static final long HANGING_EXIT_MILLIS = EXPORT_TIMEOUT.toMillis() + 1500;

  /** Sent with every export; never to be printed, least of all in a failure report. */
  private static final String TOKEN = "secret-token-81be07";

  private static final String[] LOOP = {"requests=30", "pause=50"};
  private static final String[] FOREVER = {"requests=forever", "pause=20"};

  enum Failure {
    REFUSED,
    HTTP_500,
    HTTP_429,
    HANGING;

    long exitLimitMillis() {
      return this == HANGING ? HANGING_EXIT_MILLIS : PROMPT_EXIT_MILLIS;
    }
  }

  /** What a run measured while it ran: see {@link #watchMainReturn} and {@link #sigtermOnceFailing}. */
  private static final Map<Failure, CompletableFuture<Long>> mainReturnToExitMillis = new EnumMap<>(Failure.class);

  private static final Map<Failure, CompletableFuture<Long>> sigtermToExitMillis = new EnumMap<>(Failure.class);
  private static final Map<Failure, FakeCollector> loopCollectors = new EnumMap<>(Failure.class);
  private static final Map<Failure, FakeCollector> sigtermCollectors = new EnumMap<>(Failure.class);
  private static final Map<String, String> endpoints = new HashMap<>();
  private static FakeCollector debugCollector;
  /** Launched all at once with start(): the watchers time them while they run. */
  private static final Launched runs = new Launched(1);

  @BeforeAll
  static void startAll() {
    runs.start("no-agent", httpApp("no-agent", LOOP).withAgent(false));
    for (Failure failure : Failure.values()) {
      RunningJvm loop = runs.start("loop-" + failure, failingApp("loop-" + failure, failure, loopCollectors, LOOP));
      mainReturnToExitMillis.put(failure, watchMainReturn(loop));
      RunningJvm forever =
          runs.start("sigterm-" + failure, failingApp("sigterm-" + failure, failure, sigtermCollectors, FOREVER));
      sigtermToExitMillis.put(failure, sigtermOnceFailing(forever, failure, sigtermCollectors.get(failure)));
    }
    debugCollector = FakeCollector.start().respondWith(500);
    runs.start("debug-500", httpApp("debug-500", LOOP).otlpTo(debugCollector)
        .env("OTEL_JAVAAGENT_DEBUG", "true")
        .env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20" + TOKEN));
  }

  /** The app, exporting to a collector (of its own) that fails this way. */
  private static AgentJvm.Builder failingApp(
      String run, Failure failure, Map<Failure, FakeCollector> collectors, String... args) {
    FakeCollector collector = FakeCollector.start();
    collectors.put(failure, collector);
    AgentJvm.Builder app = httpApp(failure.name().toLowerCase(), args).otlpTo(collector);
    String endpoint = collector.httpEndpoint();
    switch (failure) {
      case REFUSED:
        endpoint = "http://127.0.0.1:" + AppRuns.closedPort();
        break;
      case HTTP_500:
        collector.respondWith(500);
        break;
      case HTTP_429:
        collector.respondWith(429);
        break;
      case HANGING:
        collector.hang(Duration.ofSeconds(60));
        app.env("OTEL_EXPORTER_OTLP_TIMEOUT", String.valueOf(EXPORT_TIMEOUT.toMillis()));
        break;
    }
    endpoints.put(run, endpoint + FakeCollector.TRACES_PATH);
    return app.env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20" + TOKEN);
  }

  private static CompletableFuture<Long> watchMainReturn(RunningJvm jvm) {
    return AppRuns.mainReturnToExitMillis(jvm, runner());
  }

  /**
   * Waits until exports are failing (the collector has answered requests; a refused or hanging one
   * answers none, so the app just runs a second), then sends SIGTERM and measures until the process
   * has exited.
   */
  private static CompletableFuture<Long> sigtermOnceFailing(RunningJvm jvm, Failure failure, FakeCollector collector) {
    return CompletableFuture.supplyAsync(() -> {
      jvm.waitForOutput("ready", JVM_TIMEOUT);
      switch (failure) {
        case REFUSED:
        case HANGING:
          jvm.waitForOutput("GET /hello/40 ", JVM_TIMEOUT);
          break;
        default:
          collector.awaitRequests(2, JVM_TIMEOUT); // 500: failed twice; 429: retried once
      }
      long sent = System.nanoTime();
      jvm.sigterm().awaitExit(JVM_TIMEOUT);
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    }, runner());
  }

  /** A thread per watcher: they block for seconds, which the common pool is not for. */
  private static Executor runner() {
    return task -> {
      Thread thread = new Thread(task, "failing-collector-it-watcher");
      thread.setDaemon(true);
      thread.start();
    };
  }

  @AfterAll
  static void stopAll() {
    runs.close();
    loopCollectors.values().forEach(FakeCollector::close);
    sigtermCollectors.values().forEach(FakeCollector::close);
    if (debugCollector != null) {
      debugCollector.close();
    }
  }

  /** Exactly the start-up line and one warning about exporting to this endpoint; nothing else. */
  private static void assertOneExportWarningOnly(JvmResult result, String run) {
    assertThat(result.stdout() + result.stderr()).doesNotContain(TOKEN);
    assertNoStackTracesOrForeignLogLines(result.stderr());
    assertThat(startupLines(result.stderr())).hasSize(1);
    assertThat(warnings(result.stderr()))
        .as("stderr:\n%s", result.stderr())
        .singleElement().asString()
        .startsWith("[weft] WARN export to http/protobuf " + endpoints.get(run))
        .contains("the application is not affected.")
        .doesNotContain("span(s) dropped in 0 export(s)");
    assertThat(lines(result.stderr())).as("stderr:\n%s", result.stderr()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Failure.class)
  void theApplicationRunsAsWithoutTheAgent(Failure failure) {
    JvmResult baseline = runs.result("no-agent").assertExitCode(0);
    JvmResult result = runs.result("loop-" + failure);

    assertThat(result.exitCode()).isEqualTo(baseline.exitCode());
    assertThat(appOutput(result.stdout())).isEqualTo(appOutput(baseline.stdout()));
    // Generous: the runs share two cores. An exporter blocking the app would cost seconds.
    assertThat(loopMillis(result.stdout()))
        .as("the app's own measure of its 29 calls and pauses; without the agent: %d ms", loopMillis(baseline.stdout()))
        .isLessThan(2 * loopMillis(baseline.stdout()) + 1000);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Failure.class)
  void manyFailedExportsAreOneWarningWithoutStackTraces(Failure failure) {
    JvmResult result = runs.result("loop-" + failure);
    assertOneExportWarningOnly(result, "loop-" + failure);

    FakeCollector collector = loopCollectors.get(failure);
    switch (failure) {
      case HTTP_500:
        // How many exports fall within the loop depends on the machine: a starved one may send its
        // first in the exit flush, still unanswered when the JVM exits. The sigterm run waits for two
        // failed exports before it stops, so "many failures, one warning" is certain there.
        assertThat(warnings(result.stderr()).get(0)).containsAnyOf("failed (HTTP 500", "waiting for an answer");
        sigtermToExitMillis.get(failure).join();
        JvmResult sigterm = runs.result("sigterm-" + failure);
        assertThat(sigtermCollectors.get(failure).requests()).as("export attempts before SIGTERM")
            .hasSizeGreaterThanOrEqualTo(2);
        assertOneExportWarningOnly(sigterm, "sigterm-" + failure);
        assertThat(warnings(sigterm.stderr()).get(0)).contains("failed (HTTP 500");
        break;
      case HTTP_429:
        // Retries are a second apart: whether one falls within the loop is luck. The sigterm run waits
        // for one before its single warning is checked. On a starved machine even the first attempt
        // may still be on its way at exit: then the warning says the flush stopped waiting for it.
        if (collector.requests().isEmpty()) {
          assertThat(warnings(result.stderr()).get(0)).contains("waiting for an answer");
        } else {
          assertThat(warnings(result.stderr()).get(0)).containsAnyOf("HTTP 429", "waiting for an answer");
        }
        break;
      case REFUSED:
        // Normally the first refused attempt is known by the exit and named; on a starved machine the
        // cold exporter may not have tried yet.
        assertThat(warnings(result.stderr()).get(0)).containsAnyOf("ConnectException", "waiting for an answer");
        break;
      case HANGING:
        break;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Failure.class)
  void anAppWhoseMainReturnsExitsPromptly(Failure failure) {
    assertThat(mainReturnToExitMillis.get(failure).join())
        .as("ms from the end of main to the JVM's exit")
        .isLessThan(failure.exitLimitMillis());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Failure.class)
  void sigtermIsNotHeldUp(Failure failure) {
    assertThat(sigtermToExitMillis.get(failure).join())
        .as("ms from SIGTERM to the JVM's exit")
        .isLessThan(failure.exitLimitMillis());
    JvmResult result = runs.result("sigterm-" + failure);
    assertThat(result.exitCode()).isEqualTo(143);
    assertOneExportWarningOnly(result, "sigterm-" + failure);
  }

  /** With OTEL_JAVAAGENT_DEBUG=true the SDK's own failure reports come through, still without it. */
  @Test
  void debuggingAFailingExportNeverShowsTheHeaderToken() {
    JvmResult result = runs.result("debug-500").assertExitCode(0);
    assertThat(debugCollector.requests()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN));
    assertThat(result.stderr())
        .contains("[weft] WARN export to ")
        .contains("[weft] DEBUG span ended:")
        .contains("[weft] WARN OpenTelemetry SDK: Failed to export spans. Server responded with HTTP status code 500.");
    assertNoStackTracesOrForeignLogLines(result.stderr()); // the SDK's java.util.logging comes as Weft's lines
    assertThat(result.stdout() + result.stderr()).doesNotContain(TOKEN).doesNotContain("secret");
  }
}
