package dev.weft.smoke;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.TraceAssert;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The isolation proof: an app ({@code smoke-tests/isolation-app}) that carries its own OpenTelemetry
 * API + SDK + OTLP exporter 1.40.0, ByteBuddy 1.14.18, OkHttp 4.12.0, Kotlin stdlib 1.9.10 and
 * protobuf-java 3.25.5, and uses each, runs with Weft exactly as without it, while Weft still traces
 * the app's HttpURLConnection call.
 *
 * <p>With the agent, the app's own exporter and Weft's export to one collector; the app configures
 * its SDK in code under service {@value #APP_SERVICE} while Weft gets {@value #WEFT_SERVICE} from
 * OTEL_SERVICE_NAME. Both runs get the same OTEL_* variables: the app's SDK has no autoconfigure
 * module and reads none of them, which the service names show. Without the agent the app exports to
 * a second collector, the reference its spans with the agent are compared to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationAppSmokeIT {
  private static final String APP = "isolation-app";
  private static final String APP_SERVICE = "isolation-app";
  private static final String APP_SCOPE = "isolation-app-tracer";
  private static final String APP_SDK_VERSION = "1.40.0";
  private static final String WEFT_SERVICE = "weft-side";
  private static final String WEFT_SCOPE = "dev.weft.http-url-connection";
  private static final int APP_SPANS = 6;

  private static final String EXPECTED_STDOUT =
      "check: Span.current() is the span the app made current: true\n"
          + "okhttp 4.12.0 from okhttp-4.12.0.jar: GET /okhttp -> 200 hello from /okhttp\n"
          + "check: the server saw the app's own traceparent on the OkHttp call: true\n"
          + "HttpURLConnection: GET /plain -> 200 hello from /plain\n"
          + "check: Span.current() is the app's span after the HttpURLConnection call: true\n"
          + "check: Span.current() is still the app's span after both calls: true\n"
          + "bytebuddy from byte-buddy-1.14.18.jar: dev.weft.smoke.isolation.Generated says"
          + " \"made by the app's own ByteBuddy\"\n"
          + "protobuf from protobuf-java-3.25.5.jar: parsed 8 bytes to seconds=1700000000 nanos=42 equal=true\n"
          + "kotlin 1.9.10 from kotlin-stdlib-1.9.10.jar: reversed(\"weft\") = tfew\n"
          + "check: Span.current() is invalid again after the scope closed: true\n"
          + "all checks held\n";

  /** With the agent: the app's own exporter and Weft's. */
  private FakeCollector shared;
  /** Without the agent: the app's own exporter alone. */
  private FakeCollector reference;
  private SmokeRun run;

  @BeforeAll
  void runTheAppWithAndWithoutTheAgent() {
    shared = FakeCollector.start();
    reference = FakeCollector.start();
    Path jar = SmokeRun.appJar("smoke.isolation.app.jar");
    run = SmokeRun.run(
        APP,
        withAgent -> AgentJvm.builder()
            .jar(jar)
            .otlpTo(shared)
            .env("OTEL_SERVICE_NAME", WEFT_SERVICE)
            .args((withAgent ? shared : reference).httpEndpoint()));
    System.out.printf(
        "[smoke] %s on Java %s (%s): HotSpot CDS warning with the agent: %s%n",
        APP, run.javaVersion(run.withAgent()), SmokeRun.javaHome(),
        run.printedCdsWarning() ? "yes" : "no");
  }

  @AfterAll
  void stopCollectors() {
    if (shared != null) {
      shared.close();
    }
    if (reference != null) {
      reference.close();
    }
  }

  @Test
  void runsOnTheRequestedJdk() {
    assertThat(run.javaVersion(run.withAgent())).startsWith(SmokeRun.javaFeatureVersion());
  }

  /** Includes the app's own checks: Span.current() is its span, its traceparent reached its server. */
  @Test
  void stdoutAndExitCodeAreThoseOfARunWithoutTheAgent() {
    run.withoutAgent().assertExitCode(0);
    assertThat(run.withoutAgent().stdout()).as("the app itself works").isEqualTo(EXPECTED_STDOUT);
    run.assertSameStdoutAndExitCode();
  }

  @Test
  void weftAddsOnlyItsStartLineToStderr() {
    assertThat(run.assertWeftAddsOnlyItsStartLine()).contains("| service " + WEFT_SERVICE + " |");
  }

  @Test
  void theAppsOwnSpansAndWeftsSpanArriveSideBySide() {
    String plainUrl = "http://127.0.0.1:" + run.port() + "/plain";
    List<ReceivedSpan> spans =
        shared.awaitSpansSatisfying(
            received ->
                TraceAssert.assertThat(received)
                    .hasSpansSatisfyingExactly(
                        span -> appSpan(span, "app work", INTERNAL).hasNoParent()
                            .hasAttribute("app.step", "all")
                            .satisfies(PlainAppSmokeIT.onlyAttributes("app.step")),
                        span -> appSpan(span, "okhttp GET /okhttp", CLIENT).hasParentNamed("app work")
                            .hasAttribute("http.response.status_code", 200)
                            .satisfies(PlainAppSmokeIT.onlyAttributes("http.response.status_code")),
                        span -> appSpan(span, "urlconnection GET /plain", CLIENT).hasParentNamed("app work")
                            .satisfies(PlainAppSmokeIT.onlyAttributes()),
                        span -> appSpan(span, "bytebuddy subclass", INTERNAL).hasParentNamed("app work")
                            .hasAttribute("app.generated.class", "dev.weft.smoke.isolation.Generated"),
                        span -> appSpan(span, "protobuf round trip", INTERNAL).hasParentNamed("app work")
                            .hasAttribute("app.protobuf.bytes", 8),
                        span -> appSpan(span, "kotlin stdlib", INTERNAL).hasParentNamed("app work")
                            .hasAttribute("app.kotlin.version", "1.9.10"),
                        // The app keeps its own SDK (its spans go to its own exporter, unchanged),
                        // but the context is one (the opentelemetry-api bridge): Weft's span made
                        // inside the app's span is its child, in the app's trace.
                        span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("urlconnection GET /plain")
                            .hasStatus(UNSET)
                            .hasScopeName(WEFT_SCOPE)
                            .hasResourceAttribute("service.name", WEFT_SERVICE)
                            .hasAttribute("url.full", plainUrl)
                            .hasAttribute("http.response.status_code", 200)
                            .satisfies(s -> assertThat(s.resourceAttribute("telemetry.sdk.version"))
                                .as("Weft's SDK version").isNotNull().isNotEqualTo(APP_SDK_VERSION)),
                        // The app's own OkHttp is traced too (Weft's okhttp module), inside its span.
                        span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("okhttp GET /okhttp")
                            .hasScopeName("dev.weft.okhttp")
                            .hasResourceAttribute("service.name", WEFT_SERVICE)
                            .hasAttribute("http.response.status_code", 200)),
            SmokeRun.SPAN_TIMEOUT);

    ReceivedSpan weftSpan = only(spans, s -> WEFT_SCOPE.equals(s.scopeName()));
    ReceivedSpan okHttpSpan = only(spans, s -> s.name().equals("okhttp GET /okhttp"));
    assertThat(weftSpan.traceId()).as("Weft's span joins the app's trace").isEqualTo(okHttpSpan.traceId());

    // Each request carries the traceparent of the span that made it: OkHttp's the app's (Weft never
    // overwrites a traceparent the application set), HttpURLConnection's Weft's (the app injected none).
    Map<String, String> traceparents = run.traceparentsByPath(run.withAgent());
    assertThat(traceparents.get("/okhttp"))
        .matches("00-" + okHttpSpan.traceId() + "-" + okHttpSpan.spanId() + "-01");
    assertThat(traceparents.get("/plain"))
        .matches("00-" + weftSpan.traceId() + "-" + weftSpan.spanId() + "-0[13]");
  }

  @Test
  void theAppsOwnSpansAreTheSameAsWithoutTheAgent() {
    List<ReceivedSpan> withAgent =
        shared.awaitSpans(APP_SPANS + 1, SmokeRun.SPAN_TIMEOUT).stream()
            .filter(s -> APP_SERVICE.equals(s.resourceAttribute("service.name")))
            .collect(Collectors.toList());
    List<ReceivedSpan> withoutAgent = reference.awaitSpans(APP_SPANS, SmokeRun.SPAN_TIMEOUT);
    assertThat(shape(withAgent))
        .as("the app's spans with the agent, against those without (ids and times left out)")
        .containsExactlyInAnyOrderElementsOf(shape(withoutAgent));
    assertThat(withAgent).hasSize(APP_SPANS);
  }

  /**
   * The app SDK's own exporter marks its export calls (OkHttp POSTs to /v1/traces) with its "suppress
   * instrumentation" context key; Weft makes no span for them. The window is longer than Weft's batch
   * delay (5 s), so a span of the app's last export would have arrived.
   */
  @Test
  void theAppsOwnExportCallsAreNotTraced() {
    shared.awaitSpans(APP_SPANS + 1, SmokeRun.SPAN_TIMEOUT);
    shared.assertNoMoreSpans(java.time.Duration.ofSeconds(6));
    assertThat(shared.spans())
        .noneMatch(s -> String.valueOf(s.attribute("url.full")).endsWith(FakeCollector.TRACES_PATH));
  }

  private static SpanAssert appSpan(SpanAssert span, String name, ReceivedSpan.Kind kind) {
    return span.hasName(name)
        .hasKind(kind)
        .hasStatus(UNSET)
        .hasScopeName(APP_SCOPE)
        .hasResourceAttribute("service.name", APP_SERVICE)
        .hasResourceAttribute("telemetry.sdk.version", APP_SDK_VERSION)
        .satisfies(s -> assertThat(s.scopeVersion()).as("scope version").isEqualTo("7.7.7"));
  }

  /** Everything about each span but its ids and times, with its parent by name. */
  private static List<String> shape(List<ReceivedSpan> spans) {
    Map<String, String> nameById =
        spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, ReceivedSpan::name, (a, b) -> a));
    return spans.stream()
        .map(s -> String.join(" | ",
            s.name(), s.kind().toString(), s.statusCode() + ":" + s.statusMessage(),
            "parent=" + (s.isRoot() ? "none" : nameById.getOrDefault(s.parentSpanId(), "?" + s.parentSpanId())),
            "attributes=" + new TreeMap<>(s.attributes()),
            "events=" + s.events().size() + " links=" + s.links().size(),
            "scope=" + s.scopeName() + "@" + s.scopeVersion(),
            "resource=" + new TreeMap<>(s.resourceAttributes())))
        .collect(Collectors.toList());
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, Predicate<ReceivedSpan> which) {
    List<ReceivedSpan> found = spans.stream().filter(which).collect(Collectors.toList());
    assertThat(found).hasSize(1);
    return Objects.requireNonNull(found.get(0));
  }
}
