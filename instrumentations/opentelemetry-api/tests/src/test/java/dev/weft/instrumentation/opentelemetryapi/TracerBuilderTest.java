package dev.weft.instrumentation.opentelemetryapi;

import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.api.TracerBuilderApp;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.TraceAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API 1.4's {@code tracerBuilder(name)} (on {@code GlobalOpenTelemetry}, {@code OpenTelemetry} and
 * {@code TracerProvider}) gives working tracers that keep scope name, version and schema URL, with
 * API 1.32.0 and 1.68.0; with API 1.0.0, where it does not exist, the 1.4 part is skipped and the
 * application runs cleanly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracerBuilderTest {
  private FakeCollector collector;

  @BeforeAll
  void start() {
    collector = FakeCollector.start();
  }

  @AfterAll
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.32.0", "1.68.0"})
  void tracersFromTracerBuilderAreWeftsWithScopeNameVersionAndSchemaUrl(String version) {
    AppRun run = AppRun.run(TracerBuilderApp.class, "api-" + version, collector, 3, null);
    assertThat(run.results()).containsEntry("tracer-builder", "bridged");
    assertThat(run.result().stderr()).doesNotContain("WARN", "Exception", "Error");
    TraceAssert.assertThat(run.spans())
        .hasTracesSatisfyingExactly(
            trace -> trace.hasSpansSatisfyingExactly(
                s -> s.hasName("price").hasKind(INTERNAL).hasNoParent().hasScopeName("com.shop.pricing"),
                s -> s.hasName("tax").hasParentNamed("price").hasScopeName("com.shop.tax"),
                s -> s.hasName("ship").hasParentNamed("price").hasScopeName("com.shop.ship")));
    assertThat(span(run, "price").scopeVersion()).isEqualTo("3.2.1");
    assertThat(span(run, "price").scopeSchemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.21.0");
    assertThat(span(run, "tax").scopeVersion()).isEqualTo("1.0");
    assertThat(span(run, "tax").scopeSchemaUrl()).isEmpty();
    assertThat(span(run, "ship").scopeVersion()).isEmpty();
  }

  @Test
  void api10WithoutTracerBuilderRunsCleanly() {
    AppRun run = AppRun.run(TracerBuilderApp.class, "api-1.0.0", collector, 1, null);
    assertThat(run.results()).containsEntry("tracer-builder", "absent");
    assertThat(run.result().stderr()).doesNotContain("LinkageError", "NoClassDefFoundError", "WARN", "Exception");
    ReceivedSpan legacy = span(run, "legacy");
    assertThat(legacy.scopeName()).isEqualTo("com.shop.legacy");
    assertThat(legacy.scopeVersion()).isEqualTo("0.9");
  }

  private static ReceivedSpan span(AppRun run, String name) {
    return run.spans().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
