package dev.weft.instrumentation.executors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.executors.app.AsyncServletApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.TraceAssert;
import dev.weft.testing.http.ScenarioRun;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TestServers.RecordedRequest;
import dev.weft.testing.servlet.EmbeddedTomcat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end case: {@link AsyncServletApp} (embedded Tomcat, H2, HttpURLConnection to the
 * test's HTTP server) with the agent jar in a forked JVM. Every request is one trace at the collector:
 * its SERVER span the root, and the query and the HTTP call made on other threads (an {@code
 * ExecutorService}, {@code supplyAsync}, a parallel stream, the common pool) its direct children; the
 * traceparent the HTTP server got names that CLIENT span. Nothing else arrives. Each scenario is
 * requested twice at once, so the two traces must not mix. {@link AsyncServletJdk25Test} adds virtual
 * threads on JDK 25.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncServletTest {
  /** The run id of the agent's run at the HTTP server (the plain run's is "plain"). */
  static final String RUN = "agent";
  static final String QUERY = "SELECT count(*) FROM orders WHERE customer = ?";
  static final int REQUESTS_PER_SCENARIO = 2;
  /** The queries in the parallel stream of the {@code parallel} scenario. */
  static final int PARALLEL_QUERIES = 4;

  @AutoClose private TestServers servers;
  @AutoClose private FakeCollector collector;
  private JvmResult agent;
  private JvmResult plain;
  private List<ReceivedSpan> spans;

  protected Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  protected List<String> scenarios() {
    return List.of("pool", "parallel");
  }

  private int queriesPerRequest(String scenario) {
    return scenario.equals("parallel") ? PARALLEL_QUERIES : 1;
  }

  /** The start-up's CREATE TABLE, then per request its SERVER span, its queries and its HTTP call. */
  private int expectedSpans() {
    return 1 + scenarios().stream().mapToInt(s -> REQUESTS_PER_SCENARIO * (2 + queriesPerRequest(s))).sum();
  }

  @BeforeAll
  void run(@TempDir Path work) throws Exception {
    servers = new TestServers(work);
    collector = FakeCollector.start();
    plain = launcher("plain").withAgent(false).run(ScenarioJvm.TIMEOUT);
    agent = launcher(RUN).otlpTo(collector).run(ScenarioJvm.TIMEOUT);
    agent.assertExitCode(0);
    spans = collector.awaitSpans(expectedSpans(), Duration.ofSeconds(30));
  }

  private AgentJvm.Builder launcher(String name) {
    return AgentJvm.builder()
        .mainClass(AsyncServletApp.class.getName())
        .classpathOf(AsyncServletApp.class, EmbeddedTomcat.class, org.h2.Driver.class,
            org.apache.catalina.startup.Tomcat.class, jakarta.annotation.Resource.class)
        .sysProp(TestServers.HTTP_PROPERTY, servers.httpBase(name))
        .javaHome(javaHome())
        .name("async-servlet-" + javaHome().getFileName() + "-" + name)
        .args(scenarios().toArray(new String[0]));
  }

  private List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (String scenario : scenarios()) {
      for (int n = 1; n <= REQUESTS_PER_SCENARIO; n++) {
        ids.add(scenario + "-" + n);
      }
    }
    return ids;
  }

  private static List<String> resultLines(JvmResult result) {
    return Arrays.stream(result.stdout().split("\n")).filter(l -> l.startsWith("RESULT ")).collect(Collectors.toList());
  }

  @Test
  void everyRequestSucceedsAsWithoutTheAgent() {
    plain.assertExitCode(0);
    List<String> expected = ids().stream()
        .map(id -> "RESULT " + id + ": 200 orders=0 http=200 hello " + id)
        .collect(Collectors.toList());
    assertThat(resultLines(plain)).as(plain.toString()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(resultLines(agent)).as(agent.toString()).containsExactlyElementsOf(resultLines(plain));
  }

  @Test
  void eachRequestIsOneTraceWithTheQueriesAndTheCallAsChildrenOfTheServerSpan() {
    List<Consumer<TraceAssert>> traces = new ArrayList<>();
    traces.add(trace -> trace.hasSpansSatisfyingExactly(span -> span.hasKind(Kind.CLIENT).hasNoParent()
        .hasAttributeSatisfying("db.query.text", q -> assertThat((String) q).startsWith("CREATE TABLE orders"))));
    for (String scenario : scenarios()) {
      for (int n = 1; n <= REQUESTS_PER_SCENARIO; n++) {
        traces.add(request(scenario, n));
      }
    }
    @SuppressWarnings("unchecked")
    Consumer<TraceAssert>[] requirements = traces.toArray(new Consumer[0]);
    TraceAssert.assertThat(spans).hasSpanCount(expectedSpans()).hasTracesSatisfyingExactly(requirements);
  }

  /** One request's trace: exactly its SERVER root, its queries and its call, both kinds its direct children. */
  private Consumer<TraceAssert> request(String scenario, int n) {
    String server = "GET /" + scenario;
    String url = servers.httpBase(RUN) + "/ok/" + scenario + "-" + n;
    List<Consumer<SpanAssert>> spans = new ArrayList<>();
    spans.add(span -> span.hasName(server).hasKind(Kind.SERVER).hasNoParent()
        .hasAttribute("url.query", "n=" + n).hasAttribute("http.response.status_code", 200));
    for (int i = 0; i < queriesPerRequest(scenario); i++) {
      spans.add(span -> span.hasName("SELECT orders").hasKind(Kind.CLIENT).hasParentNamed(server)
          .hasAttribute("db.system.name", "h2database").hasAttribute("db.query.text", QUERY));
    }
    spans.add(span -> span.hasName("GET").hasKind(Kind.CLIENT).hasParentNamed(server)
        .hasAttribute("url.full", url).hasAttribute("http.response.status_code", 200));
    @SuppressWarnings("unchecked")
    Consumer<SpanAssert>[] requirements = spans.toArray(new Consumer[0]);
    return trace -> trace.hasSpansSatisfyingExactly(requirements);
  }

  @Test
  void theTraceparentEachCallSentNamesItsClientSpan() {
    for (String id : ids()) {
      List<RecordedRequest> requests = servers.requests(RUN, id);
      assertThat(requests).as("requests for %s", id).hasSize(1);
      ReceivedSpan call = spans.stream()
          .filter(s -> s.kind() == Kind.CLIENT && (servers.httpBase(RUN) + "/ok/" + id).equals(s.stringAttribute("url.full")))
          .findFirst().orElseThrow();
      ScenarioRun.assertTraceparentNames(requests.get(0), call);
    }
  }

  @Test
  void nothingElseArrived() {
    assertThat(spans).as(ScenarioRun.describe(spans)).hasSize(expectedSpans());
    collector.assertNoMoreSpans(Duration.ofMillis(500));
  }
}
