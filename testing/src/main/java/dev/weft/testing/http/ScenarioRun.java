package dev.weft.testing.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.http.TestServers.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * One run of an HTTP client scenario app (a main class taking scenario names as arguments and printing
 * {@code RESULT <scenario>: <outcome>} per scenario, then {@code DONE}) in a forked JVM: what it printed per scenario, and (with the agent)
 * the spans it exported. Spans and server requests are found by the scenario name, the last segment
 * of their URL path.
 */
public final class ScenarioRun {
  /** The scenario JVM's heap: huge-response scenarios stream more than this. */
  public static final String HEAP = "-Xmx128m";

  /** Generous: a run takes a few seconds; this only bounds a hung JVM. */
  public static final Duration JVM_TIMEOUT = Duration.ofSeconds(90);

  private static final String JUL_FORMAT_PREFIX = "JUL ";
  public static final String SDK_SPAN_LOGGER = "dev.weft.shaded.io.opentelemetry.sdk.trace.SdkSpan";
  public static final String JUL_CANARY_LOGGER =
      "dev.weft.shaded.io.opentelemetry.instrumentation.api.internal.EmbeddedInstrumentationProperties";

  /**
   * The one line on stderr that is not Weft's own but caused by it: HotSpot prints it (JDK 17 and 25
   * alike) when an agent appends a jar to the boot class path in premain, as Weft (and the
   * OpenTelemetry agent) does. See the module README.
   */
  public static final String CDS_WARNING =
      "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes because"
          + " bootstrap classpath has been appended";

  public final String runId;
  public final JvmResult result;
  public final Map<String, String> outcomes;
  private final List<ReceivedSpan> spans;

