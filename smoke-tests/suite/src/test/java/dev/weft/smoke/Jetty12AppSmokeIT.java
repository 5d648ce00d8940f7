package dev.weft.smoke;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.SERVER;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.TraceAssert;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inventory app ({@code smoke-tests/jetty12-app}): plain embedded Jetty 12 (ee10), MariaDB through
 * its own driver, and the JDK's HttpClient calling a second servlet of the same server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jetty12AppSmokeIT {
  private static final Pattern LISTENING = Pattern.compile("\\[jetty12-app\\] listening on port (\\d+)");
  private static final List<String> PATHS =
      List.of("/inventory/stock/A-100", "/inventory/stock/Z-999", "/inventory/nothing-here");

  private final String table = "weft_inv_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
  private FakeCollector collector;
  private final Map<String, String> withAgent = new LinkedHashMap<>();
  private final Map<String, String> withoutAgent = new LinkedHashMap<>();

  @BeforeAll
  void runWithAndWithoutTheAgent() {
    collector = FakeCollector.start();
    Path jar = SmokeRun.appJar("smoke.jetty12.app.jar");
    try (ServiceApp agent = ServiceApp.start(launcher(jar, true), LISTENING);
        ServiceApp plain = ServiceApp.start(launcher(jar, false), LISTENING)) {
      for (String path : PATHS) {
        withAgent.put(path, agent.get(path));
        withoutAgent.put(path, plain.get(path));
      }
    }
  }

  private AgentJvm.Builder launcher(Path jar, boolean agent) {
    AgentJvm.Builder b = AgentJvm.builder().jar(jar).withAgent(agent).name("jetty12-app" + (agent ? "" : "-no-agent"))
        .args(table + (agent ? "_a" : "_p"));
    return agent ? b.otlpTo(collector).env("OTEL_SERVICE_NAME", "inventory").env("OTEL_BSP_SCHEDULE_DELAY", "200") : b;
  }

  @AfterAll
  void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void answersAreThoseOfTheAppWithoutTheAgent() {
    assertThat(withoutAgent.get("/inventory/stock/A-100")).isEqualTo("200 A-100 kettle on shelf: 42");
    ServiceApp.assertSameAnswers(withAgent, withoutAgent);
  }

  @Test
  void stockRequestIsOneTrace() {
    String table = this.table + "_a";
    List<ReceivedSpan> trace =
        ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/inventory/stock/A-100"), 4);
    TraceAssert.assertThat(trace)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("GET /inventory/stock/*").hasKind(SERVER).hasNoParent().hasStatus(UNSET)
                .hasAttribute("http.route", "/inventory/stock/*")
                .hasAttribute("http.response.status_code", 200),
            span -> span.hasName("SELECT " + table).hasKind(CLIENT)
                .hasParentNamed("GET /inventory/stock/*")
                .hasAttribute("db.system.name", "mariadb")
                .hasAttribute("db.query.text", "SELECT name FROM " + table + " WHERE sku = ?"),
            span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("GET /inventory/stock/*")
                .hasAttribute("http.response.status_code", 200),
            span -> span.hasName("GET /inventory/warehouse/*").hasKind(SERVER).hasParentNamed("GET"));
  }

  @Test
  void notFoundAnswersAreServerSpansWithoutError() {
    List<ReceivedSpan> unknownSku =
        ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/inventory/stock/Z-999"), 2);
    TraceAssert.assertThat(unknownSku).spanNamed("GET /inventory/stock/*")
        .hasStatus(UNSET).hasAttribute("http.response.status_code", 404);
    List<ReceivedSpan> unmapped =
        ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/inventory/nothing-here"), 1);
    TraceAssert.assertThat(unmapped).hasSpanCount(1).allSpansSatisfy(
        span -> span.hasKind(SERVER).hasStatus(UNSET).hasAttribute("http.response.status_code", 404));
  }
}
