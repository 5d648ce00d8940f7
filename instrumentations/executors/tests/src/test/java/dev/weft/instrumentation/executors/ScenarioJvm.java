package dev.weft.instrumentation.executors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.executors.app.ExecutorScenarioApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.JvmResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of {@link ExecutorScenarioApp} in a forked JVM, and the outcome line of each scenario. */
final class ScenarioJvm {
  static final Duration TIMEOUT = Duration.ofSeconds(150);
  static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  final JvmResult result;
  final Map<String, String> outcomes = new LinkedHashMap<>();

  private ScenarioJvm(JvmResult result) {
    this.result = result;
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith("RESULT ")) {
        int colon = line.indexOf(": ");
        outcomes.put(line.substring("RESULT ".length(), colon), line.substring(colon + 2));
      }
    }
  }

  /** A launcher with the app, Guava and Spring on the class path. */
  static AgentJvm.Builder launcher(String name, Path javaHome) {
    List<Path> classpath = new ArrayList<>();
    try {
      Path file = Path.of(System.getProperty("basedir", "."), "target", "app-classpath.txt");
      for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
        classpath.add(Path.of(entry));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AgentJvm.builder()
        .mainClass(ExecutorScenarioApp.class.getName())
        .classpathOf(ExecutorScenarioApp.class)
        .classpath(classpath.toArray(new Path[0]))
        .javaHome(javaHome)
        .name(name);
  }

  static ScenarioJvm run(AgentJvm.Builder launcher, List<String> scenarios) {
    launcher.args(scenarios.toArray(new String[0]));
    JvmResult result = launcher.run(TIMEOUT);
    result.assertExitCode(0);
    assertThat(result.stdout()).contains("DONE");
    ScenarioJvm run = new ScenarioJvm(result);
    assertThat(run.outcomes.keySet()).as("scenarios that reported\n%s", result).containsExactlyElementsOf(scenarios);
    return run;
  }

  String outcome(String scenario) {
    return outcomes.get(scenario);
  }
}
