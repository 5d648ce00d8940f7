package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code OTEL_PROPAGATORS} through the real configuration path (ConfigLoader, ConfigValidator, the
 * SDK's autoconfigure with {@link PropagatorWiring}), and the sampled flag with the default
 * parent-based sampler: what a server span and an HTTP call made inside it send downstream.
 */
class PropagatorWiringTest {
  static final String TID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PID = "00f067aa0ba902b7";

  private final List<String> warnings = new ArrayList<>();
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;

  @AfterEach
  void shutdown() {
    if (sdk != null) {
      sdk.close();
    }
  }

  /** The SDK as the agent configures it from these environment variables, spans kept in memory. */
  private TextMapPropagator configure(String... env) {
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < env.length; i += 2) {
      vars.put(env[i], env[i + 1]);
    }
    vars.put("OTEL_TRACES_EXPORTER", "none");
    Map<String, String> config = ConfigValidator.validate(ConfigLoader.load(vars, new Properties(), warnings), warnings);
    sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesCustomizer(ignored -> config)
            .addPropagatorCustomizer(PropagatorWiring::customize)
            .addTracerProviderCustomizer((builder, props) -> builder.addSpanProcessor(SimpleSpanProcessor.create(exported)))
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    return sdk.getPropagators().getTextMapPropagator();
  }

  /** Request headers: any name case, every line kept, seen through getAll like a servlet request's. */
  static final class Headers {
    final Map<String, List<String>> lines = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    Headers add(String name, String value) {
      lines.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      return this;
    }
  }

  static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<Headers>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
          return carrier.lines.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
          List<String> v = carrier.lines.get(key);
          return v == null ? null : v.get(0);
        }

        @Override
        public Iterator<String> getAll(Headers carrier, String key) {
          List<String> v = carrier.lines.get(key);
          return v == null ? Collections.<String>emptyIterator() : v.iterator();
        }
      };

  private static Map<String, String> inject(TextMapPropagator propagator, Context context) {
    Map<String, String> out = new LinkedHashMap<>();
    propagator.inject(context, out, (carrier, key, value) -> carrier.put(key, value));
    return out;
  }

  /**
   * What a request handled under {@code incoming} sends downstream: a SERVER span continuing the
   * incoming context, and inside it a CLIENT span whose context is injected into the call.
   */
  private Map<String, String> serveAndCallDownstream(TextMapPropagator propagator, Headers incoming) {
    Tracer tracer = sdk.getTracer("dev.weft.test");
    Context parent = propagator.extract(Context.root(), incoming, GETTER);
    Span server = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).setParent(parent).startSpan();
    try (Scope ignored = server.makeCurrent()) {
      Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan();
      try {
        return inject(propagator, Context.current().with(client));
      } finally {
        client.end();
      }
    } finally {
      server.end();
    }
  }

  @Test
  void defaultIsWeftsTracecontextAndBaggage() {
    TextMapPropagator propagator = configure();
    assertThat(propagator.fields()).contains("traceparent", "tracestate", "baggage");
    Context context =
        propagator.extract(
            Context.root(),
            new Headers()
                .add("traceparent", "00-" + TID + "-" + PID + "-01")
                // Two lines, an invalid member: the API's propagator would read only the first line
                // and drop it whole; Weft's keeps the valid members of both, in order.
                .add("tracestate", "rojo=1,BAD=2")
                .add("tracestate", "congo=3")
                .add("baggage", "user=alice"),
            GETTER);
    SpanContext parent = Span.fromContext(context).getSpanContext();
    assertThat(parent.getTraceId()).isEqualTo(TID);
    assertThat(parent.getTraceState().asMap()).containsOnlyKeys("rojo", "congo");
    assertThat(Baggage.fromContext(context).getEntryValue("user")).isEqualTo("alice");
    assertThat(inject(propagator, context))
        .containsEntry("traceparent", "00-" + TID + "-" + PID + "-01")
        .containsEntry("tracestate", "rojo=1,congo=3")
        .containsEntry("baggage", "user=alice");
    assertThat(warnings).isEmpty();
  }

  @Test
  void severalTraceparentHeadersStartANewTrace() {
    TextMapPropagator propagator = configure();
    Map<String, String> sent =
        serveAndCallDownstream(
            propagator,
            new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01").add("traceparent", "00-" + TID + "-" + PID + "-01")
                .add("tracestate", "congo=1"));
    assertThat(sent.get("traceparent")).startsWith("00-").doesNotContain(TID);
    assertThat(sent).doesNotContainKey("tracestate");
  }

  @Test
  void anUnsampledCallerMeansNoSpansAndFlags00Downstream() {
    TextMapPropagator propagator = configure(); // parentbased_always_on by default
    Map<String, String> sent =
        serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-00").add("tracestate", "congo=t61rcWkgMzE"));
    assertThat(sent.get("traceparent")).startsWith("00-" + TID + "-").endsWith("-00").doesNotContain(PID);
    assertThat(sent.get("tracestate")).isEqualTo("congo=t61rcWkgMzE");
    assertThat(exported.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void aSampledCallerMeansSpansInItsTraceAndFlags01Downstream() {
    TextMapPropagator propagator = configure();
    Map<String, String> sent =
        serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01").add("tracestate", "congo=t61rcWkgMzE"));
    List<SpanData> spans = exported.getFinishedSpanItems();
    assertThat(spans).hasSize(2);
    SpanData client = spans.get(0);
    SpanData server = spans.get(1);
    assertThat(server.getTraceId()).isEqualTo(TID);
    assertThat(server.getParentSpanId()).isEqualTo(PID);
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
    assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
    // The call carries the CLIENT span as parent, and the tracestate exactly as received.
    assertThat(sent).containsEntry("traceparent", "00-" + TID + "-" + client.getSpanId() + "-01");
    assertThat(sent).containsEntry("tracestate", "congo=t61rcWkgMzE");
  }

  @Test
  void theRandomTraceIdFlagOfTheCallerIsKept() {
    // Level 2: a participant continuing a trace MUST send the random-trace-id flag it received.
    TextMapPropagator propagator = configure();
    assertThat(serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-03")).get("traceparent")).endsWith("-03");
    assertThat(serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01")).get("traceparent")).endsWith("-01");
  }

  @Test
  void aNewTraceIsSampledWithARandomTraceId() {
    TextMapPropagator propagator = configure();
    // The SDK's ids are random, and it says so with the Level 2 random-trace-id flag.
    assertThat(serveAndCallDownstream(propagator, new Headers()).get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-03");
  }

  @Test
  void parentBasedAlwaysOffStillPropagates() {
    TextMapPropagator propagator = configure("OTEL_TRACES_SAMPLER", "parentbased_always_off");
    assertThat(serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01")).get("traceparent")).startsWith("00-" + TID).endsWith("-01");
    assertThat(exported.getFinishedSpanItems()).hasSize(2);
    exported.reset();
    assertThat(serveAndCallDownstream(propagator, new Headers()).get("traceparent")).endsWith("-02");
    assertThat(exported.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void b3SingleHeader() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "b3");
    Map<String, String> sent = serveAndCallDownstream(propagator, new Headers().add("b3", TID + "-" + PID + "-1"));
    assertThat(sent).containsOnlyKeys("b3");
    assertThat(sent.get("b3")).startsWith(TID + "-").endsWith("-1");
  }

  @Test
  void b3MultiHeaders() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "b3multi");
    Map<String, String> sent =
        serveAndCallDownstream(propagator, new Headers().add("X-B3-TraceId", TID).add("X-B3-SpanId", PID).add("X-B3-Sampled", "1"));
    assertThat(sent).containsEntry("X-B3-TraceId", TID).containsEntry("X-B3-Sampled", "1").containsKey("X-B3-SpanId");
  }

  @Test
  void jaeger() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "jaeger");
    Map<String, String> sent = serveAndCallDownstream(propagator, new Headers().add("uber-trace-id", TID + ":" + PID + ":0:1"));
    assertThat(sent).containsOnlyKeys("uber-trace-id");
    assertThat(sent.get("uber-trace-id")).startsWith(TID + ":").endsWith(":0:1");
  }

  @Test
  void ottrace() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "ottrace");
    Map<String, String> sent =
        serveAndCallDownstream(propagator, new Headers().add("ot-tracer-traceid", TID).add("ot-tracer-spanid", PID).add("ot-tracer-sampled", "true"));
    assertThat(sent).containsEntry("ot-tracer-sampled", "true").containsKey("ot-tracer-spanid");
  }

  @Test
  void severalPropagatorsEachInjectAndTheFirstValidOneExtracts() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "tracecontext,b3multi");
    Map<String, String> sent = serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01"));
    assertThat(sent).containsKeys("traceparent", "X-B3-TraceId");
    assertThat(sent.get("X-B3-TraceId")).isEqualTo(TID);
  }

  @Test
  void noneSendsNothing() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "none");
    assertThat(serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01"))).isEmpty();
  }

  @Test
  void awsXray() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "xray");
    Map<String, String> sent =
        serveAndCallDownstream(propagator, new Headers().add("X-Amzn-Trace-Id", "Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + PID + ";Sampled=1"));
    assertThat(sent).containsOnlyKeys("X-Amzn-Trace-Id");
    assertThat(sent.get("X-Amzn-Trace-Id")).startsWith("Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=").endsWith(";Sampled=1");
    assertThat(warnings).isEmpty();
  }

  @Test
  void namesInAnyCase() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "TraceContext, B3");
    assertThat(warnings).isEmpty();
    assertThat(serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01"))).containsKeys("traceparent", "b3");
  }

  @Test
  void awsXrayLambdaIsKnown() {
    configure("OTEL_PROPAGATORS", "tracecontext,xray-lambda");
    assertThat(warnings).isEmpty();
  }

  @Test
  void anUnknownNameGetsOneWarningAndTheRestApplies() {
    TextMapPropagator propagator = configure("OTEL_PROPAGATORS", "tracecontext,nosuch,b3");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).startsWith("OTEL_PROPAGATORS=tracecontext,nosuch,b3 names an unknown propagator [nosuch]").endsWith("; using tracecontext,b3");
    Map<String, String> sent = serveAndCallDownstream(propagator, new Headers().add("traceparent", "00-" + TID + "-" + PID + "-01"));
    assertThat(sent).containsKeys("traceparent", "b3");
    assertThat(sent.get("traceparent")).contains(TID);
  }
}
