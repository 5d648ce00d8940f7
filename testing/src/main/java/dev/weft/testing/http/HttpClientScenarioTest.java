package dev.weft.testing.http;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.Closeables;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.TestServers.RecordedRequest;
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

/**
 * The frame of an HTTP client instrumentation's end-to-end test. A subclass names its scenario app's
 * scenarios and its spans' scope (constructor), how to launch the app and how many spans the agent
 * run exports; this class runs the app once without and once with the agent jar against {@link
 * TestServers} on loopback, and holds what every client is checked for: the application sees the same outcomes, stderr has only Weft's
 * start-up line, exactly the expected spans arrive. The helpers assert the span every client makes
 * for a completed or failed call, so a subclass keeps only what is particular to its client.
 * {@link PerAttemptHttpClientScenarioTest} adds the scenarios shared by clients with a span per attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpClientScenarioTest {
  /** The attributes of a span that got a response (plus {@code error.type} for 4xx and 5xx). */
  public static final Set<String> COMPLETED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "http.response.status_code",
          "network.protocol.version");
  /** The attributes of a span whose call failed without a response. */
  public static final Set<String> FAILED_KEYS =
      Set.of("http.request.method", "url.full", "server.address", "server.port", "error.type");

  /** The scenario names, in the order the app runs and prints them. */
  protected final List<String> scenarios;
  /** The instrumentation scope of the client's spans, e.g. {@code dev.weft.okhttp}. */
  protected final String scope;

  protected TestServers servers;
  protected FakeCollector collector;
  /** The run without the agent: what the application sees on its own. */
  protected ScenarioRun plain;
  /** The run with the agent jar, exporting to {@link #collector}. */
  protected ScenarioRun agent;
  private final List<AutoCloseable> closeAfterAll = new ArrayList<>();

  protected HttpClientScenarioTest(List<String> scenarios, String scope) {
    this.scenarios = scenarios;
    this.scope = scope;
  }

  /** The app for one run: start from {@link #scenarioLauncher} and add the client's jars or properties. */
  protected abstract AgentJvm.Builder launcher(String runId, Path logging);

  /**
   * How many spans the agent run exports. Asked after the agent JVM has ended, so it may count the
   * requests the servers got ({@code servers.requests("agent")}) and look at {@link #plain}.
   */
  protected abstract int expectedSpans();

  /** The JDK the application runs on. */
  protected Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  /** Starts servers beyond {@link TestServers} before the runs; register them with {@link #closeAfterAll}. */
  protected void startMoreServers() throws Exception {}

  /** Closes the resource after all tests of the class, before the servers. */
  protected final <T extends AutoCloseable> T closeAfterAll(T resource) {
    closeAfterAll.add(resource);
    return resource;
  }

  @BeforeAll
  final void runScenarios(@TempDir Path work) throws Exception {
    servers = new TestServers(work);
    collector = FakeCollector.start();
    startMoreServers();
    Path logging = ScenarioRun.writeLoggingConfig(work);
    plain = ScenarioRun.run(launcher("plain", logging).withAgent(false), "plain", scenarios, null, () -> 0);
    agent = ScenarioRun.run(launcher("agent", logging).otlpTo(collector), "agent", scenarios, collector,
        this::expectedSpans);
  }

  @AfterAll
  final void stopServers() {
    Closeables.closeAll(closeAfterAll.toArray(new AutoCloseable[0]));
    Closeables.closeAll(collector, servers);
  }

  /** The scenario app against {@link #servers} on {@link #javaHome}, with {@link TraceProbe} on its class path. */
  protected final AgentJvm.Builder scenarioLauncher(Class<?> app, String runId, Path logging) {
    return ScenarioRun.launcher(app, servers, runId, logging, javaHome()).classpathOf(TraceProbe.class);
  }

  // ---- what every client is checked for

  @Test
  void applicationSeesExactlyWhatItSeesWithoutTheAgent() {
    assertThat(agent.outcomes.keySet()).containsExactlyElementsOf(scenarios);
    assertThat(plain.outcomes.keySet()).containsExactlyElementsOf(scenarios);
    List<String> differences = new ArrayList<>();
    for (String scenario : scenarios) {
      if (!agent.outcome(scenario).equals(plain.outcome(scenario))) {
        differences.add(scenario + ":\n  with agent:    " + agent.outcome(scenario)
            + "\n  without agent: " + plain.outcome(scenario));
      }
    }
    assertThat(differences).isEmpty();
  }

  @Test
  void stderrHasOnlyTheStartupLine() {
    agent.assertStderrHasOnlyTheStartupLine();
  }

  @Test
  void nothingElseArrived() {
    // Exactly the expected spans: in particular none for Weft's own export traffic, none twice.
    assertThat(agent.spans()).as(ScenarioRun.describe(agent.spans())).hasSize(expectedSpans());
    assertThat(agent.spans().stream().map(ReceivedSpan::spanId).collect(Collectors.toSet()))
        .hasSize(agent.spans().size());
  }

  // ---- helpers

  /**
   * A span of a call that got a response: name, kind, scope, exactly the expected attributes, status
   * ERROR with {@code error.type} = the status code for 4xx and 5xx (no exception event), else UNSET.
   */
  protected final SpanAssert assertCompleted(
      ReceivedSpan span, String method, String url, int port, int status, String protocolVersion) {
    SpanAssert assertion =
        SpanAssert.assertThat(span, agent.spans())
            .hasName(method).hasKind(CLIENT).hasScopeName(scope)
            .hasAttribute("http.request.method", method)
            .hasAttribute("url.full", url)
            .hasAttribute("server.address", "127.0.0.1")
            .hasAttribute("server.port", port)
            .hasAttribute("http.response.status_code", status)
            .hasAttribute("network.protocol.version", protocolVersion)
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

  /** {@link #assertCompleted(ReceivedSpan, String, String, int, int, String)} over HTTP/1.1. */
  protected final SpanAssert assertCompleted(ReceivedSpan span, String method, String url, int port, int status) {
    return assertCompleted(span, method, url, port, status, "1.1");
  }

  /** The {@code https-get} scenario: a GET of /ok/https-get on the HTTPS server, like one over HTTP. */
  protected final ReceivedSpan assertTheHttpsCallCompleted() {
    ReceivedSpan span = agent.onlySpanFor("https-get");
    assertCompleted(span, "GET", servers.httpsBase("agent") + "/ok/https-get", servers.httpsPort(), 200);
    return span;
  }

  /**
   * The one span of a GET that failed without a response: ERROR, {@code error.type} and an exception
   * event of the type the application got (the run without the agent got it too).
   */
  protected final void assertFailure(String scenario, String exception) {
    ReceivedSpan span = agent.onlySpanFor(scenario);
    SpanAssert.assertThat(span, agent.spans()).hasName("GET").hasKind(CLIENT).hasScopeName(scope)
        .hasStatus(ERROR).hasAttribute("error.type", exception).hasException(exception);
    assertThat(span.attributes().keySet()).containsExactlyInAnyOrderElementsOf(FAILED_KEYS);
    assertThat(plain.outcome(scenario)).contains(exception);
  }

  /** The {@code app-traceparent} scenario: a GET of /ok/app-traceparent whose traceparent the application set. */
  protected final ReceivedSpan assertTheApplicationsTraceparentIsKept(String appTraceparent) {
    ReceivedSpan span = agent.onlySpanFor("app-traceparent");
    assertCompleted(span, "GET", servers.httpBase("agent") + "/ok/app-traceparent", servers.httpPort(), 200);
    assertThat(servers.requests("agent", "app-traceparent")).singleElement()
        .satisfies(r -> assertThat(r.header("traceparent")).containsExactly(appTraceparent));
    return span;
  }

  /** The {@code cancel-in-flight} scenario: the cancelled call's span ends as an error, without a status code. */
  protected final void assertTheCancelledCallIsAnError() {
    SpanAssert.assertThat(agent.onlySpanFor("cancel-in-flight"), agent.spans()).hasStatus(ERROR)
        .hasAttribute("error.type").doesNotHaveAttribute("http.response.status_code");
  }

  /**
   * The {@code query-credentials} scenario (signature-like query parameters g1, s1, a1, s2, then keep=k1):
   * redacted in url.full, and nowhere in any span's URL.
   */
  protected final void assertQueryCredentialsAreRedacted() {
    SpanAssert.assertThat(agent.onlySpanFor("query-credentials"), agent.spans())
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/query-credentials"
            + "?X-Goog-Signature=REDACTED&sig=REDACTED&AWSAccessKeyId=REDACTED&Signature=REDACTED&keep=k1");
    assertThat(agent.spans()).allSatisfy(s -> assertThat(String.valueOf(s.stringAttribute("url.full")))
        .doesNotContain("secret", "g1", "s1", "a1", "s2"));
  }

  /**
   * For clients with a span per physical attempt: every request a server got (but the application's
   * own app-traceparent) carries one traceparent of its own, naming exactly its attempt's span.
   */
  protected final void assertEveryRequestCarriesTheTraceparentOfItsOwnAttemptSpan() {
    Set<String> seen = new HashSet<>();
    for (RecordedRequest request : servers.requests("agent")) {
      if (request.path().endsWith("/app-traceparent")) {
        continue; // the application's own: see assertTheApplicationsTraceparentIsKept
      }
      List<String> values = request.header("traceparent");
      assertThat(values).as("traceparent of %s", request.target()).hasSize(1);
      assertThat(seen.add(values.get(0))).as("traceparent %s sent twice", values.get(0)).isTrue();
      String spanId = values.get(0).split("-")[2];
      ReceivedSpan span = agent.spans().stream().filter(s -> s.spanId().equals(spanId)).findFirst()
          .orElseThrow(() -> new AssertionError("no span " + spanId + " in\n" + ScenarioRun.describe(agent.spans())));
      SpanAssert.assertThat(span, agent.spans()).hasKind(CLIENT).hasScopeName(scope);
      assertTraceparentNames(request, span);
    }
  }

  /**
   * The {@code redirect-followed} scenario of a client that follows redirects with a span per attempt:
   * two spans under the parent span {@code parent-redirect}, the second numbered by {@code
   * http.request.resend_count}.
   */
  protected final void assertTheRedirectIsTwoAttemptsNumberedByResendCount() {
    ReceivedSpan parent = agent.onlySpanNamed("parent-redirect");
    List<ReceivedSpan> attempts = agent.spansFor("redirect-followed");
    assertThat(attempts).hasSize(2);
    ReceivedSpan first = attempts.stream().filter(s -> s.longAttribute("http.response.status_code") == 302)
        .findFirst().orElseThrow();
    ReceivedSpan second = attempts.stream().filter(s -> s.longAttribute("http.response.status_code") == 200)
        .findFirst().orElseThrow();
    assertCompleted(first, "GET", servers.httpBase("agent") + "/redirect/redirect-followed", servers.httpPort(), 302)
        .hasParent(parent);
    SpanAssert.assertThat(second, agent.spans()).hasParent(parent)
        .hasAttribute("url.full", servers.httpBase("agent") + "/ok/redirect-followed")
        .hasAttribute("http.request.resend_count", 1L);
    assertThat(first.attributes()).doesNotContainKey("http.request.resend_count");
  }

  /**
   * A scenario whose server never answers (a client that retries): one failed span per request the
   * server got, each attempt numbered by its own {@code http.request.resend_count} (none for the first).
   */
  protected final void assertOneFailedSpanPerAttemptNumberedByResendCount(String scenario) {
    List<ReceivedSpan> spans = agent.spansFor(scenario);
    assertThat(spans).hasSameSizeAs(servers.requests("agent", scenario)).isNotEmpty()
        .allSatisfy(s -> SpanAssert.assertThat(s).hasStatus(ERROR).hasAttribute("error.type"));
    assertThat(spans.stream().map(s -> s.longAttribute("http.request.resend_count")).collect(Collectors.toSet()))
        .hasSize(spans.size());
  }
}
