package dev.weft.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.ReceivedSpan.StatusCode;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.RawHttp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The servlet instrumentation's promises, run against each container by the subclasses. */
abstract class ServletContainerTest extends ServletContainerTestBase {
  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String SPAN_ID = "b7ad6b7169203331";

  ServletContainerTest(ServletContainer container) {
    super(container);
  }

  // ---- the span ---------------------------------------------------------------------------------

  @Test
  void exactMappingGivesRouteAndAllAttributes() {
    byte[] response = get("/app/hello?case=exact");
    assertThat(RawHttp.status(response)).isEqualTo(200);
    ReceivedSpan span = awaitServerSpan("exact");
    assertOk(span, "GET /app/hello", "/app/hello", 200)
        .hasNoParent()
        .hasAttribute("http.request.method", "GET")
        .hasAttribute("url.scheme", "http")
        .hasAttribute("url.path", "/app/hello")
        .hasAttribute("url.query", "case=exact")
        .hasAttribute("server.address", "example.test")
        .hasAttribute("server.port", 8080L)
        .hasAttribute("client.address", "127.0.0.1")
        .hasAttribute("network.peer.address", "127.0.0.1")
        .hasAttribute("network.peer.port")
        .hasAttribute("network.protocol.version", "1.1")
        .hasAttribute("user_agent.original", "weft-test")
        .doesNotHaveAttribute("http.request.header.x-absent")
        .hasNoException();
    awaitTrace(span.traceId(), 1);
  }

  @Test
  void pathExtensionAndDefaultMappings() {
    get("/app/users/42?case=path");
    get("/app/a/b.do?case=extension");
    byte[] notFound = get("/app/no/such/page?case=unmapped");
    assertThat(RawHttp.status(notFound)).isEqualTo(404);
    assertOk(awaitServerSpan("path"), "GET /app/users/*", "/app/users/*", 200);
    assertOk(awaitServerSpan("extension"), "GET /app/*.do", "/app/*.do", 200);
    // the container's default servlet answers: its mapping "/" is the route, 404 is not an error
    assertOk(awaitServerSpan("unmapped"), "GET /app/*", "/app/*", 404);
  }

  @Test
  void forwardAndIncludeAddNoSpan() {
    byte[] forwarded = get("/app/forward?case=forward");
    byte[] included = get("/app/include?case=include");
    assertThat(RawHttp.body(forwarded)).contains("hello");
    assertThat(RawHttp.body(included)).contains("before;").contains("hello").contains(";after");
    ReceivedSpan forward = awaitServerSpan("forward");
    ReceivedSpan include = awaitServerSpan("include");
    assertOk(forward, "GET /app/forward", "/app/forward", 200);
    assertOk(include, "GET /app/include", "/app/include", 200);
    awaitTrace(forward.traceId(), 1);
    awaitTrace(include.traceId(), 1);
  }

  @Test
  void filterAnsweringItselfNamesTheSpanByMethodOnly() {
    byte[] response = get("/app/blocked?case=blocked");
    assertThat(RawHttp.status(response)).isEqualTo(403);
    assertOk(awaitServerSpan("blocked"), "GET", null, 403);
  }

  @Test
  void springBestMatchingPatternWinsOverTheServletMapping() {
    get("/app/spring/orders/7?case=spring");
    assertOk(awaitServerSpan("spring"), "GET /app/spring/orders/{id}", "/app/spring/orders/{id}", 200);
  }

  @Test
  void unknownMethodIsOther() {
    exchange(RawHttp.request("FOO", "/app/hello?case=other"));
    assertServer(awaitServerSpan("other"))
        .hasName("HTTP /app/hello")
        .hasAttribute("http.request.method", "_OTHER")
        .hasAttribute("http.request.method_original", "FOO");
  }

  @Test
  void credentialLikeQueryValuesAreRedacted() {
    get("/app/hello?case=redact&sig=s3cr3t&x=1");
    assertServer(awaitServerSpan("redact")).hasAttribute("url.query", "case=redact&sig=REDACTED&x=1");
  }

