package dev.weft.instrumentation.apachehttpclient.async;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.instrumentation.apachehttpclient.async.app.AsyncScenarios;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.ScenarioRun;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TestServers.RecordedRequest;
import dev.weft.testing.http.TraceProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Apache async client instrumentation end to end with one library version (a subclass per version):
 * the version's scenario app runs every scenario without and with the agent jar, against real servers
 * on loopback; the application's callbacks report what they saw and in which context. One CLIENT span
 * per physical attempt, each a child of the span current where the application called {@code execute}
 * (never of whatever the I/O thread ran before); the traceparent each server request carried names its
 * own attempt span.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApacheAsyncClientTest {
  private static final List<String> SCENARIOS =
      List.of(
          "execute-get", "producer-get", "execute-post", "execute-404", "execute-500", "redirect-followed",
          "app-traceparent", "request-unchanged", "callback-in-parent", "concurrent", "refused", "unknown-host",
          "read-timeout", "partial-response", "no-response", "cancel-in-flight", "used-after-close",
          "query-credentials");
  private static final Set<String> COMPLETED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "http.response.status_code",
          "network.protocol.version");
  private static final Set<String> FAILED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "error.type");

  private TestServers servers;
  private PriorKnowledgeH2Server h2;
  private FakeCollector collector;
  private ScenarioRun agent;
  private ScenarioRun plain;

  private final String version;
  private final Class<?> app;
  private final String scope;
  private final boolean closedClientCallHasSpan;
  private final boolean speaksH2;

  /**
   * @param version the version under test: a directory under target/libs
   * @param app the scenario app of its generation
   * @param switchName the instrumentation's switch, which names its scope {@code dev.weft.<switch>}
   * @param closedClientCallHasSpan whether a closed client's call still goes through the exec chain,
   *     which fails it (5.x: "Connection pool shut down"), so it has a span; 4.1.x refuses it before
   *     any request exists
   * @param speaksH2 whether the app has the HTTP/2 scenario (5.x)
   */
  ApacheAsyncClientTest(String version, Class<?> app, String switchName, boolean closedClientCallHasSpan, boolean speaksH2) {
    this.version = version;
    this.app = app;
    this.scope = "dev.weft." + switchName;
    this.closedClientCallHasSpan = closedClientCallHasSpan;
    this.speaksH2 = speaksH2;
  }

  List<String> scenarios() {
    return speaksH2 ? Stream.concat(SCENARIOS.stream(), Stream.of("h2c-get", "h2-client-get")).toList() : SCENARIOS;
  }

  @BeforeAll
  void runScenarios(@TempDir Path work) throws Exception {
    servers = new TestServers(work);
    h2 = new PriorKnowledgeH2Server();
    collector = FakeCollector.start();
    Path logging = ScenarioRun.writeLoggingConfig(work);
    plain = ScenarioRun.run(launcher("plain", logging).withAgent(false), "plain", scenarios(), null, 0);
    agent = ScenarioRun.run(launcher("agent", logging).otlpTo(collector), "agent", scenarios(), collector, expectedSpans());
  }

  private AgentJvm.Builder launcher(String runId, Path logging) throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("basedir", "."), "target", "libs", version))) {
      jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    }
    assertThat(jars).as("jars of %s", version).isNotEmpty();
    return ScenarioRun.launcher(app, servers, runId, logging, Path.of(System.getProperty("java.home")))
        .name("async-" + version + "-" + runId)
        .sysProp("scenario.h2c", h2.base(runId))
        .classpathOf(TraceProbe.class)
        .classpath(jars.toArray(new Path[0]));
  }

  /**
   * One span per request a server got (HTTP/1.1 and h2c), plus the calls that failed before reaching
   * one (refused, unknown host; a closed client whose exec chain still ran, see
   * {@link #aClosedClientGivesAtMostOneFailedSpan}), plus the scenarios' parent spans.
   */
  private int expectedSpans() {
    int serverRequests = servers.requests("agent").size() + h2.exchanges("agent").size();
    int failedBeforeServer = 2 + (closedClientCallHasSpan ? 1 : 0);
    int parents = 2 + AsyncScenarios.CONCURRENT + (speaksH2 ? 2 : 0); // redirect, callback, concurrent, h2
    return serverRequests + failedBeforeServer + parents;
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {collector, servers, h2}) {
      if (c != null) {
        c.close();
      }
    }
  }

  // ---- the application is unaffected

  @Test
  void applicationSeesExactlyWhatItSeesWithoutTheAgent() {
    assertThat(agent.outcomes.keySet()).containsExactlyElementsOf(scenarios());
    List<String> differences = new ArrayList<>();
    for (String scenario : scenarios()) {
      if (!agent.outcome(scenario).equals(plain.outcome(scenario))) {
        differences.add(scenario + ":\n  with agent:    " + agent.outcome(scenario)
            + "\n  without agent: " + plain.outcome(scenario));
      }
    }
    assertThat(differences).isEmpty();
  }

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

  @Test
  void stderrHasOnlyTheStartupLine() {
    agent.assertStderrHasOnlyTheStartupLine();
  }

  @Test
  void nothingElseArrived() {
    assertThat(agent.spans()).as(ScenarioRun.describe(agent.spans())).hasSize(expectedSpans());
    assertThat(agent.spans().stream().map(ReceivedSpan::spanId).collect(Collectors.toSet())).hasSize(agent.spans().size());
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
    Set<String> seen = new HashSet<>();
    for (RecordedRequest request : servers.requests("agent")) {
      if (request.path().endsWith("/app-traceparent")) {
        continue;
      }
      List<String> values = request.header("traceparent");
      assertThat(values).as("traceparent of %s", request.target()).hasSize(1);
      assertThat(seen.add(values.get(0))).as("traceparent %s sent twice", values.get(0)).isTrue();
      ReceivedSpan span = spanWithId(values.get(0).split("-")[2]);
      SpanAssert.assertThat(span, agent.spans()).hasKind(CLIENT).hasScopeName(scope);
      assertTraceparentNames(request, span);
    }
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
        servers.httpBase("agent") + "/" + behavior + "/" + scenario, servers.httpPort(), status, "1.1").hasNoParent();
  }

  @Test
  void aRedirectIsTwoAttemptsUnderTheCallersSpanNumberedByResendCount() {
    ReceivedSpan parent = onlySpanNamed("parent-redirect");
    List<ReceivedSpan> attempts = agent.spansFor("redirect-followed");
    assertThat(attempts).hasSize(2);
    ReceivedSpan first = attempts.stream().filter(s -> s.longAttribute("http.response.status_code") == 302).findFirst().orElseThrow();
    ReceivedSpan second = attempts.stream().filter(s -> s.longAttribute("http.response.status_code") == 200).findFirst().orElseThrow();
    assertCompleted(first, "GET", servers.httpBase("agent") + "/redirect/redirect-followed", servers.httpPort(), 302, "1.1")
        .hasParent(parent);
    SpanAssert.assertThat(second, agent.spans()).hasParent(parent)
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/redirect-followed")
        .hasAttribute("http.request.resend_count", 1L);
    assertThat(first.attributes()).doesNotContainKey("http.request.resend_count");
  }

  // ---- the application's request

  @Test
  void aTraceparentSetByTheApplicationIsKept() {
    assertCompleted(agent.onlySpanFor("app-traceparent"), "GET", servers.httpBase("agent") + "/ok/app-traceparent",
        servers.httpPort(), 200, "1.1");
    assertThat(servers.requests("agent", "app-traceparent")).singleElement()
        .satisfies(r -> assertThat(r.header("traceparent")).containsExactly(AsyncScenarios.APP_TRACEPARENT));
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
    ReceivedSpan parent = onlySpanNamed("parent-callback");
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
          .hasParent(onlySpanNamed("parent-concurrent-" + i));
    }
    assertThat(agent.outcome("concurrent")).doesNotContain(": false");
  }

  // ---- failures

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"refused", "unknown-host", "read-timeout", "partial-response"})
  void aFailureIsOneErrorSpanWithTheExceptionTheCallbackGot(String scenario) {
    String exception = plain.outcome(scenario).substring("failed ".length()).split(":")[0];
    ReceivedSpan span = agent.onlySpanFor(scenario);
    SpanAssert.assertThat(span, agent.spans()).hasName("GET").hasKind(CLIENT).hasScopeName(scope)
        .hasStatus(ERROR).hasAttribute("error.type", exception).hasException(exception).hasNoParent();
    assertThat(span.attributes().keySet()).containsExactlyInAnyOrderElementsOf(FAILED_KEYS);
  }

  @Test
  void aServerThatNeverAnswersGivesOneFailedSpanPerAttempt() {
    List<ReceivedSpan> spans = agent.spansFor("no-response");
    assertThat(spans).hasSameSizeAs(servers.requests("agent", "no-response")).isNotEmpty()
        .allSatisfy(s -> SpanAssert.assertThat(s).hasStatus(ERROR).hasAttribute("error.type"));
    assertThat(spans.stream().map(s -> s.longAttribute("http.request.resend_count")).collect(Collectors.toSet()))
        .hasSize(spans.size());
  }

  @Test
  void aCancelledCallEndsItsSpanAsAnErrorWhenCancelled() {
    ReceivedSpan span = agent.onlySpanFor("cancel-in-flight");
    SpanAssert.assertThat(span, agent.spans()).hasStatus(ERROR).hasAttribute("error.type")
        .doesNotHaveAttribute("http.response.status_code");
    // the server answers after 2 s; the span ended at the cancel, long before
    assertThat(span.duration().toMillis()).isLessThan(1_500);
  }

  // ---- URLs, HTTP/2

  @Test
  void credentialsInTheUrlAreRedacted() {
    SpanAssert.assertThat(agent.onlySpanFor("query-credentials"), agent.spans())
        .hasAttribute("url.full", servers.httpBase("agent")
            + "/ok/query-credentials?X-Goog-Signature=REDACTED&sig=REDACTED&AWSAccessKeyId=REDACTED&Signature=REDACTED&keep=k1");
  }

  /** The default client forced to HTTP/2, and the HTTP/2-only client (another main exec). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"h2c-get, parent-h2c", "h2-client-get, parent-h2-client"})
  void http2OverCleartextIsOneSpanReportingVersion2(String scenario, String parent) {
    assumeTrue(speaksH2, "HTTP/2 is a 5.x scenario");
    ReceivedSpan span = agent.onlySpanFor(scenario);
    assertCompleted(span, "GET", h2.base("agent") + "/" + scenario, h2.port(), 200, "2").hasParent(onlySpanNamed(parent));
    assertThat(h2.exchanges("agent")).filteredOn(e -> e.path().endsWith("/" + scenario)).singleElement().satisfies(e -> {
      assertThat(e.protocol()).isEqualTo("HTTP/2.0");
      assertThat(e.traceparent()).singleElement().satisfies(tp -> assertThat(tp.split("-")[2]).isEqualTo(span.spanId()));
    });
  }

  // ---- helpers

  private SpanAssert assertCompleted(ReceivedSpan span, String method, String url, int port, int status, String version) {
    SpanAssert assertion =
        SpanAssert.assertThat(span, agent.spans())
            .hasName(method).hasKind(CLIENT).hasScopeName(scope)
            .hasAttribute("http.request.method", method)
            .hasAttribute("url.full", url)
            .hasAttribute("server.address", "127.0.0.1")
            .hasAttribute("server.port", port)
            .hasAttribute("http.response.status_code", status)
            .hasAttribute("network.protocol.version", version)
            .hasNoException();
    Set<String> keys = new HashSet<>(COMPLETED_KEYS);
    if (status >= 400) {
      assertion.hasStatus(ERROR).hasAttribute("error.type", String.valueOf(status));
      keys.add("error.type");
    } else {
      assertion.hasStatus(UNSET);
    }
    assertThat(span.attributes().keySet()).containsExactlyInAnyOrderElementsOf(keys);
    return assertion;
  }

  private ReceivedSpan spanWithId(String spanId) {
    return agent.spans().stream().filter(s -> s.spanId().equals(spanId)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + spanId + " in\n" + ScenarioRun.describe(agent.spans())));
  }

  private ReceivedSpan onlySpanNamed(String name) {
    List<ReceivedSpan> found = agent.spans().stream().filter(s -> s.name().equals(name)).toList();
    assertThat(found).as("spans named %s", name).hasSize(1);
    return found.get(0);
  }
}
