package dev.weft.smoke;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.TraceAssert;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The framework-free app ({@code smoke-tests/plain-app}) started as a user starts it, {@code java
 * -javaagent:weft-agent.jar -jar plain-app.jar}, next to the same app without the agent. The JVMs run
 * once for the class; each test looks at one aspect of the two runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainAppSmokeIT {
  private static final String APP = "plain-app";
  private static final String SERVICE = "plain-smoke";
  private static final String SCOPE = "dev.weft.http-url-connection";

  private static final String EXPECTED_STDOUT =
      "GET /hello -> 200 hello\n"
          + "POST /echo -> 200 echo:ping\n"
          + "GET /missing -> FileNotFoundException, status 404 no such thing\n"
          + "GET /fail -> 500 it broke\n"
          + "GET closed port -> java.net.ConnectException\n"
          + "done\n";

  /** What HttpClientAttributesExtractor sets on a span whose response arrived, and nothing more. */
  private static final String[] RESPONSE_ATTRIBUTES = {
    "http.request.method", "url.full", "server.address", "server.port", "http.response.status_code",
    "network.protocol.version"
  };

  private FakeCollector collector;
  private SmokeRun run;

  @BeforeAll
  void runTheAppWithAndWithoutTheAgent() {
    collector = FakeCollector.start();
    Path jar = SmokeRun.appJar("smoke.plain.app.jar");
    run = SmokeRun.run(
        APP, withAgent -> AgentJvm.builder().jar(jar).otlpTo(collector).env("OTEL_SERVICE_NAME", SERVICE));
    // For the record (the CI log and the report): whether HotSpot warned about CDS on this JDK.
    System.out.printf(
        "[smoke] %s on Java %s (%s): HotSpot CDS warning with the agent: %s%n",
        APP, run.javaVersion(run.withAgent()), SmokeRun.javaHome(),
        run.printedCdsWarning() ? "yes" : "no");
  }

  @AfterAll
  void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void runsOnTheRequestedJdk() {
    String feature = SmokeRun.javaFeatureVersion();
    assertThat(run.javaVersion(run.withAgent())).startsWith(feature);
    assertThat(run.javaVersion(run.withoutAgent())).startsWith(feature);
  }

  @Test
  void stdoutAndExitCodeAreThoseOfARunWithoutTheAgent() {
    run.withoutAgent().assertExitCode(0);
    assertThat(run.withoutAgent().stdout()).as("the app itself works").isEqualTo(EXPECTED_STDOUT);
    run.assertSameStdoutAndExitCode();
  }

  @Test
  void weftAddsOnlyItsStartLineToStderr() {
    String startLine = run.assertWeftAddsOnlyItsStartLine();
    assertThat(startLine)
        .contains("| service " + SERVICE + " |")
        .contains("| exporter otlp (http/protobuf " + collector.httpEndpoint())
        .contains("http-url-connection");
  }

  @Test
  void eachCallIsOneClientSpanWithTheHttpAttributes() {
    int port = run.port();
    int closedPort = Integer.parseInt(run.tagged(run.withAgent(), "closed port (\\d+)"));
    String base = "http://127.0.0.1:" + port;

    List<ReceivedSpan> spans =
        collector.awaitSpansSatisfying(
            received ->
                TraceAssert.assertThat(received)
                    .hasTraceCount(5)
                    .allSpansSatisfy(span -> span.hasKind(CLIENT).hasNoParent().hasScopeName(SCOPE)
                        .hasResourceAttribute("service.name", SERVICE))
                    .hasSpansSatisfyingExactly(
                        span -> response(span, "GET", base + "/hello", port, 200).hasStatus(UNSET),
                        span -> response(span, "POST", base + "/echo", port, 200).hasStatus(UNSET),
                        span -> response(span, "GET", base + "/missing", port, 404)
                            .hasStatus(ERROR).hasAttribute("error.type", "404"),
                        span -> response(span, "GET", base + "/fail", port, 500)
                            .hasStatus(ERROR).hasAttribute("error.type", "500"),
                        span -> span.hasName("GET")
                            .hasStatus(ERROR)
                            .hasAttribute("http.request.method", "GET")
                            .hasAttribute("url.full", "http://127.0.0.1:" + closedPort + "/nothing")
                            .hasAttribute("server.address", "127.0.0.1")
                            .hasAttribute("server.port", closedPort)
                            .hasAttribute("error.type", "java.net.ConnectException")
                            .satisfies(onlyAttributes(
                                "http.request.method", "url.full", "server.address", "server.port", "error.type"))
                            .hasException("java.net.ConnectException")),
            SmokeRun.SPAN_TIMEOUT);
    assertThat(spans).hasSize(5);
  }

  @Test
  void eachRequestArrivesWithTheTraceparentOfItsClientSpan() {
    List<ReceivedSpan> spans = collector.awaitSpans(5, SmokeRun.SPAN_TIMEOUT);
    Map<String, String> traceparents = run.traceparentsByPath(run.withAgent());
    assertThat(traceparents).containsOnlyKeys("/hello", "/echo", "/missing", "/fail");
    for (Map.Entry<String, String> arrived : traceparents.entrySet()) {
      ReceivedSpan span =
          spans.stream()
              .filter(s -> String.valueOf(s.attribute("url.full")).endsWith(":" + run.port() + arrived.getKey()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no span for " + arrived.getKey() + " among " + spans));
      // version 00, the span's ids, and flags with the sampled bit (the SDK may add the random bit)
      assertThat(arrived.getValue())
          .as("traceparent of %s", arrived.getKey())
          .matches("00-" + span.traceId() + "-" + span.spanId() + "-0[13]");
    }
    assertThat(run.traceparentsByPath(run.withoutAgent()))
        .as("without the agent nothing adds the header")
        .containsOnlyKeys("/hello", "/echo", "/missing", "/fail")
        .allSatisfy((path, traceparent) -> assertThat(traceparent).isEqualTo("none"));
  }

  private static SpanAssert response(SpanAssert span, String method, String url, int port, int status) {
    return span.hasName(method)
        .hasAttribute("http.request.method", method)
        .hasAttribute("url.full", url)
        .hasAttribute("server.address", "127.0.0.1")
        .hasAttribute("server.port", port)
        .hasAttribute("http.response.status_code", status)
        .hasAttribute("network.protocol.version", "1.1")
        .hasNoException()
        .satisfies(status >= 400 ? onlyAttributes(withErrorType()) : onlyAttributes(RESPONSE_ATTRIBUTES));
  }

  private static String[] withErrorType() {
    String[] keys = Arrays.copyOf(RESPONSE_ATTRIBUTES, RESPONSE_ATTRIBUTES.length + 1);
    keys[RESPONSE_ATTRIBUTES.length] = "error.type";
    return keys;
  }

  /** Exactly these attribute keys: a drop-in agent adds none of its own and drops none. */
  static ThrowingConsumer<ReceivedSpan> onlyAttributes(String... keys) {
    return span -> assertThat(span.attributes()).as("attributes of %s", span).containsOnlyKeys(keys);
  }
}
