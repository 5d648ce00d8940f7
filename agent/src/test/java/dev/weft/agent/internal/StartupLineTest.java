package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bootstrap.WeftConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupLineTest {
  private static String line(String... keyValues) {
    Map<String, String> raw = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      raw.put(keyValues[i], keyValues[i + 1]);
    }
    Map<String, String> config = ConfigValidator.validate(
        ConfigLoader.load(Map.of(), new java.util.Properties(), new java.util.ArrayList<>()), new java.util.ArrayList<>());
    config.putAll(raw);
    return AgentStarter.startupLine(new WeftConfig(config), "1.2.3", List.of("http-url-connection"), 42, false);
  }

  @Test
  void namesVersionServiceExporterEndpointAndInstrumentations() {
    assertThat(line("otel.service.name", "checkout", "otel.exporter.otlp.endpoint", "http://collector:4318"))
        .isEqualTo("Weft 1.2.3 started in 42 ms | service checkout | exporter otlp (http/protobuf"
            + " http://collector:4318/v1/traces) | instrumentations http-url-connection");
  }

  @Test
  void theDefaultsAreTheOpenTelemetryAgentsHttpProtobufOnLocalhost() {
    assertThat(line()).contains(" | service unknown_service:java | exporter otlp (http/protobuf"
        + " http://localhost:4318/v1/traces) | ");
  }

  @Test
  void grpcAndTheSignalSpecificEndpoint() {
    assertThat(line("otel.exporter.otlp.protocol", "grpc", "otel.exporter.otlp.endpoint", "http://c:4317"))
        .contains("exporter otlp (grpc http://c:4317)");
    assertThat(line("otel.exporter.otlp.traces.endpoint", "https://c/custom/path"))
        .contains("exporter otlp (http/protobuf https://c/custom/path)");
  }

  @Test
  void theServiceNameMayComeFromResourceAttributes() {
    assertThat(line("otel.resource.attributes", "team=a,service.name=billing")).contains(" | service billing | ");
  }

  @Test
  void headersAreNeverShown() {
    assertThat(line("otel.exporter.otlp.headers", "authorization=Bearer%20top-secret",
            "otel.exporter.otlp.traces.headers", "x-api-key=top-secret"))
        .doesNotContain("top-secret")
        .doesNotContain("authorization");
  }

  @Test
  void whatIsOffIsSaid() {
    assertThat(line("otel.sdk.disabled", "true")).contains(" | exporter none (OTEL_SDK_DISABLED=true) | ");
    assertThat(line("otel.traces.exporter", "none")).contains(" | exporter none | ");
    assertThat(line("otel.traces.exporter", "console,otlp")).contains(" | exporter console, otlp (http/protobuf ");
    assertThat(AgentStarter.startupLine(new WeftConfig(Map.of()), "1", List.of(), 1, true))
        .startsWith("Weft 1 attached in 1 ms").endsWith(" | instrumentations none");
  }
}
