package dev.weft.exporter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleWaterfallExporterTest {
  /** Explicit span timestamps start here, so bar positions are exact. */
  private static final long T0 = TimeUnit.SECONDS.toNanos(1_700_000_000L);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final FakeClock clock = new FakeClock();
  private final List<SdkTracerProvider> providers = new ArrayList<>();

  @AfterEach
  void closeProviders() {
    providers.forEach(SdkTracerProvider::close);
  }

  private ConsoleWaterfallExporter exporter(int maxBuffered) {
    return new ConsoleWaterfallExporter(
        out, Duration.ofSeconds(30), maxBuffered, new WaterfallRenderer(), clock);
  }

  private Tracer tracer(SpanExporter exporter) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), "front"))))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    providers.add(provider);
    return provider.get("test");
  }

  /** Spans ended into this tracer are only collected, so a test can feed them in any order. */
  private final Collector collector = new Collector();

  private Tracer collectingTracer() {
    return tracer(collector);
  }

  private static Span start(Tracer tracer, String name, SpanKind kind, Span parent, long startMs) {
    var builder = tracer.spanBuilder(name).setSpanKind(kind).setStartTimestamp(T0 + ms(startMs), TimeUnit.NANOSECONDS);
    builder = parent == null ? builder.setNoParent() : builder.setParent(Context.root().with(parent));
    return builder.startSpan();
  }

  private static void end(Span span, long endMs) {
    span.end(T0 + ms(endMs), TimeUnit.NANOSECONDS);
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> lines() {
    String s = output();
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\R"));
  }

  /** The bar of a span line: what is between the two '|'. */
  private static String bar(String line) {
    int from = line.indexOf('|');
    return line.substring(from + 1, line.indexOf('|', from + 1));
  }

  /** Column where the span name starts: after the marker column and the indentation. */
  private static int nameColumn(String line) {
    int i = 1;
    while (line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  @Test
  void printsTreeInStartOrderWithIndentationAndProportionalBars() {
    Tracer tracer = tracer(exporter(10_000));
    Span root = start(tracer, "GET /orders/{id}", SpanKind.SERVER, null, 0);
    // Created out of start order on purpose: the waterfall sorts siblings by start time.
    Span later = start(tracer, "GET", SpanKind.CLIENT, root, 40);
    Span earlier = start(tracer, "SELECT orders", SpanKind.CLIENT, root, 10);
    Span grandchild = start(tracer, "connect", SpanKind.INTERNAL, earlier, 12);
    end(grandchild, 20);
    end(earlier, 30);
    end(later, 90);
    assertThat(output()).as("nothing printed before the root ends").isEmpty();
    end(root, 100);

    List<String> lines = lines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0))
        .startsWith("[weft] trace " + root.getSpanContext().getTraceId())
        .contains("service=front", "4 spans", "100.0 ms");
    assertThat(lines.subList(1, 5))
        .extracting(l -> l.substring(nameColumn(l)).split("  ")[0])
        .containsExactly("GET /orders/{id}", "SELECT orders", "connect", "GET");
    assertThat(lines.subList(1, 5))
        .extracting(ConsoleWaterfallExporterTest::nameColumn)
        .containsExactly(2, 4, 6, 4);
    assertThat(lines.get(1)).contains("SERVER", "100.0 ms");
    assertThat(lines.get(2)).contains("CLIENT", "20.0 ms");
    // 24 cells for 100 ms: 0.24 cells per ms, start rounded down, end rounded up.
    assertThat(bar(lines.get(1))).isEqualTo("#".repeat(24));
    assertThat(bar(lines.get(2))).isEqualTo("  ######" + " ".repeat(16)); // 10..30 ms: 2.4..7.2
    assertThat(bar(lines.get(3))).isEqualTo("  ###" + " ".repeat(19)); // 12..20 ms: 2.88..4.8
    assertThat(bar(lines.get(4))).isEqualTo(" ".repeat(9) + "#".repeat(13) + "  "); // 40..90 ms: 9.6..21.6
    // Columns line up whatever the depth.
    assertThat(lines.subList(1, 5)).extracting(l -> l.indexOf('|')).containsOnly(lines.get(1).indexOf('|'));
    assertThat(lines.subList(1, 5)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
  }

  @Test
  void showsKeyAttributesOfHttpAndDatabaseSpans() {
    Tracer tracer = tracer(exporter(10_000));
    Span root = start(tracer, "GET /orders/{id}", SpanKind.SERVER, null, 0);
    root.setAttribute("http.request.method", "GET");
    root.setAttribute("url.path", "/orders/42");
    root.setAttribute("http.route", "/orders/{id}");
    root.setAttribute("http.response.status_code", 200L);
    root.setAttribute("server.address", "front");
    Span db = start(tracer, "SELECT orders", SpanKind.CLIENT, root, 1);
    db.setAttribute("db.system.name", "postgresql");
    db.setAttribute("db.query.text", "SELECT *\n  FROM orders\n WHERE id = ?");
    db.setAttribute("server.address", "db");
    db.setAttribute("server.port", 5432L);
    end(db, 4);
    Span client = start(tracer, "GET", SpanKind.CLIENT, root, 10);
    client.setAttribute("http.request.method", "GET");
    client.setAttribute("url.full", "http://back:8081/prices");
    client.setAttribute("server.address", "back");
    client.setAttribute("http.response.status_code", 200L);
    end(client, 40);
    Span own = start(tracer, "price.compute", SpanKind.INTERNAL, root, 41);
    own.setAttribute("thread.name", "main");
    own.setAttribute("order.id", 42L);
    end(own, 45);
    Span rpc = start(tracer, "prices.Prices/Get", SpanKind.CLIENT, root, 46);
    rpc.setAttribute("rpc.system", "grpc");
    rpc.setAttribute("rpc.grpc.status_code", 0L);
    rpc.setAttribute("server.address", "back");
    rpc.setAttribute("server.port", 9090L);
    end(rpc, 47);
    end(root, 48);

    List<String> lines = lines();
    assertThat(lines.get(1)).endsWith("|  GET /orders/42 -> 200");
    // The address came last and did not fit in 120 columns: left out whole rather than cut to "db:...".
    assertThat(lines.get(2)).endsWith("|  postgresql  SELECT * FROM orders WHERE id = ?");
    assertThat(lines.get(3)).endsWith("|  http://back:8081/prices -> 200");
    assertThat(lines.get(4)).endsWith("|  order.id=42");
    assertThat(lines.get(5)).endsWith("|  grpc -> 0  back:9090");
  }

  @Test
  void errorSpansAreFlaggedWithTheirException() {
    Tracer tracer = tracer(exporter(10_000));
    Span root = start(tracer, "job", SpanKind.INTERNAL, null, 0);
    Span failing = start(tracer, "GET", SpanKind.CLIENT, root, 1);
    failing.setAttribute("http.request.method", "GET");
    failing.setAttribute("url.full", "http://back:8081/prices");
    failing.setAttribute("error.type", "java.io.IOException");
    failing.recordException(new IOException("connection refused"));
    failing.setStatus(StatusCode.ERROR, "connection refused");
    end(failing, 5);
    Span bare = start(tracer, "step", SpanKind.INTERNAL, root, 6);
    bare.setStatus(StatusCode.ERROR);
    end(bare, 7);
    end(root, 10);

    List<String> lines = lines();
    assertThat(lines.get(1)).startsWith("  job");
    assertThat(lines.get(2))
        .startsWith("!   GET")
        .contains("|  ERROR IOException: connection refused  http://back:8081/");
    assertThat(lines.get(3)).startsWith("!   step").endsWith("|  ERROR");
  }

  @Test
  void longNamesAndValuesAreTruncatedAndKeptOnOneLine() {
    Tracer tracer = tracer(exporter(10_000));
    Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
    Span child = start(tracer, "n".repeat(200) + "\nsecond line", SpanKind.CLIENT, root, 0);
    child.setAttribute("db.system.name", "postgresql");
    child.setAttribute("db.query.text", "SELECT a,\r\n\tb FROM t WHERE x IN (" + "?, ".repeat(300) + "?)");
    end(child, 5);
    end(root, 10);

    List<String> lines = lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).contains("nnn...  CLIENT").doesNotContain("second");
    assertThat(lines.get(2)).contains("postgresql  SELECT a, b FROM").endsWith("...");
    assertThat(lines.subList(1, 3)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
  }

  @Test
  void batchArrivingInAnyOrderIsAssembledIntoOneTree() {
    Tracer tracer = collectingTracer();
    Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
    Span child = start(tracer, "child", SpanKind.INTERNAL, root, 1);
    Span grandchild = start(tracer, "grandchild", SpanKind.INTERNAL, child, 2);
    end(grandchild, 3);
    end(child, 4);
    end(root, 5);
    List<SpanData> reversed = new ArrayList<>(collector.spans);
    Collections.reverse(reversed); // root first, then its descendants

    ConsoleWaterfallExporter exporter = exporter(10_000);
    assertThat(exporter.export(reversed).isSuccess()).isTrue();

    List<String> lines = lines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("3 spans");
    assertThat(lines.subList(1, 4)).extracting(ConsoleWaterfallExporterTest::nameColumn).containsExactly(2, 4, 6);
    assertThat(exporter.bufferedSpans()).isZero();
  }

  @Test
  void worksBehindABatchSpanProcessor() {
    ConsoleWaterfallExporter exporter = exporter(10_000);
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxExportBatchSize(2).build())
            .build();
    providers.add(provider);
    Tracer tracer = provider.get("test");
    Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
    for (int i = 0; i < 5; i++) {
      end(start(tracer, "child" + i, SpanKind.INTERNAL, root, i), i + 1);
    }
    end(root, 10);
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

    List<String> lines = lines();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).contains("6 spans");
    assertThat(lines.subList(2, 7)).allSatisfy(l -> assertThat(nameColumn(l)).isEqualTo(4));
  }

  @Test
  void childEndingAfterItsRootIsPrintedAsLateFollowUp() {
    Tracer tracer = tracer(exporter(10_000));
    Span root = start(tracer, "GET /orders/{id}", SpanKind.SERVER, null, 0);
    Span async = start(tracer, "audit.write", SpanKind.INTERNAL, root, 50);
    end(root, 100);
    assertThat(lines()).hasSize(2);

    Span nested = start(tracer, "INSERT audit", SpanKind.CLIENT, async, 60);
    end(nested, 150);
    assertThat(lines()).as("its parent is not printed yet: it waits").hasSize(2);
    Span notify = start(tracer, "notify", SpanKind.PRODUCER, async, 190);
    end(async, 200);

    List<String> lines = lines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).contains("+2 late spans, ended after \"GET /orders/{id}\" was printed");
    assertThat(lines.get(3)).startsWith("  audit.write");
    assertThat(lines.get(4)).startsWith("    INSERT audit");
    // Placed on the trace's time axis, 0..200 ms: 50..200 ms is cells 6..24.
    assertThat(bar(lines.get(3))).isEqualTo(" ".repeat(6) + "#".repeat(18));

    end(notify, 210);
    lines = lines();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(5)).contains("+1 late span,");
    assertThat(lines.get(6)).startsWith("  notify");
  }

  @Test
  void lateSpanWaitingForLateParentIsPrintedWithIt() {
    Tracer tracer = collectingTracer();
    Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
    Span async = start(tracer, "async", SpanKind.INTERNAL, root, 1);
    Span nested = start(tracer, "nested", SpanKind.INTERNAL, async, 2);
    end(root, 5);
    end(nested, 8);
    end(async, 9);
    ConsoleWaterfallExporter exporter = exporter(10_000);
    exporter.export(List.of(collector.spans.get(0)));
    exporter.export(List.of(collector.spans.get(1)));
    assertThat(exporter.bufferedSpans()).isEqualTo(1);
    exporter.export(List.of(collector.spans.get(2)));

    List<String> lines = lines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).contains("+2 late spans");
    assertThat(lines.subList(3, 5)).extracting(ConsoleWaterfallExporterTest::nameColumn).containsExactly(2, 4);
    assertThat(exporter.bufferedSpans()).isZero();
  }

  @Test
  void remoteParentMakesALocalRoot() {
    Tracer tracer = tracer(exporter(10_000));
    SpanContext remote =
        SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    Span server =
        tracer.spanBuilder("GET /prices")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(Span.wrap(remote)))
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .startSpan();
    end(server, 7);

    List<String> lines = lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("[weft] trace 4bf92f3577b34da6a3ce929d0e0e4736")
        .contains("1 span  7.0 ms", "(continues remote parent 00f067aa0ba902b7)");
  }

  @Test
  void eachLocalRootOfOneTracePrintsItsOwnSubtree() {
    // Two services in one JVM: "back" received the call "front" made, through a propagated context.
    Tracer tracer = tracer(exporter(10_000));
    Span front = start(tracer, "GET /orders", SpanKind.SERVER, null, 0);
    Span call = start(tracer, "GET", SpanKind.CLIENT, front, 10);
    SpanContext propagated =
        SpanContext.createFromRemoteParent(
            call.getSpanContext().getTraceId(), call.getSpanContext().getSpanId(),
            TraceFlags.getSampled(), TraceState.getDefault());
    Span back =
        tracer.spanBuilder("GET /prices").setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(Span.wrap(propagated)))
            .setStartTimestamp(T0 + ms(12), TimeUnit.NANOSECONDS).startSpan();
    end(start(tracer, "SELECT prices", SpanKind.CLIENT, back, 13), 15);
    end(back, 18);
    assertThat(lines()).hasSize(3);
    end(call, 20);
    end(front, 30);

    List<String> lines = lines();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).contains("2 spans", "continues remote parent " + call.getSpanContext().getSpanId());
    assertThat(lines.get(1)).contains("GET /prices");
    assertThat(lines.get(3)).contains("2 spans").doesNotContain("remote");
    assertThat(lines.get(4)).contains("GET /orders");
    assertThat(lines.get(5)).contains("  GET  ");
  }

  @Test
  void traceWithoutRootIsPrintedIncompleteAfterTimeout() {
    Tracer tracer = collectingTracer();
    Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
    end(start(tracer, "orphan", SpanKind.INTERNAL, root, 1), 2);
    Span other = start(tracer, "other", SpanKind.SERVER, null, 0);
    end(other, 1);
    ConsoleWaterfallExporter exporter = exporter(10_000);

    exporter.export(List.of(collector.spans.get(0)));
    clock.advance(Duration.ofSeconds(29));
    exporter.export(List.of());
    assertThat(output()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    exporter.export(List.of(collector.spans.get(1)));

    List<String> lines = lines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("1 span", "INCOMPLETE: no local root within 30.0 s");
    assertThat(lines.get(1)).contains("orphan");
    assertThat(lines.get(2)).contains("1 span").doesNotContain("INCOMPLETE");
    assertThat(exporter.bufferedSpans()).isZero();
  }

  @Test
  void oldestTraceIsEvictedWhenTheBufferIsFull() {
    Tracer tracer = collectingTracer();
    Span first = start(tracer, "first", SpanKind.SERVER, null, 0);
    end(start(tracer, "a1", SpanKind.INTERNAL, first, 1), 2);
    end(start(tracer, "a2", SpanKind.INTERNAL, first, 2), 3);
    Span second = start(tracer, "second", SpanKind.SERVER, null, 0);
    end(start(tracer, "b1", SpanKind.INTERNAL, second, 1), 2);
    end(start(tracer, "b2", SpanKind.INTERNAL, second, 1), 2);
    ConsoleWaterfallExporter exporter = exporter(3);

    exporter.export(collector.spans.subList(0, 2));
    exporter.export(collector.spans.subList(2, 3));
    assertThat(output()).isEmpty();
    exporter.export(collector.spans.subList(3, 4));

    List<String> lines = lines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .contains(first.getSpanContext().getTraceId(), "2 spans", "INCOMPLETE: evicted, more than 3 spans");
    assertThat(exporter.bufferedSpans()).isEqualTo(2);
  }

  @Test
  void flushAndShutdownPrintWhatIsBuffered() {
    Tracer tracer = collectingTracer();
    Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
    end(start(tracer, "a", SpanKind.INTERNAL, root, 1), 2);
    end(start(tracer, "b", SpanKind.INTERNAL, root, 3), 4);
    ConsoleWaterfallExporter exporter = exporter(10_000);

    exporter.export(collector.spans.subList(0, 1));
    assertThat(exporter.flush().isSuccess()).isTrue();
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(0)).contains("INCOMPLETE: local root had not ended at flush");

    exporter.export(collector.spans.subList(1, 2));
    assertThat(exporter.shutdown().isSuccess()).isTrue();
    assertThat(lines()).hasSize(4);
    assertThat(lines().get(2)).contains("INCOMPLETE: local root had not ended at shutdown");
    assertThat(exporter.export(collector.spans).isSuccess()).isFalse();
    assertThat(exporter.shutdown().isSuccess()).isTrue();
  }

  @Test
  void hugeTraceIsCutShort() {
    Tracer tracer = tracer(exporter(10_000));
    Span root = start(tracer, "loop", SpanKind.INTERNAL, null, 0);
    for (int i = 0; i < 600; i++) {
      end(start(tracer, "step", SpanKind.INTERNAL, root, 1), 2);
    }
    end(root, 3);

    List<String> lines = lines();
    assertThat(lines.get(0)).contains("601 spans");
    assertThat(lines).hasSize(1 + WaterfallRenderer.MAX_SPAN_LINES + 1);
    assertThat(lines.get(lines.size() - 1)).isEqualTo("  ... 101 more spans not shown");
  }

  @Test
  void neverThrowsOutOfExport() {
    ConsoleWaterfallExporter exporter = exporter(10_000);
    CompletableResultCode result = exporter.export(Collections.singletonList(null));
    assertThat(result.isSuccess()).isFalse();
  }

  @Test
  void formatsDurationsCompactly() {
    assertThat(WaterfallRenderer.formatDuration(850_000)).isEqualTo("850 us");
    assertThat(WaterfallRenderer.formatDuration(ms(48) + 200_000)).isEqualTo("48.2 ms");
    assertThat(WaterfallRenderer.formatDuration(ms(1250))).isEqualTo("1.25 s");
    assertThat(WaterfallRenderer.formatDuration(ms(42_000))).isEqualTo("42.0 s");
    assertThat(WaterfallRenderer.formatDuration(ms(125_000))).isEqualTo("2m05s");
  }

  @Test
  void showcase() {
    Tracer tracer = tracer(exporter(10_000));
    Span root = start(tracer, "GET /orders/{id}", SpanKind.SERVER, null, 0);
    root.setAttribute("http.request.method", "GET");
    root.setAttribute("url.path", "/orders/42");
    root.setAttribute("http.response.status_code", 200L);
    Span handler = start(tracer, "OrderController.get", SpanKind.INTERNAL, root, 1);
    Span db = start(tracer, "SELECT orders", SpanKind.CLIENT, handler, 2);
    db.setAttribute("db.system.name", "postgresql");
    db.setAttribute("db.query.text", "SELECT * FROM orders WHERE id = ?");
    db.setAttribute("server.address", "db");
    db.setAttribute("server.port", 5432L);
    end(db, 5);
    Span prices = start(tracer, "GET", SpanKind.CLIENT, handler, 6);
    prices.setAttribute("http.request.method", "GET");
    prices.setAttribute("url.full", "http://back:8081/prices?order=42");
    prices.setAttribute("http.response.status_code", 200L);
    end(prices, 36);
    Span stock = start(tracer, "GET", SpanKind.CLIENT, handler, 37);
    stock.setAttribute("http.request.method", "GET");
    stock.setAttribute("url.full", "http://stock:8082/items/42");
    stock.setAttribute("error.type", "java.net.ConnectException");
    stock.recordException(new java.net.ConnectException("Connection refused"));
    stock.setStatus(StatusCode.ERROR);
    end(stock, 39);
    end(handler, 46);
    end(root, 48);
    System.out.print(output());
    assertThat(lines()).hasSize(6);
  }

  static final class FakeClock implements Clock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }

    @Override
    public long now() {
      return T0 + nanos.get();
    }

    @Override
    public long nanoTime() {
      return nanos.get();
    }
  }

  static final class Collector implements SpanExporter {
    final List<SpanData> spans = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
