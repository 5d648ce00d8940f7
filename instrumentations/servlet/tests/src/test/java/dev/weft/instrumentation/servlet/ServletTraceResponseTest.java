package dev.weft.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.http.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code OTEL_INSTRUMENTATION_HTTP_SERVER_EMIT_TRACERESPONSE=true}: the response carries the W3C
 * {@code traceresponse} header naming the trace and the server span (off by default: the other
 * container tests compare responses byte for byte with runs without the agent).
 */
class ServletTraceResponseTest {
  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  @Test
  void responseNamesTheServerSpan() {
    ServletContainer container = ServletContainer.TOMCAT_11;
    try (FakeCollector collector = FakeCollector.start();
        ServletContainer.Started app =
            container.startWithAgent(
                collector, "servlet-traceresponse", "OTEL_INSTRUMENTATION_HTTP_SERVER_EMIT_TRACERESPONSE", "true")) {
      byte[] response =
          RawHttp.exchange(
              app.port,
              RawHttp.request("GET", "/app/hello?case=traceresponse",
                  "traceparent: 00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"));
      ReceivedSpan server =
          collector.awaitSpan(s -> s.kind() == Kind.SERVER, Duration.ofSeconds(20));
      assertThat(server.traceId()).isEqualTo(CALLER_TRACE);
      assertThat(new String(response, StandardCharsets.ISO_8859_1))
          .containsIgnoringCase("traceresponse: 00-" + CALLER_TRACE + "-" + server.spanId() + "-01\r\n");
    }
  }
}
