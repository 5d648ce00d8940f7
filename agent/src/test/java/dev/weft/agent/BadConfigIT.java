package dev.weft.agent;

import static dev.weft.agent.AppRuns.SPAN_TIMEOUT;
import static dev.weft.agent.AppRuns.appOutput;
import static dev.weft.agent.AppRuns.assertNoStackTracesOrForeignLogLines;
import static dev.weft.agent.AppRuns.httpApp;
import static dev.weft.agent.AppRuns.lines;
import static dev.weft.agent.AppRuns.startupLines;
import static dev.weft.agent.AppRuns.warnings;
import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedRequest;
import dev.weft.testing.TraceAssert;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One JVM with every kind of bad value at once (ConfigValidatorTest covers each in detail): each gets
 * exactly one warning naming the variable, the value (a header's never) and what is used instead, and
 * the application starts and exports as if they were not there.
 */
class BadConfigIT {
  private static final String HEADER_SECRET = "garbage-secret-without-equals";

  private static FakeCollector collector;
  private static final Launched runs = new Launched(1);

  @BeforeAll
  static void start() {
    collector = FakeCollector.start();
    runs.queue("bad-config", httpApp("bad-config", "requests=2").otlpTo(collector)
        .env("OTEL_SERVICE_NAME", "bad-config")
        .env("OTEL_BSP_SCHEDULE_DELAY", "soon")
        .env("OTEL_TRACES_EXPORTER", "otpl")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")
        // The signal-specific endpoint is fine and is where spans go.
        .env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.httpTracesEndpoint())
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")
        .env("OTEL_TRACES_SAMPLER", "traceidratio")
        .env("OTEL_TRACES_SAMPLER_ARG", "abc")
        .env("OTEL_EXPORTER_OTLP_HEADERS", HEADER_SECRET + ",x-tenant=bad-config")
        .env("OTEL_PROPAGATORS", "tracecontext,foo")
        .env("OTEL_JAVAAGENT_CONFIGURATION_FILE", "/nonexistent/weft.properties")
        .env("OTEL_METRICS_EXPORTER", "otlp"));
  }

  @AfterAll
  static void stop() {
    runs.close();
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void eachBadValueIsOneWarningNamingVariableValueAndReplacement() {
    JvmResult result = runs.result("bad-config");
    List<String> warnings = warnings(result.stderr());

    assertThat(warnings).containsExactlyInAnyOrder(
        "[weft] WARN OTEL_JAVAAGENT_CONFIGURATION_FILE=/nonexistent/weft.properties cannot be read"
            + " (java.io.FileNotFoundException: /nonexistent/weft.properties (No such file or directory));"
            + " using environment variables and system properties only",
        "[weft] WARN OTEL_BSP_SCHEDULE_DELAY=soon is not a duration (like 500, 500ms or 5s); using the default (5000 ms)",
        "[weft] WARN OTEL_TRACES_EXPORTER=otpl names an unknown exporter [otpl] (known: otlp, zipkin, console, logging-otlp,"
            + " none); using otlp",
        "[weft] WARN OTEL_METRICS_EXPORTER=otlp is ignored: Weft exports traces only; using none",
        "[weft] WARN OTEL_EXPORTER_OTLP_PROTOCOL=http/json is not one of [grpc, http/protobuf]; using http/protobuf",
        "[weft] WARN OTEL_EXPORTER_OTLP_ENDPOINT=not a url is not an http:// or https:// URL; using http://localhost:4318",
        "[weft] WARN OTEL_EXPORTER_OTLP_HEADERS=<2 entries, values not shown> has malformed entries"
            + " [(an entry without '=')] (expected key=value, percent-encoded, printable ASCII); using the other 1"
            + " entries",
        "[weft] WARN OTEL_TRACES_SAMPLER_ARG=abc is not a ratio between 0 and 1; using 1.0 (sample everything)",
        "[weft] WARN OTEL_PROPAGATORS=tracecontext,foo names an unknown propagator [foo] (known: [b3, b3multi,"
            + " baggage, jaeger, none, ottrace, tracecontext, xray, xray-lambda]); using tracecontext");
    assertThat(result.stderr()).doesNotContain(HEADER_SECRET);
    assertNoStackTracesOrForeignLogLines(result.stderr());
    assertThat(lines(result.stderr())).as("the warnings and the start-up line, nothing else").hasSize(10);
  }

  @Test
  void theApplicationStartsAndExportsNormally() {
    JvmResult result = runs.result("bad-config").assertExitCode(0);
    assertThat(appOutput(result.stdout()))
        .isEqualTo("GET /hello/1 -> 200 hello-1\nGET /hello/2 -> 200 hello-2\nmain returning");
    assertThat(startupLines(result.stderr())).singleElement().asString()
        .contains(" | exporter otlp (http/protobuf " + collector.httpTracesEndpoint() + ") | ");

    TraceAssert.assertThat(collector.awaitSpans(2, SPAN_TIMEOUT))
        .hasSpanCount(2)
        .allSpansSatisfy(span -> span.hasName("GET").hasKind(CLIENT).hasResourceAttribute("service.name", "bad-config"));
    assertThat(collector.requests())
        .allSatisfy(r -> {
          assertThat(r.transport()).isEqualTo(ReceivedRequest.Transport.HTTP);
          assertThat(r.header("x-tenant")).as("the good header survives").isEqualTo("bad-config");
        });
  }
}
