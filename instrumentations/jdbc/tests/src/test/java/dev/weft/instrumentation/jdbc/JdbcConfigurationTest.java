package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC switches, all in one H2 run: sanitizer off
 * ({@code OTEL_INSTRUMENTATION_COMMON_DB_STATEMENT_SANITIZER_ENABLED=false}), parameter capture on
 * ({@code OTEL_INSTRUMENTATION_JDBC_CAPTURE_QUERY_PARAMETERS=true}) and the old attribute names as well
 * ({@code OTEL_SEMCONV_STABILITY_OPT_IN=database/dup}). And {@code OTEL_INSTRUMENTATION_JDBC_ENABLED=false}.
 */
class JdbcConfigurationTest {
  static FakeCollector collector;
  static JdbcRun run;
  static String users;

  @BeforeAll
  static void runScenarios() {
    collector = FakeCollector.start();
    String prefix = JdbcRun.newPrefix();
    users = prefix + "_h2_users";
    int expected = new ExpectedSpans(EmbeddedDatabasesTest.H2, prefix).count();
    run = JdbcRun.run(
        JdbcRun.launcher(prefix).otlpTo(collector)
            .env("OTEL_INSTRUMENTATION_COMMON_DB_STATEMENT_SANITIZER_ENABLED", "false")
            .env("OTEL_INSTRUMENTATION_JDBC_CAPTURE_QUERY_PARAMETERS", "true")
            .env("OTEL_SEMCONV_STABILITY_OPT_IN", "database/dup"),
        prefix, collector, expected, "h2");
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  private static ReceivedSpan spanWithText(String text) {
    List<ReceivedSpan> found = run.spans.stream().filter(s -> text.equals(s.stringAttribute("db.query.text"))).toList();
    assertThat(found).as("spans with db.query.text %s among %s", text, run.spans).isNotEmpty();
    return found.get(0);
  }

  @Test
  void sanitizerOffRecordsTheTextAsWritten() {
    ReceivedSpan span = spanWithText("SELECT name FROM " + users + " WHERE id = 42 AND name = 'alice'");
    assertThat(span.name()).isEqualTo("SELECT " + users);
  }

  @Test
  void preparedStatementParametersAreRecordedByZeroBasedIndex() {
    ReceivedSpan insert = run.spans.stream()
        .filter(s -> s.name().equals("INSERT " + users)).findFirst().orElseThrow();
    assertThat(insert.attributes()).containsEntry("db.query.parameter.0", "1").containsEntry("db.query.parameter.1", "bob");
    ReceivedSpan byName = spanWithText("SELECT id FROM " + users + " WHERE name = ?");
    assertThat(byName.attributes()).containsEntry("db.query.parameter.0", "bob").doesNotContainKey("db.query.parameter.1");
    ReceivedSpan batch = run.spans.stream()
        .filter(s -> s.name().equals("BATCH INSERT " + users)).findFirst().orElseThrow();
    assertThat(batch.attributes().keySet()).noneMatch(k -> k.startsWith("db.query.parameter."));
  }

  @Test
  void databaseDupAddsTheOldNames() {
    ReceivedSpan span = spanWithText("SELECT name FROM " + users + " WHERE id = ?");
    assertThat(span.attributes())
        .containsEntry("db.system.name", "h2database")
        .containsEntry("db.system", "h2")
        .containsEntry("db.namespace", "weftdb")
        .containsEntry("db.name", "weftdb")
        .containsEntry("db.statement", "SELECT name FROM " + users + " WHERE id = ?")
        .containsEntry("db.operation.name", "SELECT")
        .containsEntry("db.operation", "SELECT")
        .containsEntry("db.collection.name", users)
        .containsEntry("db.sql.table", users);
  }

  @Test
  void theInstrumentationCanBeTurnedOff() {
    try (FakeCollector quiet = FakeCollector.start()) {
      String prefix = JdbcRun.newPrefix();
      JdbcRun off = JdbcRun.run(
          JdbcRun.launcher(prefix).otlpTo(quiet).env("OTEL_INSTRUMENTATION_JDBC_ENABLED", "false"),
          prefix, quiet, 0, "h2");
      assertThat(off.spans).isEmpty();
      assertThat(off.outcome("h2.hikari")).isEqualTo("rows=1,rows=1");
    }
  }
}
