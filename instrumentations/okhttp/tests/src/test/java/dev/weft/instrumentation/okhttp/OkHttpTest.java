package dev.weft.instrumentation.okhttp;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.okhttp.app.ScenarioApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.PerAttemptHttpClientScenarioTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OkHttp instrumentation end to end with one OkHttp version (a subclass per version):
 * {@link ScenarioApp} runs every scenario without and with the agent jar, with that version's jars
 * from target/libs/VERSION on its class path, against real servers on loopback. One CLIENT span per
 * physical attempt; the traceparent each server request carried names exactly the span of its attempt.
 */
abstract class OkHttpTest extends PerAttemptHttpClientScenarioTest {
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

  /** The OkHttp version under test: a directory under target/libs. */
  abstract String version();

  OkHttpTest() {
    super(SCENARIOS, "dev.weft.okhttp", ScenarioApp.APP_TRACEPARENT, ScenarioApp.HUGE_BYTES);
  }

  @Override
  protected AgentJvm.Builder launcher(String runId, Path logging) {
    return scenarioLauncher(ScenarioApp.class, runId, logging)
        .name("okhttp-" + version() + "-" + runId)
        .classpathOfModuleLibs(version());
  }

  /**
   * One span per request a server got, plus the calls that failed before reaching one (refused,
   * unknown host), plus the scenarios' parent spans. Nothing for what never reaches OkHttp's
   * interceptors (a bad URL, a shut-down dispatcher).
   */
  @Override
  protected int expectedSpans() {
    int serverRequests = servers.requests("agent").size();
    int failedBeforeServer = 3; // refused, unknown-host, enqueue-refused
    int parents = 6; // redirect, retry, enqueue, leak, queued, task runner
    return serverRequests + failedBeforeServer + parents;
  }

  // ---- the application is unaffected (and what every client is checked for: the base classes)

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

  // ---- attempts (the shared call scenarios: PerAttemptHttpClientScenarioTest)

  @Test
  void anApplicationInterceptorsRetryIsASecondAttempt() {
    ReceivedSpan parent = agent.onlySpanNamed("parent-retry");
    List<ReceivedSpan> attempts = agent.spansFor("app-retry-interceptor");
    assertThat(attempts).hasSize(2).allSatisfy(s -> SpanAssert.assertThat(s, agent.spans()).hasParent(parent));
    assertThat(attempts).filteredOn(s -> s.longAttribute("http.response.status_code") == 500).singleElement()
        .satisfies(s -> assertThat(s.attributes()).doesNotContainKey("http.request.resend_count"));
    assertThat(attempts).filteredOn(s -> s.longAttribute("http.response.status_code") == 200).singleElement()
        .satisfies(s -> assertThat(s.longAttribute("http.request.resend_count")).isEqualTo(1L));
  }

  // ---- the application's request

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
    ReceivedSpan parent = agent.onlySpanNamed("parent-enqueue");
    SpanAssert.assertThat(agent.onlySpanFor("enqueue-callback-context"), agent.spans()).hasParent(parent);
    SpanAssert.assertThat(agent.onlySpanFor("enqueue-nested"), agent.spans()).hasParent(parent);
    assertThat(agent.outcome("enqueue-callback-context"))
        .contains("callback in caller context: true").endsWith("parent still current: true");
  }

  @Test
  void aCallQueuedOutsideATraceStaysOutOfTheTraceOfTheCallThatStartsIt() {
    ReceivedSpan parent = agent.onlySpanNamed("parent-queued");
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
        .hasParent(agent.onlySpanNamed("parent-task-runner"));
  }

  @Test
  void nothingLeaksIntoTheDispatchersThreads() {
    SpanAssert.assertThat(agent.onlySpanFor("no-leak-into-dispatcher"), agent.spans()).hasParent(agent.onlySpanNamed("parent-leak"));
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
    assertFailure(scenario, exception);
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
  void whatNeverReachesTheInterceptorsHasNoSpan() {
    assertThat(agent.spansFor("bad-url")).isEmpty();
    assertThat(agent.spansFor("used-after-shutdown")).isEmpty();
    assertThat(servers.requests("agent", "used-after-shutdown")).isEmpty();
  }

  // ---- URLs

  @Test
  void userInfoInTheUrlIsRedacted() {
    SpanAssert.assertThat(agent.onlySpanFor("user-info"), agent.spans()).hasAttribute("url.full",
        servers.httpBase("agent").replace("http://", "http://REDACTED:REDACTED@") + "/ok/user-info");
  }
}
