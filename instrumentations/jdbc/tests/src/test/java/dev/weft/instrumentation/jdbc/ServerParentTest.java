package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.jdbc.app.ServerRequestApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.servlet.EmbeddedTomcat;
import dev.weft.testing.servlet.OrdersTable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query made while a servlet handles a request is a child of the request's SERVER span; one made
 * outside any request (a background job's) is a root.
 */
class ServerParentTest {
  static final String QUERY = OrdersTable.COUNT_BY_CUSTOMER;

  static FakeCollector collector;
  static JvmResult result;
  static List<ReceivedSpan> spans;

  @BeforeAll
  static void runApp() {
    collector = FakeCollector.start();
    result = AgentJvm.builder()
        .mainClass(ServerRequestApp.class.getName())
        .classpathOf(ServerRequestApp.class, EmbeddedTomcat.class, org.h2.Driver.class, org.apache.catalina.startup.Tomcat.class,
            jakarta.servlet.http.HttpServlet.class, jakarta.annotation.Resource.class)
        .otlpTo(collector)
        .name("jdbc-server-parent")
        .run(JdbcRun.JVM_TIMEOUT);
    result.assertExitCode(0);
    assertThat(result.stdout()).contains("RESULT request: 200 orders=0", "RESULT background: orders=0", "DONE");
    spans = collector.awaitSpans(s -> s.stream().filter(x -> QUERY.equals(x.stringAttribute("db.query.text"))).count() == 2,
        Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  private static List<ReceivedSpan> querySpans() {
    return spans.stream().filter(s -> QUERY.equals(s.stringAttribute("db.query.text"))).toList();
  }

  @Test
  void bothQueriesHaveOneSpanEach() {
    assertThat(querySpans()).hasSize(2).allSatisfy(s ->
        SpanAssert.assertThat(s).hasName("SELECT orders").hasKind(Kind.CLIENT)
            .hasAttribute("db.system.name", "h2database").hasAttribute("db.namespace", "server"));
  }

  @Test
  void theBackgroundQueryIsARootSpan() {
    ReceivedSpan background = querySpans().get(1);
    SpanAssert.assertThat(background).hasNoParent();
    assertThat(spans.stream().filter(s -> s.traceId().equals(background.traceId()))).hasSize(1);
  }

  @Test
  void queryInsideARequestIsAChildOfTheServerSpan() {
    ReceivedSpan client = spans.stream().filter(s -> s.kind() == Kind.CLIENT && "GET".equals(s.name())).findFirst().orElseThrow();
    ReceivedSpan server = spans.stream().filter(s -> s.kind() == Kind.SERVER).findFirst().orElseThrow();
    ReceivedSpan query = querySpans().get(0);
    SpanAssert.assertThat(server).hasParent(client);
    SpanAssert.assertThat(query).hasParent(server).hasTraceId(client.traceId());
  }
}
