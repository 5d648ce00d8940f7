package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.apps.HttpClientApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.RunningJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the agent's end-to-end tests share: launching the test apps and reading their output. */
final class AppRuns {
  /** Only bounds a hung JVM; a run takes seconds. */
  static final Duration JVM_TIMEOUT = Duration.ofSeconds(90);

  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  /** What the JVM's own default java.util.logging format and uncaught exceptions look like. */
  private static final Pattern NOT_WEFTS_OWN_LINE =
      Pattern.compile(
          "^(\\s+at |Caused by|Exception in thread|SEVERE|WARNING|INFO|FINE|[A-Z][a-z]{2} \\d{1,2}, \\d{4} ).*");

  private AppRuns() {}

  /** {@link HttpClientApp} with the agent, exporting to nothing until told (e.g. otlpTo). */
  static AgentJvm.Builder httpApp(String name, String... args) {
    return AgentJvm.builder()
        .name(name)
        .mainClass(HttpClientApp.class.getName())
        .classpathOf(HttpClientApp.class)
        .args(args);
  }

  /** The app's output without its own timing line, which differs from run to run. */
  static String appOutput(String stdout) {
    return lines(stdout).stream().filter(l -> !l.startsWith("loop-ms=")).collect(Collectors.joining("\n"));
  }

  /** How long the app's request loop took, as the app measured it. */
  static long loopMillis(String stdout) {
    return lines(stdout).stream()
        .filter(l -> l.startsWith("loop-ms="))
        .mapToLong(l -> Long.parseLong(l.substring("loop-ms=".length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no loop-ms line in:\n" + stdout));
  }

  static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\r?\n"));
  }

  static List<String> startupLines(String stderr) {
    return lines(stderr).stream().filter(l -> l.startsWith("[weft] Weft ")).collect(Collectors.toList());
  }

  static List<String> warnings(String stderr) {
    return lines(stderr).stream().filter(l -> l.startsWith("[weft] WARN ")).collect(Collectors.toList());
  }

  /** Fails on stack traces and on java.util.logging output that is not Weft's. */
  static void assertNoStackTracesOrForeignLogLines(String stderr) {
    assertThat(lines(stderr))
        .as("stderr:\n%s", stderr)
        .noneMatch(l -> NOT_WEFTS_OWN_LINE.matcher(l).matches());
  }

  /** The agent jar's version, as its start-up line must show it. */
  static String agentVersion() {
    try (JarFile jar = new JarFile(System.getProperty(AgentJvm.AGENT_JAR_PROPERTY))) {
      return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From the app's last line ("main returning") to the process having exited: what the shutdown hook cost. */
  static CompletableFuture<Long> mainReturnToExitMillis(RunningJvm jvm, Executor watcher) {
    return CompletableFuture.supplyAsync(() -> {
      jvm.waitForOutput("main returning", JVM_TIMEOUT);
      long returned = System.nanoTime();
      jvm.awaitExit(JVM_TIMEOUT);
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - returned);
    }, watcher);
  }

  /** A port nothing listens on: connections to it are refused at once. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ReceivedSpan> ofService(List<ReceivedSpan> spans, String serviceName) {
    return spans.stream()
        .filter(s -> serviceName.equals(s.resourceAttribute("service.name")))
        .collect(Collectors.toList());
  }
}
