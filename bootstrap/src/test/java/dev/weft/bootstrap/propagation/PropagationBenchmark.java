package dev.weft.bootstrap.propagation;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Extract from an incoming request plus inject into one downstream call, per call: Weft's propagator
 * against the OpenTelemetry API's own, with and without a {@code tracestate}. Run (see the README):
 *
 * <pre>
 * mvn -B -q -pl bootstrap test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp bootstrap/target/test-classes:bootstrap/target/classes:$(cat bootstrap/target/test-cp.txt) \
 *   org.openjdk.jmh.Main PropagationBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PropagationBenchmark {
  /** A request's headers as a servlet container sees them: a few names, one line each. */
  static final class Request {
    String traceparent;
    String tracestate;
  }

  /** What the downstream call's headers receive. */
  static final class Call {
    String traceparent;
    String tracestate;
  }

  static final TextMapGetter<Request> GETTER =
      new TextMapGetter<Request>() {
        @Override
        public Iterable<String> keys(Request carrier) {
          return java.util.Arrays.asList("traceparent", "tracestate");
        }

        @Override
        public String get(Request carrier, String key) {
          return key.equals("traceparent") ? carrier.traceparent : key.equals("tracestate") ? carrier.tracestate : null;
        }

        @Override
        public Iterator<String> getAll(Request carrier, String key) {
          String value = get(carrier, key);
          return value == null ? Collections.<String>emptyIterator() : Collections.singletonList(value).iterator();
        }
      };

  static final TextMapSetter<Call> SETTER =
      (carrier, key, value) -> {
        if (key.equals("traceparent")) {
          carrier.traceparent = value;
        } else {
          carrier.tracestate = value;
        }
      };

  @Param({"weft", "otel-api"})
  public String propagator;

  @Param({"traceparent", "traceparent+tracestate"})
  public String headers;

  private TextMapPropagator subject;
  private final Request request = new Request();
  private final Call call = new Call();

  @Setup
  public void setUp() {
    subject =
        propagator.equals("weft")
            ? W3CTraceContextPropagator.getInstance()
            : io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance();
    request.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    request.tracestate = headers.endsWith("tracestate") ? "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7" : null;
  }

  @Benchmark
  public Call extractAndInject() {
    Context context = subject.extract(Context.root(), request, GETTER);
    subject.inject(context, call, SETTER);
    return call;
  }
}
