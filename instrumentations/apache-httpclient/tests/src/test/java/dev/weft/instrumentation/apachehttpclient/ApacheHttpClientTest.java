package dev.weft.instrumentation.apachehttpclient;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The Apache HttpClient instrumentations (4.3-4.5 and 5.x classic) end to end with one version (a
 * subclass per version, with the scenario app written against that generation's API):
 * {@link ScenarioApp} runs every scenario without and with the agent jar, with that version's jars
 * from target/libs/VERSION on its class path, against real servers on loopback. One CLIENT span per
 * physical attempt; the traceparent each server request carried names exactly the span of its attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApacheHttpClientTest {
  static final List<String> SCENARIOS =
      List.of(
          "execute-get", "execute-post", "execute-404", "execute-500", "https-get", "target-and-path",
          "redirect-followed", "redirect-not-followed", "app-traceparent", "request-unchanged", "huge-stream",
          "send-in-parent", "refused", "unknown-host", "read-timeout", "partial-response", "no-response",
          "cancel-in-flight", "used-after-close", "query-credentials");

  private static final Set<String> COMPLETED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "http.response.status_code",
          "network.protocol.version");
  private static final Set<String> FAILED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "error.type");
  private static final String SCOPE = "dev.weft.apache-httpclient";

  private TestServers servers;
  private FakeCollector collector;
  private ScenarioRun agent;
  private ScenarioRun plain;

  /** The version under test: a directory under target/libs. */
  abstract String version();

  /** The scenario app for the version's generation. */
  abstract Class<?> app();

  /** The exception class names the generation throws for: refused, no response. */
  abstract String refusedException();

  abstract String noResponseException();

  static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  static final long HUGE_BYTES = 160L * 1024 * 1024;

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
    assertThat(jars).as("httpclient %s jars", version()).isNotEmpty();
    return ScenarioRun.launcher(app(), servers, runId, logging, Path.of(System.getProperty("java.home")))
        .name("httpclient-" + version() + "-" + runId)
        .classpathOf(TraceProbe.class)
        .classpath(jars.toArray(new Path[0]));
  }

  /**
   * One span per request a server got, plus the calls that failed before reaching one (refused,
   * unknown host, a closed client), plus the scenarios' parent spans.
   */
  private int expectedSpans() {
    int serverRequests = servers.requests("agent").size();
    int failedBeforeServer = 3; // refused, unknown-host, used-after-close
    int parents = 2; // redirect, sync
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
    assertThat(plain.outcome("execute-get")).isEqualTo("200 hello execute-get");
    assertThat(plain.outcome("target-and-path")).isEqualTo("200 hello target-and-path");
    assertThat(plain.outcome("redirect-followed")).isEqualTo("200 hello redirect-followed");
    assertThat(plain.outcome("redirect-not-followed")).startsWith("302 ");
    assertThat(plain.outcome("request-unchanged")).endsWith("headers after: [x-custom: c1]");
    assertThat(plain.outcome("huge-stream")).isEqualTo("200 " + HUGE_BYTES + " bytes");
    assertThat(plain.outcome("refused")).startsWith("threw " + refusedException());
    assertThat(plain.outcome("unknown-host")).startsWith("threw java.net.UnknownHostException");
    assertThat(plain.outcome("read-timeout")).startsWith("threw java.net.SocketTimeoutException");
    assertThat(plain.outcome("no-response")).startsWith("threw " + noResponseException());
    assertThat(plain.outcome("used-after-close")).startsWith("threw java.lang.IllegalStateException");
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
    "target-and-path,       GET,  ok,         200",
  })
  void oneSpanPerCall(String scenario, String method, String behavior, int status) {
    String base = scenario.equals("partial-response") ? servers.rawBase("agent") : servers.httpBase("agent");
    String url = base + "/" + behavior + "/" + scenario
        + (scenario.equals("huge-stream") ? "?bytes=" + HUGE_BYTES : "");
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

  // ---- the application's request

  @Test
  void aTraceparentSetByTheApplicationIsKept() {
    assertCompleted(agent.onlySpanFor("app-traceparent"), "GET", servers.httpBase("agent") + "/ok/app-traceparent",
        servers.httpPort(), 200);
    assertThat(servers.requests("agent", "app-traceparent")).singleElement()
        .satisfies(r -> assertThat(r.header("traceparent")).containsExactly(APP_TRACEPARENT));
  }

  @Test
  void theApplicationsRequestIsNeverChanged() {
    assertThat(agent.spansFor("request-unchanged")).hasSize(2);
    assertThat(agent.outcome("request-unchanged")).endsWith("headers after: [x-custom: c1]");
  }

  // ---- context

  @Test
  void aCallIsAChildOfTheCurrentSpanWhichStaysCurrent() {
    SpanAssert.assertThat(agent.onlySpanFor("send-in-parent"), agent.spans()).hasParent(onlySpanNamed("parent-sync"));
    assertThat(agent.outcome("send-in-parent")).endsWith("parent still current: true");
  }

  // ---- failures

  @Test
  void aFailureIsAnErrorWithTheExceptionTheApplicationGot() {
    assertFailure("refused", refusedException());
    assertFailure("unknown-host", "java.net.UnknownHostException");
    assertFailure("read-timeout", "java.net.SocketTimeoutException");
    assertFailure("used-after-close", "java.lang.IllegalStateException");
  }

  private void assertFailure(String scenario, String exception) {
    ReceivedSpan span = agent.onlySpanFor(scenario);
    SpanAssert.assertThat(span, agent.spans()).hasName("GET").hasKind(CLIENT).hasScopeName(SCOPE)
        .hasStatus(ERROR).hasAttribute("error.type", exception).hasException(exception);
    assertThat(span.attributes().keySet()).containsExactlyInAnyOrderElementsOf(FAILED_KEYS);
    assertThat(plain.outcome(scenario)).contains(exception);
  }

  @Test
  void aServerThatNeverAnswersGivesOneFailedSpanPerAttemptNumberedByResendCount() {
    List<ReceivedSpan> spans = agent.spansFor("no-response");
    assertThat(spans).hasSameSizeAs(servers.requests("agent", "no-response")).isNotEmpty()
        .allSatisfy(s -> SpanAssert.assertThat(s).hasStatus(ERROR).hasAttribute("error.type"));
    assertThat(spans.stream().map(s -> s.longAttribute("http.request.resend_count")).collect(Collectors.toSet()))
        .hasSize(spans.size()); // none, 1, ...: every attempt its own number
  }

  @Test
  void aCancelledCallEndsItsSpanAsAnError() {
    SpanAssert.assertThat(agent.onlySpanFor("cancel-in-flight"), agent.spans()).hasStatus(ERROR).hasAttribute("error.type")
        .doesNotHaveAttribute("http.response.status_code");
  }


  // ---- URLs

  @Test
  void credentialsInTheUrlAreRedacted() {
    SpanAssert.assertThat(agent.onlySpanFor("query-credentials"), agent.spans())
        .hasAttribute("url.full", servers.httpBase("agent")
            + "/ok/query-credentials?X-Goog-Signature=REDACTED&sig=REDACTED&AWSAccessKeyId=REDACTED&Signature=REDACTED&keep=k1");
    assertThat(agent.spans()).allSatisfy(s -> assertThat(String.valueOf(s.stringAttribute("url.full")))
        .doesNotContain("g1", "s1", "a1", "s2"));
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
