package dev.weft.instrumentation.opentelemetryapi;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.LingeringApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** One forked run of a scenario app with a given library directory: its RESULT lines and spans. */
record AppRun(JvmResult result, Map<String, String> results, List<ReceivedSpan> spans) {
  static final Path LIBS = Path.of(System.getProperty("basedir", "."), "target", "libs");

  static AppRun run(Class<?> main, String libs, FakeCollector collector, int expectedSpans, String include) {
    return run(main, libs, collector, expectedSpans, include, null);
  }

  /** {@code disabledAgent}: the agent jar is given but this variable (e.g. OTEL_JAVAAGENT_ENABLED) is false. */
  static AppRun run(
      Class<?> main, String libs, FakeCollector collector, int expectedSpans, String include, String disabledAgent) {
    return run(main, libs, collector, expectedSpans, include, disabledAgent, launcher -> {});
  }

  /** {@code setUp}: more of the launcher (class path of a library, system properties). */
  static AppRun run(
      Class<?> main,
      String libs,
      FakeCollector collector,
      int expectedSpans,
      String include,
      String disabledAgent,
      Consumer<AgentJvm.Builder> setUp) {
    AgentJvm.Builder launcher =
        AgentJvm.builder()
            .mainClass(main.getName())
            .classpathOf(main)
            .classpath(jars(libs))
            .name(main.getSimpleName() + "-" + libs + (collector == null ? "-plain" : ""));
    if (include != null) {
      launcher.env("OTEL_INSTRUMENTATION_METHODS_INCLUDE", include);
    }
    setUp.accept(launcher);
    if (disabledAgent != null) {
      launcher.env(disabledAgent, "false").name(main.getSimpleName() + "-" + libs + "-" + disabledAgent);
    } else if (collector == null) {
      launcher.withAgent(false);
    } else {
      collector.clear();
    }
    JvmResult result;
    List<ReceivedSpan> spans = List.of();
    if (collector == null) {
      result = launcher.run(Duration.ofSeconds(90)).assertExitCode(0);
    } else {
      LingeringApp.Result run = LingeringApp.run(launcher, collector, expectedSpans);
      result = run.jvm();
      spans = run.spans();
    }
    if (!result.stdout().contains("DONE")) {
      throw new AssertionError("the app did not finish:\n" + result);
    }
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith("RESULT ")) {
        int colon = line.indexOf(": ");
        results.put(line.substring("RESULT ".length(), colon), line.substring(colon + 2));
      }
    }
    return new AppRun(result, results, spans);
  }

  static Path[] jars(String libs) {
    try (Stream<Path> files = Files.list(LIBS.resolve(libs))) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
