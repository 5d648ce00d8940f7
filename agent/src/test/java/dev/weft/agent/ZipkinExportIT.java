package dev.weft.agent;

import static dev.weft.agent.AppRuns.appOutput;
import static dev.weft.agent.AppRuns.httpApp;
import static dev.weft.agent.AppRuns.startupLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.weft.testing.JvmResult;
import dev.weft.testing.RunningJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OTEL_TRACES_EXPORTER=zipkin sends spans in Zipkin's JSON v2 format to OTEL_EXPORTER_ZIPKIN_ENDPOINT
 * through the SDK's own Zipkin exporter (relocated with its reporter and OkHttp sender), alone or next
 * to another exporter; a Zipkin that is down costs the application nothing.
 */
class ZipkinExportIT {
  private static final String TWO_CALLS =
      "GET /hello/1 -> 200 hello-1\nGET /hello/2 -> 200 hello-2\nmain returning";

  private static HttpServer zipkin;
  private static final List<String> posted = new CopyOnWriteArrayList<>();
  private static final Launched runs = new Launched(3);
  private static RunningJvm zipkinDown;
  private static CompletableFuture<Long> zipkinDownExitMillis;

  @BeforeAll
  static void startAll() throws IOException {
    zipkin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    zipkin.createContext("/api/v2/spans", exchange -> {
      // Zipkin's sender gzips its JSON, as a real Zipkin server accepts it.
      boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      try (InputStream in = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        posted.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
            + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    zipkin.start();
    String endpoint = "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans";
    runs.queue("zipkin", httpApp("zipkin", "requests=2")
        .env("OTEL_TRACES_EXPORTER", "zipkin")
        .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", endpoint)
        .env("OTEL_SERVICE_NAME", "zipkin-only"));
    runs.queue("zipkin-console", httpApp("zipkin-console", "requests=2")
        .env("OTEL_TRACES_EXPORTER", "zipkin,console")
        .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", endpoint)
        .env("OTEL_SERVICE_NAME", "zipkin-and-console"));
    zipkinDown = runs.start("zipkin-down", httpApp("zipkin-down", "requests=2")
        .env("OTEL_TRACES_EXPORTER", "zipkin")
        .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT",
            "http://127.0.0.1:" + AppRuns.closedPort() + "/api/v2/spans")
        .env("OTEL_SERVICE_NAME", "zipkin-down"));
    zipkinDownExitMillis = AppRuns.mainReturnToExitMillis(zipkinDown, CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS));
  }

  @AfterAll
  static void stopAll() {
    runs.close();
    if (zipkin != null) {
      zipkin.stop(0);
    }
  }

  /** The JSON bodies that named this service, after waiting for {@code spans} spans of it. */
  private static List<String> bodiesOf(String service, int spans) {
    long deadline = System.nanoTime() + AppRuns.SPAN_TIMEOUT.toNanos();
    List<String> bodies;
    do {
      bodies = posted.stream().filter(b -> b.contains("\"serviceName\":\"" + service + "\"")).collect(Collectors.toList());
      int count = bodies.stream().mapToInt(b -> b.split("\"traceId\"", -1).length - 1).sum();
      if (count >= spans) {
        return bodies;
      }
      sleep();
    } while (System.nanoTime() < deadline);
    throw new AssertionError("fewer than " + spans + " spans of " + service + " reached Zipkin: " + posted);
  }

  @Test
  void spansArriveInZipkinJsonV2() {
    JvmResult result = runs.result("zipkin").assertExitCode(0);
    assertThat(appOutput(result.stdout())).isEqualTo(TWO_CALLS);
    List<String> bodies = bodiesOf("zipkin-only", 2);
    assertThat(bodies).allSatisfy(body -> assertThat(body)
        .startsWith("POST application/json [{")
        .contains("\"kind\":\"CLIENT\"", "\"name\":\"get\"", "\"http.request.method\":\"GET\"",
            "\"http.response.status_code\":\"200\"", "\"otel.scope.name\":\"dev.weft.http-url-connection\""));
    assertThat(startupLines(result.stderr())).singleElement().asString()
        .contains("| exporter zipkin (http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans) |");
  }

  @Test
  void zipkinNextToTheConsoleExporterFeedsBoth() {
    JvmResult result = runs.result("zipkin-console").assertExitCode(0);
    assertThat(bodiesOf("zipkin-and-console", 2)).isNotEmpty();
    assertThat(result.stderr()).contains("GET", "zipkin-and-console");
    assertThat(startupLines(result.stderr())).singleElement().asString().contains("| exporter zipkin (", ", console |");
  }

  @Test
  void aZipkinThatIsDownCostsTheAppNothing() {
    long exitMillis = zipkinDownExitMillis.join();
    JvmResult result = runs.result("zipkin-down").assertExitCode(0);
    assertThat(appOutput(result.stdout())).isEqualTo(TWO_CALLS);
    AppRuns.assertNoStackTracesOrForeignLogLines(result.stderr());
    assertThat(exitMillis).as("ms from the end of main to the JVM's exit").isLessThan(2000);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
