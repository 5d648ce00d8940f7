package dev.weft.bootstrap.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class W3CTraceContextPropagatorTest {
  static final String TID = TraceparentCodecTest.TID;
  static final String PID = TraceparentCodecTest.PID;
  static final String VALID = TraceparentCodecTest.VALID;

  private final W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();

  /** Header lines as a server receives them: names in any case, each line kept. */
  static final class Headers {
    final Map<String, List<String>> lines = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    Headers add(String name, String value) {
      lines.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      return this;
    }
  }

  /** A getter that sees every line, like a servlet's {@code getHeaders(name)}. */
  static final TextMapGetter<Headers> ALL_LINES =
      new TextMapGetter<Headers>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
          return carrier.lines.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
          List<String> v = carrier == null ? null : carrier.lines.get(key);
          return v == null || v.isEmpty() ? null : v.get(0);
        }

        @Override
        public Iterator<String> getAll(Headers carrier, String key) {
          List<String> v = carrier == null ? null : carrier.lines.get(key);
          return v == null ? Collections.<String>emptyIterator() : v.iterator();
        }
      };

  /** A getter written against an older API: only {@code get}, which returns the first line. */
  static final TextMapGetter<Headers> FIRST_LINE_ONLY =
      new TextMapGetter<Headers>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
          return carrier.lines.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
          return ALL_LINES.get(carrier, key);
        }
      };

  static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> carrier.put(key, value);

  private SpanContext extract(Headers headers) {
    return Span.fromContext(propagator.extract(Context.root(), headers, ALL_LINES)).getSpanContext();
  }

  @Test
  void extractsARemoteParentWithItsFlagsAndTraceState() {
    SpanContext parent =
        extract(new Headers().add("traceparent", VALID).add("tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
    assertThat(parent.isValid()).isTrue();
    assertThat(parent.isRemote()).isTrue();
    assertThat(parent.getTraceId()).isEqualTo(TID);
    assertThat(parent.getSpanId()).isEqualTo(PID);
    assertThat(parent.getTraceFlags()).isEqualTo(TraceFlags.getSampled());
    assertThat(parent.getTraceState().get("congo")).isEqualTo("t61rcWkgMzE");
  }

  @Test
  void headerNamesInAnyCase() {
    // §3.2.1: "Vendors MUST expect the header name in any case" (the carrier's lookup is case-insensitive)
    SpanContext parent = extract(new Headers().add("TrAcEpArEnT", VALID).add("TRACESTATE", "foo=1"));
    assertThat(parent.getTraceId()).isEqualTo(TID);
    assertThat(parent.getTraceState().get("foo")).isEqualTo("1");
  }

  @Test
  void severalTraceparentHeadersAreAllIgnored() {
    // W3C test suite test_traceparent_duplicated: a new trace, even when both lines are equal
    assertThat(extract(new Headers().add("traceparent", VALID).add("traceparent", "00-" + TID.replace('4', '5') + "-" + PID + "-01")).isValid()).isFalse();
    assertThat(extract(new Headers().add("traceparent", VALID).add("traceparent", VALID)).isValid()).isFalse();
    assertThat(extract(new Headers().add("traceparent", VALID).add("traceparent", "garbage")).isValid()).isFalse();
  }

  @Test
  void aNullLineIsNotASecondHeader() {
    assertThat(extract(new Headers().add("traceparent", null).add("traceparent", VALID)).getTraceId()).isEqualTo(TID);
  }

  @Test
  void withAGetterThatOnlyHasGetTheFirstLineIsUsed() {
    Headers headers = new Headers().add("traceparent", VALID).add("tracestate", "a=1").add("tracestate", "b=2");
    SpanContext parent = Span.fromContext(propagator.extract(Context.root(), headers, FIRST_LINE_ONLY)).getSpanContext();
    assertThat(parent.getTraceId()).isEqualTo(TID);
    assertThat(TracestateCodec.format(parent.getTraceState())).isEqualTo("a=1");
  }

  @Test
  void tracestateLinesAreOneList() {
    SpanContext parent = extract(new Headers().add("traceparent", VALID).add("tracestate", "foo=1,bar=2").add("tracestate", "").add("tracestate", "baz=3"));
    assertThat(TracestateCodec.format(parent.getTraceState())).isEqualTo("foo=1,bar=2,baz=3");
  }

  @Test
  void tracestateIsNotReadWithoutAValidTraceparent() {
    // §3.3: "If the vendor failed to parse traceparent, it MUST NOT attempt to parse tracestate";
    // §4.2: a tracestate without traceparent "MUST be discarded"
    Context base = Context.root().with(ContextKey.named("app"), "value");
    assertThat(propagator.extract(base, new Headers().add("tracestate", "foo=1"), ALL_LINES)).isSameAs(base);
    assertThat(propagator.extract(base, new Headers().add("traceparent", "ff" + VALID.substring(2)).add("tracestate", "foo=1"), ALL_LINES)).isSameAs(base);
  }

  @Test
  void anInvalidTracestateNeverCostsTheTraceparent() {
    // §3.3: "failure to parse tracestate MUST NOT affect the parsing of traceparent"
    SpanContext parent = extract(new Headers().add("traceparent", VALID).add("tracestate", "=,,==\u00e9,FOO=1"));
    assertThat(parent.getTraceId()).isEqualTo(TID);
    assertThat(parent.getTraceState().isEmpty()).isTrue();
  }

  @Test
  void injectsVersion00AndTheTracestateReceivedAsTheSameText() {
    String tracestate = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
    Context extracted = propagator.extract(Context.root(), new Headers().add("traceparent", "cc-" + TID + "-" + PID + "-03-future").add("tracestate", tracestate), ALL_LINES);
    Map<String, String> out = new LinkedHashMap<>();
    propagator.inject(extracted, out, MAP_SETTER);
    // §3.2.4 "construct the new traceparent field according to the highest version ... known" (00)
    assertThat(out).containsExactly(
        org.assertj.core.api.Assertions.entry("traceparent", "00-" + TID + "-" + PID + "-03"),
        org.assertj.core.api.Assertions.entry("tracestate", tracestate));
    assertThat(out.get("tracestate")).isSameAs(tracestate);
  }

  @Test
  void injectsATraceStateBuiltElsewhere() {
    TraceState state = TraceState.builder().put("b", "2").put("a", "1").build();
    Context context = Context.root().with(Span.wrap(SpanContext.create(TID, PID, TraceFlags.getDefault(), state)));
    Map<String, String> out = new LinkedHashMap<>();
    propagator.inject(context, out, MAP_SETTER);
    assertThat(out).containsEntry("traceparent", "00-" + TID + "-" + PID + "-00").containsEntry("tracestate", "a=1,b=2");
  }

  @Test
  void injectsNothingWithoutAValidSpanAndNoEmptyTracestate() {
    Map<String, String> out = new LinkedHashMap<>();
    propagator.inject(Context.root(), out, MAP_SETTER);
    assertThat(out).isEmpty();
    Context noState = Context.root().with(Span.wrap(SpanContext.create(TID, PID, TraceFlags.getSampled(), TraceState.getDefault())));
    propagator.inject(noState, out, MAP_SETTER);
    assertThat(out).containsOnlyKeys("traceparent"); // §3.3.1.1 "SHOULD avoid sending" empty tracestate
  }

  @Test
  void fieldsAreTheTwoHeaders() {
    assertThat(propagator.fields()).containsExactly("traceparent", "tracestate");
  }

  @Test
  void neverThrows() {
    Headers valid = new Headers().add("traceparent", VALID);
    assertThat(Span.fromContext(propagator.extract(null, valid, ALL_LINES)).getSpanContext().getTraceId()).isEqualTo(TID);
    assertThat(propagator.extract(Context.root(), valid, null)).isSameAs(Context.root());
    assertThat(propagator.extract(Context.root(), null, ALL_LINES)).isSameAs(Context.root());

    TextMapGetter<Headers> nullEverything = new TextMapGetter<Headers>() {
      @Override public Iterable<String> keys(Headers carrier) { return null; }
      @Override public String get(Headers carrier, String key) { return null; }
      @Override public Iterator<String> getAll(Headers carrier, String key) { return null; }
    };
    assertThat(propagator.extract(Context.root(), valid, nullEverything)).isSameAs(Context.root());

    TextMapGetter<Headers> nullIteratorThenGet = new TextMapGetter<Headers>() {
      @Override public Iterable<String> keys(Headers carrier) { return null; }
      @Override public String get(Headers carrier, String key) { return ALL_LINES.get(carrier, key); }
      @Override public Iterator<String> getAll(Headers carrier, String key) { return null; }
    };
    assertThat(Span.fromContext(propagator.extract(Context.root(), valid, nullIteratorThenGet)).getSpanContext().getTraceId()).isEqualTo(TID);

    TextMapGetter<Headers> throwing = new TextMapGetter<Headers>() {
      @Override public Iterable<String> keys(Headers carrier) { throw new IllegalStateException("recycled"); }
      @Override public String get(Headers carrier, String key) { throw new IllegalStateException("recycled"); }
      @Override public Iterator<String> getAll(Headers carrier, String key) { throw new IllegalStateException("recycled"); }
    };
    assertThat(propagator.extract(Context.root(), valid, throwing)).isSameAs(Context.root());

    TextMapGetter<Headers> throwingOnTracestate = new TextMapGetter<Headers>() {
      @Override public Iterable<String> keys(Headers carrier) { return null; }
      @Override public String get(Headers carrier, String key) { return ALL_LINES.get(carrier, key); }
      @Override public Iterator<String> getAll(Headers carrier, String key) {
        if (key.equals("tracestate")) {
          throw new IllegalArgumentException("bad header encoding");
        }
        return ALL_LINES.getAll(carrier, key);
      }
    };
    // §3.3: a tracestate failure never costs the traceparent
    SpanContext kept = Span.fromContext(propagator.extract(Context.root(), valid, throwingOnTracestate)).getSpanContext();
    assertThat(kept.getTraceId()).isEqualTo(TID);
    assertThat(kept.getTraceState().isEmpty()).isTrue();

    TextMapGetter<Headers> nullLines = new TextMapGetter<Headers>() {
      @Override public Iterable<String> keys(Headers carrier) { return null; }
      @Override public String get(Headers carrier, String key) { return null; }
      @Override public Iterator<String> getAll(Headers carrier, String key) { return Arrays.asList((String) null, null).iterator(); }
    };
    assertThat(propagator.extract(Context.root(), valid, nullLines)).isSameAs(Context.root());

    Context sampled = Context.root().with(Span.wrap(SpanContext.create(TID, PID, TraceFlags.getSampled(), TraceState.getDefault())));
    assertThatCode(() -> propagator.inject(sampled, null, MAP_SETTER)).doesNotThrowAnyException();
    assertThatCode(() -> propagator.inject(sampled, new LinkedHashMap<>(), null)).doesNotThrowAnyException();
    assertThatCode(() -> propagator.inject(null, new LinkedHashMap<>(), MAP_SETTER)).doesNotThrowAnyException();
    assertThatCode(() -> propagator.inject(sampled, new LinkedHashMap<String, String>(), (c, k, v) -> { throw new UnsupportedOperationException("committed"); }))
        .doesNotThrowAnyException();
  }

  @Test
  void enormousAndNonAsciiHeadersStartANewTraceOrAreDropped() {
    String huge = "x".repeat(100 * 1024);
    assertThat(extract(new Headers().add("traceparent", huge)).isValid()).isFalse();
    assertThat(extract(new Headers().add("traceparent", VALID + huge)).isValid()).isFalse();
    assertThat(extract(new Headers().add("traceparent", "00-" + "\u00e4".repeat(32) + "-" + PID + "-01")).isValid()).isFalse();
    assertThat(extract(new Headers().add("traceparent", "\u0000".repeat(55))).isValid()).isFalse();
    SpanContext parent = extract(new Headers().add("traceparent", VALID).add("tracestate", "a=1," + "\u00e9".repeat(100 * 1024) + ",b=2").add("tracestate", huge));
    assertThat(parent.getTraceId()).isEqualTo(TID);
    assertThat(TracestateCodec.format(parent.getTraceState())).isEqualTo("a=1,b=2");
  }
}
