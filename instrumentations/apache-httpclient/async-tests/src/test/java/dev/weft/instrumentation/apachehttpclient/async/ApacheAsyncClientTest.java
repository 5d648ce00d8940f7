package dev.weft.instrumentation.apachehttpclient.async;

import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.instrumentation.apachehttpclient.async.app.AsyncScenarios;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.H2cServer;
import dev.weft.testing.http.HttpClientScenarioTest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Apache async client instrumentation end to end with one library version (a subclass per version):
 * the version's scenario app runs every scenario without and with the agent jar, against real servers
 * on loopback; the application's callbacks report what they saw and in which context. One CLIENT span
 * per physical attempt, each a child of the span current where the application called {@code execute}
 * (never of whatever the I/O thread ran before); the traceparent each server request carried names its
 * own attempt span. The frame (runs, unchanged outcomes, stderr, span count) and the shared span checks
 * are {@link HttpClientScenarioTest}'s; not its per-attempt subclass, whose huge-stream, https-get and
 * redirect-not-followed scenarios an async client buffering whole responses does not run, and whose
 * partial-response completes where the async clients fail.
 */
abstract class ApacheAsyncClientTest extends HttpClientScenarioTest {
  private static final List<String> SCENARIOS =
      List.of(
          "execute-get", "producer-get", "execute-post", "execute-404", "execute-500", "redirect-followed",
          "app-traceparent", "request-unchanged", "callback-in-parent", "concurrent", "refused", "unknown-host",
          "read-timeout", "partial-response", "no-response", "cancel-in-flight", "used-after-close",
          "query-credentials");
  private static final List<String> H2_SCENARIOS = List.of("h2c-get", "h2-client-get");

  private H2cServer h2;

  private final String version;
  private final Class<?> app;
  private final boolean closedClientCallHasSpan;
  private final boolean speaksH2;

  /**
   * @param version the version under test: a directory under target/libs
   * @param app the scenario app of its generation
   * @param switchName the instrumentation's switch, which names its scope {@code dev.weft.<switch>}
   * @param closedClientCallHasSpan whether a closed client's call still goes through the exec chain,
   *     which fails it (5.x: "Connection pool shut down"), so it has a span; 4.1.x refuses it before
   *     any request exists
   * @param speaksH2 whether the app has the HTTP/2 scenarios (5.x)
   */
  ApacheAsyncClientTest(String version, Class<?> app, String switchName, boolean closedClientCallHasSpan, boolean speaksH2) {
    super(speaksH2 ? Stream.concat(SCENARIOS.stream(), H2_SCENARIOS.stream()).toList() : SCENARIOS,
        "dev.weft." + switchName);
    this.version = version;
    this.app = app;
    this.closedClientCallHasSpan = closedClientCallHasSpan;
    this.speaksH2 = speaksH2;
  }

  @Override
  protected void startMoreServers() throws Exception {
    h2 = closeAfterAll(new H2cServer());
  }

  @Override
  protected AgentJvm.Builder launcher(String runId, Path logging) {
    return scenarioLauncher(app, runId, logging)
        .name("async-" + version + "-" + runId)
        .sysProp("scenario.h2c", h2.base(runId))
        .classpathOfModuleLibs(version);
  }

  /**
   * One span per request a server got (HTTP/1.1 and h2c), plus the calls that failed before reaching
   * one (refused, unknown host; a closed client whose exec chain still ran, see
   * {@link #aClosedClientGivesAtMostOneFailedSpan}), plus the scenarios' parent spans.
   */
  @Override
  protected int expectedSpans() {
    int serverRequests = servers.requests("agent").size() + h2.seen("agent").size();
    int failedBeforeServer = 2 + (closedClientCallHasSpan ? 1 : 0);
    int parents = 2 + AsyncScenarios.CONCURRENT + (speaksH2 ? 2 : 0); // redirect, callback, concurrent, h2
    return serverRequests + failedBeforeServer + parents;
  }

  // ---- the application is unaffected (and what every client is checked for: the base class)

  @Test
  void scenariosProvokeWhatTheyClaim() {
    assertThat(plain.outcome("execute-get")).isEqualTo("completed 200 hello execute-get, no span current: true");
    assertThat(plain.outcome("redirect-followed")).isEqualTo("completed 200 hello redirect-followed, in caller's context: true");
    assertThat(plain.outcome("callback-in-parent")).isEqualTo(
        "completed 200 hello callback-in-parent, in caller's context: true"
            + " / inner: completed 200 hello callback-inner, in caller's context: true"
            + " / after: completed 200 hello after-callback, no span current: true");
    assertThat(plain.outcome("request-unchanged")).endsWith("headers after: [x-custom: c1]");
    assertThat(plain.outcome("refused")).startsWith("failed ").contains("ConnectException");
    assertThat(plain.outcome("unknown-host")).startsWith("failed java.net.UnknownHostException");
    assertThat(plain.outcome("read-timeout")).startsWith("failed ");
    assertThat(plain.outcome("no-response")).startsWith("failed ");
    assertThat(plain.outcome("partial-response")).startsWith("failed ");
    // 4.1.5 cancels the exchange first, which cancels the future: its own cancel then answers false
    assertThat(plain.outcome("cancel-in-flight")).contains("isCancelled true, callback: cancelled");
    assertThat(plain.outcome("used-after-close")).doesNotContain("completed");
    if (speaksH2) {
      assertThat(plain.outcome("h2c-get")).startsWith("completed 200 h2 /<run>/h2c-get");
      assertThat(plain.outcome("h2-client-get")).startsWith("completed 200 h2 /<run>/h2-client-get");
    }
  }

