package dev.weft.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.http.RawHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code OTEL_INSTRUMENTATION_SERVLET_ENABLED=false} turns off both API generations. */
class ServletDisabledTest {

  @Test
  void switchedOffMeansNoServerSpans() {
    ServletContainer container = ServletContainer.TOMCAT_11;
    try (FakeCollector collector = FakeCollector.start();
        ServletContainer.Started app =
            container.startWithAgent(collector, "servlet-disabled", "OTEL_INSTRUMENTATION_SERVLET_ENABLED", "false")) {
      byte[] response = RawHttp.exchange(app.port, RawHttp.request("GET", "/app/async?case=off"));
      assertThat(RawHttp.body(response)).contains("async done, downstream 200");
      // the async task's HttpURLConnection call still gets its CLIENT span: the barrier
      List<ReceivedSpan> spans =
          collector.awaitSpans(all -> all.stream().anyMatch(s -> s.kind() == Kind.CLIENT), Duration.ofSeconds(20));
      assertThat(spans).singleElement().satisfies(span -> {
        assertThat(span.kind()).isEqualTo(Kind.CLIENT);
        assertThat(span.isRoot()).isTrue();
      });
    }
  }
}