  private ScenarioRun(String runId, JvmResult result, List<ReceivedSpan> spans) {
    this.runId = runId;
    this.result = result;
    this.spans = spans;
    this.outcomes = new LinkedHashMap<>();
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith("RESULT ")) {
        int colon = line.indexOf(": ");
        // Exception messages may quote the URL, which differs between runs only in the run id.
        String outcome = line.substring(colon + 2).replace("/" + runId + "/", "/<run>/");
        outcomes.put(line.substring("RESULT ".length(), colon), outcome);
      }
    }
  }

  /**
   * A launcher for the scenario app against these servers: the app trusts the test certificate, and
   * java.util.logging makes the agent's SDK report misuse of spans on stderr (see {@link
   * #writeLoggingConfig}).
   */
  public static AgentJvm.Builder launcher(
      Class<?> app, TestServers servers, String runId, Path loggingConfig, Path javaHome) {
    return AgentJvm.builder()
        .mainClass(app.getName())
        .classpathOf(app)
        .javaHome(javaHome)
        .name("scenarios-" + runId)
        // Small on purpose: a "huge response" scenario streams more than this through the client.
        .jvmArg(HEAP)
        .sysProp(TestServers.HTTP_PROPERTY, servers.httpBase(runId))
        .sysProp(TestServers.HTTPS_PROPERTY, servers.httpsBase(runId))
        .sysProp(TestServers.RAW_PROPERTY, servers.rawBase(runId))
        .sysProp(TestServers.CLOSED_PORT_PROPERTY, String.valueOf(servers.closedPort()))
        .sysProp("javax.net.ssl.trustStore", servers.certificate().trustStore().toString())
        .sysProp("javax.net.ssl.trustStoreType", "PKCS12")
        .sysProp("javax.net.ssl.trustStorePassword", SelfSignedCertificate.PASSWORD)
        .sysProp("java.util.logging.config.file", loggingConfig.toString());
  }

  /** Runs the JVM to its end; with a collector, waits until {@code expectedSpans} spans arrived. */
  public static ScenarioRun run(
      AgentJvm.Builder launcher, String runId, List<String> scenarios, FakeCollector collector,
      int expectedSpans) {
    return run(launcher, runId, scenarios, collector, () -> expectedSpans);
  }

  /**
   * As {@link #run(AgentJvm.Builder, String, List, FakeCollector, int)}, with the span count asked
   * only once the JVM has ended: a count made of what the servers received is complete then.
   */
  public static ScenarioRun run(
      AgentJvm.Builder launcher, String runId, List<String> scenarios, FakeCollector collector,
      IntSupplier expectedSpansAfterExit) {
    launcher.args(scenarios.toArray(new String[0]));
    Path jdk = Path.of(launcher.command().get(0)).getParent().getParent();
    JvmResult result = launcher.run(JVM_TIMEOUT);
    result.assertExitCode(0);
    assertThat(result.stdout()).as("stdout of run %s", runId).contains("DONE");
    List<ReceivedSpan> spans = List.of();
    if (collector != null) {
      // The agent flushes at exit, so everything has normally arrived already; a lost span fails here.
      int expectedSpans = expectedSpansAfterExit.getAsInt();
      spans = expectedSpans > 0 ? collector.awaitSpans(expectedSpans, Duration.ofSeconds(15)) : collector.spans();
      writeSpansNextToTheLogs(runId + "-" + jdk.getFileName(), spans);
    }
    return new ScenarioRun(runId, result, spans);
  }

  /** target/agent-jvm/spans-NAME.txt, beside the JVM logs: every span in full, for debugging a failure. */
  private static void writeSpansNextToTheLogs(String name, List<ReceivedSpan> spans) {
    Path file = Path.of(System.getProperty("basedir", "."), "target", "agent-jvm", "spans-" + name + ".txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, describe(spans) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // a debugging aid only
    }
  }

  /**
   * java.util.logging for the forked JVM: the agent's SDK logs misuse of a span (ending it twice,
   * setting attributes after the end) at FINE under its relocated class name. Weft routes the
   * relocated loggers into its own log (WARNING and up only), so these two loggers get a console
   * handler of their own, which prints to stderr, where tests catch the lines. The instrumentation
   * API's FINE line about its missing version file is switched on as a canary that proves this
   * configuration still reaches the agent's loggers.
   */
  public static Path writeLoggingConfig(Path directory) throws IOException {
    Path file = directory.resolve("logging.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "handlers=",
            "java.util.logging.ConsoleHandler.level=ALL",
            "java.util.logging.SimpleFormatter.format=" + JUL_FORMAT_PREFIX + "%4$s %3$s: %5$s%n",
            ".level=INFO",
            SDK_SPAN_LOGGER + ".level=FINE",
            SDK_SPAN_LOGGER + ".handlers=java.util.logging.ConsoleHandler",
            JUL_CANARY_LOGGER + ".level=FINE",
            JUL_CANARY_LOGGER + ".handlers=java.util.logging.ConsoleHandler",
            ""),
        StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Fails unless stderr holds Weft's start-up line and nothing else of Weft's: no warning, no SDK
   * complaint. Tolerated: the JUL canary (see {@link #writeLoggingConfig}) and {@link #CDS_WARNING}.
   */
  public void assertStderrHasOnlyTheStartupLine() {
    List<String> unexpected = new ArrayList<>();
    int startupLines = 0;
    int cdsWarnings = 0;
    for (String line : stderrLines()) {
      if (line.startsWith("[weft] Weft ") && line.contains(" started in ")) {
        startupLines++;
      } else if (line.equals(CDS_WARNING)) {
        cdsWarnings++;
      } else if (!(line.startsWith(JUL_FORMAT_PREFIX + "FINE ") && line.contains(JUL_CANARY_LOGGER))) {
        unexpected.add(line);
      }
    }
    assertThat(unexpected).as("stderr of run %s:\n%s", runId, result.stderr()).isEmpty();
    assertThat(startupLines).as("Weft's start-up line in run %s", runId).isEqualTo(1);
    assertThat(cdsWarnings).as("the JVM's class-sharing warning in run %s", runId).isLessThanOrEqualTo(1);
  }

  /** Lines the JUL configuration produced. */
  public List<String> julLines() {
    return stderrLines().stream().filter(l -> l.startsWith(JUL_FORMAT_PREFIX)).collect(Collectors.toList());
  }

  public List<String> stderrLines() {
    return Arrays.stream(result.stderr().split("\n")).filter(l -> !l.isBlank()).collect(Collectors.toList());
  }

  public String outcome(String scenario) {
    assertThat(outcomes).as("outcomes of run %s", runId).containsKey(scenario);
    return outcomes.get(scenario);
  }

  public List<ReceivedSpan> spans() {
    return spans;
  }

  /** The spans whose url.full path ends with {@code /<name>}. */
  public List<ReceivedSpan> spansFor(String name) {
    return spans.stream().filter(s -> pathOf(s).endsWith("/" + name)).collect(Collectors.toList());
  }

  /** The one span of a scenario; fails if there are none or several. */
  public ReceivedSpan onlySpanFor(String name) {
    List<ReceivedSpan> found = spansFor(name);
    assertThat(found).as("spans of scenario %s (run %s); all spans:\n%s", name, runId, describe(spans)).hasSize(1);
    return found.get(0);
  }

  /** The one span with this name (a scenario's own parent span); fails if there are none or several. */
  public ReceivedSpan onlySpanNamed(String name) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
    assertThat(found).as("spans named %s (run %s)", name, runId).hasSize(1);
    return found.get(0);
  }

  public static String pathOf(ReceivedSpan span) {
    String url = span.stringAttribute("url.full");
    if (url == null) {
      return "";
    }
    int end = url.length();
    for (char c : new char[] {'?', '#'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return url.substring(0, end);
  }

  public static String describe(List<ReceivedSpan> spans) {
    return spans.stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n"));
  }

  /**
   * A W3C traceparent naming exactly this span as the parent, sampled. Other flags are not checked:
   * Weft's Level 2 propagator also sets the random-trace-id flag.
   */
  public static void assertTraceparentNames(String traceparent, ReceivedSpan span) {
    String[] parts = traceparent.split("-");
    assertThat(parts).as("traceparent %s", traceparent).hasSize(4);
    assertThat(parts[0]).as("traceparent version").isEqualTo("00");
    assertThat(parts[1]).as("trace id in traceparent").isEqualTo(span.traceId());
    assertThat(parts[2]).as("parent id in traceparent").isEqualTo(span.spanId());
    assertThat(Integer.parseInt(parts[3], 16) & 1).as("sampled flag in traceparent %s", traceparent).isEqualTo(1);
  }

  /**
   * The W3C traceparent the server saw must name exactly this span as the parent, and its tracestate be
   * the span's.
   */
  public static void assertTraceparentNames(RecordedRequest request, ReceivedSpan span) {
    List<String> values = request.header("traceparent");
    assertThat(values).as("traceparent headers of %s %s", request.method(), request.target()).hasSize(1);
    assertTraceparentNames(values.get(0), span);
    // tracestate: exactly the span's, or no header when it is empty (the W3C propagator writes none)
    String traceState = span.traceState() == null ? "" : span.traceState();
    if (traceState.isEmpty()) {
      assertThat(request.header("tracestate")).as("tracestate of %s %s", request.method(), request.target()).isEmpty();
    } else {
      assertThat(request.header("tracestate")).as("tracestate of %s %s", request.method(), request.target())
          .containsExactly(traceState);
    }
  }
}