  @Test
  void clientAddressFromForwardingHeaders() {
    get("/app/hello?case=xff", "X-Forwarded-For: 203.0.113.7, 10.0.0.1");
    get("/app/hello?case=forwarded", "Forwarded: for=\"[2001:db8::1]:4711\";proto=https");
    assertServer(awaitServerSpan("xff"))
        .hasAttribute("client.address", "203.0.113.7")
        .hasAttribute("network.peer.address", "127.0.0.1");
    assertServer(awaitServerSpan("forwarded")).hasAttribute("client.address", "2001:db8::1");
  }

  @Test
  void configuredHeadersAreCapturedWithEveryValue() {
    get("/app/echo?case=capture", "X-Multi: a", "X-Multi: b");
    assertServer(awaitServerSpan("capture"))
        .hasAttribute("http.request.header.x-multi", List.of("a", "b"))
        .hasAttribute("http.response.header.x-resp", List.of("r1", "r2"))
        .doesNotHaveAttribute("http.request.header.x-absent");
  }

  // ---- errors -----------------------------------------------------------------------------------

  // error.type: the class of an exception that escaped the servlet (the request failed before any
  // status was sent; the container's 500 is a consequence), else the status code of a 5xx.

  @Test
  void servletExceptionIsRecordedWithItsCause() {
    byte[] response = get("/app/fail?case=servlet-exception");
    assertThat(RawHttp.status(response)).isEqualTo(500);
    assertServer(awaitServerSpan("servlet-exception"))
        .hasName("GET /app/fail")
        .hasStatus(StatusCode.ERROR)
        .hasAttribute("http.response.status_code", 500L)
        .hasAttribute("error.type", "java.lang.IllegalStateException")
        .hasException("java.lang.IllegalStateException", "root cause");
  }

  @Test
  void runtimeExceptionIsRecorded() {
    byte[] response = get("/app/fail?case=runtime&kind=runtime");
    assertThat(RawHttp.status(response)).isEqualTo(500);
    assertServer(awaitServerSpan("runtime"))
        .hasStatus(StatusCode.ERROR)
        .hasAttribute("http.response.status_code", 500L)
        .hasAttribute("error.type", "java.lang.IllegalArgumentException")
        .hasException("java.lang.IllegalArgumentException", "bad argument");
  }

  @Test
  void exceptionAfterCommitKeepsTheStatusTheClientGot() {
    byte[] response = get("/app/fail?case=committed&kind=committed");
    assertThat(RawHttp.status(response)).isEqualTo(200);
    assertServer(awaitServerSpan("committed"))
        .hasStatus(StatusCode.ERROR)
        .hasAttribute("http.response.status_code", 200L)
        .hasAttribute("error.type", "java.lang.IllegalStateException")
        .hasException("java.lang.IllegalStateException", "failed after commit");
  }

  @Test
  void errorPageDispatchAddsNoSpan() {
    byte[][] response = new byte[1][];
    List<ReceivedSpan> arrived = spansDuring(() -> response[0] = get("/app/fail?case=error-page&kind=error-page"));
    assertThat(RawHttp.status(response[0])).isEqualTo(500);
    assertThat(RawHttp.body(response[0])).contains("error page for ErrorPageException");
    assertThat(arrived).hasSize(1);
    String type = "com.example.servletapp.Scenarios.ErrorPageException"; // canonical, as exception.type
    assertServer(arrived.get(0))
        .hasName("GET /app/fail")
        .hasAttribute("http.route", "/app/fail")
        .hasStatus(StatusCode.ERROR)
        .hasAttribute("http.response.status_code", 500L)
        .hasAttribute("error.type", type)
        .hasException(type, "goes to the error page");
  }

  @Test
  void fiveHundredsAreErrorsFourHundredsAreNot() {
    get("/app/status?case=s503&code=503");
    get("/app/status?case=s404&code=404&send=1");
    assertServer(awaitServerSpan("s503"))
        .hasStatus(StatusCode.ERROR)
        .hasAttribute("http.response.status_code", 503L)
        .hasAttribute("error.type", "503")
        .hasNoException();
    assertOk(awaitServerSpan("s404"), "GET /app/status", "/app/status", 404);
  }

