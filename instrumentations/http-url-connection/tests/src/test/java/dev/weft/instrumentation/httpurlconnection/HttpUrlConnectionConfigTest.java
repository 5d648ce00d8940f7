package dev.weft.instrumentation.httpurlconnection;

import static dev.weft.instrumentation.httpurlconnection.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.httpurlconnection.TestServers.RecordedRequest;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instrumentation's configuration, each setting in its own forked JVM: captured headers, another
 * propagator, the instrumentation switched off; plus a request method HttpURLConnection normally
 * refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpUrlConnectionConfigTest {
  private TestServers servers;
  private Path logging;
  private Path javaHome;

  @BeforeAll
  void startServers(@TempDir Path work) throws Exception {
    servers = new TestServers(work);
    logging = ScenarioRun.writeLoggingConfig(work);
    javaHome = Path.of(System.getProperty("java.home"));
  }

  @AfterAll
  void stopServers() throws Exception {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void capturesConfiguredHeadersAsStringArrays() {
    List<String> scenarios = List.of("custom-header", "get-response-code", "null-header", "refused");
    try (FakeCollector collector = FakeCollector.start()) {
      ScenarioRun run =
          ScenarioRun.run(
              launcher("capture")
                  .otlpTo(collector)
                  // names as users write them: any case, spaces after commas
                  .env("OTEL_INSTRUMENTATION_HTTP_CLIENT_CAPTURE_REQUEST_HEADERS", "X-Custom, x-null")
                  .env("OTEL_INSTRUMENTATION_HTTP_CLIENT_CAPTURE_RESPONSE_HEADERS", "x-reply"),
              "capture", scenarios, collector, scenarios.size());
      ScenarioRun plain = ScenarioRun.run(launcher("capture-plain").withAgent(false), "capture-plain", scenarios, null, 0);
      assertThat(run.outcomes).isEqualTo(plain.outcomes);
      run.assertStderrHasOnlyTheStartupLine();

      SpanAssert.assertThat(run.onlySpanFor("custom-header"))
          .hasAttribute("http.request.header.x-custom", List.of("c1"))
          .hasAttribute("http.response.header.x-reply", List.of("r1"))
          .doesNotHaveAttribute("http.request.header.x-null");
      SpanAssert.assertThat(run.onlySpanFor("get-response-code"))
          .doesNotHaveAttribute("http.request.header.x-custom") // not set by the application
          .hasAttribute("http.response.header.x-reply", List.of("r1"));
      // A request property the application set to null is no value: no attribute, no failure.
      assertThat(run.outcome("null-header")).isEqualTo("200");
      SpanAssert.assertThat(run.onlySpanFor("null-header"))
          .doesNotHaveAttribute("http.request.header.x-null")
          .hasAttribute("http.response.header.x-reply", List.of("r1"));
      // No response, no response headers.
      SpanAssert.assertThat(run.onlySpanFor("refused")).doesNotHaveAttribute("http.response.header.x-reply");
      assertThat(run.spans()).allSatisfy(s -> assertThat(s.attributes().keySet())
          .filteredOn(k -> k.contains(".header."))
          .isSubsetOf("http.request.header.x-custom", "http.response.header.x-reply"));
    }
  }

  @Test
  void b3MultiPropagatorReplacesTraceparent() {
    List<String> scenarios = List.of("get-response-code", "https-get");
    try (FakeCollector collector = FakeCollector.start()) {
      ScenarioRun run =
          ScenarioRun.run(
              launcher("b3").otlpTo(collector).env("OTEL_PROPAGATORS", "b3multi"),
              "b3", scenarios, collector, scenarios.size());
      run.assertStderrHasOnlyTheStartupLine();
      for (String scenario : scenarios) {
        ReceivedSpan span = run.onlySpanFor(scenario);
        RecordedRequest request = servers.requests("b3", scenario).get(0);
        assertThat(request.header("x-b3-traceid")).containsExactly(span.traceId());
        assertThat(request.header("x-b3-spanid")).containsExactly(span.spanId());
        assertThat(request.header("x-b3-sampled")).containsExactly("1");
        assertThat(request.header("traceparent")).isEmpty();
      }
    }
  }

  @Test
  void tracecontextAndB3Together() {
    try (FakeCollector collector = FakeCollector.start()) {
      ScenarioRun run =
          ScenarioRun.run(
              launcher("both").otlpTo(collector).env("OTEL_PROPAGATORS", "tracecontext,baggage,b3"),
              "both", List.of("get-response-code"), collector, 1);
      run.assertStderrHasOnlyTheStartupLine();
      ReceivedSpan span = run.onlySpanFor("get-response-code");
      RecordedRequest request = servers.requests("both", "get-response-code").get(0);
      assertTraceparentNames(request, span);
      assertThat(request.header("b3")).singleElement().asString()
          .startsWith(span.traceId() + "-" + span.spanId() + "-");
    }
  }

  @Test
  void unsampledRequestsStillPropagateTheTrace() {
    try (FakeCollector collector = FakeCollector.start()) {
      ScenarioRun run =
          ScenarioRun.run(
              launcher("unsampled").otlpTo(collector).env("OTEL_TRACES_SAMPLER", "always_off"),
              "unsampled", List.of("get-response-code", "https-get"), collector, 0);
      run.assertStderrHasOnlyTheStartupLine();
      assertThat(run.outcome("get-response-code")).isEqualTo("200");
      List<RecordedRequest> requests = servers.requests("unsampled");
      assertThat(requests).hasSize(2);
      // A valid traceparent with the sampled flag off, so the callee does not sample either.
      assertThat(requests).allSatisfy(r -> assertThat(r.header("traceparent")).singleElement().asString()
          .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[02]")
          .doesNotContain("00000000000000000000000000000000"));
      collector.assertNoSpansFor(Duration.ofMillis(300));
    }
  }

  @Test
  void disabledInstrumentationMakesNoSpansAndSendsNoHeaders() {
    List<String> scenarios = List.of("get-response-code", "https-get", "post-body", "error-stream-404", "refused");
    try (FakeCollector collector = FakeCollector.start()) {
      ScenarioRun run =
          ScenarioRun.run(
              launcher("disabled").otlpTo(collector).env("OTEL_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "false"),
              "disabled", scenarios, collector, 0);
      assertThat(run.outcome("get-response-code")).isEqualTo("200");
      assertThat(run.outcome("post-body")).isEqualTo("200 echo POST hello weft");
      assertThat(run.outcome("error-stream-404")).isEqualTo("404 no error-stream-404 here");
      // switched off: gone from the start-up line's list (other modules may stay on)
      assertThat(run.result.stderr()).contains(" | instrumentations ").doesNotContain("http-url-connection");
      run.assertStderrHasOnlyTheStartupLine();
      List<RecordedRequest> requests = servers.requests("disabled");
      assertThat(requests).hasSize(4);
      assertThat(requests).allSatisfy(r -> assertThat(r.header("traceparent")).isEmpty());
      // The JVM has exited (and flushed) already; a short extra window catches stragglers anyway.
      collector.assertNoSpansFor(Duration.ofMillis(300));
    }
  }

  /**
   * HttpURLConnection refuses methods outside its list, but applications set its {@code method} field
   * by reflection to send e.g. PATCH; an unknown method is reported as {@code _OTHER}, with the
   * original kept, and the span is named {@code HTTP} (semantic conventions).
   */
  @Test
  void methodOutsideTheKnownSetIsOther() {
    List<String> scenarios = List.of("unknown-method");
    try (FakeCollector collector = FakeCollector.start()) {
      ScenarioRun run =
          ScenarioRun.run(
              launcher("other").otlpTo(collector).jvmArg("--add-opens", "java.base/java.net=ALL-UNNAMED"),
              "other", scenarios, collector, 1);
      run.assertStderrHasOnlyTheStartupLine();
      assertThat(run.outcome("unknown-method")).isEqualTo("200");
      ReceivedSpan span = run.onlySpanFor("unknown-method");
      SpanAssert.assertThat(span)
          .hasName("HTTP")
          .hasAttribute("http.request.method", "_OTHER")
          .hasAttribute("http.request.method_original", "FOO")
          .hasAttribute("http.response.status_code", 200);
      RecordedRequest request = servers.requests("other", "unknown-method").get(0);
      assertThat(request.method()).isEqualTo("FOO");
      assertTraceparentNames(request, span);
    }
  }

  private AgentJvm.Builder launcher(String runId) {
    return ScenarioRun.launcher(servers, runId, logging, javaHome);
  }
}
