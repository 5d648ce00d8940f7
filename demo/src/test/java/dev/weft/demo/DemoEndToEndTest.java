package dev.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo as {@code demo/run} does, with the real agent jar and both services in their own JVMs,
 * and checks what it printed.
 *
 * <p>The agent must report the servlet, JDBC and HttpURLConnection instrumentations at start-up (its
 * "[weft] Weft ... | instrumentations ..." line); the test requires the SERVER, JDBC and CLIENT spans and
 * one trace per request, nested across the two services.
 */
class DemoEndToEndTest {
  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

  @Test
  void printsOneWaterfallPerTraceWithTheSpansOfBothServices() throws Exception {
    Path logDir = Paths.get(System.getProperty("basedir", "."), "target", "demo-logs");
    Demo.Options options =
        new Demo.Options(
            Paths.get(System.getProperty("weft.agent.jar")),
            System.getProperty("demo.shop.classpath"),
            null,
            logDir,
            Paths.get(System.getProperty("java.home")));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("OTEL_")); // the build's own must not leak in

    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Demo.Result result = Demo.run(options, env, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);

    assertThat(result.answers())
        .extracting(a -> a.call().path() + " " + a.status())
        .containsExactly("/products/1 200", "/products/2 200", "/products/42 404", "/bestsellers 500");
    assertThat(result.servicesStoppedCleanly()).isTrue();
    assertThat(result.ok()).isTrue();

    Set<String> instrumentations = instrumentations(logDir.resolve("shop-front.log"));
    assertThat(instrumentations(logDir.resolve("shop-back.log"))).isEqualTo(instrumentations);
    // The demo is there to show server, database and client spans: a missing module fails here.
    assertThat(instrumentations).contains("http-url-connection", "servlet", "jdbc");
    boolean servlet = true;
    boolean jdbc = true;

    List<ReceivedSpanData> spans = new ArrayList<>();
    result.traces().forEach(spans::addAll);
    assertThat(sorted(spans)).as("spans of the requests, with %s", instrumentations)
        .isEqualTo(expectedSpans(servlet, jdbc));

    // Each trace is printed once, as one waterfall, with every one of its spans on it.
    assertThat(printed.split("\\[weft\\] trace ", -1)).hasSize(result.traces().size() + 1);
    for (List<ReceivedSpanData> trace : result.traces()) {
      assertThat(printed).contains(TraceWaterfalls.render(trace));
      assertThat(printed).contains("[weft] trace " + trace.get(0).traceId() + "  service=");
      for (ReceivedSpanData span : trace) {
        // Linked within the trace: no span is left pointing at a parent that did not arrive.
        assertThat(span.parentId().isEmpty() || trace.stream().anyMatch(p -> p.spanId().equals(span.parentId())))
            .as("parent of %s is in its trace", span)
            .isTrue();
      }
    }
    assertThat(result.startupTraces() > 0).as("start-up traces (schema set-up) exist and are hidden").isEqualTo(jdbc);

