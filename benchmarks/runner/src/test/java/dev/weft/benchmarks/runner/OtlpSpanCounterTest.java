package dev.weft.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpSpanCounterTest {
  private final List<String> seen = new ArrayList<>();

  @Test
  void visitsEverySpanWithItsServiceScopeKindAndName() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                resourceSpans("front", "dev.weft.servlet",
                    span("GET /order", Span.SpanKind.SPAN_KIND_SERVER),
                    span("SELECT orders", Span.SpanKind.SPAN_KIND_CLIENT)))
            .addResourceSpans(
                resourceSpans("downstream", "io.opentelemetry.tomcat-10.0",
                    span("GET /price", Span.SpanKind.SPAN_KIND_SERVER)))
            .build();

    int count = visit(request.toByteArray());

    assertThat(count).isEqualTo(3);
    assertThat(seen)
        .containsExactly(
            "front|dev.weft.servlet|SERVER|GET /order",
            "front|dev.weft.servlet|CLIENT|SELECT orders",
            "downstream|io.opentelemetry.tomcat-10.0|SERVER|GET /price");
  }

  @Test
  void findsTheResourceWhenItComesAfterTheSpans() throws Exception {
    ResourceSpans resourceSpans = resourceSpans("late", "scope", span("GET", Span.SpanKind.SPAN_KIND_CLIENT));
    // Field order on the wire: scope_spans (2) before resource (1).
    byte[] scopeSpans = ResourceSpans.newBuilder().addAllScopeSpans(resourceSpans.getScopeSpansList()).build()
        .toByteArray();
    byte[] resource = ResourceSpans.newBuilder().setResource(resourceSpans.getResource()).build().toByteArray();
    byte[] reordered = concat(scopeSpans, resource);
    assertThat(reordered.length).isLessThan(128); // fits the one-byte length written below
    // Generated code would normalise the order again, so the outer message is written by hand.
    byte[] request = concat(new byte[] {0x0a, (byte) reordered.length}, reordered);

    assertThat(visit(request)).isEqualTo(1);
    assertThat(seen).containsOnly("late|scope|CLIENT|GET");
  }

  @Test
  void aResourceWithoutServiceNameAndUnknownFieldsIsStillCounted() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(attribute("host.name", "box")))
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.37.0")
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(span("work", Span.SpanKind.SPAN_KIND_INTERNAL).toBuilder()
                                .setTraceId(ByteString.copyFrom(new byte[16]))
                                .setStartTimeUnixNano(123)
                                .addAttributes(attribute("k", "v"))
                                .setFlags(0x101)
                                .setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder().setMessage("x"))
                                .build())))
            .build();

    assertThat(visit(request.toByteArray())).isEqualTo(1);
    assertThat(seen).containsExactly(OtlpSpanCounter.UNKNOWN_SERVICE + "||INTERNAL|work");
  }

  @Test
  void anEmptyRequestHasNoSpans() throws Exception {
    assertThat(visit(new byte[0])).isZero();
  }

  @Test
  void truncatedOrGarbledBytesAreRejected() {
    byte[] valid =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("s", "x", span("GET", Span.SpanKind.SPAN_KIND_CLIENT)))
            .build()
            .toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
    assertThatThrownBy(() -> visit(truncated)).isInstanceOf(ProtoReader.MalformedException.class);
    assertThatThrownBy(() -> visit(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}))
        .isInstanceOf(ProtoReader.MalformedException.class);
    assertThatThrownBy(() -> visit(new byte[] {0x0b})) // wire type 3 (group): not OTLP
        .isInstanceOf(ProtoReader.MalformedException.class);
  }

  private int visit(byte[] bytes) throws ProtoReader.MalformedException {
    return OtlpSpanCounter.visit(bytes, 0, bytes.length,
        (service, scope, kind, name) -> seen.add(service + "|" + scope + "|" + kind + "|" + name));
  }

  static ResourceSpans resourceSpans(String service, String scope, Span... spans) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(attribute("telemetry.sdk.name", "opentelemetry"))
            .addAttributes(attribute("service.name", service)))
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName(scope).setVersion("1.0"))
            .addAllSpans(List.of(spans)))
        .build();
  }

  static Span span(String name, Span.SpanKind kind) {
    return Span.newBuilder().setName(name).setKind(kind).setSpanId(ByteString.copyFrom(new byte[8])).build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
