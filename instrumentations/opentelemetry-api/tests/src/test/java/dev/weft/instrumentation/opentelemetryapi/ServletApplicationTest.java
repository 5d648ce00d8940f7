package dev.weft.instrumentation.opentelemetryapi;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static dev.weft.testing.ReceivedSpan.Kind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.api.ServletApiApp;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.TraceAssert;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TestServers.RecordedRequest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The servlet application ({@link ServletApiApp}: embedded Tomcat, H2, API without SDK) with
 * API 1.0.0, 1.32.0 and 1.68.0: the application's spans sit between the SERVER span and the JDBC span,
 * cross an executor hand-off, and the baggage it sets is read back in the task and sent downstream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServletApplicationTest {
  static final int EXPECTED_SPANS = 7;

  private FakeCollector collector;
  private TestServers downstream;

  @BeforeAll
  void start() throws Exception {
    collector = FakeCollector.start();
    downstream = new TestServers(Files.createTempDirectory("servlet-api"));
  }

  @AfterAll
  void stop() throws Exception {
    if (collector != null) {
      collector.close();
    }
    if (downstream != null) {
      downstream.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "1.32.0", "1.68.0"})
  void manualSpansNestBetweenServerAndJdbcAcrossAnExecutorWithBaggageDownstream(String version) {
    String run = "api-" + version.replace('.', '-');
    AppRun app = AppRun.run(ServletApiApp.class, "api-" + version, collector, EXPECTED_SPANS, null, null,
        launcher -> launcher
            .classpathOf(dev.weft.testing.servlet.EmbeddedTomcat.class, org.h2.Driver.class, org.apache.catalina.startup.Tomcat.class,
                jakarta.servlet.http.HttpServlet.class, jakarta.annotation.Resource.class)
            .sysProp("downstream", downstream.httpBase(run)));
    assertThat(app.results()).containsEntry("response", "200 orders=0 tier=gold stock=200");
    // Tomcat's own warnings (a thread the web application started) are not Weft's business.
    assertThat(app.result().stderr().lines().filter(l -> l.startsWith("[weft]")))
        .noneMatch(l -> l.contains("WARN"));
    assertThat(app.result().stderr()).doesNotContain("Exception", "Error");

    TraceAssert.assertThat(app.spans())
        .hasTracesSatisfyingExactly(
            trace -> trace.hasSpansSatisfyingExactly(s -> s.hasName("CREATE orders").hasNoParent()),
            trace -> trace.hasSpansSatisfyingExactly(
            s -> s.hasName("GET").hasKind(CLIENT).hasNoParent()
                .hasAttributeSatisfying("url.full", v -> assertThat((String) v).endsWith("/checkout")),
            s -> s.hasName("GET /checkout").hasKind(SERVER).hasParentNamed("GET"),
            s -> s.hasName("checkout").hasKind(INTERNAL).hasParentNamed("GET /checkout")
                .hasScopeName("com.shop.checkout"),
            s -> s.hasName("SELECT orders").hasKind(CLIENT).hasParentNamed("checkout")
                .hasAttribute("db.system.name", "h2database"),
            s -> s.hasName("reserve-stock").hasKind(INTERNAL).hasParentNamed("checkout")
                .hasScopeName("com.shop.checkout"),
            s -> s.hasName("GET").hasKind(CLIENT).hasParentNamed("reserve-stock")
                .hasAttributeSatisfying("url.full", v -> assertThat((String) v).endsWith("/ok/stock"))));
    for (ReceivedSpan manual : app.spans().stream().filter(s -> s.kind() == INTERNAL).toList()) {
      assertThat(manual.scopeVersion()).as(manual.name()).isEqualTo("2.1.0");
    }

    List<RecordedRequest> stock = downstream.requests(run, "stock");
    assertThat(stock).hasSize(1);
    assertThat(stock.get(0).header("baggage")).containsExactly("tier=gold");
    ReceivedSpan client = app.spans().stream()
        .filter(s -> s.kind() == CLIENT && "reserve-stock".equals(nameOf(app.spans(), s.parentSpanId())))
        .findFirst().orElseThrow();
    assertThat(stock.get(0).header("traceparent"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("00-" + client.traceId() + "-" + client.spanId() + "-");
  }

  private static String nameOf(List<ReceivedSpan> spans, String spanId) {
    return spans.stream().filter(s -> s.spanId().equals(spanId)).map(ReceivedSpan::name).findFirst().orElse(null);
  }
}
