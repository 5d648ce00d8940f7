package dev.weft.instrumentation.opentelemetryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.JvmResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An "API" Weft does not know: classes with the API's names (so the class-loader gate passes) but
 * without the members the bridge uses. The reference check must skip the module with a debug line,
 * and the application must run exactly as it does alone: no LinkageError, nothing woven.
 */
class UnknownApiVersionTest {
  @Test
  void unknownApiIsSkippedNeverALinkageError(@TempDir Path dir) throws IOException {
    Path src = dir.resolve("src");
    write(src, "io/opentelemetry/api/GlobalOpenTelemetry.java",
        "package io.opentelemetry.api; public final class GlobalOpenTelemetry {"
            + " public static Object get() { return \"the application's own\"; } }");
    write(src, "io/opentelemetry/context/ContextStorage.java",
        "package io.opentelemetry.context; public interface ContextStorage { }");
    write(src, "fake/FakeApiApp.java",
        "package fake; public class FakeApiApp { public static void main(String[] a) {"
            + " System.out.println(\"RESULT get: \" + io.opentelemetry.api.GlobalOpenTelemetry.get()); } }");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (var files = Files.walk(src)) {
      List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString()));
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
      assertThat(javac.run(null, null, null, args.toArray(new String[0]))).isZero();
    }
    JvmResult result =
        AgentJvm.builder()
            .mainClass("fake.FakeApiApp")
            .classpath(classes)
            .env("OTEL_JAVAAGENT_DEBUG", "true")
            .env("OTEL_TRACES_EXPORTER", "none")
            .name("unknown-api")
            .run(Duration.ofSeconds(60))
            .assertExitCode(0);
    assertThat(result.stdout()).contains("RESULT get: the application's own");
    assertThat(result.stderr())
        .contains("instrumentation opentelemetry-api skipped in")
        .contains("the library version does not fit")
        .doesNotContain("LinkageError", "NoSuchMethodError", "NoClassDefFoundError", "transformed io.opentelemetry");
  }

  private static void write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
