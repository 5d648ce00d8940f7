package dev.weft.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.JvmResult;
import dev.weft.testing.RunningJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One smoke application run twice at the same time, with and without the agent, on the JDK the
 * suite was told to use ({@code -Dsmoke.java.home}, default: the JDK running the tests).
 *
 * <p>The apps print on stderr, on lines tagged {@code [app-name]}, what differs from run to run (their
 * port, the traceparent each request arrived with, the Java version); stdout must be identical.
 */
record SmokeRun(String appName, JvmResult withAgent, JvmResult withoutAgent) {
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(15);

  /** Printed by HotSpot when an agent appends to the boot class path; the JVM's, not Weft's, so allowed. */
  static final Pattern CDS_WARNING =
      Pattern.compile(".* warning: Sharing is only supported for boot loader classes because bootstrap"
          + " classpath has been appended");

  static final Pattern WEFT_STARTED = Pattern.compile("\\[weft\\] Weft \\S+ started in \\d+ ms \\| .*");

  private static final Pattern RELEASE_JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(1\\.\\d+|\\d+)[^\"]*\"");

  /**
   * Starts both JVMs at once (on two cores they overlap well) and waits for both to exit. The launcher
   * gets whether this is the run with the agent, to point each run at its own collector.
   */
  static SmokeRun run(String appName, Function<Boolean, AgentJvm.Builder> launcher) {
    try (RunningJvm agent =
            launcher.apply(true).withAgent(true).javaHome(javaHome()).name(appName + "-agent").start();
        RunningJvm plain =
            launcher.apply(false).withAgent(false).javaHome(javaHome()).name(appName + "-no-agent").start()) {
      JvmResult withoutAgent = plain.awaitExit(RUN_TIMEOUT);
      JvmResult withAgent = agent.awaitExit(RUN_TIMEOUT);
      return new SmokeRun(appName, withAgent, withoutAgent);
    }
  }

  /** The JDK the apps run on: -Dsmoke.java.home, else the one running the tests. */
  static Path javaHome() {
    String configured = System.getProperty("smoke.java.home", "");
    Path home = Paths.get(configured.isBlank() ? System.getProperty("java.home") : configured);
    if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
      throw new IllegalStateException("smoke.java.home=" + configured + ": no bin/java in " + home);
    }
    return home;
  }

  /** The feature release ("17", "25") of {@link #javaHome()}, from its {@code release} file. */
  static String javaFeatureVersion() {
    Path release = javaHome().resolve("release");
    try {
      for (String line : Files.readAllLines(release)) {
        Matcher m = RELEASE_JAVA_VERSION.matcher(line);
        if (m.matches()) {
          return m.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + release, e);
    }
    throw new IllegalStateException("no JAVA_VERSION in " + release);
  }

  /** An app jar built by its sibling module; the suite's pom passes the paths. */
  static Path appJar(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
    }
    Path jar = Paths.get(value);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; build the smoke-tests modules first");
    }
    return jar;
  }

  // ---- what the apps print on stderr

  /**
   * Group 1 of the first stderr line {@code [app-name] <regex>} of a run; fails if there is none.
   * E.g. {@code tagged(withAgent(), "listening on port (\\d+)")}.
   */
  String tagged(JvmResult result, String regex) {
    Matcher m = Pattern.compile("\\[" + Pattern.quote(appName) + "\\] " + regex).matcher(result.stderr());
    assertThat(m.find()).as("a line \"[%s] %s\" on stderr\n%s", appName, regex, result).isTrue();
    return m.group(1);
  }

  /** The port the app's own server listened on in the run with the agent. */
  int port() {
    return Integer.parseInt(tagged(withAgent, "listening on port (\\d+)"));
  }

  /** The java.version a run reported. */
  String javaVersion(JvmResult result) {
    return tagged(result, "java\\.version (\\S+)");
  }

  /** The traceparent header each request path arrived with at the app's server ("none" if absent). */
  Map<String, String> traceparentsByPath(JvmResult result) {
    Map<String, String> byPath = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("\\[" + Pattern.quote(appName) + "\\] server got \\S+ (\\S+) traceparent=(\\S+)")
            .matcher(result.stderr());
    while (m.find()) {
      byPath.put(m.group(1), m.group(2));
    }
    return byPath;
  }

  /** stderr split into lines. */
  static List<String> lines(String output) {
    return output.lines().collect(Collectors.toList());
  }

  /**
   * stderr with what legitimately differs between two runs masked: ports and traceparent values (a
   * run with the agent sends one, a run without does not).
   */
  static List<String> normalized(List<String> lines) {
    return lines.stream()
        .map(l -> l.replaceAll("traceparent=\\S+", "traceparent=<masked>"))
        .map(l -> l.replaceAll("port \\d+", "port <n>"))
        .map(l -> l.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<n>"))
        .collect(Collectors.toList());
  }

  /** Whether the run with the agent printed HotSpot's class-data-sharing warning. */
  boolean printedCdsWarning() {
    return lines(withAgent.stderr()).stream().anyMatch(l -> CDS_WARNING.matcher(l).matches());
  }

  /**
   * Asserts the agent added exactly one line of its own to stderr, its start line, and nothing else:
   * no warning, no stack trace, no JUL record. The run without the agent is the reference, so what
   * the app and the JVM print anyway (JDK 24+'s sun.misc.Unsafe warnings for the app's own jctools,
   * say) is allowed; HotSpot's CDS warning, which only the agent's boot class path append causes, is
   * allowed and reported.
   */
  String assertWeftAddsOnlyItsStartLine() {
    List<String> agentLines = lines(withAgent.stderr());
    List<String> weftLines = agentLines.stream().filter(l -> l.startsWith("[weft]")).collect(Collectors.toList());
    assertThat(weftLines)
        .as("lines Weft printed with the agent\n%s", withAgent)
        .hasSize(1)
        .allSatisfy(l -> assertThat(l).matches(WEFT_STARTED));
    List<String> rest =
        agentLines.stream()
            .filter(l -> !l.startsWith("[weft]") && !CDS_WARNING.matcher(l).matches())
            .collect(Collectors.toList());
    assertThat(normalized(rest))
        .as("stderr with the agent (less Weft's start line and HotSpot's CDS warning) against stderr without;"
            + " ports and traceparents masked\n--- with agent:\n%s\n--- without agent:\n%s",
            withAgent.stderr(), withoutAgent.stderr())
        .containsExactlyElementsOf(normalized(lines(withoutAgent.stderr())));
    return weftLines.get(0);
  }

  /** Same exit code and byte-for-byte the same stdout as without the agent. */
  void assertSameStdoutAndExitCode() {
    assertThat(withAgent.exitCode())
        .as("exit code with the agent (without it: %d)\n%s", withoutAgent.exitCode(), withAgent)
        .isEqualTo(withoutAgent.exitCode());
    assertThat(withAgent.stdout())
        .as("stdout with the agent against stdout without\n%s", withAgent)
        .isEqualTo(withoutAgent.stdout());
  }
}
