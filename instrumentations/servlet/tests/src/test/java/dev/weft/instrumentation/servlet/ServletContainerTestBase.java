package dev.weft.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.Closeables;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.ReceivedSpan.StatusCode;
import dev.weft.testing.RunningJvm;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.http.RawHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One container version, started twice: with the agent (exporting to a fake collector) and without
 * it. Every request goes to both; the two responses must be identical but for the Date header, and
 * the spans of the agent run are asserted. Requests carry {@code ?case=NAME} so that spans are found
 * by their {@code url.query}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletContainerTestBase {
  static final Duration WAIT = Duration.ofSeconds(20);

  final ServletContainer container;
  FakeCollector collector;
  private RunningJvm withAgent;
  private RunningJvm withoutAgent;
  int agentPort;
  private int plainPort;
  private final AtomicInteger barriers = new AtomicInteger();

  ServletContainerTestBase(ServletContainer container) {
    this.container = container;
  }

  @BeforeAll
  void startContainers() {
    collector = FakeCollector.start();
    withAgent =
        launcher("with-agent")
            .otlpTo(collector)
            .env("OTEL_INSTRUMENTATION_HTTP_SERVER_CAPTURE_REQUEST_HEADERS", "X-Multi, x-absent")
            .env("OTEL_INSTRUMENTATION_HTTP_SERVER_CAPTURE_RESPONSE_HEADERS", "x-resp")
            .start();
    withoutAgent = launcher("without-agent").withAgent(false).start();
    agentPort = port(withAgent);
    plainPort = port(withoutAgent);
  }

  private AgentJvm.Builder launcher(String variant) {
    return AgentJvm.builder()
        .mainClass(container.mainClass)
        .classpath(container.classpath().toArray(new java.nio.file.Path[0]))
        .name(container.directory + "-" + variant);
  }

  private static int port(RunningJvm jvm) {
    return jvm.waitForPort("SCENARIO-PORT", Duration.ofSeconds(60));
  }

  @AfterAll
  void stopContainers() {
    Closeables.closeAll(withAgent, withoutAgent, collector);
  }

  /** Sends the request to both JVMs; fails unless both answers are the same; returns the agent JVM's. */
  byte[] exchange(String request) {
    byte[] plain = RawHttp.exchange(plainPort, request);
    byte[] traced = RawHttp.exchange(agentPort, request);
    assertThat(RawHttp.withoutDate(traced))
        .as("response with the agent vs without, for request:\n%s", request)
        .isEqualTo(RawHttp.withoutDate(plain));
    return traced;
  }

  byte[] get(String target, String... headerLines) {
    return exchange(RawHttp.request("GET", target, headerLines));
  }

  static Predicate<ReceivedSpan> serverSpanOf(String caseName) {
    return span -> span.kind() == Kind.SERVER && caseName.equals(caseOf(span.stringAttribute("url.query")));
  }

  ReceivedSpan awaitServerSpan(String caseName) {
    return collector.awaitSpan(serverSpanOf(caseName), WAIT);
  }

  /** Waits until the trace has {@code count} spans and returns them; fails if it has more. */
  List<ReceivedSpan> awaitTrace(String traceId, int count) {
    List<ReceivedSpan> all = collector.awaitSpans(spans -> inTrace(spans, traceId).size() >= count, WAIT);
    List<ReceivedSpan> trace = inTrace(all, traceId);
    assertThat(trace).as("spans of trace %s", traceId).hasSize(count);
    return trace;
  }

  private static List<ReceivedSpan> inTrace(List<ReceivedSpan> spans, String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).collect(Collectors.toList());
  }

  /**
   * Runs the action, then a request whose span marks that everything the action could have exported
   * has arrived (spans are exported in the order they end); returns the spans that arrived between.
   */
  List<ReceivedSpan> spansDuring(Runnable action) {
    int before = collector.spans().size();
    action.run();
    String barrier = "barrier-" + barriers.incrementAndGet();
    get("/app/hello?case=" + barrier);
    collector.awaitSpan(serverSpanOf(barrier), WAIT);
    List<ReceivedSpan> all = collector.spans();
    return all.subList(before, all.size()).stream()
        .filter(serverSpanOf(barrier).negate())
        .collect(Collectors.toList());
  }

  static String caseOf(String query) {
    if (query == null) {
      return null;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("case=")) {
        return part.substring(5);
      }
    }
    return null;
  }

  static String randomHex(int chars) {
    StringBuilder s = new StringBuilder();
    while (s.length() < chars) {
      s.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
    }
    return s.substring(0, chars);
  }

  static SpanAssert assertServer(ReceivedSpan span) {
    return SpanAssert.assertThat(span).hasKind(Kind.SERVER).hasScopeName("dev.weft.servlet");
  }

  static SpanAssert assertOk(ReceivedSpan span, String name, String route, long status) {
    SpanAssert a = assertServer(span).hasName(name).hasAttribute("http.response.status_code", status);
    if (route == null) {
      a.doesNotHaveAttribute("http.route");
    } else {
      a.hasAttribute("http.route", route);
    }
    if (status < 500) {
      a.hasStatus(StatusCode.UNSET).doesNotHaveAttribute("error.type");
    }
    return a;
  }
}
