package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.jdbc.ExpectedSpans.Db;
import dev.weft.testing.FakeCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * H2 and HSQLDB, embedded, in one JVM with the agent: every scenario through DriverManager, a
 * DataSource and HikariCP. Also runs the same scenarios without the agent: the application's answers
 * (results, exceptions with SQL state, vendor code, message and every stack frame) are identical.
 */
class EmbeddedDatabasesTest {
  static final Db H2 = new Db("h2", "h2database", "weftdb", null, null, "42S02", "org.h2.jdbc.JdbcSQLSyntaxErrorException", null);
  static final Db HSQLDB = new Db("hsqldb", "hsqldb", "weftdb", null, null, "42501", "java.sql.SQLSyntaxErrorException", null);

  static FakeCollector collector;
  static JdbcRun run;
  static ExpectedSpans h2;
  static ExpectedSpans hsqldb;

  @BeforeAll
  static void runScenarios() {
    collector = FakeCollector.start();
    String prefix = JdbcRun.newPrefix();
    h2 = new ExpectedSpans(H2, prefix);
    hsqldb = new ExpectedSpans(HSQLDB, prefix);
    run = JdbcRun.run(JdbcRun.launcher(prefix).otlpTo(collector), prefix, collector, h2.count() + hsqldb.count(), "h2", "hsqldb");
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void h2SpansAreExactlyTheExpectedOnes() {
    h2.assertMatches(run.spansOf("h2database"));
  }

  @Test
  void hsqldbSpansAreExactlyTheExpectedOnes() {
    hsqldb.assertMatches(run.spansOf("hsqldb"));
  }

  @Test
  void nothingElseArrived() {
    assertThat(run.spans).hasSize(h2.count() + hsqldb.count());
  }

  @Test
  void theApplicationSeesExactlyWhatItSeesWithoutTheAgent() {
    String prefix = run.prefix; // same table names, so the messages match word for word
    JdbcRun plain = JdbcRun.run(JdbcRun.launcher(prefix).withAgent(false), prefix, null, 0, "h2", "hsqldb");
    assertThat(run.outcomes).isEqualTo(plain.outcomes);
    assertThat(run.outcome("h2.failing")).startsWith("org.h2.jdbc.JdbcSQLSyntaxErrorException state=42S02 code=42102");
    assertThat(run.outcome("hsqldb.failing")).startsWith("java.sql.SQLSyntaxErrorException state=42501 code=-5501");
    assertThat(run.outcome("h2.hikari")).isEqualTo("rows=1,rows=1");
  }
}
