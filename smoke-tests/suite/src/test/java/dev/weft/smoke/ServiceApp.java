package dev.weft.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.RunningJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A server application under test: started (with or without the agent), reached over HTTP on the port
 * it prints, stopped with SIGTERM as a service manager stops it.
 */
final class ServiceApp implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  final RunningJvm jvm;
  final int port;

  private ServiceApp(RunningJvm jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  /** Starts the app and waits for the stderr line that {@code portLine} matches (group 1: the port). */
  static ServiceApp start(AgentJvm.Builder launcher, Pattern portLine) {
    RunningJvm jvm = launcher.javaHome(SmokeRun.javaHome()).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = portLine.matcher(jvm.stderr());
      if (m.find()) {
        return new ServiceApp(jvm, Integer.parseInt(m.group(1)));
      }
      if (!jvm.isAlive()) {
        break;
      }
      sleep(100);
    }
    jvm.close();
    throw new AssertionError("no line matching " + portLine + " in time; stderr:\n" + jvm.stderr());
  }

  /** GET a path; the answer as "status body". */
  String get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed; app stderr:\n" + jvm.stderr(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Stops the app as a service manager would (SIGTERM) and returns its exit code. */
  int stop() {
    if (jvm.isAlive()) {
      jvm.sigterm();
    }
    return jvm.awaitExit(Duration.ofSeconds(30)).exitCode();
  }

  @Override
  public void close() {
    try {
      if (jvm.isAlive()) {
        stop();
      }
    } finally {
      jvm.close();
    }
  }

  /** The spans of the one trace that holds a span matching {@code root}, waiting until it has {@code count}. */
  static List<ReceivedSpan> traceOf(FakeCollector collector, Predicate<ReceivedSpan> member, int count) {
    List<ReceivedSpan> all =
        collector.awaitSpans(
            received -> {
              List<ReceivedSpan> trace = sameTrace(received, member);
              return trace.size() >= count;
            },
            SPAN_TIMEOUT);
    return sameTrace(all, member);
  }

  private static List<ReceivedSpan> sameTrace(List<ReceivedSpan> spans, Predicate<ReceivedSpan> member) {
    List<String> traceIds =
        spans.stream().filter(member).map(ReceivedSpan::traceId).distinct().collect(Collectors.toList());
    if (traceIds.size() != 1) {
      return List.of();
    }
    return spans.stream().filter(s -> s.traceId().equals(traceIds.get(0))).collect(Collectors.toList());
  }

  /** A SERVER span for this request path (url.path). */
  static Predicate<ReceivedSpan> serverSpanFor(String path) {
    return s -> s.kind() == ReceivedSpan.Kind.SERVER && path.equals(s.stringAttribute("url.path"));
  }

  /** Answers with what differs from run to run masked (Spring's error timestamps, ports in error pages). */
  static Map<String, String> masked(Map<String, String> answers) {
    return answers.entrySet().stream()
        .collect(Collectors.toMap(
            Map.Entry::getKey,
            e -> e.getValue()
                .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"<t>\"")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>"),
            (a, b) -> a,
            java.util.LinkedHashMap::new));
  }

  static void assertSameAnswers(Map<String, String> withAgent, Map<String, String> withoutAgent) {
    assertThat(masked(withAgent))
        .as("responses with the agent against responses without")
        .containsExactlyEntriesOf(masked(withoutAgent));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