  // ---- requests no servlet or filter handles ---------------------------------------------------

  /**
   * Tomcat: /bare is a context without any servlet. Jetty, Undertow: a path outside every context.
   * (A path outside every context never reaches Tomcat 9.0.1's engine: its CoyoteAdapter answers 404.)
   */
  @Test
  void responseTheContainerMakesItselfHasASpanNamedByMethodOnly() {
    String traceId = randomHex(32);
    byte[][] response = new byte[1][];
    List<ReceivedSpan> arrived =
        spansDuring(() -> response[0] = get("/bare/page?case=bare", "traceparent: 00-" + traceId + "-" + SPAN_ID + "-01"));
    assertThat(RawHttp.status(response[0])).isEqualTo(404);
    if (!container.tracesItsOwnResponses) {
      assertThat(arrived).as("known gap: no container-level instrumentation for %s", container).isEmpty();
      return;
    }
    assertThat(arrived).hasSize(1);
    assertOk(arrived.get(0), "GET", null, 404)
        .hasTraceId(traceId)
        .hasParentSpanId(SPAN_ID)
        .hasAttribute("http.request.method", "GET")
        .hasAttribute("url.scheme", "http")
        .hasAttribute("url.path", "/bare/page")
        .hasAttribute("url.query", "case=bare")
        .hasAttribute("server.address", "example.test")
        .hasAttribute("server.port", 8080L)
        .hasAttribute("network.protocol.version", "1.1")
        .hasAttribute("network.peer.address", "127.0.0.1")
        .hasAttribute("user_agent.original", "weft-test")
        .hasNoException();
  }

  // ---- async ------------------------------------------------------------------------------------

