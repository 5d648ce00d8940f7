package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.jdbc.app.JdbcScenarioApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedSpan;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** One run of {@link JdbcScenarioApp} in a forked JVM with the drivers it needs on its class path. */
final class JdbcRun {
  static final Duration JVM_TIMEOUT = Duration.ofSeconds(150);

  final String prefix;
  final JvmResult result;
  final Map<String, String> outcomes = new LinkedHashMap<>();
  final List<ReceivedSpan> spans;

  private JdbcRun(String prefix, JvmResult result, List<ReceivedSpan> spans) {
    this.prefix = prefix;
    this.result = result;
    this.spans = spans;
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith("RESULT ")) {
        int colon = line.indexOf(": ");
        outcomes.put(line.substring("RESULT ".length(), colon), line.substring(colon + 2));
      }
    }
  }

  /** A unique table prefix: the PostgreSQL and MariaDB servers are shared with other test runs. */
  static String newPrefix() {
    return "w" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /** The class path of the scenario app: itself, the drivers and HikariCP (with its slf4j). */
  static AgentJvm.Builder launcher(String prefix) {
    return AgentJvm.builder()
        .mainClass(JdbcScenarioApp.class.getName())
        .classpathOf(
            JdbcScenarioApp.class,
            org.h2.Driver.class,
            org.hsqldb.jdbc.JDBCDriver.class,
            org.postgresql.Driver.class,
            org.mariadb.jdbc.Driver.class,
            com.mysql.cj.jdbc.Driver.class,
            com.zaxxer.hikari.HikariDataSource.class,
            org.slf4j.LoggerFactory.class)
        .sysProp(JdbcScenarioApp.PREFIX, prefix)
        .name("jdbc-" + prefix);
  }

  /** Runs to the end; with a collector, waits for {@code expectedSpans} and then for any straggler. */
  static JdbcRun run(AgentJvm.Builder launcher, String prefix, FakeCollector collector, int expectedSpans, String... targets) {
    launcher.args(targets);
    JvmResult result = launcher.run(JVM_TIMEOUT);
    result.assertExitCode(0);
    assertThat(result.stdout()).as("stdout").contains("DONE");
    List<ReceivedSpan> spans = List.of();
    if (collector != null) {
      collector.awaitSpans(expectedSpans, Duration.ofSeconds(20));
      // The agent flushed at exit: nothing more may come.
      collector.assertNoMoreSpans(Duration.ofMillis(300));
      spans = collector.spans().stream()
          .sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos))
          .collect(Collectors.toList());
    }
    return new JdbcRun(prefix, result, spans);
  }

  List<ReceivedSpan> spansOf(String dbSystem) {
    return spans.stream().filter(s -> dbSystem.equals(s.stringAttribute("db.system.name"))).collect(Collectors.toList());
  }

  String outcome(String key) {
    assertThat(outcomes).as("outcomes").containsKey(key);
    return outcomes.get(key);
  }
}
