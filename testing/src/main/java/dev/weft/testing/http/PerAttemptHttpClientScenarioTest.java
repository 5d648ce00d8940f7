package dev.weft.testing.http;

import dev.weft.testing.SpanAssert;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For clients with one CLIENT span per physical attempt (OkHttp, Apache HttpClient), whose scenario
 * apps share these scenarios under these names: {@code execute-get}, {@code execute-post}, {@code
 * execute-404}, {@code execute-500}, {@code redirect-not-followed}, {@code huge-stream}, {@code
 * partial-response} (one call each, as {@link #oneSpanPerCall} lists), {@code https-get}, {@code
 * redirect-followed} inside the parent span {@code parent-redirect}, {@code app-traceparent}, {@code
 * cancel-in-flight} and {@code query-credentials}.
 */
public abstract class PerAttemptHttpClientScenarioTest extends HttpClientScenarioTest {
  private final String appTraceparent;
  private final long hugeBytes;

  /** The app's own traceparent (app-traceparent) and the size huge-stream asks for. */
  protected PerAttemptHttpClientScenarioTest(
      List<String> scenarios, String scope, String appTraceparent, long hugeBytes) {
    super(scenarios, scope);
    this.appTraceparent = appTraceparent;
    this.hugeBytes = hugeBytes;
  }

  @Test
  void everyRequestAServerGotCarriesTheTraceparentOfItsOwnAttemptSpan() {
    assertEveryRequestCarriesTheTraceparentOfItsOwnAttemptSpan();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "execute-get,           GET,  ok,         200",
    "execute-post,          POST, echo,       200",
    "execute-404,           GET,  status-404, 404",
    "execute-500,           GET,  status-500, 500",
    "redirect-not-followed, GET,  redirect,   302",
    "huge-stream,           GET,  big,        200",
    "partial-response,      GET,  partial,    200",
  })
  void oneSpanPerCall(String scenario, String method, String behavior, int status) {
    assertTheOnlyCallCompleted(scenario, method, behavior, status).hasNoParent();
  }

  @Test
  void httpsIsTheSame() {
    assertTheHttpsCallCompleted();
  }

  @Test
  void aRedirectIsTwoAttemptsNumberedByResendCount() {
    assertTheRedirectIsTwoAttemptsNumberedByResendCount();
  }

  @Test
  void aTraceparentSetByTheApplicationIsKept() {
    assertTheApplicationsTraceparentIsKept(appTraceparent);
  }

  @Test
  void aCancelledCallEndsItsSpanAsAnError() {
    assertTheCancelledCallIsAnError();
  }

  @Test
  void credentialsInTheQueryAreRedacted() {
    assertQueryCredentialsAreRedacted();
  }

  /**
   * The one span of a scenario that called {@code /BEHAVIOR/SCENARIO} on the HTTP server ({@code
   * partial} on the raw server; {@code big} with {@code ?bytes=<hugeBytes>}) and got a response.
   */
  protected final SpanAssert assertTheOnlyCallCompleted(String scenario, String method, String behavior, int status) {
    boolean raw = behavior.equals("partial");
    String base = raw ? servers.rawBase("agent") : servers.httpBase("agent");
    String url = base + "/" + behavior + "/" + scenario + (behavior.equals("big") ? "?bytes=" + hugeBytes : "");
    int port = raw ? servers.rawPort() : servers.httpPort();
    return assertCompleted(agent.onlySpanFor(scenario), method, url, port, status);
  }
}