  @Test
  void asyncWorkIsAChildAndTheSpanEndsWithTheResponse() {
    String traceId = randomHex(32);
    byte[] response =
        get(
            "/app/async?case=async",
            "traceparent: 00-" + traceId + "-" + SPAN_ID + "-01",
            "tracestate: congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    assertThat(RawHttp.body(response)).contains("async done, downstream 200");
    List<ReceivedSpan> trace = awaitTrace(traceId, 3);
    ReceivedSpan server = trace.stream().filter(serverSpanOf("async")).findFirst().orElseThrow();
    ReceivedSpan client = trace.stream().filter(s -> s.kind() == Kind.CLIENT).findFirst().orElseThrow();
    ReceivedSpan downstream = trace.stream().filter(serverSpanOf("async-downstream")).findFirst().orElseThrow();
    assertOk(server, "GET /app/async", "/app/async", 200).hasParentSpanId(SPAN_ID);
    SpanAssert.assertThat(client).hasParent(server);
    assertOk(downstream, "GET /app/echo", "/app/echo", 200).hasParent(client);
    assertThat(server.endEpochNanos()).isGreaterThanOrEqualTo(client.endEpochNanos());
    // tracestate goes downstream unchanged
    assertThat(downstream.traceState()).isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  }

  @Test
  void codeAfterAsyncDispatchIsAChild() {
    byte[] response = get("/app/async-dispatch?case=dispatch");
    assertThat(RawHttp.body(response)).contains("dispatched, downstream 200");
    ReceivedSpan server = awaitServerSpan("dispatch");
    List<ReceivedSpan> trace = awaitTrace(server.traceId(), 3);
    ReceivedSpan client = trace.stream().filter(s -> s.kind() == Kind.CLIENT).findFirst().orElseThrow();
    assertOk(server, "GET /app/async-dispatch", "/app/async-dispatch", 200).hasNoParent();
    SpanAssert.assertThat(client).hasParent(server);
    assertThat(server.endEpochNanos()).isGreaterThanOrEqualTo(client.endEpochNanos());
  }

  @Test
  void asyncTimeoutEndsTheSpanWhenTheContainerAnswers() {
    byte[] response = get("/app/async-timeout?case=timeout");
    int status = RawHttp.status(response);
    assertThat(status).isGreaterThanOrEqualTo(500);
    ReceivedSpan span = awaitServerSpan("timeout");
    assertServer(span)
        .hasName("GET /app/async-timeout")
        .hasStatus(StatusCode.ERROR)
        .hasAttribute("http.response.status_code", (long) status);
    assertThat(span.duration().toMillis()).isGreaterThanOrEqualTo(250);
    awaitTrace(span.traceId(), 1);
  }

  // ---- propagation ------------------------------------------------------------------------------

  @Test
  void wellFormedTraceparentContinuesTheTrace() {
    String traceId = randomHex(32);
    byte[] response =
        get("/app/echo?case=w3c", "traceparent: 00-" + traceId + "-" + SPAN_ID + "-01", "tracestate: congo=t61rcWkgMzE");
    assertThat(RawHttp.body(response)).contains("traceparent: [00-" + traceId);
    ReceivedSpan span = awaitServerSpan("w3c");
    assertServer(span).hasTraceId(traceId).hasParentSpanId(SPAN_ID);
    assertThat(span.traceState()).isEqualTo("congo=t61rcWkgMzE");
  }

  @Test
  void unsampledParentIsRespected() {
    String traceId = randomHex(32);
    List<ReceivedSpan> arrived =
        spansDuring(() -> get("/app/async?case=unsampled", "traceparent: 00-" + traceId + "-" + SPAN_ID + "-00"));
    assertThat(arrived).isEmpty();
  }

  static Stream<Arguments> malformedTraceparents() {
    String t = TRACE_ID;
    String s = SPAN_ID;
    return Stream.of(
        Arguments.of("invalid-hex", "00-0af7651916cd43dd8448eb211c80319z-" + s + "-01"),
        Arguments.of("zero-trace-id", "00-00000000000000000000000000000000-" + s + "-01"),
        Arguments.of("zero-span-id", "00-" + t + "-0000000000000000-01"),
        Arguments.of("short-trace-id", "00-" + t.substring(2) + "-" + s + "-01"),
        Arguments.of("long-span-id", "00-" + t + "-" + s + "00-01"),
        Arguments.of("upper-case", "00-" + t.toUpperCase() + "-" + s.toUpperCase() + "-01"),
        Arguments.of("version-ff", "ff-" + t + "-" + s + "-01"),
        Arguments.of("version-00-with-tail", "00-" + t + "-" + s + "-01-tail"),
        Arguments.of("bad-flags", "00-" + t + "-" + s + "-0g"),
        Arguments.of("empty", ""),
        Arguments.of("garbage", "not a traceparent at all"),
        Arguments.of("huge", "00-" + "a".repeat(6000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedTraceparents")
  void malformedTraceparentStartsANewTrace(String name, String value) {
    byte[] response = get("/app/echo?case=tp-" + name, "traceparent: " + value);
    assertThat(RawHttp.status(response)).isEqualTo(200);
    ReceivedSpan span = awaitServerSpan("tp-" + name);
    assertServer(span).hasNoParent();
    assertThat(span.traceId()).isNotEqualTo(TRACE_ID);
  }

  @Test
  void higherVersionIsParsedAsVersion00() {
    String traceId = randomHex(32);
    get("/app/echo?case=future-version", "traceparent: cc-" + traceId + "-" + SPAN_ID + "-01-what-the-future-holds");
    assertServer(awaitServerSpan("future-version")).hasTraceId(traceId).hasParentSpanId(SPAN_ID);
  }

  @Test
  void oversizedTracestateKeepsTheParent() {
    String traceId = randomHex(32);
    StringBuilder state = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      state.append(i == 0 ? "" : ",").append("k").append(i).append('=').append("v".repeat(40));
    }
    get("/app/echo?case=big-tracestate", "traceparent: 00-" + traceId + "-" + SPAN_ID + "-01", "tracestate: " + state);
    assertServer(awaitServerSpan("big-tracestate")).hasTraceId(traceId).hasParentSpanId(SPAN_ID);
  }

  @Test
  void repeatedTraceHeadersNeverBreakTheRequest() {
    String first = randomHex(32);
    String second = randomHex(32);
    byte[] response =
        get(
            "/app/echo?case=repeated-any",
            "traceparent: 00-" + first + "-" + SPAN_ID + "-01",
            "traceparent: 00-" + second + "-" + SPAN_ID + "-01",
            "tracestate: a=1",
            "tracestate: b=2");
    assertThat(RawHttp.body(response)).contains(first).contains(second);
    awaitServerSpan("repeated-any");
  }

  @Test
  void repeatedTraceparentIsIgnored() {
    String first = randomHex(32);
    String second = randomHex(32);
    get(
        "/app/echo?case=repeated-traceparent",
        "traceparent: 00-" + first + "-" + SPAN_ID + "-01",
        "traceparent: 00-" + second + "-" + SPAN_ID + "-01");
    ReceivedSpan span = awaitServerSpan("repeated-traceparent");
    assertServer(span).hasNoParent();
    assertThat(span.traceId()).isNotIn(first, second);
  }

  @Test
  void repeatedTracestateLinesAreOneList() {
    String traceId = randomHex(32);
    get(
        "/app/echo?case=repeated-tracestate",
        "traceparent: 00-" + traceId + "-" + SPAN_ID + "-01",
        "tracestate: a=1,b=2",
        "tracestate: c=3");
    ReceivedSpan span = awaitServerSpan("repeated-tracestate");
    assertServer(span).hasTraceId(traceId).hasParentSpanId(SPAN_ID);
    assertThat(span.traceState()).isEqualTo("a=1,b=2,c=3");
  }

  // ---- never break the host ---------------------------------------------------------------------

  @Test
  void hostileRequestWrapperChangesNothing() {
    byte[][] response = new byte[1][];
    List<ReceivedSpan> arrived = spansDuring(() -> response[0] = get("/app/hostile?case=hostile"));
    assertThat(RawHttp.body(response[0])).contains("inner ok;inner ok;hostile ok");
    assertThat(arrived).hasSize(1);
    assertOk(arrived.get(0), "GET /app/hostile", "/app/hostile", 200);
  }

  @Test
  void requestsTheContainerRejectsGetTheSameAnswerAndNoSpan() {
    List<ReceivedSpan> arrived =
        spansDuring(
            () -> {
              exchange("GARBAGE\r\n\r\n");
              exchange("GET /app/hello?case=bad-version HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");
              exchange("GET /app/hello?case=bad-header HTTP/1.1\r\nHost: x\r\nBad Header Line\r\nConnection: close\r\n\r\n");
            });
    // whatever a container accepted of these must have a sane span; what it rejected has none or,
    // where the container's own entry is traced (Tomcat: HTTP/9.9 gets 505, a bad request line 400),
    // a span with the container's answer and no route
    for (ReceivedSpan span : arrived) {
      if (!span.name().equals("GET /app/hello")) {
        assertThat(container.tracesItsOwnResponses).as("span of a rejected request: %s", span).isTrue();
        assertServer(span).doesNotHaveAttribute("http.route");
        assertThat(span.name()).isIn("GET", "HTTP");
        long status = span.longAttribute("http.response.status_code");
        assertThat(status).isBetween(400L, 599L);
        assertThat(span.statusCode()).isEqualTo(status >= 500 ? StatusCode.ERROR : StatusCode.UNSET);
      }
    }
  }

  @Test
  void enormousHeadersGetTheSameAnswer() {
    byte[] response = get("/app/echo?case=enormous", "X-Big: " + "x".repeat(100_000));
    if (RawHttp.status(response) == 200) {
      assertServer(awaitServerSpan("enormous")).hasName("GET /app/echo");
    }
    byte[] large = get("/app/echo?case=large", "X-Big: " + "x".repeat(5_000));
    assertThat(RawHttp.status(large)).isEqualTo(200);
    awaitServerSpan("large");
  }
}
