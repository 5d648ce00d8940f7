package dev.weft.testing;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static dev.weft.testing.ReceivedSpan.Kind.SERVER;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The assertions pass and fail when they should, and their failures explain themselves. */
class SpanAssertTest {
  private static final String TRACE_1 = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACE_2 = "4bf92f3577b34da6a3ce929d0e0e4736";

  // trace 1: server -> client; trace 2: a lone internal span
  private final List<ReceivedSpan> spans =
      ReceivedSpan.fromRequest(
          request(
              span(TRACE_1, "00f067aa0ba902b7", "", "GET /items", Span.SpanKind.SPAN_KIND_SERVER)
                  .addAttributes(kv("http.response.status_code", AnyValue.newBuilder().setIntValue(200)))
                  .addAttributes(kv("http.route", AnyValue.newBuilder().setStringValue("/items")))
                  .build(),
              span(TRACE_1, "b7ad6b7169203331", "00f067aa0ba902b7", "GET", Span.SpanKind.SPAN_KIND_CLIENT)
                  .addAttributes(kv("http.response.status_code", AnyValue.newBuilder().setStringValue("200")))
                  .addAttributes(kv("sample.ratio", AnyValue.newBuilder().setDoubleValue(0.1)))
                  .addAttributes(kv("sample.ids", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                      .addValues(AnyValue.newBuilder().setIntValue(1))
                      .addValues(AnyValue.newBuilder().setIntValue(2)))))
                  .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("bad"))
                  .addEvents(Span.Event.newBuilder().setName("exception")
                      .addAttributes(kv("exception.type", AnyValue.newBuilder().setStringValue("java.io.IOException")))
                      .addAttributes(kv("exception.message", AnyValue.newBuilder().setStringValue("reset"))))
                  .build(),
              span(TRACE_2, "c7ad6b7169203331", "", "work", Span.SpanKind.SPAN_KIND_INTERNAL).build()));

  private final ReceivedSpan server = spans.get(0);
  private final ReceivedSpan client = spans.get(1);

  @Test
  void matchesRequirementsToSpansInAnyOrder() {
    assertThat(spans)
        .hasSpanCount(3)
        .hasTraceCount(2)
        .hasSpansSatisfyingExactly(
            span -> span.hasName("work").hasKind(INTERNAL).hasNoParent(),
            span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("GET /items").hasParent(server),
            span -> span.hasName("GET /items").hasKind(SERVER).hasNoParent());
  }

  @Test
  void findsTheOneToOneAssignmentWhenRequirementsOverlap() {
    // The first requirement accepts either trace-1 span; the second only the server span.
    assertThat(spans)
        .containsSpansSatisfying(
            span -> span.hasTraceId(TRACE_1),
            span -> span.hasKind(SERVER));
  }

  @Test
  void explainsWhichRequirementMatchedNothingAndWhy() {
    assertThatThrownBy(
            () -> assertThat(spans)
                .as("checkout trace")
                .hasSpansSatisfyingExactly(
                    span -> span.hasName("GET /items"),
                    span -> span.hasName("GET").hasAttribute("http.response.status_code", 200),
                    span -> span.hasName("work")))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("[checkout trace] expected 3 spans, one for each requirement in any order, but not every requirement has its own:")
        .hasMessageContaining("requirement #1 matched \"GET /items\" SERVER")
        .hasMessageContaining("requirement #2 matched no span:")
        .hasMessageContaining("expected name \"GET\" but was \"GET /items\"")
        .hasMessageContaining("expected attribute http.response.status_code = 200 (Integer) but was \"200\" (String)")
        .hasMessageContaining("received spans (3):")
        .hasMessageContaining("  trace " + TRACE_1 + " (2 spans)\n    - \"GET /items\" SERVER")
        .hasMessageContaining("\n      - \"GET\" CLIENT");
  }

  @Test
  void exactlyRejectsExtraSpans() {
    assertThatThrownBy(
            () -> assertThat(spans).hasSpansSatisfyingExactly(span -> span.hasName("work")))
        .hasMessageContaining("expected exactly 1 spans, one for each requirement, but received 3:")
        .hasMessageContaining("unexpected: \"GET /items\" SERVER")
        .hasMessageContaining("unexpected: \"GET\" CLIENT");
    assertThat(spans).containsSpansSatisfying(span -> span.hasName("work"));
  }

  @Test
  void sayWhenTwoRequirementsCompeteForOneSpan() {
    assertThatThrownBy(
            () -> assertThat(spans).containsSpansSatisfying(
                span -> span.hasName("work"), span -> span.hasKind(INTERNAL)))
        .hasMessageContaining("has no span of its own")
        .hasMessageContaining("matches, but is taken by another requirement");
  }

  @Test
  void groupsSpansIntoTraces() {
    assertThat(spans)
        .hasTracesSatisfyingExactly(
            trace -> trace.hasSpanCount(1).spanNamed("work").hasKind(INTERNAL),
            trace -> trace.hasSpansSatisfyingExactly(
                span -> span.hasName("GET /items"), span -> span.hasName("GET").hasParentNamed("GET /items")));

    assertThatThrownBy(
            () -> assertThat(spans).hasTracesSatisfyingExactly(trace -> trace.hasSpanCount(2)))
        .hasMessageContaining("expected exactly 1 traces, one for each requirement, but received 2:")
        .hasMessageContaining("unexpected: trace " + TRACE_2 + " (1 spans)");
  }

  @Test
  void comparesAttributeValuesByOtlpType() {
    SpanAssert.assertThat(server)
        .hasAttribute("http.response.status_code", 200)
        .hasAttribute("http.response.status_code", 200L)
        .hasAttribute("http.response.status_code", (short) 200)
        .hasAttribute("http.route", "/items")
        .hasAttribute("http.route");
    SpanAssert.assertThat(client)
        .hasAttribute("sample.ratio", 0.1)
        .hasAttribute("sample.ratio", 0.1f)
        .hasAttribute("sample.ids", List.of(1, 2))
        .hasAttribute("sample.ids", new long[] {1, 2})
        .hasAttribute("sample.ids", new int[] {1, 2});

    assertThatThrownBy(() -> SpanAssert.assertThat(client).hasAttribute("http.response.status_code", 200))
        .hasMessageStartingWith("expected attribute http.response.status_code = 200 (Integer) but was \"200\" (String)")
        .hasMessageContaining("span: \"GET\" CLIENT");
    assertThatThrownBy(() -> SpanAssert.assertThat(server).hasAttribute("http.route", 1.0))
        .hasMessageStartingWith("expected attribute http.route = 1.0 (Double)");
    assertThatThrownBy(() -> SpanAssert.assertThat(client).hasAttribute("sample.ids", List.of(1, 2, 3)))
        .hasMessageStartingWith("expected attribute sample.ids = [1, 2, 3] (List) but was [1, 2] (List)");
    assertThatThrownBy(() -> SpanAssert.assertThat(server).hasAttribute("missing", "x"))
        .hasMessageStartingWith(
            "expected attribute missing = \"x\" (String) but there is none; keys: [http.response.status_code, http.route]");
    assertThatThrownBy(() -> SpanAssert.assertThat(server).doesNotHaveAttribute("http.route"))
        .hasMessageStartingWith("expected no attribute http.route but it is \"/items\" (String)");
    assertThatThrownBy(
            () -> SpanAssert.assertThat(server)
                .hasAttributeSatisfying("http.route", v -> assertThat(v).asString().startsWith("/users")))
        .hasMessageStartingWith("attribute http.route = \"/items\" (String) does not satisfy the requirement:")
        .hasMessageContaining("/users");
  }

  @Test
  void statusParentsAndExceptions() {
    SpanAssert.assertThat(client)
        .hasStatus(ERROR)
        .hasStatus(ERROR, "bad")
        .hasParentSpanId(server.spanId())
        .hasException("java.io.IOException")
        .hasException(java.io.IOException.class)
        .hasException("java.io.IOException", "reset")
        .hasEventSatisfying("exception", e -> assertThat(e.attribute("exception.message")).isEqualTo("reset"));

    assertThatThrownBy(() -> SpanAssert.assertThat(client).hasException(IllegalStateException.class))
        .hasMessageStartingWith(
            "expected an exception event of type java.lang.IllegalStateException but there are [java.io.IOException: \"reset\"]");
    assertThatThrownBy(() -> SpanAssert.assertThat(client).hasNoException())
        .hasMessageStartingWith("expected no exception event");
    assertThatThrownBy(() -> SpanAssert.assertThat(client).hasNoParent())
        .hasMessageStartingWith("expected no parent but parent is " + server.spanId() + ", which is not among the received spans");
    assertThatThrownBy(() -> assertThat(spans).spanNamed("GET").hasNoParent())
        .hasMessageStartingWith("expected no parent but parent is \"GET /items\" (span " + server.spanId() + ")")
        .hasMessageContaining("received spans (3)");
    assertThatThrownBy(() -> SpanAssert.assertThat(server).hasStatus(ERROR))
        .hasMessageStartingWith("expected status ERROR but was UNSET");
  }

  @Test
  void spanNamedWantsExactlyOne() {
    assertThatThrownBy(() -> assertThat(spans).spanNamed("nope"))
        .hasMessageStartingWith("expected exactly one span named \"nope\" but found 0");
    assertThat(spans).doesNotHaveSpanNamed("nope");
    assertThatThrownBy(() -> assertThat(spans).doesNotHaveSpanNamed("work"))
        .hasMessageStartingWith("expected no span named \"work\"");
  }

  @Test
  void allSpansSatisfyNamesTheSpansThatDoNot() {
    assertThat(spans).allSpansSatisfy(span -> span.hasScopeName("test-scope").hasResourceAttribute("service.name", "svc"));
    assertThatThrownBy(() -> assertThat(spans).allSpansSatisfy(span -> span.hasNoParent()))
        .hasMessageContaining("expected every span to satisfy the requirement, but 1 did not:")
        .hasMessageContaining("  - \"GET\" CLIENT");
  }

  @Test
  void typedAccessorsRefuseTheWrongType() {
    assertThat(server.longAttribute("http.response.status_code")).isEqualTo(200L);
    assertThatThrownBy(() -> client.longAttribute("http.response.status_code"))
        .hasMessageStartingWith("attribute http.response.status_code is \"200\" (String), not a Long");
  }

  @Test
  void longValuesAreCutShortInMessages() {
    String longValue = "x".repeat(500);
    ReceivedSpan span =
        ReceivedSpan.fromRequest(
                request(span(TRACE_1, "00f067aa0ba902b7", "", "s", Span.SpanKind.SPAN_KIND_INTERNAL)
                    .addAttributes(kv("big", AnyValue.newBuilder().setStringValue(longValue + "\nline2")))
                    .build()))
            .get(0);
    assertThat(span.toString()).contains("...(506 chars)").doesNotContain("\n").hasSizeLessThan(400);
    assertThat(span.stringAttribute("big")).startsWith(longValue);
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", AnyValue.newBuilder().setStringValue("svc"))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("test-scope").setVersion("1.0"))
                        .addAllSpans(List.of(spans))))
        .build();
  }

  private static Span.Builder span(String traceId, String spanId, String parentId, String name, Span.SpanKind kind) {
    HexFormat hex = HexFormat.of();
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(hex.parseHex(traceId)))
        .setSpanId(ByteString.copyFrom(hex.parseHex(spanId)))
        .setParentSpanId(ByteString.copyFrom(hex.parseHex(parentId)))
        .setName(name)
        .setKind(kind)
        .setStartTimeUnixNano(1_000)
        .setEndTimeUnixNano(2_000);
  }

  private static KeyValue kv(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
