package dev.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Zipkin options of the driver; what they do end to end is ZipkinDemoIT's (smoke tests). */
class DemoOptionsTest {
  @TempDir Path dir;

  private Demo.Options parse(String... extra) throws Exception {
    Path agent = Files.createFile(dir.resolve("weft-agent-" + System.nanoTime() + ".jar"));
    Path zipkinJar = dir.resolve("zipkin-server-exec.jar");
    if (!Files.exists(zipkinJar)) {
      Files.createFile(zipkinJar);
    }
    List<String> args = new ArrayList<>(List.of("--agent", agent.toString(), "--shop-classpath", "shop",
        "--zipkin-jar", zipkinJar.toString()));
    args.addAll(List.of(extra));
    return Demo.parse(args.toArray(new String[0]));
  }

  @Test
  void withoutZipkinOptionsNoZipkin() throws Exception {
    Demo.Options options = parse();
    assertThat(options.zipkin()).isFalse();
    assertThat(options.zipkinPort()).isNull();
  }

  @Test
  void zipkinStartsOneOnPort9411UnlessToldOtherwise() throws Exception {
    assertThat(parse("--zipkin").zipkinPort()).isEqualTo(9411);
    assertThat(parse("--zipkin", "--zipkin-port", "19411").zipkinPort()).isEqualTo(19411);
    assertThat(parse("--zipkin-url", "http://zipkin.example:9411/").zipkinUrl()).isEqualTo("http://zipkin.example:9411/");
  }

  @Test
  void contradictoryOrBadZipkinOptionsAreRefusedWithAReason() {
    assertThatThrownBy(() -> parse("--zipkin-port", "19411")).hasMessageContaining("--zipkin-port goes with --zipkin");
    assertThatThrownBy(() -> parse("--zipkin", "--zipkin-url", "http://127.0.0.1:9411")).hasMessageContaining("pick one");
    assertThatThrownBy(() -> parse("--zipkin", "--zipkin-port", "nine")).hasMessageContaining("wants a number");
    assertThatThrownBy(() -> parse("--zipkin", "--zipkin-port", "70000")).hasMessageContaining("1-65535");
    assertThatThrownBy(() -> parse("--zipkin-url", "127.0.0.1:9411")).hasMessageContaining("--zipkin-url");
    assertThatThrownBy(() -> parse("--zipkin-url")).hasMessageContaining("incomplete option");
  }

  @Test
  void zipkinNeedsTheServerJarTheBuildResolves() throws Exception {
    Path agent = Files.createFile(dir.resolve("agent.jar"));
    assertThatThrownBy(() -> Demo.parse(new String[] {"--agent", agent.toString(), "--shop-classpath", "shop",
        "--zipkin-jar", dir.resolve("missing.jar").toString(), "--zipkin"}))
        .hasMessageContaining("no Zipkin server jar at");
  }

  @Test
  void theUsersOwnExporterAndZipkinDoNotMix() throws Exception {
    Demo.Options options = parse("--zipkin-url", "http://127.0.0.1:9");
    assertThatThrownBy(() -> Demo.run(options, Map.of("OTEL_TRACES_EXPORTER", "otlp"), System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unset OTEL_TRACES_EXPORTER=otlp");
  }
}
