package dev.weft.instrumentation.httpurlconnection;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.httpurlconnection.app.ScenarioApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.TraceAssert;
import dev.weft.testing.http.HttpClientScenarioTest;
import dev.weft.testing.http.ScenarioRun;
import dev.weft.testing.http.TestServers.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HttpURLConnection instrumentation end to end: {@link ScenarioApp} runs every scenario once with
 * the agent jar and once without it, against real HTTP and HTTPS servers on loopback; each test below
 * checks one aspect of what the agent run exported (one span per request, its attributes, the
 * traceparent the server received) and that the application saw exactly what it sees without the
 * agent. {@link HttpUrlConnectionJdk25Test} repeats all of it on JDK 25.
 */
class HttpUrlConnectionTest extends HttpClientScenarioTest {
  static final List<String> SCENARIOS =
      List.of(
          // ways of reading the response
          "get-response-code", "get-input-stream", "code-stream-header", "connect-then-read",
          "header-field-first", "response-code-thrice", "read-disconnect-read", "url-open-stream",
          "connect-disconnect",
          "error-stream-404", "error-stream-500", "input-stream-404",
          // methods, redirects, HTTPS, headers
          "post-body", "put-body", "delete", "head", "options", "trace",
          "redirect", "redirect-not-followed", "streaming-redirect",
          "https-get", "https-post", "https-404", "app-traceparent", "custom-header",
          // failures
          "refused", "unknown-host", "post-refused", "https-to-plain-port", "read-timeout",
          "disconnect-from-other-thread", "no-response", "no-response-post",
          // URLs
          "user-info", "query-credentials", "default-port-http", "default-port-https",
          // concurrency
          "concurrent", "interleaved",
          // bad input
          "long-query", "odd-url", "raw-space", "null-header", "partial-response",
          "huge-stream");

  private static final int CONCURRENT_REQUESTS = ScenarioApp.THREADS * ScenarioApp.REQUESTS_PER_THREAD;
  /** One span per scenario, except: concurrent makes 100 requests, interleaved makes 2. */
  private static final int EXPECTED_SPANS = SCENARIOS.size() - 2 + CONCURRENT_REQUESTS + 2;

  HttpUrlConnectionTest() {
    super(SCENARIOS, "dev.weft.http-url-connection");
  }

  @Override
  protected AgentJvm.Builder launcher(String runId, Path logging) {
    return scenarioLauncher(ScenarioApp.class, runId, logging);
  }

  @Override
  protected int expectedSpans() {
    return EXPECTED_SPANS;
  }

  // ---- the application is unaffected (and what every client is checked for: HttpClientScenarioTest)

  /** Guards the scenarios themselves: each provokes what its name says (checked without the agent). */
  @Test
  void scenariosProvokeWhatTheyClaim() {
    assertThat(plain.outcome("get-response-code")).isEqualTo("200");
    assertThat(plain.outcome("code-stream-header")).isEqualTo("200 hello code-stream-header x-reply=r1");
    assertThat(plain.outcome("error-stream-404")).isEqualTo("404 no error-stream-404 here");
    assertThat(plain.outcome("error-stream-500"))
        .startsWith("java.io.IOException: Server returned HTTP response code: 500")
        .endsWith("/ error stream: boom");
    assertThat(plain.outcome("input-stream-404")).startsWith("threw java.io.FileNotFoundException: ");
    assertThat(plain.outcome("post-body")).isEqualTo("200 echo POST hello weft");
    assertThat(plain.outcome("head")).isEqualTo("200 x-reply=r1");
    assertThat(plain.outcome("trace")).isEqualTo("200 x-reply=r1");
    assertThat(plain.outcome("redirect")).isEqualTo("200 hello redirect final url is /ok/redirect: true");
    assertThat(plain.outcome("https-get"))
        .isEqualTo("sun.net.www.protocol.https.HttpsURLConnectionImpl 200 hello https-get");
    assertThat(plain.outcome("refused")).startsWith("threw java.net.ConnectException: ");
    assertThat(plain.outcome("unknown-host")).startsWith("threw java.net.UnknownHostException: ");
    assertThat(plain.outcome("read-timeout")).isEqualTo("threw java.net.SocketTimeoutException: Read timed out");
    assertThat(plain.outcome("no-response")).startsWith("threw java.net.SocketException: Unexpected end of file");
    assertThat(plain.outcome("partial-response")).startsWith("200");
    assertThat(plain.outcome("https-to-plain-port")).startsWith("threw javax.net.ssl.SSLException: ");
    assertThat(plain.outcome("disconnect-from-other-thread")).isEqualTo("threw java.net.SocketException: Socket closed");
    assertThat(plain.outcome("concurrent")).doesNotContain("threw");
    assertThat(plain.outcome("interleaved")).isEqualTo("b=200 a=200 echo POST first");
  }

