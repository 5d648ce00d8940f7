package dev.weft.smoke;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.SERVER;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.TraceAssert;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The orders app ({@code smoke-tests/tomcat9-app}): embedded Tomcat 9 with javax.servlet, a filter in
 * front of everything, a forward, an async servlet, H2 and HttpURLConnection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tomcat9AppSmokeIT {
  private static final Pattern LISTENING = Pattern.compile("\\[tomcat9-app\\] listening on port (\\d+)");
  private static final List<String> PATHS =
      List.of("/shop/orders/2", "/shop/legacy/1", "/shop/orders/9", "/shop/report", "/shop/no-such-page");

  private FakeCollector collector;
  private final Map<String, String> withAgent = new LinkedHashMap<>();
  private final Map<String, String> withoutAgent = new LinkedHashMap<>();
  private final Map<String, String> agentDisabled = new LinkedHashMap<>();
  private final Map<String, String> collectorDown = new LinkedHashMap<>();
  private final Map<String, Integer> exitCodes = new LinkedHashMap<>();

  /**
   * Four runs side by side: with the agent, without it, with the agent switched off by
   * OTEL_JAVAAGENT_ENABLED=false, and with the agent exporting to a port where nothing listens.
   */
  @BeforeAll
  void runWithAndWithoutTheAgent() throws IOException {
    collector = FakeCollector.start();
    Path jar = SmokeRun.appJar("smoke.tomcat9.app.jar");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (ServiceApp agent = ServiceApp.start(launcher(jar, true), LISTENING);
        ServiceApp plain = ServiceApp.start(launcher(jar, false), LISTENING);
        ServiceApp disabled = ServiceApp.start(
            launcher(jar, true).name("tomcat9-app-disabled").env("OTEL_SERVICE_NAME", "orders-disabled")
                .env("OTEL_JAVAAGENT_ENABLED", "false"),
            LISTENING);
        ServiceApp down = ServiceApp.start(
            launcher(jar, true).name("tomcat9-app-collector-down")
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort),
            LISTENING)) {
      for (String path : PATHS) {
        withAgent.put(path, agent.get(path));
        withoutAgent.put(path, plain.get(path));
        agentDisabled.put(path, disabled.get(path));
        collectorDown.put(path, down.get(path));
      }
      exitCodes.put("with agent", agent.stop());
      exitCodes.put("without agent", plain.stop());
      exitCodes.put("agent disabled", disabled.stop());
      exitCodes.put("collector down", down.stop());
    }
  }

  private AgentJvm.Builder launcher(Path jar, boolean agent) {
    AgentJvm.Builder b = AgentJvm.builder().jar(jar).withAgent(agent).name("tomcat9-app" + (agent ? "" : "-no-agent"));
    return agent ? b.otlpTo(collector).env("OTEL_SERVICE_NAME", "orders").env("OTEL_BSP_SCHEDULE_DELAY", "200") : b;
  }

  @AfterAll
  void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void answersAreThoseOfTheAppWithoutTheAgent() {
    assertThat(withoutAgent.get("/shop/orders/2")).isEqualTo("200 order 2: 1 x teapot, shipped");
    ServiceApp.assertSameAnswers(withAgent, withoutAgent);
  }

  @Test
  void switchedOffOrWithoutACollectorTheAppBehavesAsWithoutTheAgent() {
    ServiceApp.assertSameAnswers(agentDisabled, withoutAgent);
    ServiceApp.assertSameAnswers(collectorDown, withoutAgent);
    assertThat(exitCodes).as("exit codes after SIGTERM").hasSize(4);
    assertThat(exitCodes.values()).as("exit codes after SIGTERM: %s", exitCodes).containsOnly(exitCodes.get("without agent"));
    assertThat(collector.spans())
        .as("the switched-off agent exports nothing")
        .noneMatch(s -> "orders-disabled".equals(s.resourceAttribute("service.name")));
  }

  @Test
  void orderRequestThroughTheFilterIsOneServerSpan() {
    List<ReceivedSpan> trace = ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/shop/orders/2"), 4);
    TraceAssert.assertThat(trace)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("GET /shop/orders/*").hasKind(SERVER).hasNoParent().hasStatus(UNSET)
                .hasAttribute("http.response.status_code", 200),
            span -> span.hasName("SELECT orders").hasKind(CLIENT).hasParentNamed("GET /shop/orders/*")
                .hasAttribute("db.system.name", "h2database")
                .hasAttribute("db.query.text", "SELECT item, qty FROM orders WHERE id = ?"),
            span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("GET /shop/orders/*"),
            span -> span.hasName("GET /shop/shipping/*").hasKind(SERVER).hasParentNamed("GET"));
  }

  /** A forward adds no span: the request keeps the route it arrived on. */
  @Test
  void forwardedRequestIsOneServerSpan() {
    List<ReceivedSpan> trace = ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/shop/legacy/1"), 4);
    TraceAssert.assertThat(trace)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("GET /shop/legacy/*").hasKind(SERVER).hasNoParent(),
            span -> span.hasName("SELECT orders").hasParentNamed("GET /shop/legacy/*"),
            span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("GET /shop/legacy/*"),
            span -> span.hasName("GET /shop/shipping/*").hasKind(SERVER).hasParentNamed("GET"));
  }

  /** The async servlet's query runs on another thread, inside the request's span. */
  @Test
  void asyncWorkIsAChildOfTheRequest() {
    List<ReceivedSpan> trace = ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/shop/report"), 2);
    TraceAssert.assertThat(trace)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("GET /shop/report").hasKind(SERVER)
                .hasAttribute("http.response.status_code", 200),
            span -> span.hasName("SELECT orders").hasKind(CLIENT).hasParentNamed("GET /shop/report")
                .hasAttribute("db.query.text", "SELECT COUNT(*) FROM orders"));
  }

  /**
   * The application's own 404 is a server span without error. (A path no servlet maps, in a context
   * without a default servlet, is answered by Tomcat before any servlet or filter runs: its span, named
   * {@code GET}, comes from Tomcat's engine valve; see the servlet module's README.)
   */
  @Test
  void notFoundIsAServerSpanWithoutError() {
    TraceAssert.assertThat(ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/shop/orders/9"), 2))
        .spanNamed("GET /shop/orders/*").hasStatus(UNSET).hasAttribute("http.response.status_code", 404);
  }
}
