package dev.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adapter and the rendering, on a hand-built two-service trace encoded by the SDK's own OTLP
 * marshaler (what the agent sends): the shape the demo prints once servlet and JDBC spans exist.
 */
class TraceWaterfallsTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final Resource FRONT = service("shop-front");
  private static final Resource BACK = service("shop-back");

  // shop-front: SERVER -> JDBC, SERVER -> HTTP CLIENT; shop-back: SERVER (child of that CLIENT) -> JDBC,
  // and a failed call to the warehouse.
  private static final ReceivedSpanData FRONT_SERVER =
      span(FRONT, "1000000000000001", "", "GET /products/*", SpanKind.SERVER, 0, 48,
          Attributes.builder()
              .put("http.request.method", "GET")
              .put("url.path", "/products/1")
              .put("http.route", "/products/*")
              .put("http.response.status_code", 200L)
              .build());
  private static final ReceivedSpanData FRONT_JDBC =
      span(FRONT, "1000000000000002", "1000000000000001", "SELECT shop_products", SpanKind.CLIENT, 2, 5,
          Attributes.builder()
              .put("db.system.name", "h2")
              .put("db.query.text", "SELECT name, price_cents FROM shop_products WHERE id = ?")
              .build());
  private static final ReceivedSpanData FRONT_CLIENT =
      span(FRONT, "1000000000000003", "1000000000000001", "GET", SpanKind.CLIENT, 6, 40,
          Attributes.builder()
              .put("http.request.method", "GET")
              .put("url.full", "http://127.0.0.1:8081/stock/1")
              .put("http.response.status_code", 200L)
              .build());
  private static final ReceivedSpanData BACK_SERVER =
      span(BACK, "2000000000000001", "1000000000000003", "GET /stock/*", SpanKind.SERVER, 10, 38,
              Attributes.builder()
                  .put("http.request.method", "GET")
                  .put("url.path", "/stock/1")
                  .put("http.response.status_code", 200L)
                  .build())
          .withParentRemote(true); // as the back's own SDK sees it: the parent came in a traceparent header
  private static final ReceivedSpanData BACK_JDBC =
      span(BACK, "2000000000000002", "2000000000000001", "SELECT shop_stock", SpanKind.CLIENT, 12, 15,
          Attributes.builder()
              .put("db.system.name", "h2")
              .put("db.query.text", "SELECT quantity FROM shop_stock WHERE product_id = ?")
              .build());
  private static final ReceivedSpanData BACK_FAILED_CALL =
      new ReceivedSpanData(TRACE, "2000000000000003", "2000000000000001", false, "GET", SpanKind.CLIENT,
          StatusData.create(StatusCode.ERROR, ""), T0 + ms(20), T0 + ms(30),
          Attributes.builder()
              .put("http.request.method", "GET")
              .put("url.full", "http://127.0.0.1:8082/restock/1")
              .put("error.type", "java.net.ConnectException")
              .put(AttributeKey.stringArrayKey("http.request.header.accept"), List.of("application/json"))
              .put("weft.test.ratio", 0.5)
              .put("weft.test.flag", true)
              .build(),
          6,
          List.of(EventData.create(T0 + ms(30), "exception",
              Attributes.of(AttributeKey.stringKey("exception.type"), "java.net.ConnectException",
                  AttributeKey.stringKey("exception.message"), "Connection refused"), 2)),
          1,
          List.of(LinkData.create(FRONT_SERVER.getSpanContext())),
          1,
          BACK,
          InstrumentationScopeInfo.builder("dev.weft.http-url-connection").setVersion("0.1.0").build());

  private static final List<ReceivedSpanData> ALL =
      List.of(FRONT_SERVER, FRONT_JDBC, FRONT_CLIENT, BACK_SERVER, BACK_JDBC, BACK_FAILED_CALL);

  @Test
  void spansSurviveTheAgentsOtlpEncodingUnchanged() throws Exception {
    List<ReceivedSpanData> received = OtlpSpans.fromRequest(encode(ALL));

    List<ReceivedSpanData> expected = new ArrayList<>();
    ALL.forEach(s -> expected.add(s.withParentRemote(false))); // OTLP's parent is an id; linking decides
    assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
    ReceivedSpanData failed = received.stream().filter(s -> s.spanId().equals("2000000000000003")).findFirst().orElseThrow();
    assertThat(failed.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.accept")))
        .containsExactly("application/json");
    assertThat(failed.getTotalAttributeCount()).isEqualTo(6);
    assertThat(failed.getInstrumentationScopeInfo().getVersion()).isEqualTo("0.1.0");
    assertThat(failed.serviceName()).isEqualTo("shop-back");
  }

  @Test
  void twoServicesRenderAsOneWaterfallNestedByParentId() throws Exception {
    // Arrival order as it happens: the back's batch first (it ends first), then the front's.
    List<ReceivedSpanData> arrived = new ArrayList<>();
    arrived.addAll(OtlpSpans.fromRequest(encode(List.of(BACK_FAILED_CALL, BACK_JDBC, BACK_SERVER))));
    arrived.addAll(OtlpSpans.fromRequest(encode(List.of(FRONT_CLIENT, FRONT_JDBC, FRONT_SERVER))));

    List<List<ReceivedSpanData>> traces = TraceWaterfalls.traces(arrived);
    assertThat(traces).hasSize(1);
    String[] lines = TraceWaterfalls.render(traces.get(0)).split(System.lineSeparator());

    assertThat(lines).hasSize(8);
    assertThat(lines[0]).isEqualTo("[weft] trace " + TRACE + "  service=shop-front  6 spans  48.0 ms");
    assertThat(lines[1]).startsWith("  GET /products/*          SERVER    48.0 ms  |########################|");
    assertThat(lines[2]).startsWith("    SELECT shop_products   CLIENT     3.0 ms  | ##                     |  h2");
    assertThat(lines[3]).startsWith("    GET                    CLIENT    34.0 ms  |   #################    |");
    assertThat(lines[3]).endsWith("http://127.0.0.1:8081/stock/1 -> 200");
    assertThat(lines[4]).startsWith("      GET /stock/*         SERVER    28.0 ms  |     ##############     |");
    assertThat(lines[5]).startsWith("        SELECT shop_stoc");
    assertThat(lines[5]).contains("CLIENT", "h2  SELECT quantity FROM shop_stock");
    assertThat(lines[6]).startsWith("!       GET ");
    assertThat(lines[6]).contains("ERROR ConnectException: Connection refused");
    assertThat(lines[7]).isEqualTo("  services: shop-front (3 spans) shop-back (3 spans)");
  }

  @Test
  void withoutLinkingTheCalleeWouldBeASecondWaterfall() throws Exception {
    // What the console exporter does with the back's spans as the back's SDK reports them: its SERVER
    // span has a remote parent, so it starts a tree of its own. traces() is what joins the two.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var exporter = new dev.weft.exporter.console.ConsoleWaterfallExporter(new java.io.PrintStream(out, true));
    exporter.export(new ArrayList<SpanData>(ALL));
    exporter.shutdown();
    assertThat(out.toString().split("\\[weft\\] trace ", -1)).hasSize(3);

    String joined = TraceWaterfalls.render(TraceWaterfalls.traces(ALL).get(0));
    assertThat(joined.split("\\[weft\\] trace ", -1)).hasSize(2);
  }

  @Test
  void aParentThatNeverArrivedKeepsItsChildAsTheHeadOfItsOwnTree() throws Exception {
    // The front's spans were lost (say its export failed): the back's tree is still shown, marked.
    List<ReceivedSpanData> arrived = OtlpSpans.fromRequest(encode(List.of(BACK_SERVER, BACK_JDBC)));
    List<List<ReceivedSpanData>> traces = TraceWaterfalls.traces(arrived);

    String[] lines = TraceWaterfalls.render(traces.get(0)).split(System.lineSeparator());
    assertThat(lines[0]).endsWith("service=shop-back  2 spans  28.0 ms  (continues remote parent 1000000000000003)");
    assertThat(lines[1]).startsWith("  GET /stock/*");
    assertThat(lines[2]).startsWith("    SELECT shop_stock");
    assertThat(lines).hasSize(3); // one service: no services line
  }

  @Test
  void aSpanReceivedTwiceIsShownOnceAndTracesComeInStartOrder() throws Exception {
    ReceivedSpanData laterRoot =
        new ReceivedSpanData("1af7651916cd43dd8448eb211c80319c", "3000000000000001", "", false, "GET /bestsellers",
            SpanKind.SERVER, StatusData.error(), T0 + ms(100), T0 + ms(110), Attributes.empty(), 0, List.of(), 0,
            List.of(), 0, FRONT, InstrumentationScopeInfo.create("dev.weft.servlet"));
    List<ReceivedSpanData> arrived = new ArrayList<>();
    arrived.add(laterRoot);
    arrived.addAll(OtlpSpans.fromRequest(encode(ALL)));
    arrived.addAll(OtlpSpans.fromRequest(encode(List.of(BACK_JDBC)))); // an exporter retry
    Collections.shuffle(arrived);

    List<List<ReceivedSpanData>> traces = TraceWaterfalls.traces(arrived);
    assertThat(traces).hasSize(2);
    assertThat(traces.get(0)).hasSize(6);
    assertThat(traces.get(1)).containsExactly(laterRoot);
    assertThat(TraceWaterfalls.render(traces.get(1))).startsWith("[weft] trace 1af7651916cd43dd8448eb211c80319c  service=shop-front  1 span  10.0 ms");
    assertThat(Demo.summary(traces, 2))
        .isEqualTo("2 traces, 7 spans from shop-back and shop-front; 1 trace crosses from one service to the"
            + " other. Not shown: 2 traces of the services' start-up (creating and filling their tables).");
  }

  private static ExportTraceServiceRequest encode(List<? extends SpanData> spans) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(new ArrayList<SpanData>(spans)).writeBinaryTo(bytes);
    return ExportTraceServiceRequest.parseFrom(bytes.toByteArray());
  }

  private static ReceivedSpanData span(
      Resource resource, String spanId, String parentId, String name, SpanKind kind, long startMs, long endMs,
      Attributes attributes) {
    return new ReceivedSpanData(TRACE, spanId, parentId, false, name, kind, StatusData.unset(), T0 + ms(startMs),
        T0 + ms(endMs), attributes, attributes.size(), List.of(), 0, List.of(), 0, resource,
        InstrumentationScopeInfo.create("dev.weft.test"));
  }

  private static Resource service(String name) {
    return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name,
        AttributeKey.stringKey("telemetry.sdk.language"), "java"));
  }

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }
}
