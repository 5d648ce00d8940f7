package dev.weft.instrumentation.opentelemetryapi;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.api.ApiApp;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.TraceAssert;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application's own OpenTelemetry API (no SDK) bridged to Weft, with API 1.0.0, 1.32.0 and 1.68.0
 * (the newest served): {@link ApiApp} in a forked JVM with the agent jar; Weft's methods
 * instrumentation makes the "Weft span" around its scenarios and HttpURLConnection the Weft spans made
 * inside its spans.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenTelemetryApiBridgeTest {
  static final String INCLUDE = "com.shop.api.ApiApp[handle]";
  static final int EXPECTED_SPANS = 8;

  private FakeCollector collector;
  private final Map<String, AppRun> runs = new HashMap<>();
  private AppRun plain;
  private AppRun disabled;
  private AppRun moduleOff;

  @BeforeAll
  void run() {
    collector = FakeCollector.start();
    for (String version : List.of("1.0.0", "1.32.0", "1.68.0")) {
      runs.put(version, AppRun.run(ApiApp.class, "api-" + version, collector, EXPECTED_SPANS, INCLUDE));
    }
    plain = AppRun.run(ApiApp.class, "api-1.68.0", null, 0, INCLUDE);
    disabled = AppRun.run(ApiApp.class, "api-1.0.0", null, 0, INCLUDE, "OTEL_JAVAAGENT_ENABLED");
    moduleOff = AppRun.run(ApiApp.class, "api-1.68.0", null, 0, INCLUDE, "OTEL_INSTRUMENTATION_OPENTELEMETRY_API_ENABLED");
  }

  @AfterAll
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "1.32.0", "1.68.0"})
  void applicationSeesOneContextWithWeft(String version) {
    assertThat(runs.get(version).results())
        .containsEntry("no-current-span", "false")
        .containsEntry("sees-weft-span", "true")
        .containsEntry("checkout-parent-is-weft", "true")
        .containsEntry("current-is-own", "true")
        .containsEntry("downstream", "true")
        .containsEntry("baggage-read-back", "gold")
        .containsEntry("async-sees-checkout", "true")
        .containsEntry("after-scope-current-is-weft", "true")
        .containsEntry("inject", "true")
        .containsEntry("extract", "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry("background-current-is-own", "true")
        .containsEntry("custom-key", "ada ada")
        .containsEntry("custom-key-after", "null");
    assertThat(runs.get(version).result().stderr()).doesNotContain("WARN", "Exception", "Error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "1.32.0", "1.68.0"})
  void applicationSpansNestBetweenWeftSpansAndAreExportedByWeft(String version) {
    TraceAssert.assertThat(runs.get(version).spans())
        .hasTracesSatisfyingExactly(
            trace -> trace.hasSpansSatisfyingExactly(
                s -> s.hasName("ApiApp.handle").hasKind(INTERNAL).hasNoParent().hasScopeName("dev.weft.methods"),
                s -> s.hasName("checkout").hasKind(INTERNAL).hasParentNamed("ApiApp.handle")
                    .hasScopeName("com.shop.checkout")
                    .hasStatus(ERROR, "card declined")
                    .hasException("java.lang.IllegalStateException", "card declined")
                    .hasEventSatisfying("priced", e -> assertThat(e.attribute("total")).isEqualTo(1200L))
                    .hasAttribute("cart.items", 3L)
                    .hasAttribute("cart.skus", List.of("tea", "cup")),
                s -> s.hasName("GET").hasKind(CLIENT).hasParentNamed("checkout")
                    .hasAttributeSatisfying("url.full", v -> assertThat((String) v).endsWith("/stock")),
                s -> s.hasName("GET").hasKind(CLIENT).hasParentNamed("checkout")
                    .hasAttributeSatisfying("url.full", v -> assertThat((String) v).endsWith("/async"))),
            trace -> trace.hasSpansSatisfyingExactly(s -> s.hasName("ApiApp.handle").hasNoParent()),
            trace -> trace.hasSpansSatisfyingExactly(
                s -> s.hasName("from-remote").hasTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                    .hasParentSpanId("00f067aa0ba902b7")),
            trace -> trace.hasSpansSatisfyingExactly(
                s -> s.hasName("background-job").hasNoParent(),
                s -> s.hasName("GET").hasKind(CLIENT).hasParentNamed("background-job")));
  }

  @Test
  void scopeVersionOfTheApplicationsTracerIsKept() {
    for (AppRun run : runs.values()) {
      ReceivedSpan checkout = run.spans().stream().filter(s -> s.name().equals("checkout")).findFirst().orElseThrow();
      assertThat(checkout.scopeVersion()).isEqualTo("2.1.0");
    }
  }

  @Test
  void agentDisabledOrModuleOffIsTheApisNoOpAsWithoutWeft() {
    assertThat(disabled.results()).isEqualTo(plain.results());
    assertThat(moduleOff.results()).isEqualTo(plain.results());
    assertThat(disabled.result().stderr()).isEmpty();
  }

  @Test
  void withoutTheAgentTheApiIsTheNoOp() {
    assertThat(plain.results())
        .containsEntry("sees-weft-span", "false")
        .containsEntry("downstream", "false")
        .containsEntry("inject", "false")
        .containsEntry("baggage-read-back", "gold")
        .containsEntry("custom-key", "ada ada");
  }
}
