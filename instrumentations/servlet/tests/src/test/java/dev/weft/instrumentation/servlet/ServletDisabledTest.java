package dev.weft.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code OTEL_INSTRUMENTATION_SERVLET_ENABLED=false} turns off both API generations. */
class ServletDisabledTest {

  @Test
  void switchedOffMeansNoServerSpans() {
    ServletContainer container = ServletContainer.TOMCAT_11;
    try (FakeCollector collector = FakeCollector.start();
        RunningJvm jvm =
            AgentJvm.builder()
                .mainClass(container.mainClass)
                .classpath(container.classpath().toArray(new Path[0]))
                .name("servlet-disabled")
                .otlpTo(collector)
                .env("OTEL_INSTRUMENTATION_SERVLET_ENABLED", "false")
                .start()) {
      jvm.waitForOutput("SCENARIO-PORT ", Duration.ofSeconds(60));
      Matcher port = Pattern.compile("SCENARIO-PORT (\\d+)").matcher(jvm.stdout());
      assertThat(port.find()).isTrue();
      byte[] response =
          RawHttp.exchange(Integer.parseInt(port.group(1)), RawHttp.request("GET", "/app/async?case=off"));
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
