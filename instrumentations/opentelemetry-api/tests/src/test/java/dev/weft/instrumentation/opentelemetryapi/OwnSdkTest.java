package dev.weft.instrumentation.opentelemetryapi;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.api.OwnSdkApp;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.TraceAssert;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application with its own SDK (SDK 1.68.0, {@code buildAndRegisterGlobal}) keeps it: its spans go
 * to its own exporter only, {@code Span.current()} is its own span object, attributes set through it
 * land on its span. Weft only shares the context: its HTTP client span made inside the application's
 * span is that span's child, and the application's span made inside Weft's span is Weft's child, so
 * both halves form one trace in their two backends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnSdkTest {
  static final String INCLUDE = "com.shop.api.OwnSdkApp[handle]";

  private FakeCollector collector;
  private AppRun agent;
  private AppRun plain;

  @BeforeAll
  void run() {
    collector = FakeCollector.start();
    agent = AppRun.run(OwnSdkApp.class, "sdk-1.68.0", collector, 2, INCLUDE);
    plain = AppRun.run(OwnSdkApp.class, "sdk-1.68.0", null, 0, INCLUDE);
  }

  @AfterAll
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  /** name -> {trace, span, parent, attribute count} from the app's own exporter. */
  static Map<String, String[]> own(AppRun run) {
    Map<String, String[]> spans = new LinkedHashMap<>();
    for (String line : run.result().stdout().split("\n")) {
      if (line.startsWith("OWN ")) {
        String[] f = line.split(" ");
        spans.put(f[1], new String[] {f[2], f[3], f[4], f[5]});
      }
    }
    return spans;
  }

  @Test
  void theApplicationsSpansStayWithItsOwnSdk() {
    assertThat(agent.results())
        .containsEntry("current-is-own", "true")
        .containsEntry("downstream-trace", "true")
        .containsEntry("inside-weft-span-valid", "true");
    Map<String, String[]> own = own(agent);
    assertThat(own.keySet()).containsExactlyInAnyOrder("own-order", "own-inner", "own-in-weft");
    assertThat(own.get("own-order")[2]).isEqualTo("0000000000000000");
    assertThat(own.get("own-order")[3]).as("order.id set through Span.current()").isEqualTo("1");
    assertThat(own.get("own-inner")[2]).isEqualTo(own.get("own-order")[1]);
    // same exports without the agent: names, nesting, attributes
    Map<String, String[]> alone = own(plain);
    assertThat(alone.keySet()).containsExactlyInAnyOrderElementsOf(own.keySet());
    assertThat(alone.get("own-order")[3]).isEqualTo("1");
    assertThat(plain.results()).containsEntry("current-is-own", "true");
  }

  @Test
  void weftExportsOnlyItsOwnSpansLinkedIntoTheApplicationsTrace() {
    Map<String, String[]> own = own(agent);
    String[] order = own.get("own-order");
    TraceAssert.assertThat(agent.spans())
        .hasSpansSatisfyingExactly(
            s -> s.hasName("GET").hasKind(CLIENT).hasTraceId(order[0]).hasParentSpanId(order[1]),
            s -> s.hasName("OwnSdkApp.handle").hasNoParent());
    String handleSpan = agent.spans().stream().filter(s -> s.name().equals("OwnSdkApp.handle")).findFirst()
        .orElseThrow().spanId();
    assertThat(own.get("own-in-weft")[2]).as("the application's span inside Weft's").isEqualTo(handleSpan);
  }
}
