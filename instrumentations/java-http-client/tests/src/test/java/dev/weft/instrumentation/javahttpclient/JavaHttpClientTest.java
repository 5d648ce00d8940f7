package dev.weft.instrumentation.javahttpclient;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.javahttpclient.app.ScenarioApp;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.ScenarioRun;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TestServers.RecordedRequest;
import dev.weft.testing.http.TraceProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The java.net.http instrumentation end to end: {@link ScenarioApp} runs every scenario once without
 * and once with the agent jar, against real HTTP/1.1, HTTPS and h2c servers on loopback; the tests
 * check what the agent run exported (one span per send, its attributes, parents, the traceparent each
 * server request carried) and that the application saw exactly what it sees without the agent.
 * {@link JavaHttpClientJdk25Test} repeats it on JDK 25.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaHttpClientTest {
  static final List<String> SCENARIOS =
      List.of(
          "send-get", "send-post", "send-head", "send-custom-method", "send-404", "send-500",
          "redirect-followed", "redirect-not-followed", "https-get", "h2c-get", "huge-stream",
          "app-traceparent", "request-reused",
          "send-in-parent", "async-callback-context", "async-404", "async-refused",
          "no-leak-into-client-executor", "cancel-in-flight", "concurrent-async",
          "refused", "unknown-host", "request-timeout", "partial-response", "no-response", "bad-url",
          "used-after-close", "query-credentials", "user-info");

  private static final Set<String> COMPLETED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "http.response.status_code",
          "network.protocol.version");
  private static final Set<String> FAILED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "error.type");
  private static final String SCOPE = "dev.weft.java-http-client";

  private TestServers servers;
  private H2cServer h2c;
  private FakeCollector collector;
  private ScenarioRun agent;
  private ScenarioRun plain;

  protected Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  @BeforeAll
  void runScenarios(@TempDir Path work) throws Exception {
    servers = new TestServers(work);
    h2c = new H2cServer();
    collector = FakeCollector.start();
    Path logging = ScenarioRun.writeLoggingConfig(work);
    plain = ScenarioRun.run(launcher("plain", logging).withAgent(false), "plain", SCENARIOS, null, 0);
    agent = ScenarioRun.run(launcher("agent", logging).otlpTo(collector), "agent", SCENARIOS, collector, expectedSpans());
  }

  private dev.weft.testing.AgentJvm.Builder launcher(String runId, Path logging) {
    return ScenarioRun.launcher(ScenarioApp.class, servers, runId, logging, javaHome())
        .classpathOf(TraceProbe.class)
        .sysProp(ScenarioApp.H2C, h2c.base(runId));
  }

  /**
   * One CLIENT span per send/sendAsync that reached the client, plus the scenarios' own parent spans;
   * what the JDK refuses before sending (a bad scheme, user info on some versions) has none.
   */
  private int expectedSpans() {
    int spans = SCENARIOS.size();
    spans += 1; // h2c-get: two requests
    spans += 1; // request-reused: sent twice
    spans += 1; // send-in-parent: the parent
    spans += 2; // async-callback-context: the parent and the nested request
    spans += 1; // no-leak-into-client-executor: the parent
    spans += ScenarioApp.THREADS * ScenarioApp.REQUESTS_PER_THREAD - 1;
    spans -= 1; // bad-url: refused by the request builder
    spans += plain.outcome("used-after-close").startsWith("not closeable") ? -1 : 1; // send and sendAsync
    spans -= plain.outcome("user-info").startsWith("threw java.lang.IllegalArgumentException") ? 1 : 0;
    return spans;
  }

  @AfterAll
  void stopServers() throws Exception {
    if (collector != null) {
      collector.close();
    }
    if (h2c != null) {
      h2c.close();
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

  /** Guards the scenarios themselves (checked without the agent). */
  @Test
  void scenariosProvokeWhatTheyClaim() {
    assertThat(plain.outcome("send-get")).isEqualTo("200 HTTP_1_1 hello send-get x-reply=r1 uri=/<run>/ok/send-get");
    assertThat(plain.outcome("send-post")).startsWith("200 HTTP_1_1 echo POST hello weft");
    assertThat(plain.outcome("redirect-followed")).startsWith("200 HTTP_1_1 hello redirect-followed");
    assertThat(plain.outcome("redirect-not-followed")).startsWith("302 ");
    assertThat(plain.outcome("h2c-get")).startsWith("200 HTTP_2 h2 /<run>/h2c-get/first").contains("200 HTTP_2 h2");
    assertThat(plain.outcome("huge-stream")).isEqualTo("200 " + ScenarioApp.HUGE_BYTES + " bytes");
    assertThat(plain.outcome("app-traceparent")).endsWith("request headers after: {traceparent=[" + ScenarioApp.APP_TRACEPARENT + "]}");
    assertThat(plain.outcome("request-reused")).endsWith("headers unchanged: true {x-custom=[c1]} same uri: true");
    assertThat(plain.outcome("async-refused")).startsWith("failed java.net.ConnectException");
    assertThat(plain.outcome("cancel-in-flight"))
        .isEqualTo("cancel returned true, ended by a CancellationException: true, done true");
    assertThat(plain.outcome("refused")).startsWith("threw java.net.ConnectException");
    assertThat(plain.outcome("request-timeout")).startsWith("threw java.net.http.HttpTimeoutException");
    assertThat(plain.outcome("partial-response")).startsWith("threw java.io.IOException");
    assertThat(plain.outcome("no-response")).startsWith("threw java.io.IOException");
    assertThat(plain.outcome("bad-url")).startsWith("threw java.lang.IllegalArgumentException");
    assertThat(plain.outcome("async-callback-context"))
        .contains("stage in caller context: true", "late stage in caller context: true");
    assertThat(plain.outcome("no-leak-into-client-executor")).endsWith("executor thread clean afterwards: true");
  }

  @Test
  void stderrHasOnlyTheStartupLine() {
    agent.assertStderrHasOnlyTheStartupLine();
  }

  @Test
  void nothingElseArrived() {
    // Exactly the expected spans: none for Weft's own export traffic, none twice.
    assertThat(agent.spans()).as(ScenarioRun.describe(agent.spans())).hasSize(expectedSpans());
    Set<String> ids = agent.spans().stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
    assertThat(ids).hasSize(agent.spans().size());
  }

  // ---- completed calls

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "send-get,              GET,  ok,         200",
    "send-post,             POST, echo,       200",
    "send-head,             HEAD, ok,         200",
    "send-404,              GET,  status-404, 404",
    "send-500,              GET,  status-500, 500",
    "redirect-not-followed, GET,  redirect,   302",
    "async-404,             GET,  status-404, 404",
  })
  void oneSpanPerCallWithTheTraceparentTheServerSaw(String scenario, String method, String behavior, int status) {
    ReceivedSpan span = assertCompleted(scenario, method, servers.httpBase("agent") + "/" + behavior + "/" + scenario,
        servers.httpPort(), status, "1.1");
    assertThat(servers.requests("agent", scenario)).singleElement().satisfies(r -> assertTraceparentNames(r, span));
  }

  @Test
  void httpsIsTheSame() {
    ReceivedSpan span = assertCompleted("https-get", "GET", servers.httpsBase("agent") + "/ok/https-get",
        servers.httpsPort(), 200, "1.1");
    assertThat(servers.requests("agent", "https-get")).singleElement().satisfies(r -> assertTraceparentNames(r, span));
  }

  @Test
  void http2CarriesTheTraceparentAndReportsVersion2() {
    List<H2cServer.Seen> seen = h2c.seen("agent");
    assertThat(seen).hasSize(2);
    for (H2cServer.Seen request : seen) {
      String name = request.path().substring(request.path().lastIndexOf('/') + 1);
      ReceivedSpan span = assertCompleted(name, "GET", h2c.base("agent") + "/h2c-get/" + name, h2c.port(), 200, "2");
      assertThat(request.traceparents()).singleElement().asString().startsWith(traceparentOf(span));
    }
    assertThat(seen.get(1).protocol()).isEqualTo("HTTP/2.0");
  }

  @Test
  void aCustomMethodIsOther() {
    ReceivedSpan span = agent.onlySpanFor("send-custom-method");
    SpanAssert.assertThat(span, agent.spans()).hasName("HTTP").hasKind(CLIENT)
        .hasAttribute("http.request.method", "_OTHER")
        .hasAttribute("http.request.method_original", "FROB")
        .hasAttribute("http.response.status_code", 200);
  }

  @Test
  void aRedirectFollowedByTheJdkIsOneSpanAndBothRequestsCarryItsTraceparent() {
    ReceivedSpan span = assertCompleted("redirect-followed", "GET", servers.httpBase("agent") + "/redirect/redirect-followed",
        servers.httpPort(), 200, "1.1");
    List<RecordedRequest> requests = servers.requests("agent", "redirect-followed");
    assertThat(requests).extracting(RecordedRequest::path)
        .containsExactly("/agent/redirect/redirect-followed", "/agent/ok/redirect-followed");
    assertThat(requests).allSatisfy(r -> assertTraceparentNames(r, span));
  }

  @Test
  void aHugeStreamedResponseEndsTheSpanAtTheHeaders() {
    ReceivedSpan span = agent.onlySpanFor("huge-stream");
    SpanAssert.assertThat(span, agent.spans()).hasName("GET").hasStatus(UNSET)
        .hasAttribute("http.response.status_code", 200);
  }

  // ---- the application's request

  @Test
  void aTraceparentSetByTheApplicationIsKept() {
    assertCompleted("app-traceparent", "GET", servers.httpBase("agent") + "/ok/app-traceparent", servers.httpPort(), 200, "1.1");
    assertThat(servers.requests("agent", "app-traceparent")).singleElement()
        .satisfies(r -> assertThat(r.header("traceparent")).containsExactly(ScenarioApp.APP_TRACEPARENT));
  }

  @Test
  void aReusedRequestGetsItsOwnTraceparentEachTimeAndIsNeverChanged() {
    List<ReceivedSpan> spans = agent.spansFor("request-reused");
    List<RecordedRequest> requests = servers.requests("agent", "request-reused");
    assertThat(spans).hasSize(2);
    assertThat(requests).hasSize(2);
    for (ReceivedSpan span : spans) {
      assertThat(requests).filteredOn(r -> r.header("traceparent").get(0).startsWith(traceparentOf(span)))
          .singleElement().satisfies(r -> assertTraceparentNames(r, span));
    }
    // and the application's object: see the outcome, equal to the run without the agent
    assertThat(agent.outcome("request-reused")).endsWith("headers unchanged: true {x-custom=[c1]} same uri: true");
  }

  // ---- context

  @Test
  void aSyncCallIsAChildOfTheCurrentSpan() {
    ReceivedSpan parent = onlySpanNamed("parent-sync");
    SpanAssert.assertThat(agent.onlySpanFor("send-in-parent"), agent.spans()).hasKind(CLIENT).hasParent(parent);
    assertThat(agent.outcome("send-in-parent")).endsWith("parent still current: true");
  }

  @Test
  void asyncStagesRunInTheCallersContext() {
    ReceivedSpan parent = onlySpanNamed("parent-async");
    ReceivedSpan call = agent.onlySpanFor("async-callback-context");
    SpanAssert.assertThat(call, agent.spans()).hasKind(CLIENT).hasParent(parent);
    // The request made inside the stage is the caller's child too, not the finished call's.
    SpanAssert.assertThat(agent.onlySpanFor("async-nested"), agent.spans()).hasKind(CLIENT).hasParent(parent);
    assertThat(agent.outcome("async-callback-context"))
        .contains("stage in caller context: true", "late stage in caller context: true");
    assertThat(call.endEpochNanos()).isLessThanOrEqualTo(agent.onlySpanFor("async-nested").startEpochNanos());
  }

  @Test
  void nothingLeaksIntoTheClientsExecutor() {
    SpanAssert.assertThat(agent.onlySpanFor("no-leak-into-client-executor"), agent.spans())
        .hasParent(onlySpanNamed("parent-leak"));
    assertThat(agent.outcome("no-leak-into-client-executor"))
        .endsWith("stage in caller context: true executor thread clean afterwards: true");
  }

  @Test
  void concurrentAsyncCallsEachGetTheirOwnSpanAndTraceparent() {
    for (int t = 0; t < ScenarioApp.THREADS; t++) {
      for (int r = 0; r < ScenarioApp.REQUESTS_PER_THREAD; r++) {
        String name = "concurrent-t" + t + "-r" + r;
        ReceivedSpan span = agent.onlySpanFor(name);
        SpanAssert.assertThat(span).hasNoParent().hasAttribute("http.response.status_code", 200);
        assertThat(servers.requests("agent", name)).singleElement().satisfies(q -> assertTraceparentNames(q, span));
      }
    }
  }

  // ---- failures

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "refused,          java.net.ConnectException",
    "async-refused,    java.net.ConnectException",
    "unknown-host,     java.net.ConnectException",
    "request-timeout,  java.net.http.HttpTimeoutException",
    "partial-response, java.io.IOException",
    "no-response,      java.io.IOException",
  })
  void aFailureIsAnErrorWithTheExceptionTheApplicationGot(String scenario, String exception) {
    ReceivedSpan span = agent.onlySpanFor(scenario);
    SpanAssert.assertThat(span, agent.spans()).hasName("GET").hasKind(CLIENT).hasScopeName(SCOPE)
        .hasStatus(ERROR).hasAttribute("error.type", exception).hasException(exception);
    assertThat(span.attributes().keySet()).containsExactlyInAnyOrderElementsOf(FAILED_KEYS);
    assertThat(plain.outcome(scenario)).contains(exception);
  }

  @Test
  void aCancelledCallEndsItsSpanAsAnError() {
    ReceivedSpan span = agent.onlySpanFor("cancel-in-flight");
    SpanAssert.assertThat(span, agent.spans()).hasStatus(ERROR).hasAttribute("error.type");
    assertThat(span.attributes()).doesNotContainKey("http.response.status_code");
  }

  @Test
  void aClientUsedAfterCloseFailsAsWithoutTheAgent() {
    List<ReceivedSpan> spans = agent.spansFor("used-after-close");
    if (plain.outcome("used-after-close").startsWith("not closeable")) {
      assertThat(spans).isEmpty();
      return;
    }
    assertThat(spans).hasSize(2).allSatisfy(s -> SpanAssert.assertThat(s).hasStatus(ERROR)
        .hasAttribute("error.type", "java.io.IOException"));
    assertThat(servers.requests("agent", "used-after-close")).isEmpty();
  }

  @Test
  void aUrlTheClientRefusesHasNoSpan() {
    assertThat(agent.spansFor("bad-url")).isEmpty();
  }

  // ---- URLs

  @Test
  void credentialsInTheUrlAreRedacted() {
    SpanAssert.assertThat(agent.onlySpanFor("query-credentials"), agent.spans())
        .hasAttribute("url.full", servers.httpBase("agent")
            + "/ok/query-credentials?X-Goog-Signature=REDACTED&sig=REDACTED&AWSAccessKeyId=REDACTED&Signature=REDACTED&keep=k1");
    List<ReceivedSpan> userInfo = agent.spansFor("user-info");
    if (!userInfo.isEmpty()) {
      SpanAssert.assertThat(userInfo.get(0), agent.spans()).hasAttribute("url.full",
          servers.httpBase("agent").replace("http://", "http://REDACTED:REDACTED@") + "/ok/user-info");
    }
    assertThat(agent.spans()).allSatisfy(s -> assertThat(String.valueOf(s.stringAttribute("url.full")))
        .doesNotContain("secret", "g1", "s1", "a1", "s2"));
  }

  // ---- helpers

  private ReceivedSpan assertCompleted(String scenario, String method, String url, int port, int status, String version) {
    ReceivedSpan span = agent.onlySpanFor(scenario);
    SpanAssert assertion =
        SpanAssert.assertThat(span, agent.spans())
            .hasName(method).hasKind(CLIENT).hasScopeName(SCOPE)
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
    return span;
  }

  private ReceivedSpan onlySpanNamed(String name) {
    List<ReceivedSpan> found = agent.spans().stream().filter(s -> s.name().equals(name)).toList();
    assertThat(found).as("spans named %s", name).hasSize(1);
    return found.get(0);
  }

  /** The traceparent naming this span, without the flags. */
  static String traceparentOf(ReceivedSpan span) {
    return "00-" + span.traceId() + "-" + span.spanId() + "-";
  }
}
