package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.jdbc.ExpectedSpans.Db;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (pgjdbc) and MariaDB (through MariaDB Connector/J and through MySQL Connector/J) on
 * loopback, in one JVM with the agent: every scenario through DriverManager, a DataSource and
 * HikariCP.
 */
class NetworkDatabasesTest {
  static final Db POSTGRESQL = new Db("postgresql", "postgresql", "test", "127.0.0.1", 5432L, "42P01",
      "org.postgresql.util.PSQLException", "FUNCTION");
  static final Db MARIADB = new Db("mariadb", "mariadb", "test", "127.0.0.1", 3306L, "1146",
      "java.sql.SQLSyntaxErrorException", "PROCEDURE");
  static final Db MYSQL = new Db("mysql", "mysql", "test", "127.0.0.1", 3306L, "1146",
      "java.sql.SQLSyntaxErrorException", "PROCEDURE");

  static FakeCollector collector;
  static JdbcRun run;
  static ExpectedSpans postgresql;
  static ExpectedSpans mariadb;
  static ExpectedSpans mysql;

  @BeforeAll
  static void runScenarios() {
    collector = FakeCollector.start();
    String prefix = JdbcRun.newPrefix();
    postgresql = new ExpectedSpans(POSTGRESQL, prefix);
    mariadb = new ExpectedSpans(MARIADB, prefix);
    mysql = new ExpectedSpans(MYSQL, prefix);
    int expected = postgresql.count() + mariadb.count() + mysql.count() + MYSQL_METADATA_QUERIES;
    run = JdbcRun.run(JdbcRun.launcher(prefix).otlpTo(collector), prefix, collector, expected, "postgresql", "mariadb", "mysql");
  }

  /**
   * MySQL Connector/J's prepareCall reads the procedure's parameters with queries of its own
   * (DatabaseMetaData, 9.5: SHOW PROCEDURE STATUS, SHOW CREATE PROCEDURE): real executions, so real spans, made by the driver rather than the application.
   */
  static final int MYSQL_METADATA_QUERIES = 2;

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void postgresqlSpansAreExactlyTheExpectedOnes() {
    postgresql.assertMatches(run.spansOf("postgresql"));
    assertThat(run.outcome("postgresql.callable")).isEqualTo("result=1005");
    assertThat(run.outcome("postgresql.failing")).startsWith("org.postgresql.util.PSQLException state=42P01 code=0");
  }

  @Test
  void mariadbConnectorSpansAreExactlyTheExpectedOnes() {
    mariadb.assertMatches(run.spansOf("mariadb"));
    assertThat(run.outcome("mariadb.failing")).startsWith("java.sql.SQLSyntaxErrorException state=42S02 code=1146");
  }

  @Test
  void mysqlConnectorSpansAreExactlyTheExpectedOnesPlusItsMetadataQuery() {
    List<ReceivedSpan> spans = run.spansOf("mysql");
    List<ReceivedSpan> metadata = spans.stream()
        .filter(s -> s.stringAttribute("db.query.text").startsWith("SHOW "))
        .collect(Collectors.toList());
    assertThat(metadata).extracting(s -> s.stringAttribute("db.query.text")).containsExactly(
        "SHOW PROCEDURE STATUS WHERE Db = ? AND Name LIKE ?",
        "SHOW CREATE PROCEDURE `test`.`" + run.prefix + "_mysql_add`");
    assertThat(metadata).extracting(ReceivedSpan::name).containsOnly("SHOW");
    spans.removeAll(metadata);
    mysql.assertMatches(spans);
    assertThat(run.outcome("mysql.callable")).isEqualTo("result=1005");
  }

  @Test
  void nothingElseArrived() {
    assertThat(run.spans).hasSize(postgresql.count() + mariadb.count() + mysql.count() + MYSQL_METADATA_QUERIES);
  }
}
