package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private final Properties sysProps = new Properties();

  private Map<String, String> load() {
    return ConfigLoader.load(env, sysProps, warnings);
  }

  private Path file(String content) throws IOException {
    Path f = dir.resolve("weft.properties");
    Files.write(f, content.getBytes(StandardCharsets.ISO_8859_1));
    return f;
  }

  @Test
  void systemPropertiesBeatEnvironmentVariablesWhichBeatTheFile() throws IOException {
    env.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", file(
        "otel.service.name=from-file\notel.resource.attributes=team=file\notel.bsp.schedule.delay=1\n").toString());
    env.put("OTEL_SERVICE_NAME", "from-env");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "2");
    sysProps.setProperty("otel.bsp.schedule.delay", "3");

    assertThat(load())
        .containsEntry("otel.service.name", "from-env")
        .containsEntry("otel.resource.attributes", "team=file")
        .containsEntry("otel.bsp.schedule.delay", "3");
    assertThat(warnings).isEmpty();
  }

  @Test
  void theBatchProcessorDefaultsToALargerQueueAndBatchThanTheSdk() {
    assertThat(load())
        .containsEntry("otel.bsp.max.queue.size", "16384")
        .containsEntry("otel.bsp.max.export.batch.size", "2048");
  }

  @Test
  void aSmallerQueueTheUserSetCapsTheDefaultBatchButNotTheirOwn() {
    env.put("OTEL_BSP_MAX_QUEUE_SIZE", "1000");
    assertThat(load()).containsEntry("otel.bsp.max.export.batch.size", "1000");

    env.put("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "100");
    assertThat(load()).containsEntry("otel.bsp.max.export.batch.size", "100");

    env.put("OTEL_BSP_MAX_QUEUE_SIZE", "lots");
    env.remove("OTEL_BSP_MAX_EXPORT_BATCH_SIZE");
    assertThat(load()).containsEntry("otel.bsp.max.export.batch.size", "2048");
  }

  @Test
  void keysFromEverySourceAreNormalisedToOneKey() throws IOException {
    sysProps.setProperty("otel.instrumentation.http-url-connection.enabled", "false");
    env.put("OTEL_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "true");
    env.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", file("OTEL_SERVICE_NAME=shouting-file\n").toString());

    assertThat(load())
        .containsEntry("otel.instrumentation.http.url.connection.enabled", "false")
        .containsEntry("otel.service.name", "shouting-file");
  }

  @Test
  void theFileNamedByASystemPropertyWins() throws IOException {
    Path envFile = file("otel.service.name=env-file\n");
    Path propFile = dir.resolve("other.properties");
    Files.write(propFile, "otel.service.name=prop-file\n".getBytes(StandardCharsets.ISO_8859_1));
    env.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", envFile.toString());
    sysProps.setProperty("otel.javaagent.configuration-file", " " + propFile + " ");

    assertThat(load()).containsEntry("otel.service.name", "prop-file");
  }

  @Test
  void onlyOtelKeysAreKept() throws IOException {
    env.put("PATH", "/bin");
    env.put("JAVA_HOME", "/jdk");
    sysProps.setProperty("java.version", "17");
    sysProps.setProperty("otelx.y", "z");
    env.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", file("server.port=8080\notel.service.name=svc\n").toString());

    assertThat(load()).containsOnlyKeys(
        "otel.service.name", "otel.javaagent.configuration.file", "otel.exporter.otlp.protocol",
        "otel.bsp.max.queue.size", "otel.bsp.max.export.batch.size");
  }

  @Test
  void otlpDefaultsToHttpProtobufLikeTheOpenTelemetryAgentNotGrpcLikeTheSdk() throws IOException {
    assertThat(load()).containsEntry("otel.exporter.otlp.protocol", "http/protobuf");

    env.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", file("otel.exporter.otlp.protocol=grpc\n").toString());
    assertThat(load()).containsEntry("otel.exporter.otlp.protocol", "grpc");
  }

  @Test
  void aMissingFileIsOneWarningAndTheOtherSourcesStillApply() {
    env.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", "/nonexistent/weft.properties");
    env.put("OTEL_SERVICE_NAME", "still-here");

    Map<String, String> config = load();

    assertThat(config).containsEntry("otel.service.name", "still-here");
    assertThat(warnings).singleElement().asString()
        .startsWith("OTEL_JAVAAGENT_CONFIGURATION_FILE=/nonexistent/weft.properties cannot be read")
        .endsWith("using environment variables and system properties only");
  }

  @Test
  void aBlankFileNameIsNoFile() {
    env.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", "  ");
    load();
    assertThat(warnings).isEmpty();
  }
}
