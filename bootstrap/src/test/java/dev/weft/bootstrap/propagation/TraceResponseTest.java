package dev.weft.bootstrap.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bootstrap.WeftConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceResponseTest {
  static final String TID = TraceparentCodecTest.TID;
  static final String SERVER_SPAN = "b7ad6b7169203331";

  private final WeftConfig before = WeftConfig.get();

  @AfterEach
  void restore() {
    WeftConfig.set(before);
  }

  private static Context serverSpan(TraceFlags flags) {
    return Context.root().with(Span.wrap(SpanContext.create(TID, SERVER_SPAN, flags, TraceState.getDefault())));
  }

  @Test
  void offByDefault() {
    WeftConfig.set(new WeftConfig(Map.of()));
    assertThat(TraceResponse.isEnabled()).isFalse();
    assertThat(TraceResponse.headerValue(serverSpan(TraceFlags.getSampled()))).isNull();
  }

  @Test
  void whenConfiguredTheServerSpanIsTheChildId() {
    WeftConfig.set(new WeftConfig(Map.of("OTEL_INSTRUMENTATION_HTTP_SERVER_EMIT_TRACERESPONSE", "true")));
    assertThat(TraceResponse.headerValue(serverSpan(TraceFlags.getSampled()))).isEqualTo("00-" + TID + "-" + SERVER_SPAN + "-01");
    assertThat(TraceResponse.headerValue(serverSpan(TraceFlags.getDefault()))).isEqualTo("00-" + TID + "-" + SERVER_SPAN + "-00");
    // Level 2 §trace-flags: sampled and random-trace-id only; "Tracing systems MUST set those [others] to zero"
    assertThat(TraceResponse.headerValue(serverSpan(TraceFlags.fromByte((byte) 0x0b)))).isEqualTo("00-" + TID + "-" + SERVER_SPAN + "-03");
  }

  @Test
  void nothingWithoutAServerSpanOfThisProcess() {
    WeftConfig.set(new WeftConfig(Map.of("otel.instrumentation.http.server.emit-traceresponse", "true")));
    assertThat(TraceResponse.headerValue(Context.root())).isNull();
    assertThat(TraceResponse.headerValue(null)).isNull();
    // Only the caller's context (e.g. OTEL_SDK_DISABLED): its id is not this server's span.
    Context remoteOnly = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TID, SERVER_SPAN, TraceFlags.getSampled(), TraceState.getDefault())));
    assertThat(TraceResponse.headerValue(remoteOnly)).isNull();
  }

  @Test
  void followsAConfigurationChange() {
    WeftConfig.set(new WeftConfig(Map.of("otel.instrumentation.http.server.emit-traceresponse", "true")));
    assertThat(TraceResponse.isEnabled()).isTrue();
    WeftConfig.set(new WeftConfig(Map.of("otel.instrumentation.http.server.emit-traceresponse", "false")));
    assertThat(TraceResponse.isEnabled()).isFalse();
  }
}
