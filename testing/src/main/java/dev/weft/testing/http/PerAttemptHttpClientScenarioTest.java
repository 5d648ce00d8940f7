package dev.weft.testing.http;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.TestServers.RecordedRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  /** Every request a server got carries a traceparent of its own, naming exactly its attempt's span. */
  @Test
  void everyRequestAServerGotCarriesTheTraceparentOfItsOwnAttemptSpan() {
    Set<String> seen = new HashSet<>();
    for (RecordedRequest request : servers.requests("agent")) {
      if (request.path().endsWith("/app-traceparent")) {
        continue; // the application's own: see aTraceparentSetByTheApplicationIsKept
      }
      List<String> values = request.header("traceparent");
      assertThat(values).as("traceparent of %s", request.target()).hasSize(1);
      assertThat(seen.add(values.get(0))).as("traceparent %s sent twice", values.get(0)).isTrue();
      String spanId = values.get(0).split("-")[2];
      ReceivedSpan span = agent.spans().stream().filter(s -> s.spanId().equals(spanId)).findFirst().orElseThrow();
      SpanAssert.assertThat(span, agent.spans()).hasKind(CLIENT).hasScopeName(scope);
      assertTraceparentNames(request, span);
    }
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

  /** A redirect the client follows is two spans, the second numbered by {@code http.request.resend_count}. */
  @Test
  void aRedirectIsTwoAttemptsNumberedByResendCount() {
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