    // What HttpURLConnection gives today: front -> back, and back -> the offline warehouse.
    assertThat(clientCall(spans, "shop-front", "/stock/1").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    ReceivedSpanData warehouse = clientCall(spans, "shop-back", "/restock/2");
    assertThat(warehouse.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(printed).contains("ERROR ConnectException");

    if (servlet) {
      // One trace per request, each rooted at shop-front's SERVER span; the back's SERVER span is the child
      // of the front's CLIENT span, across the two JVMs.
      assertThat(result.traces()).hasSize(Demo.CALLS.size());
      for (List<ReceivedSpanData> trace : result.traces()) {
        ReceivedSpanData root = trace.stream().filter(s -> s.parentId().isEmpty()).findFirst().orElseThrow();
        assertThat(root.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.serviceName()).isEqualTo("shop-front");
      }
      for (String id : List.of("1", "2")) {
        ReceivedSpanData call = clientCall(spans, "shop-front", "/stock/" + id);
        ReceivedSpanData backServer = server(spans, "shop-back", "/stock/" + id);
        assertThat(backServer.parentId()).isEqualTo(call.spanId());
        assertThat(call.parentId()).isEqualTo(server(spans, "shop-front", "/products/" + id).spanId());
        assertThat(printed).contains("  services: shop-front (" );
      }
      assertThat(clientCall(spans, "shop-back", "/restock/2").parentId())
          .isEqualTo(server(spans, "shop-back", "/stock/2").spanId());
      assertThat(server(spans, "shop-front", "/bestsellers").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(server(spans, "shop-front", "/products/42").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
    if (servlet && jdbc) {
      // Every query is the child of the SERVER span of its own service and request.
      for (ReceivedSpanData query : spans) {
        if (query.getAttributes().get(AttributeKey.stringKey("db.system.name")) == null) {
          continue;
        }
        ReceivedSpanData parent = spans.stream().filter(p -> p.spanId().equals(query.parentId())).findFirst().orElseThrow();
        assertThat(parent.getKind()).as("parent of %s", query).isEqualTo(SpanKind.SERVER);
        assertThat(parent.serviceName()).isEqualTo(query.serviceName());
        assertThat(parent.getStatus().getStatusCode() == StatusCode.ERROR)
            .as("the failing query is the one of the failing request: %s", query)
            .isEqualTo(query.getStatus().getStatusCode() == StatusCode.ERROR);
        assertThat(query.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo("h2database");
        assertThat(query.getAttributes().get(AttributeKey.stringKey("db.query.text")))
            .as("SQL of %s", query).contains("?").doesNotContain("'");
      }
    }
  }

  /**
   * "service KIND name", sorted. HttpURLConnection: shop-front calls shop-back for the two products that
   * exist, shop-back calls the warehouse for the sold-out one. Servlet: one SERVER span per request in
   * shop-front, one per stock lookup in shop-back, named by the servlet mapping. JDBC: one query per
   * product lookup (three in shop-front, the 404 included), the failing bestsellers query, and one per
   * stock lookup.
   */
  private static List<String> expectedSpans(boolean servlet, boolean jdbc) {
    List<String> expected = new ArrayList<>();
    expected.addAll(Collections.nCopies(2, "shop-front CLIENT GET"));
    expected.add("shop-back CLIENT GET");
    if (servlet) {
      expected.addAll(Collections.nCopies(3, "shop-front SERVER GET /products/*"));
      expected.add("shop-front SERVER GET /bestsellers");
      expected.addAll(Collections.nCopies(2, "shop-back SERVER GET /stock/*"));
    }
    if (jdbc) {
      expected.addAll(Collections.nCopies(4, "shop-front CLIENT SELECT shop_products"));
      expected.addAll(Collections.nCopies(2, "shop-back CLIENT SELECT shop_stock"));
    }
    Collections.sort(expected);
    return expected;
  }

  private static List<String> sorted(List<ReceivedSpanData> spans) {
    List<String> described = new ArrayList<>();
    spans.forEach(s -> described.add(s.serviceName() + " " + s.getKind() + " " + s.getName()));
    Collections.sort(described);
    return described;
  }

  private static ReceivedSpanData clientCall(List<ReceivedSpanData> spans, String service, String path) {
    return only(spans, s -> s.serviceName().equals(service) && s.getKind() == SpanKind.CLIENT
        && s.getAttributes().get(URL_FULL) != null && s.getAttributes().get(URL_FULL).endsWith(path));
  }

  private static ReceivedSpanData server(List<ReceivedSpanData> spans, String service, String path) {
    return only(spans, s -> s.serviceName().equals(service) && s.getKind() == SpanKind.SERVER
        && path.equals(s.getAttributes().get(URL_PATH)));
  }

  private static ReceivedSpanData only(List<ReceivedSpanData> spans, java.util.function.Predicate<ReceivedSpanData> p) {
    List<ReceivedSpanData> matching = spans.stream().filter(p).toList();
    assertThat(matching).as("exactly one such span among %s", spans).hasSize(1);
    return matching.get(0);
  }

  /** From the agent's start-up line: "[weft] Weft ... | instrumentations a, b". */
  private static Set<String> instrumentations(Path log) throws IOException {
    String marker = " | instrumentations ";
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.startsWith("[weft] Weft ") && line.contains(marker)) {
        return new TreeSet<>(Arrays.asList(line.substring(line.indexOf(marker) + marker.length()).trim().split(",\\s*")));
      }
    }
    throw new AssertionError("no agent start-up line in " + log);
  }
}
