package dev.weft.smoke;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static dev.weft.testing.ReceivedSpan.Kind.SERVER;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;

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
 * The pet clinic app ({@code smoke-tests/spring-boot-app}) as two services, front and back, each
 * started with {@code java -javaagent:weft-agent.jar -jar spring-boot-N-app.jar}: Spring MVC routes
 * with {@code @PathVariable}, JdbcTemplate over HikariCP on PostgreSQL, RestClient on the JDK's
 * HttpClient from front to back. The same pair runs without the agent; the answers must be the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringBootSmokeTest {
  private static final Pattern READY = Pattern.compile("\\] ready on port (\\d+)");
  private static final List<String> PATHS =
      List.of("/owners/1", "/owners/2", "/owners/9", "/owners/1/fail");

  private final String jarProperty;
  private final String schemaPrefix;
  private FakeCollector collector;
  private Map<String, String> withAgent;
  private Map<String, String> withoutAgent;

  SpringBootSmokeTest(String jarProperty, String schemaPrefix) {
    this.jarProperty = jarProperty;
    this.schemaPrefix = schemaPrefix + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
  }

  private String schema(String role, boolean agent) {
    return schemaPrefix + "_" + role + (agent ? "_agent" : "_plain");
  }

  @BeforeAll
  void runBothServicesWithAndWithoutTheAgent() {
    collector = FakeCollector.start();
    Path jar = SmokeRun.appJar(jarProperty);
    try (ServiceApp back = ServiceApp.start(launcher(jar, "pets-back", "back", true), READY);
        ServiceApp plainBack = ServiceApp.start(launcher(jar, "pets-back", "back", false), READY);
        ServiceApp front = ServiceApp.start(
            launcher(jar, "pets-front", "front", true).args(frontArgs(back, schema("front", true))), READY);
        ServiceApp plainFront = ServiceApp.start(
            launcher(jar, "pets-front", "front", false).args(frontArgs(plainBack, schema("front", false))),
            READY)) {
      withAgent = answers(front);
      withoutAgent = answers(plainFront);
    }
  }

  private AgentJvm.Builder launcher(Path jar, String service, String role, boolean agent) {
    AgentJvm.Builder b = AgentJvm.builder().jar(jar).withAgent(agent).name(service + (agent ? "" : "-no-agent"));
    if (agent) {
      b.otlpTo(collector).env("OTEL_SERVICE_NAME", service).env("OTEL_BSP_SCHEDULE_DELAY", "200");
    }
    if (role.equals("back")) {
      b.args("--app.role=back", "--app.schema=" + schema("back", agent));
    }
    return b;
  }

  private static String[] frontArgs(ServiceApp back, String schema) {
    return new String[] {"--app.schema=" + schema, "--app.back-url=http://127.0.0.1:" + back.port};
  }

  private static Map<String, String> answers(ServiceApp front) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (String path : PATHS) {
      answers.put(path, front.get(path));
    }
    return answers;
  }

  @AfterAll
  void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void answersAreThoseOfTheAppWithoutTheAgent() {
    org.assertj.core.api.Assertions.assertThat(withoutAgent.get("/owners/2"))
        .as("the app itself works")
        .isEqualTo("200 {\"id\":2,\"name\":\"Betty Davis\",\"pets\":[\"Basil\",\"Rosy\"]}");
    ServiceApp.assertSameAnswers(withAgent, withoutAgent);
  }

  /**
   * front SERVER → (SELECT owners, GET → back SERVER → {@code @WithSpan} find pets → SELECT pets), one
   * trace across two JVMs.
   */
  @Test
  void oneRequestIsOneTraceAcrossBothServices() {
    String front = schema("front", true);
    String back = schema("back", true);
    List<ReceivedSpan> trace = ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/owners/2"), 6);
    TraceAssert.assertThat(trace)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("GET /owners/{id}").hasKind(SERVER).hasNoParent().hasStatus(UNSET)
                .hasResourceAttribute("service.name", "pets-front")
                .hasAttribute("http.route", "/owners/{id}")
                .hasAttribute("http.response.status_code", 200),
            span -> span.hasName("SELECT " + front + ".owners").hasKind(CLIENT)
                .hasParentNamed("GET /owners/{id}")
                .hasAttribute("db.system.name", "postgresql")
                .hasAttribute("db.namespace", "test")
                .hasAttribute("db.query.text", "SELECT name FROM " + front + ".owners WHERE id = ?"),
            span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("GET /owners/{id}")
                .hasResourceAttribute("service.name", "pets-front")
                .hasAttribute("http.response.status_code", 200),
            span -> span.hasName("GET /owners/{id}/pets").hasKind(SERVER).hasParentNamed("GET")
                .hasResourceAttribute("service.name", "pets-back")
                .hasAttribute("http.route", "/owners/{id}/pets"),
            span -> span.hasName("find pets").hasKind(INTERNAL).hasParentNamed("GET /owners/{id}/pets")
                .hasResourceAttribute("service.name", "pets-back")
                .hasAttribute("pet.owner.id", 2L),
            span -> span.hasName("SELECT " + back + ".pets").hasKind(CLIENT)
                .hasParentNamed("find pets")
                .hasResourceAttribute("service.name", "pets-back")
                .hasAttribute("db.query.text",
                    "SELECT name FROM " + back + ".pets WHERE owner_id = ? ORDER BY name"));
  }

  /** A 404 from the application keeps the route it was matched by, not Spring Boot's /error page. */
  @Test
  void notFoundKeepsTheApplicationsRouteAndIsNoError() {
    List<ReceivedSpan> trace = ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/owners/9"), 2);
    TraceAssert.assertThat(trace)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("GET /owners/{id}").hasKind(SERVER).hasStatus(UNSET)
                .hasAttribute("http.response.status_code", 404),
            span -> span.hasName("SELECT " + schema("front", true) + ".owners").hasKind(CLIENT)
                .hasParentNamed("GET /owners/{id}"));
  }

  /** A failing query: the DB span and the SERVER span (500) are errors. */
  @Test
  void aFailingQueryMakesBothSpansErrors() {
    List<ReceivedSpan> trace = ServiceApp.traceOf(collector, ServiceApp.serverSpanFor("/owners/1/fail"), 2);
    TraceAssert.assertThat(trace)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("GET /owners/{id}/fail").hasKind(SERVER).hasStatus(ERROR)
                .hasAttribute("http.response.status_code", 500),
            span -> span.hasName("SELECT " + schema("front", true) + ".owners").hasKind(CLIENT)
                .hasStatus(ERROR)
                .hasParentNamed("GET /owners/{id}/fail")
                .hasAttribute("db.response.status_code", "42703")
                .hasException("org.postgresql.util.PSQLException"));
  }
}
