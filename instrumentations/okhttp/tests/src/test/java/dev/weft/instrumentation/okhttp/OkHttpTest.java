package dev.weft.instrumentation.okhttp;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.okhttp.app.ScenarioApp;
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

/**
 * The OkHttp instrumentation end to end with one OkHttp version (a subclass per version):
 * {@link ScenarioApp} runs every scenario without and with the agent jar, with that version's jars
 * from target/libs/VERSION on its class path, against real servers on loopback. One CLIENT span per
 * physical attempt; the traceparent each server request carried names exactly the span of its attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OkHttpTest {
  static final List<String> SCENARIOS =
      List.of(
          "task-runner-outside-trace", // first: the first call of the JVM starts OkHttp 4+'s TaskRunner thread
          "execute-get", "execute-post", "execute-404", "execute-500", "https-get",
          "redirect-followed", "redirect-not-followed", "app-retry-interceptor", "app-traceparent",
          "request-unchanged", "interceptors-once", "huge-stream",
          "enqueue-callback-context", "enqueue-refused", "no-leak-into-dispatcher", "cancel-in-flight",
          "concurrent-enqueue", "queued-outside-trace",
          "refused", "unknown-host", "read-timeout", "partial-response", "no-response", "bad-url",
          "used-after-shutdown", "query-credentials", "user-info");

  private static final Set<String> COMPLETED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "http.response.status_code",
          "network.protocol.version");
  private static final Set<String> FAILED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "error.type");
  private static final String SCOPE = "dev.weft.okhttp";

  private TestServers servers;
  private FakeCollector collector;
  private ScenarioRun agent;
  private ScenarioRun plain;

  /** The OkHttp version under test: a directory under target/libs. */
  abstract String version();

  @BeforeAll
  void runScenarios(@TempDir Path work) throws Exception {
    servers = new TestServers(work);
    collector = FakeCollector.start();
    Path logging = ScenarioRun.writeLoggingConfig(work);
    plain = ScenarioRun.run(launcher("plain", logging).withAgent(false), "plain", SCENARIOS, null, 0);
    agent = ScenarioRun.run(launcher("agent", logging).otlpTo(collector), "agent", SCENARIOS, collector, expectedSpans());
  }

  private AgentJvm.Builder launcher(String runId, Path logging) throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("basedir", "."), "target", "libs", version()))) {
      jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    }
    assertThat(jars).as("OkHttp %s jars", version()).isNotEmpty();
    return ScenarioRun.launcher(ScenarioApp.class, servers, runId, logging, Path.of(System.getProperty("java.home")))
        .name("okhttp-" + version() + "-" + runId)
        .classpathOf(TraceProbe.class)
        .classpath(jars.toArray(new Path[0]));
  }

  /**
   * One span per request a server got, plus the calls that failed before reaching one (refused,
   * unknown host), plus the scenarios' parent spans. Nothing for what never reaches OkHttp's
   * interceptors (a bad URL, a shut-down dispatcher).
   */
  private int expectedSpans() {
    int serverRequests = servers.requests("agent").size();
    int failedBeforeServer = 3; // refused, unknown-host, enqueue-refused
    int parents = 6; // redirect, retry, enqueue, leak, queued, task runner
    return serverRequests + failedBeforeServer + parents;
  }

  @AfterAll
  void stop() throws Exception {
    if (collector != null) {
      collector.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  // ---- the application is unaffected

  @Test
  void applicationSeesExactlyWhatItSeesWithoutTheAgent() {
    assertThat(agent.outcomes.keySet()).containsExactlyElementsOf(SCENARIOS);
    List<String> differences = new ArrayList<>();
    for (String scenario : SCENARIOS) {
      if (!agent.outcome(scenario).equals(plain.outcome(scenario))) {
        differences.add(scenario + ":\n  with agent:    " + agent.outcome(scenario)
            + "\n  without agent: " + plain.outcome(scenario));
      }
    }
    assertThat(differences).isEmpty();
  }

  @Test
  void scenariosProvokeWhatTheyClaim() {
    assertThat(plain.outcome("execute-get")).isEqualTo("200 hello execute-get x-reply=r1 path=/<run>/ok/execute-get");
    assertThat(plain.outcome("redirect-followed")).startsWith("200 hello redirect-followed");
    assertThat(plain.outcome("redirect-not-followed")).startsWith("302 ");
    assertThat(plain.outcome("app-retry-interceptor")).startsWith("200 hello app-retry-interceptor");
    assertThat(plain.outcome("request-unchanged")).endsWith("headers unchanged: true response.request() has traceparent: false");
    assertThat(plain.outcome("interceptors-once")).endsWith("as many interceptors: true");
    assertThat(plain.outcome("huge-stream")).isEqualTo("200 " + ScenarioApp.HUGE_BYTES + " bytes");
    assertThat(plain.outcome("enqueue-refused")).startsWith("failed java.net.ConnectException");
    assertThat(plain.outcome("cancel-in-flight")).startsWith("failed java.io.").endsWith("isCanceled true");
    assertThat(plain.outcome("refused")).startsWith("threw java.net.ConnectException");
    assertThat(plain.outcome("unknown-host")).startsWith("threw java.net.UnknownHostException");
    assertThat(plain.outcome("read-timeout")).startsWith("threw java.net.SocketTimeoutException");
    assertThat(plain.outcome("bad-url")).startsWith("threw java.lang.IllegalArgumentException");
    assertThat(plain.outcome("no-leak-into-dispatcher")).endsWith("dispatcher thread clean afterwards: true");
  }

  @Test
  void stderrHasOnlyTheStartupLine() {
    agent.assertStderrHasOnlyTheStartupLine();
  }

  @Test
  void nothingElseArrived() {
    // Exactly the expected spans: in particular none for Weft's own (relocated OkHttp) export traffic.
    assertThat(agent.spans()).as(ScenarioRun.describe(agent.spans())).hasSize(expectedSpans());
    assertThat(agent.spans().stream().map(ReceivedSpan::spanId).collect(Collectors.toSet())).hasSize(agent.spans().size());
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
      String spanId = values.get(0).split("-")[2];
      ReceivedSpan span = agent.spans().stream().filter(s -> s.spanId().equals(spanId)).findFirst().orElseThrow();
      SpanAssert.assertThat(span, agent.spans()).hasKind(CLIENT).hasScopeName(SCOPE);
      assertTraceparentNames(request, span);
    }
  }

  // ---- completed calls

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "execute-get,           GET,  ok,         200",
    "execute-post,          POST, echo,       200",
    "execute-404,           GET,  status-404, 404",
    "execute-500,           GET,  status-500, 500",
    "redirect-not-followed, GET,  redirect,   302",
    "huge-stream,           GET,  big,        200",
    "partial-response,      GET,  partial,    200",
  })
  void oneSpanPerCall(String scenario, String method, String behavior, int status) {
    String base = scenario.equals("partial-response") ? servers.rawBase("agent") : servers.httpBase("agent");
    String url = base + "/" + behavior + "/" + scenario
        + (scenario.equals("huge-stream") ? "?bytes=" + ScenarioApp.HUGE_BYTES : "");
    int port = Integer.parseInt(base.split(":")[2].split("/")[0]);
    assertCompleted(agent.onlySpanFor(scenario), method, url, port, status).hasNoParent();
  }

  @Test
  void httpsIsTheSame() {
    assertCompleted(agent.onlySpanFor("https-get"), "GET", servers.httpsBase("agent") + "/ok/https-get",
        servers.httpsPort(), 200);
  }

  @Test
  void aRedirectIsTwoAttemptsNumberedByResendCount() {
    ReceivedSpan parent = onlySpanNamed("parent-redirect");
    List<ReceivedSpan> attempts = agent.spansFor("redirect-followed");
    assertThat(attempts).hasSize(2);
    ReceivedSpan first = attempts.stream().filter(s -> s.longAttribute("http.response.status_code") == 302).findFirst().orElseThrow();
    ReceivedSpan second = attempts.stream().filter(s -> s.longAttribute("http.response.status_code") == 200).findFirst().orElseThrow();
    assertCompleted(first, "GET", servers.httpBase("agent") + "/redirect/redirect-followed", servers.httpPort(), 302)
        .hasParent(parent);
    SpanAssert.assertThat(second, agent.spans()).hasParent(parent)
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/redirect-followed")
        .hasAttribute("http.request.resend_count", 1L);
    assertThat(first.attributes()).doesNotContainKey("http.request.resend_count");
  }

  @Test
  void anApplicationInterceptorsRetryIsASecondAttempt() {
    ReceivedSpan parent = onlySpanNamed("parent-retry");
    List<ReceivedSpan> attempts = agent.spansFor("app-retry-interceptor");
    assertThat(attempts).hasSize(2).allSatisfy(s -> SpanAssert.assertThat(s, agent.spans()).hasParent(parent));
    assertThat(attempts).filteredOn(s -> s.longAttribute("http.response.status_code") == 500).singleElement()
        .satisfies(s -> assertThat(s.attributes()).doesNotContainKey("http.request.resend_count"));
    assertThat(attempts).filteredOn(s -> s.longAttribute("http.response.status_code") == 200).singleElement()
        .satisfies(s -> assertThat(s.longAttribute("http.request.resend_count")).isEqualTo(1L));
  }

  // ---- the application's request

  @Test
  void aTraceparentSetByTheApplicationIsKept() {
    assertCompleted(agent.onlySpanFor("app-traceparent"), "GET", servers.httpBase("agent") + "/ok/app-traceparent",
        servers.httpPort(), 200);
    assertThat(servers.requests("agent", "app-traceparent")).singleElement()
        .satisfies(r -> assertThat(r.header("traceparent")).containsExactly(ScenarioApp.APP_TRACEPARENT));
  }

  @Test
  void theApplicationsRequestIsNeverChanged() {
    assertThat(agent.spansFor("request-unchanged")).hasSize(2);
    assertThat(agent.outcome("request-unchanged")).endsWith("headers unchanged: true response.request() has traceparent: false");
    assertThat(agent.outcome("interceptors-once")).endsWith("as many interceptors: true");
    assertThat(agent.spansFor("interceptors-once")).hasSize(1);
  }

  // ---- enqueue and context

  @Test
  void enqueueCallbacksRunInTheCallersContext() {
    ReceivedSpan parent = onlySpanNamed("parent-enqueue");
    SpanAssert.assertThat(agent.onlySpanFor("enqueue-callback-context"), agent.spans()).hasParent(parent);
    SpanAssert.assertThat(agent.onlySpanFor("enqueue-nested"), agent.spans()).hasParent(parent);
    assertThat(agent.outcome("enqueue-callback-context"))
        .contains("callback in caller context: true").endsWith("parent still current: true");
  }

  @Test
  void aCallQueuedOutsideATraceStaysOutOfTheTraceOfTheCallThatStartsIt() {
    ReceivedSpan parent = onlySpanNamed("parent-queued");
    ReceivedSpan first = agent.onlySpanFor("queued-first");
    ReceivedSpan second = agent.onlySpanFor("queued-second");
    SpanAssert.assertThat(first, agent.spans()).hasParent(parent);
    SpanAssert.assertThat(second, agent.spans()).hasNoParent();
    assertThat(second.traceId()).isNotEqualTo(parent.traceId());
    assertThat(agent.outcome("queued-outside-trace")).contains("outside any trace: true");
  }

  @Test
  void okHttpsBackgroundThreadsRunOutsideTheTraceThatStartedThem() {
    assertThat(agent.outcome("task-runner-outside-trace"))
        .isIn("no TaskRunner", "probe task outside any trace: true");
    SpanAssert.assertThat(agent.onlySpanFor("task-runner-outside-trace"), agent.spans())
        .hasParent(onlySpanNamed("parent-task-runner"));
  }

  @Test
  void nothingLeaksIntoTheDispatchersThreads() {
    SpanAssert.assertThat(agent.onlySpanFor("no-leak-into-dispatcher"), agent.spans()).hasParent(onlySpanNamed("parent-leak"));
    assertThat(agent.outcome("no-leak-into-dispatcher"))
        .endsWith("callback in caller context: true dispatcher thread clean afterwards: true");
  }

  @Test
  void concurrentCallsEachGetTheirOwnSpan() {
    for (int i = 0; i < ScenarioApp.CONCURRENT; i++) {
      SpanAssert.assertThat(agent.onlySpanFor("concurrent-" + i)).hasNoParent().hasAttribute("http.response.status_code", 200L);
    }
  }

  // ---- failures

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "refused,         java.net.ConnectException",
    "enqueue-refused, java.net.ConnectException",
    "unknown-host,    java.net.UnknownHostException",
  })
  void aFailureIsAnErrorWithTheExceptionTheApplicationGot(String scenario, String exception) {
    ReceivedSpan span = agent.onlySpanFor(scenario);
    SpanAssert.assertThat(span, agent.spans()).hasName("GET").hasKind(CLIENT).hasScopeName(SCOPE)
        .hasStatus(ERROR).hasAttribute("error.type", exception).hasException(exception);
    assertThat(span.attributes().keySet()).containsExactlyInAnyOrderElementsOf(FAILED_KEYS);
    assertThat(plain.outcome(scenario)).contains(exception);
  }

  /** One failed span per attempt the server saw (OkHttp 3.0 retries a timed-out read, later versions do not). */
  @Test
  void aReadTimeoutIsAnErrorPerAttempt() {
    List<ReceivedSpan> spans = agent.spansFor("read-timeout");
    assertThat(spans).hasSameSizeAs(servers.requests("agent", "read-timeout")).isNotEmpty()
        .allSatisfy(s -> SpanAssert.assertThat(s).hasStatus(ERROR).hasKind(CLIENT)
            .hasAttribute("error.type", "java.net.SocketTimeoutException").hasException("java.net.SocketTimeoutException"));
    assertThat(plain.outcome("read-timeout")).isEqualTo("threw java.net.SocketTimeoutException");
  }

  @Test
  void aServerThatNeverAnswersGivesOneFailedSpanPerAttempt() {
    List<ReceivedSpan> spans = agent.spansFor("no-response");
    assertThat(spans).hasSameSizeAs(servers.requests("agent", "no-response")).isNotEmpty()
        .allSatisfy(s -> SpanAssert.assertThat(s).hasStatus(ERROR).hasAttribute("error.type"));
  }

  @Test
  void aCancelledCallEndsItsSpanAsAnError() {
    SpanAssert.assertThat(agent.onlySpanFor("cancel-in-flight"), agent.spans()).hasStatus(ERROR).hasAttribute("error.type")
        .doesNotHaveAttribute("http.response.status_code");
  }

  @Test
  void whatNeverReachesTheInterceptorsHasNoSpan() {
    assertThat(agent.spansFor("bad-url")).isEmpty();
    assertThat(agent.spansFor("used-after-shutdown")).isEmpty();
    assertThat(servers.requests("agent", "used-after-shutdown")).isEmpty();
  }

  // ---- URLs

  @Test
  void credentialsInTheUrlAreRedacted() {
    SpanAssert.assertThat(agent.onlySpanFor("query-credentials"), agent.spans())
        .hasAttribute("url.full", servers.httpBase("agent")
            + "/ok/query-credentials?X-Goog-Signature=REDACTED&sig=REDACTED&AWSAccessKeyId=REDACTED&Signature=REDACTED&keep=k1");
    SpanAssert.assertThat(agent.onlySpanFor("user-info"), agent.spans()).hasAttribute("url.full",
        servers.httpBase("agent").replace("http://", "http://REDACTED:REDACTED@") + "/ok/user-info");
    assertThat(agent.spans()).allSatisfy(s -> assertThat(String.valueOf(s.stringAttribute("url.full")))
        .doesNotContain("secret", "g1", "s1", "a1", "s2"));
  }

  // ---- helpers

  private SpanAssert assertCompleted(ReceivedSpan span, String method, String url, int port, int status) {
    SpanAssert assertion =
        SpanAssert.assertThat(span, agent.spans())
            .hasName(method).hasKind(CLIENT).hasScopeName(SCOPE)
            .hasAttribute("http.request.method", method)
            .hasAttribute("url.full", url)
            .hasAttribute("server.address", "127.0.0.1")
            .hasAttribute("server.port", port)
            .hasAttribute("http.response.status_code", status)
            .hasAttribute("network.protocol.version", "1.1")
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

  private ReceivedSpan onlySpanNamed(String name) {
    List<ReceivedSpan> found = agent.spans().stream().filter(s -> s.name().equals(name)).toList();
    assertThat(found).as("spans named %s", name).hasSize(1);
    return found.get(0);
  }
}