  @Test
  void noStderrWithoutTheAgent() {
    assertThat(plain.result.stderr()).as("stderr without the agent").isBlank();
  }

  @Test
  void exportTrafficIsNotTraced() {
    assertThat(agent.spans()).noneMatch(s -> ScenarioRun.pathOf(s).endsWith(FakeCollector.TRACES_PATH));
  }

  /** The SDK logs "Calling end() on an ended or ending Span." (and the like) at FINE on misuse. */
  @Test
  void everySpanEndsExactlyOnceAndIsLeftAloneAfterwards() {
    assertThat(agent.julLines())
        .as("the logging configuration reaches the agent's loggers (canary)")
        .anyMatch(l -> l.contains(ScenarioRun.JUL_CANARY_LOGGER));
    assertThat(agent.julLines()).noneMatch(l -> l.contains(ScenarioRun.SDK_SPAN_LOGGER));
    // ...and nothing is exported twice: one span per span id.
    assertThat(agent.spans().stream().map(ReceivedSpan::spanId).distinct().count())
        .isEqualTo(agent.spans().size());
  }

  // ---- one span per request, whatever the application calls

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "get-response-code,    GET,     ok",
    "get-input-stream,     GET,     ok",
    "code-stream-header,   GET,     ok",
    "connect-then-read,    GET,     ok",
    "header-field-first,   GET,     ok",
    "response-code-thrice, GET,     ok",
    "read-disconnect-read, GET,     ok",
    "custom-header,        GET,     ok",
    "null-header,          GET,     ok",
    "post-body,            POST,    echo",
    "put-body,             PUT,     echo",
    "delete,               DELETE,  ok",
    "head,                 HEAD,    ok",
    "options,              OPTIONS, ok",
    "trace,                TRACE,   ok",
    "url-open-stream,      GET,     ok",
  })
  void completedRequestMakesOneClientSpan(String scenario, String method, String behavior) {
    assertCompleted(scenario, method, "http", behavior, 200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "error-stream-404, http,  status-404, 404",
    "error-stream-500, http,  status-500, 500",
    "input-stream-404, http,  status-404, 404",
    "https-404,        https, status-404, 404",
  })
  void errorStatusIsAnErrorSpanWithoutException(String scenario, String scheme, String behavior, int status) {
    // HttpURLConnection throws for these, but the response itself is the information (as in the
    // OpenTelemetry agent): status ERROR, error.type = the status code, no exception event.
    assertCompleted(scenario, "GET", scheme, behavior, status);
  }

  @Test
  void connectThenDisconnectEndsTheSpanWithNothingSent() {
    ReceivedSpan span = agent.onlySpanFor("connect-disconnect");
    // Nothing is sent by connect() alone (HttpURLConnection writes the request when the response or
    // the body stream is asked for), so the span has no status code; the instrumentation API marks a
    // client span that ended without a response with error.type _OTHER but leaves the status UNSET.
    SpanAssert.assertThat(span, agent.spans())
        .hasName("GET").hasKind(CLIENT).hasNoParent().hasStatus(UNSET)
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/connect-disconnect")
        .hasAttribute("error.type", "_OTHER")
        .doesNotHaveAttribute("http.response.status_code")
        .hasNoException();
    assertThat(servers.requests("agent", "connect-disconnect")).isEmpty();
  }

  @Test
  void redirectFollowedByTheJdkIsOneSpanWithTheFinalStatus() {
    // spansFor("redirect") also matches the target /ok/redirect: a second span would show up here.
    ReceivedSpan span = agent.onlySpanFor("redirect");
    SpanAssert.assertThat(span, agent.spans())
        .hasName("GET").hasStatus(UNSET)
        .hasAttribute("url.full", servers.httpBase("agent") + "/redirect/redirect") // the URL asked for
        .hasAttribute("http.response.status_code", 200); // the final response, not the 302
    List<RecordedRequest> requests = servers.requests("agent", "redirect");
    assertThat(requests).extracting(RecordedRequest::path)
        .containsExactly("/agent/redirect/redirect", "/agent/ok/redirect");
    // The JDK re-sends the application's request properties, our traceparent included.
    requests.forEach(r -> assertTraceparentNames(r, span));
  }

  @Test
  void redirectNotFollowedReportsTheRedirectStatus() {
    assertCompleted("redirect-not-followed", "GET", "http", "redirect", 302);
    assertThat(agent.outcome("redirect-not-followed")).isEqualTo("302 location ends with /ok/redirect-not-followed: true");
  }

  @Test
  void redirectInStreamingModeIsTheApplicationsException() {
    // The JDK cannot re-send a streamed body, so getInputStream throws HttpRetryException although a
    // 302 arrived; the span reports that exception (error.type and event), not the 302, and the
    // application's later getResponseCode (302) neither changes it nor starts another span.
    assertThat(agent.outcome("streaming-redirect")).isEqualTo(
        "java.net.HttpRetryException: cannot retry due to redirection, in streaming mode / then getResponseCode: 302");
    ReceivedSpan span = agent.onlySpanFor("streaming-redirect");
    SpanAssert.assertThat(span, agent.spans())
        .hasName("POST").hasStatus(ERROR)
        .hasAttribute("error.type", "java.net.HttpRetryException")
        .hasException("java.net.HttpRetryException", "cannot retry due to redirection, in streaming mode")
        .doesNotHaveAttribute("http.response.status_code");
    assertThat(servers.requests("agent", "streaming-redirect")).singleElement()
        .satisfies(r -> assertTraceparentNames(r, span));
  }

  @Test
  void httpsIsOneSpanNotOnePerDelegate() {
    // HttpsURLConnectionImpl wraps a DelegateHttpsURLConnection; both are woven.
    ReceivedSpan get = assertCompleted("https-get", "GET", "https", "ok", 200);
    ReceivedSpan post = assertCompleted("https-post", "POST", "https", "echo", 200);
    assertThat(servers.requests("agent", "https-get")).singleElement().satisfies(r -> {
      assertThat(r.server()).isEqualTo("https");
      assertTraceparentNames(r, get);
    });
    assertThat(servers.requests("agent", "https-post")).singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo("secret body"));
    assertThat(post.traceId()).isNotEqualTo(get.traceId());
  }

  @Test
  void aHugeResponseStreamedByTheApplicationEndsTheSpanAtTheHeaders() {
    assertThat(plain.outcome("huge-stream")).isEqualTo("200 " + ScenarioApp.HUGE_BYTES + " bytes");
    ReceivedSpan span = agent.onlySpanFor("huge-stream");
    SpanAssert.assertThat(span, agent.spans())
        .hasName("GET").hasKind(CLIENT).hasNoParent().hasStatus(UNSET).hasNoException()
        .hasAttribute("url.full", servers.httpBase("agent") + "/big/huge-stream?bytes=" + ScenarioApp.HUGE_BYTES)
        .hasAttribute("http.response.status_code", 200);
    assertTraceparentNames(servers.requests("agent", "huge-stream").get(0), span);
  }

  @Test
  void traceparentSetByTheApplicationIsKept() {
    ReceivedSpan span = assertCompleted("app-traceparent", "GET", "http", "ok", 200);
    RecordedRequest request = servers.requests("agent", "app-traceparent").get(0);
    assertThat(request.header("traceparent")).containsExactly(ScenarioApp.APP_TRACEPARENT);
    // The header is an outgoing one: the span does not continue the application's trace.
    SpanAssert.assertThat(span).hasNoParent();
    assertThat(span.traceId()).isNotEqualTo(ScenarioApp.APP_TRACEPARENT.split("-")[1]);
  }

  // ---- failures

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "refused,          0",
    "unknown-host,     0",
    "read-timeout,     1",
    // the JDK retries a GET once when the server closes without answering; still one span
    "no-response,      2",
    // ...and a POST too: sun.net.http.retryPost is true by default
    "no-response-post, 2",
    // TLS to the plain HTTP port: the handshake fails before any request is made
    "https-to-plain-port, 0",
    // a watchdog thread calls disconnect() while the request waits for its response
    "disconnect-from-other-thread, 1",
  })
  void failureIsAnErrorSpanWithTheApplicationsException(String scenario, int requestsSent) {
    String outcome = agent.outcome(scenario);
    assertThat(outcome).startsWith("threw ");
    String thrown = outcome.substring("threw ".length());
    String type = thrown.substring(0, thrown.indexOf(": "));
    String message = thrown.substring(thrown.indexOf(": ") + 2);

    ReceivedSpan span = agent.onlySpanFor(scenario);
    SpanAssert.assertThat(span, agent.spans())
        .hasName(scenario.equals("no-response-post") ? "POST" : "GET").hasKind(CLIENT).hasNoParent()
        .hasStatus(ERROR)
        .hasAttribute("error.type", type)
        .hasException(type, message); // the very exception the application got
    assertThat(span.attributes().keySet()).containsExactlyInAnyOrderElementsOf(FAILED_KEYS);

    List<RecordedRequest> requests = servers.requests("agent", scenario);
    assertThat(requests).hasSize(requestsSent);
    requests.forEach(r -> assertTraceparentNames(r, span));
  }

  @Test
  void failedConnectionUsedAgainByTheApplicationStaysOneSpan() {
    // getOutputStream fails to connect; the application then calls getResponseCode and disconnect().
    assertThat(agent.outcome("post-refused"))
        .startsWith("java.net.ConnectException: Connection refused / then getResponseCode threw java.net.ConnectException");
    SpanAssert.assertThat(agent.onlySpanFor("post-refused"), agent.spans())
        .hasName("POST").hasStatus(ERROR)
        .hasAttribute("error.type", "java.net.ConnectException")
        .hasException("java.net.ConnectException", "Connection refused");
  }

  @Test
  void unknownHostAndRefusedPortStillNameTheServer() {
    SpanAssert.assertThat(agent.onlySpanFor("unknown-host"))
        .hasAttribute("url.full", "http://weft-test-host.invalid/unknown-host")
        .hasAttribute("server.address", "weft-test-host.invalid")
        .hasAttribute("server.port", 80);
    SpanAssert.assertThat(agent.onlySpanFor("refused"))
        .hasAttribute("server.address", "127.0.0.1")
        .hasAttribute("server.port", servers.closedPort());
  }

  // ---- URLs

  @Test
  void credentialsInTheUrlAreRedacted() {
    SpanAssert.assertThat(agent.onlySpanFor("user-info"))
        .hasAttribute("url.full",
            servers.httpBase("agent").replace("http://", "http://REDACTED:REDACTED@") + "/ok/user-info")
        .hasAttribute("server.address", "127.0.0.1")
        .hasAttribute("http.response.status_code", 200);
    SpanAssert.assertThat(agent.onlySpanFor("query-credentials"))
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/query-credentials"
            + "?AWSAccessKeyId=REDACTED&Signature=REDACTED&sig=REDACTED&X-Goog-Signature=REDACTED&keep=me");
    // Only the span is redacted: the server got the real query.
    assertThat(servers.requests("agent", "query-credentials").get(0).target()).contains("Signature=sig1");
  }

  @Test
  void defaultPortIsReportedWhenTheUrlHasNone() {
    SpanAssert.assertThat(agent.onlySpanFor("default-port-http"))
        .hasAttribute("url.full", "http://127.0.0.1/default-port-http")
        .hasAttribute("server.port", 80);
    SpanAssert.assertThat(agent.onlySpanFor("default-port-https"))
        .hasAttribute("url.full", "https://127.0.0.1/default-port-https")
        .hasAttribute("server.port", 443);
  }

  // ---- concurrency and interleaving

  @Test
  void concurrentRequestsGetOneSpanAndOneTraceEach() {
    List<ReceivedSpan> spans =
        agent.spans().stream().filter(s -> ScenarioRun.pathOf(s).contains("/concurrent-t")).collect(Collectors.toList());
    TraceAssert.assertThat(spans)
        .hasSpanCount(CONCURRENT_REQUESTS)
        .hasTraceCount(CONCURRENT_REQUESTS)
        .allSpansSatisfy(span -> span.hasName("GET").hasNoParent().hasStatus(UNSET)
            .hasAttribute("http.response.status_code", 200));
    assertThat(spans.stream().map(ScenarioRun::pathOf).distinct()).hasSize(CONCURRENT_REQUESTS);
    List<RecordedRequest> requests =
        servers.requests("agent").stream().filter(r -> r.path().contains("/concurrent-t")).collect(Collectors.toList());
    assertThat(requests).hasSize(CONCURRENT_REQUESTS);
    for (RecordedRequest request : requests) {
      String name = request.path().substring(request.path().lastIndexOf('/') + 1);
      if (name.equals("app-traceparent")) {
        continue; // the application's own header is kept: see traceparentSetByTheApplicationIsKept
      }
      assertTraceparentNames(request, agent.onlySpanFor(name));
    }
  }

  @Test
  void interleavedRequestsOnOneThreadStayApart() {
    ReceivedSpan a = assertCompleted("interleaved-a", "POST", "http", "echo", 200);
    ReceivedSpan b = assertCompleted("interleaved-b", "GET", "http", "ok", 200);
    // A's span (open while B runs; its status proves it ended with A's response) is not made current:
    // two separate traces, no parent/child.
    assertThat(a.traceId()).isNotEqualTo(b.traceId());
  }

  // ---- propagation

  @Test
  void everyRequestTheServerGotCarriesTheTraceparentOfItsSpan() {
    List<RecordedRequest> requests = servers.requests("agent");
    assertThat(requests).hasSizeGreaterThan(CONCURRENT_REQUESTS);
    for (RecordedRequest request : requests) {
      String name = request.path().substring(request.path().lastIndexOf('/') + 1);
      if (name.equals("app-traceparent")) {
        continue; // the application's own header is kept: see traceparentSetByTheApplicationIsKept
      }
      assertTraceparentNames(request, agent.onlySpanFor(name));
      // Root spans with an empty trace state and no baggage: nothing else to propagate.
      assertThat(request.header("tracestate")).as("tracestate of %s", request.target()).isEmpty();
      assertThat(request.header("baggage")).as("baggage of %s", request.target()).isEmpty();
    }
    assertThat(servers.requests("plain"))
        .filteredOn(r -> !r.path().endsWith("/app-traceparent"))
        .allSatisfy(r -> assertThat(r.header("traceparent")).isEmpty());
  }

  @Test
  void headersAreNotCapturedByDefault() {
    assertThat(agent.spans()).allSatisfy(s -> assertThat(s.attributes().keySet())
        .noneMatch(k -> k.startsWith("http.request.header.") || k.startsWith("http.response.header.")));
    assertThat(servers.requests("agent", "custom-header").get(0).header("x-custom")).containsExactly("c1");
  }

  // ---- bad input

  @Test
  void longQueryIsKeptWhole() {
    String url = servers.httpBase("agent") + "/ok/long-query?q=" + "x".repeat(10 * 1024);
    ReceivedSpan span = agent.onlySpanFor("long-query");
    SpanAssert.assertThat(span).hasStatus(UNSET)
        .hasAttribute("url.full", url)
        .hasAttribute("http.response.status_code", 200);
    assertTraceparentNames(servers.requests("agent", "long-query").get(0), span);
  }

  @Test
  void oddUrlsAreReportedAsGiven() {
    SpanAssert.assertThat(agent.onlySpanFor("odd-url"))
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/odd-url?q=a%20b&empty=&&=x&dup=1&dup=2"
            + "&u=\u00fc&semi=a;b&plus=a+b&pct=%25&marks=~!$'()*,@:#frag")
        .hasAttribute("server.address", "127.0.0.1");
    // Characters java.net.URL does not escape (space, |, {}) go out as they are; whatever the server
    // makes of them, the span has the URL as given and the status the application saw.
    ReceivedSpan rawSpace = agent.onlySpanFor("raw-space");
    SpanAssert.assertThat(rawSpace)
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/raw-space?q=a b|c{d}")
        .hasAttribute("http.response.status_code", Long.valueOf(agent.outcome("raw-space")));
  }

  @Test
  void serverClosingMidResponseLeavesTheSpanWithTheStatusItSent() {
    // The span ends when the status line arrives; the body failing later belongs to the application.
    ReceivedSpan span = agent.onlySpanFor("partial-response");
    SpanAssert.assertThat(span).hasStatus(UNSET)
        .hasAttribute("http.response.status_code", 200).hasNoException();
    assertTraceparentNames(servers.requests("agent", "partial-response").get(0), span);
  }

  /**
   * The one span of a scenario that got a response: name, kind, status, exactly the expected attribute
   * set, and the server saw its traceparent on every request of the scenario.
   */
  private ReceivedSpan assertCompleted(String scenario, String method, String scheme, String behavior, int status) {
    ReceivedSpan span = agent.onlySpanFor(scenario);
    boolean http = scheme.equals("http");
    String base = http ? servers.httpBase("agent") : servers.httpsBase("agent");
    assertCompleted(span, method, base + "/" + behavior + "/" + scenario,
        http ? servers.httpPort() : servers.httpsPort(), status).hasNoParent();
    List<RecordedRequest> requests = servers.requests("agent", scenario);
    assertThat(requests).as("requests of %s", scenario).hasSize(1);
    assertThat(requests.get(0).method()).isEqualTo(method);
    if (!scenario.equals("app-traceparent")) {
      assertTraceparentNames(requests.get(0), span);
    }
    return span;
  }
}