  /**
   * 5.x runs a closed client's call through its chain, which fails it (the pool is shut down): one
   * failed span, as for the classic client. 4.1.x refuses it before any request exists: no span, as
   * for a bad URL.
   */
  @Test
  void aClosedClientGivesAtMostOneFailedSpan() {
    List<ReceivedSpan> spans = agent.spansFor("used-after-close");
    if (closedClientCallHasSpan) {
      String exception = plain.outcome("used-after-close").substring("failed ".length()).split(":")[0];
      assertThat(spans).singleElement().satisfies(s -> SpanAssert.assertThat(s, agent.spans()).hasStatus(ERROR)
          .hasAttribute("error.type", exception).hasException(exception));
    } else {
      assertThat(spans).isEmpty();
    }
  }

  @Test
  void everyRequestAServerGotCarriesTheTraceparentOfItsOwnAttemptSpan() {
    assertEveryRequestCarriesTheTraceparentOfItsOwnAttemptSpan();
  }

  // ---- completed calls

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"execute-get", "producer-get", "execute-post", "execute-404", "execute-500"})
  void oneSpanPerCallWithNoParentWhenNoSpanIsCurrent(String scenario) {
    String behavior = scenario.startsWith("execute-4") || scenario.startsWith("execute-5")
        ? "status-" + scenario.substring("execute-".length())
        : scenario.equals("execute-post") ? "echo" : "ok";
    int status = behavior.startsWith("status-") ? Integer.parseInt(behavior.substring(7)) : 200;
    assertCompleted(agent.onlySpanFor(scenario), scenario.equals("execute-post") ? "POST" : "GET",
        servers.httpBase("agent") + "/" + behavior + "/" + scenario, servers.httpPort(), status).hasNoParent();
  }

  @Test
  void aRedirectIsTwoAttemptsUnderTheCallersSpanNumberedByResendCount() {
    assertTheRedirectIsTwoAttemptsNumberedByResendCount();
  }

  // ---- the application's request

  @Test
  void aTraceparentSetByTheApplicationIsKept() {
    assertTheApplicationsTraceparentIsKept(AsyncScenarios.APP_TRACEPARENT);
  }

  @Test
  void theApplicationsRequestIsNeverChangedAndEachExecutionGetsItsOwnSpan() {
    List<ReceivedSpan> spans = agent.spansFor("request-unchanged");
    assertThat(spans).hasSize(2).allSatisfy(s -> SpanAssert.assertThat(s, agent.spans()).hasNoParent());
    assertThat(agent.outcome("request-unchanged")).endsWith("headers after: [x-custom: c1]");
  }

  // ---- context across the client's threads

  @Test
  void callbacksRunInTheCallersContextAndNothingStaysOnTheClientsThreads() {
    ReceivedSpan parent = agent.onlySpanNamed("parent-callback");
    SpanAssert.assertThat(agent.onlySpanFor("callback-in-parent"), agent.spans()).hasParent(parent);
    // made inside the callback, on an I/O thread: a child of the caller's span too
    SpanAssert.assertThat(agent.onlySpanFor("callback-inner"), agent.spans()).hasParent(parent);
    // the next call with no span current starts a trace of its own
    SpanAssert.assertThat(agent.onlySpanFor("after-callback"), agent.spans()).hasNoParent();
    assertThat(agent.outcome("callback-in-parent")).doesNotContain(": false");
  }

  @Test
  void concurrentCallsEachBelongToTheirOwnCaller() {
    for (int i = 0; i < AsyncScenarios.CONCURRENT; i++) {
      SpanAssert.assertThat(agent.onlySpanFor("concurrent-" + i), agent.spans())
          .hasParent(agent.onlySpanNamed("parent-concurrent-" + i));
    }
    assertThat(agent.outcome("concurrent")).doesNotContain(": false");
  }

  // ---- failures

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"refused", "unknown-host", "read-timeout", "partial-response"})
  void aFailureIsOneErrorSpanWithTheExceptionTheCallbackGot(String scenario) {
    String exception = plain.outcome(scenario).substring("failed ".length()).split(":")[0];
    assertFailure(scenario, exception);
    SpanAssert.assertThat(agent.onlySpanFor(scenario), agent.spans()).hasNoParent();
  }

  @Test
  void aServerThatNeverAnswersGivesOneFailedSpanPerAttemptNumberedByResendCount() {
    assertOneFailedSpanPerAttemptNumberedByResendCount("no-response");
  }

  @Test
  void aCancelledCallEndsItsSpanAsAnErrorWhenCancelled() {
    assertTheCancelledCallIsAnError();
    // the server answers after 2 s; the span ended at the cancel, long before
    assertThat(agent.onlySpanFor("cancel-in-flight").duration().toMillis()).isLessThan(1_500);
  }

  // ---- URLs, HTTP/2

  @Test
  void credentialsInTheUrlAreRedacted() {
    assertQueryCredentialsAreRedacted();
  }

  /** The default client forced to HTTP/2, and the HTTP/2-only client (another main exec). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"h2c-get, parent-h2c", "h2-client-get, parent-h2-client"})
  void http2OverCleartextIsOneSpanReportingVersion2(String scenario, String parent) {
    assumeTrue(speaksH2, "HTTP/2 is a 5.x scenario");
    ReceivedSpan span = agent.onlySpanFor(scenario);
    assertCompleted(span, "GET", h2.base("agent") + "/" + scenario, h2.port(), 200, "2").hasParent(agent.onlySpanNamed(parent));
    assertThat(h2.seen("agent")).filteredOn(e -> e.path().endsWith("/" + scenario)).singleElement().satisfies(e -> {
      assertThat(e.protocol()).isEqualTo("HTTP/2.0");
      assertThat(e.traceparents()).singleElement().satisfies(tp -> assertTraceparentNames(tp, span));
    });
  }
}
