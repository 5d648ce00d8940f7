package dev.weft.instrumentation.apachehttpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.PerAttemptHttpClientScenarioTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Apache HttpClient instrumentations (4.3-4.5 and 5.x classic) end to end with one version (a
 * subclass per version, with the scenario app written against that generation's API):
 * {@link ScenarioApp} runs every scenario without and with the agent jar, with that version's jars
 * from target/libs/VERSION on its class path, against real servers on loopback. One CLIENT span per
 * physical attempt; the traceparent each server request carried names exactly the span of its attempt.
 */
abstract class ApacheHttpClientTest extends PerAttemptHttpClientScenarioTest {
  static final List<String> SCENARIOS =
      List.of(
          "execute-get", "execute-post", "execute-404", "execute-500", "https-get", "target-and-path",
          "redirect-followed", "redirect-not-followed", "app-traceparent", "request-unchanged", "huge-stream",
          "send-in-parent", "refused", "unknown-host", "read-timeout", "partial-response", "no-response",
          "cancel-in-flight", "used-after-close", "query-credentials");

  /** The version under test: a directory under target/libs. */
  abstract String version();

  /** The scenario app for the version's generation. */
  abstract Class<?> app();

  /** The exception class names the generation throws for: refused, no response. */
  abstract String refusedException();

  abstract String noResponseException();

  static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  static final long HUGE_BYTES = 160L * 1024 * 1024;

  ApacheHttpClientTest() {
    super(SCENARIOS, "dev.weft.apache-httpclient", APP_TRACEPARENT, HUGE_BYTES);
  }

  @Override
  protected AgentJvm.Builder launcher(String runId, Path logging) {
    return scenarioLauncher(app(), runId, logging)
        .name("httpclient-" + version() + "-" + runId)
        .classpathOfModuleLibs(version());
  }

  /**
   * One span per request a server got, plus the calls that failed before reaching one (refused,
   * unknown host, a closed client), plus the scenarios' parent spans.
   */
  @Override
  protected int expectedSpans() {
    int serverRequests = servers.requests("agent").size();
    int failedBeforeServer = 3; // refused, unknown-host, used-after-close
    int parents = 2; // redirect, sync
    return serverRequests + failedBeforeServer + parents;
  }

  // ---- the application is unaffected (and what every client is checked for: the base classes)

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

  // ---- completed calls

  /** The request given as a target host and a path (the other scenarios: PerAttemptHttpClientScenarioTest). */
  @Test
  void targetAndPathIsOneCall() {
    assertTheOnlyCallCompleted("target-and-path", "GET", "ok", 200).hasNoParent();
  }

  // ---- the application's request

  @Test
  void theApplicationsRequestIsNeverChanged() {
    assertThat(agent.spansFor("request-unchanged")).hasSize(2);
    assertThat(agent.outcome("request-unchanged")).endsWith("headers after: [x-custom: c1]");
  }

  // ---- context

  @Test
  void aCallIsAChildOfTheCurrentSpanWhichStaysCurrent() {
    SpanAssert.assertThat(agent.onlySpanFor("send-in-parent"), agent.spans()).hasParent(agent.onlySpanNamed("parent-sync"));
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

  @Test
  void aServerThatNeverAnswersGivesOneFailedSpanPerAttemptNumberedByResendCount() {
    assertOneFailedSpanPerAttemptNumberedByResendCount("no-response");
  }
}
