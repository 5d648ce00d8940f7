package dev.weft.instrumentation.httpclient;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.SERVER;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static dev.weft.testing.http.ScenarioRun.assertTraceparentNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.httpclient.app.Client;
import dev.weft.instrumentation.httpclient.app.Service;
import dev.weft.instrumentation.httpclient.app.ServiceA;
import dev.weft.instrumentation.httpclient.app.ServiceB;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.Closeables;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.RunningJvm;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.TraceAssert;
import dev.weft.testing.servlet.EmbeddedTomcat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One trace across two services, once per HTTP client ({@link Client}): service A (a servlet on
 * embedded Tomcat) calls service B (a servlet on embedded Tomcat) with the client while it handles a
 * request; both run in forked JVMs with the agent jar, each with its own OTEL_SERVICE_NAME, and export
 * to one fake collector, which must receive exactly one trace for the request: A's SERVER span (a
 * root: the test's own client is not traced), A's CLIENT span as its child, and B's SERVER span as
 * the child of exactly that CLIENT span, which is also what the traceparent B received names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceToServiceTraceTest {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(20);

  private FakeCollector collector;
  private RunningJvm serviceB;
  private RunningJvm serviceA;
  private int portB;
  private int portA;
  /** The test's own calls to A: not instrumented (no agent in the test JVM). */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void startServices() {
    collector = FakeCollector.start();
    serviceB = service(ServiceB.class, "service-b").start();
    portB = serviceB.waitForPort(Service.PORT_LABEL, START_TIMEOUT);
    serviceA = service(ServiceA.class, "service-a")
        .sysProp(ServiceA.B_BASE_PROPERTY, "http://127.0.0.1:" + portB)
        .start();
    portA = serviceA.waitForPort(Service.PORT_LABEL, START_TIMEOUT);
  }

  private AgentJvm.Builder service(Class<?> main, String serviceName) {
    return AgentJvm.builder()
        .mainClass(main.getName())
        .classpathOf(main, EmbeddedTomcat.class)
        .classpathOfModuleLibs("services")
        .name(serviceName)
        .otlpTo(collector)
        .env("OTEL_SERVICE_NAME", serviceName);
  }

  @AfterAll
  void stopServices() {
    Closeables.closeAll(serviceA, serviceB, collector);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Client.class)
  void serviceACallsServiceBInOneTrace(Client client) throws Exception {
    HttpResponse<String> answer = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA + "/call/" + client.path())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("A's answer: %s", answer.body()).isEqualTo(200);
    assertThat(answer.body()).startsWith("b answered: 200 " + ServiceB.ANSWER);

    String pathA = "/call/" + client.path();
    String pathB = "/hello/" + client.path();
    String urlB = "http://127.0.0.1:" + portB + pathB;
    // Everything the services exported about this call: A's and B's SERVER spans by path, A's CLIENT by URL.
    List<ReceivedSpan> spans = collector.awaitSpansSatisfying(received ->
        assertThat(spansOfThisCall(received, pathA, pathB, urlB)).hasSize(3), SPAN_TIMEOUT);
    List<ReceivedSpan> call = spansOfThisCall(spans, pathA, pathB, urlB);

    ReceivedSpan serverA = onlySpan(call, SERVER, "service-a");
    ReceivedSpan clientA = onlySpan(call, CLIENT, "service-a");
    ReceivedSpan serverB = onlySpan(call, SERVER, "service-b");
    TraceAssert.assertThat(call).hasTraceCount(1);
    // ...and nothing else in that trace: no second CLIENT span from a client built on another.
    assertThat(spans.stream().filter(s -> s.traceId().equals(serverA.traceId())))
        .as("the trace of %s", client).hasSize(3);

    SpanAssert.assertThat(serverA, spans).hasNoParent().hasName("GET /call/*").hasStatus(UNSET)
        .hasAttribute("url.path", pathA).hasAttribute("http.response.status_code", 200L);
    SpanAssert.assertThat(clientA, spans).hasParent(serverA).hasName("GET").hasStatus(UNSET)
        .hasScopeName(client.scope)
        .hasAttribute("url.full", urlB).hasAttribute("http.response.status_code", 200L);
    SpanAssert.assertThat(serverB, spans).hasParent(clientA).hasTraceId(clientA.traceId())
        .hasName("GET /hello/*").hasStatus(UNSET)
        .hasAttribute("url.path", pathB).hasAttribute("http.response.status_code", 200L);
    // B's request carried the CLIENT span's context, as B itself saw it.
    assertTraceparentNames(answer.body().substring(("b answered: 200 " + ServiceB.ANSWER).length()), clientA);
  }

  /** A's SERVER span (by path), A's CLIENT span (by URL) and B's SERVER span (by path) of one call. */
  private static List<ReceivedSpan> spansOfThisCall(List<ReceivedSpan> spans, String pathA, String pathB, String urlB) {
    return spans.stream()
        .filter(s -> s.kind() == SERVER ? pathA.equals(s.stringAttribute("url.path")) || pathB.equals(s.stringAttribute("url.path"))
            : urlB.equals(s.stringAttribute("url.full")))
        .collect(Collectors.toList());
  }

  /** The one span of this kind from this service (its OTEL_SERVICE_NAME as the resource's service.name). */
  private static ReceivedSpan onlySpan(List<ReceivedSpan> spans, ReceivedSpan.Kind kind, String serviceName) {
    List<ReceivedSpan> found = spans.stream()
        .filter(s -> s.kind() == kind && serviceName.equals(s.resourceAttribute("service.name")))
        .collect(Collectors.toList());
    assertThat(found).as("%s spans of %s in\n%s", kind, serviceName, spans).hasSize(1);
    return found.get(0);
  }
}
