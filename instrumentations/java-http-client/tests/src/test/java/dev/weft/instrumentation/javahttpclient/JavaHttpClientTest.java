package dev.weft.instrumentation.javahttpclient;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.javahttpclient.app.ScenarioApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.H2cServer;
import dev.weft.testing.http.HttpClientScenarioTest;
import dev.weft.testing.http.TestServers.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The java.net.http instrumentation end to end: {@link ScenarioApp} runs every scenario once without
 * and once with the agent jar, against real HTTP/1.1, HTTPS and h2c servers on loopback; the tests
 * check what the agent run exported (one span per send, its attributes, parents, the traceparent each
 * server request carried) and that the application saw exactly what it sees without the agent.
 * {@link JavaHttpClientJdk25Test} repeats it on JDK 25.
 */
class JavaHttpClientTest extends HttpClientScenarioTest {
  static final List<String> SCENARIOS =
      List.of(
          "send-get", "send-post", "send-head", "send-custom-method", "send-404", "send-500",
          "redirect-followed", "redirect-not-followed", "https-get", "h2c-get", "huge-stream",
          "app-traceparent", "request-reused",
          "send-in-parent", "async-callback-context", "async-404", "async-refused",
          "no-leak-into-client-executor", "cancel-in-flight", "concurrent-async",
          "refused", "unknown-host", "request-timeout", "partial-response", "no-response", "bad-url",
          "used-after-close", "query-credentials", "user-info");

  private H2cServer h2c;

  JavaHttpClientTest() {
    super(SCENARIOS, "dev.weft.java-http-client");
  }

  @Override
  protected void startMoreServers() throws Exception {
    h2c = closeAfterAll(new H2cServer());
  }

  @Override
  protected AgentJvm.Builder launcher(String runId, Path logging) {
    return scenarioLauncher(ScenarioApp.class, runId, logging).sysProp(ScenarioApp.H2C, h2c.base(runId));
  }

  /**
   * One CLIENT span per send/sendAsync that reached the client, plus the scenarios' own parent spans;
   * what the JDK refuses before sending (a bad scheme, user info on some versions) has none.
   */
  @Override
  protected int expectedSpans() {
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

  // ---- the application is unaffected (and what every client is checked for: HttpClientScenarioTest)

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
    ReceivedSpan span = assertTheHttpsCallCompleted();
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
    assertTheApplicationsTraceparentIsKept(ScenarioApp.APP_TRACEPARENT);
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
    ReceivedSpan parent = agent.onlySpanNamed("parent-sync");
    SpanAssert.assertThat(agent.onlySpanFor("send-in-parent"), agent.spans()).hasKind(CLIENT).hasParent(parent);
    assertThat(agent.outcome("send-in-parent")).endsWith("parent still current: true");
  }

  @Test
  void asyncStagesRunInTheCallersContext() {
    ReceivedSpan parent = agent.onlySpanNamed("parent-async");
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
        .hasParent(agent.onlySpanNamed("parent-leak"));
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
    assertFailure(scenario, exception);
  }

  @Test
  void aCancelledCallEndsItsSpanAsAnError() {
    assertTheCancelledCallIsAnError();
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
    assertQueryCredentialsAreRedacted();
    List<ReceivedSpan> userInfo = agent.spansFor("user-info");
    if (!userInfo.isEmpty()) {
      SpanAssert.assertThat(userInfo.get(0), agent.spans()).hasAttribute("url.full",
          servers.httpBase("agent").replace("http://", "http://REDACTED:REDACTED@") + "/ok/user-info");
    }
  }

  // ---- helpers

  /** The one span of a scenario that got a response; see {@link #assertCompleted(ReceivedSpan, String, String, int, int, String)}. */
  private ReceivedSpan assertCompleted(String scenario, String method, String url, int port, int status, String version) {
    ReceivedSpan span = agent.onlySpanFor(scenario);
    assertCompleted(span, method, url, port, status, version);
    return span;
  }

  /** The traceparent naming this span, without the flags. */
  static String traceparentOf(ReceivedSpan span) {
    return "00-" + span.traceId() + "-" + span.spanId() + "-";
  }
}
