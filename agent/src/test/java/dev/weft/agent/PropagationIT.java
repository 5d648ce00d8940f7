package dev.weft.agent;

import static dev.weft.agent.AppRuns.SPAN_TIMEOUT;
import static dev.weft.agent.AppRuns.warnings;
import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.apps.PropagationApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trace context through the real agent jar: the app continues an incoming context with Weft's
 * configured propagators and calls downstream with HttpURLConnection; the test reads the headers the
 * downstream service received and the spans the collector received. Checks the wiring of {@code
 * OTEL_PROPAGATORS} (relocated propagator providers included) and the sampled flag end to end.
 */
class PropagationIT {
  static final String SAMPLED_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String UNSAMPLED_TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final String DUPLICATED_TRACE = "12345678901234567890123456789012";
  static final String PARENT = "00f067aa0ba902b7";
  static final String TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

  /** On a loaded two-core machine a JVM's first export can take seconds. */
  static final String LINGER = "linger=5000";

  private static FakeCollector collector;
  private static final Launched runs = new Launched(2);

  @BeforeAll
  static void startAll() {
    collector = FakeCollector.start();
    // These two linger, so that their spans (or their absence) are seen while they run.
    runs.queue("sampled", app("traceparent=00-" + SAMPLED_TRACE + "-" + PARENT + "-01", "tracestate=" + TRACESTATE, LINGER));
    runs.queue("unsampled", app("traceparent=00-" + UNSAMPLED_TRACE + "-" + PARENT + "-00",
        "tracestate=congo=t61rcWkgMzE", "tracestate=rojo=00f067aa0ba902b7", LINGER));
    runs.queue("duplicated", app("traceparent=00-" + DUPLICATED_TRACE + "-" + PARENT + "-01",
        "traceparent=00-" + DUPLICATED_TRACE + "-" + PARENT + "-01", "tracestate=" + TRACESTATE));
    runs.queue("b3-xray", app().env("OTEL_PROPAGATORS", "b3,xray"));
    runs.queue("b3multi-jaeger-baggage", app("baggage=user=alice").env("OTEL_PROPAGATORS", "b3multi,jaeger,baggage"));
    runs.queue("unknown", app().env("OTEL_PROPAGATORS", "tracecontext,nosuch"));
  }

  private static AgentJvm.Builder app(String... incomingHeaders) {
    return AgentJvm.builder()
        .mainClass(PropagationApp.class.getName())
        .classpathOf(PropagationApp.class)
        .args(incomingHeaders)
        .otlpTo(collector)
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .env("OTEL_SERVICE_NAME", "propagation");
  }

  @AfterAll
  static void stopAll() {
    runs.close();
    if (collector != null) {
      collector.close();
    }
  }

  private static List<String> downstream(String run) {
    JvmResult result = runs.result(run).assertExitCode(0);
    return AppRuns.lines(result.stdout()).stream().filter(l -> l.startsWith("downstream ")).collect(Collectors.toList());
  }

  private static String header(List<String> downstream, String name) {
    String prefix = "downstream " + name + "=";
    return downstream.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst().orElse(null);
  }

  @Test
  void aSampledCallerIsContinuedAndItsTracestateForwardedUnchanged() {
    List<String> sent = downstream("sampled");
    ReceivedSpan client = collector.awaitSpan(s -> s.traceId().equals(SAMPLED_TRACE), SPAN_TIMEOUT);
    assertThat(client.kind()).isEqualTo(CLIENT);
    assertThat(client.parentSpanId()).isEqualTo(PARENT);
    assertThat(client.traceState()).isEqualTo(TRACESTATE);
    assertThat(header(sent, "traceparent")).isEqualTo("00-" + SAMPLED_TRACE + "-" + client.spanId() + "-01");
    assertThat(header(sent, "tracestate")).isEqualTo(TRACESTATE);
  }

  @Test
  void anUnsampledCallerYieldsNoSpansAndFlags00Downstream() {
    List<String> sent = downstream("unsampled");
    assertThat(header(sent, "traceparent")).startsWith("00-" + UNSAMPLED_TRACE + "-").endsWith("-00").doesNotContain(PARENT);
    // Two tracestate lines arrive as one list and leave as one header.
    assertThat(header(sent, "tracestate")).isEqualTo(TRACESTATE);
    runs.result("sampled");
    collector.awaitSpan(s -> s.traceId().equals(SAMPLED_TRACE), SPAN_TIMEOUT); // the other runs' spans have had time
    assertThat(collector.spans()).noneMatch(s -> s.traceId().equals(UNSAMPLED_TRACE));
  }

  @Test
  void severalTraceparentHeadersStartANewTraceWithoutTheirTracestate() {
    List<String> sent = downstream("duplicated");
    String traceparent = header(sent, "traceparent");
    assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-03").doesNotContain(DUPLICATED_TRACE);
    assertThat(sent).contains("downstream tracestate absent");
  }

  @Test
  void b3AndXrayWithoutTracecontext() {
    List<String> sent = downstream("b3-xray");
    assertThat(header(sent, "b3")).matches("[0-9a-f]{32}-[0-9a-f]{16}-1");
    String traceId = header(sent, "b3").substring(0, 32);
    assertThat(header(sent, "X-Amzn-Trace-Id"))
        .startsWith("Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent=")
        .endsWith(";Sampled=1");
    assertThat(sent).contains("downstream traceparent absent", "downstream tracestate absent");
  }

  @Test
  void b3multiJaegerAndBaggageTogether() {
    List<String> sent = downstream("b3multi-jaeger-baggage");
    String traceId = header(sent, "X-B3-TraceId");
    assertThat(traceId).matches("[0-9a-f]{32}");
    assertThat(header(sent, "X-B3-Sampled")).isEqualTo("1");
    assertThat(header(sent, "uber-trace-id")).startsWith(traceId + ":").endsWith(":0:1");
    assertThat(header(sent, "baggage")).isEqualTo("user=alice");
    assertThat(sent).contains("downstream traceparent absent");
  }

  @Test
  void anUnknownPropagatorGetsOneWarningAndTheOthersStillApply() {
    JvmResult result = runs.result("unknown");
    assertThat(warnings(result.stderr()).stream().filter(w -> w.contains("OTEL_PROPAGATORS")))
        .singleElement().asString()
        .startsWith("[weft] WARN OTEL_PROPAGATORS=tracecontext,nosuch names an unknown propagator [nosuch]")
        .endsWith("; using tracecontext");
    assertThat(header(downstream("unknown"), "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-03");
  }
}
