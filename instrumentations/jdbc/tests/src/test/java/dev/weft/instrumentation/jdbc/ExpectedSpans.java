package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.ReceivedSpan.StatusCode;
import dev.weft.testing.SpanAssert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The spans {@code JdbcScenarioApp}'s scenarios must produce for one database, in order, each with its
 * exact name and exact attribute set; and that no literal of the application's SQL reaches a span.
 */
final class ExpectedSpans {
  /** Every literal value the scenarios put into their SQL text. */
  static final List<String> LITERALS = List.of("alice", "42", "carol", "dave", "erin", "frank", "1000", "'", " 7");

  /** One database as the scenarios see it. */
  record Db(
      String target,
      String system,
      String namespace,
      String host,
      Long port,
      String missingTableStatus,
      String missingTableException,
      String routineKind) {}

  record Span(String name, Map<String, Object> attributes, boolean failed) {}

  private final Db db;
  private final String t; // table prefix of this target
  private final List<Span> expected = new ArrayList<>();

  ExpectedSpans(Db db, String prefix) {
    this.db = db;
    this.t = prefix + "_" + db.target();
    String users = t + "_users";
    span("CREATE TABLE " + users + " (id INT PRIMARY KEY, name VARCHAR(?))", "CREATE", users, null, 0);
    if (db.routineKind() != null) {
      String body = db.routineKind().equals("FUNCTION")
          ? "CREATE FUNCTION " + t + "_add(a integer, b integer) RETURNS integer AS ? LANGUAGE sql"
          : "CREATE PROCEDURE " + t + "_add(IN a INT, IN b INT, OUT total INT) BEGIN SET total = a + b + ?; END";
      span(body, "CREATE", null, null, 0);
    }
    span("SELECT name FROM " + users + " WHERE id = ? AND name = ?", "SELECT", users, null, 0);
    span("INSERT INTO " + users + " (id, name) VALUES (?, ?)", "INSERT", users, null, 0);
    if (db.routineKind() == null) {
      span("{call ABS(?)}", "CALL", null, "ABS", 0);
    } else if (db.routineKind().equals("FUNCTION")) {
      span("{? = call " + t + "_add(?, ?)}", "CALL", null, t + "_add", 0);
    } else {
      span("{call " + t + "_add(?, ?, ?)}", "CALL", null, t + "_add", 0);
    }
    span("INSERT INTO " + users + " (id, name) VALUES (?, ?); UPDATE " + users + " SET name = ? WHERE id = ?",
        "BATCH", users, null, 3);
    span("INSERT INTO " + users + " (id, name) VALUES (?, ?)", "BATCH INSERT", users, null, 3);
    Span failing = span("SELECT * FROM " + t + "_missing WHERE id = ?", "SELECT", t + "_missing", null, 0);
    failing.attributes().put("error.type", db.missingTableException());
    failing.attributes().put("db.response.status_code", db.missingTableStatus());
    expected.set(expected.size() - 1, new Span(failing.name(), failing.attributes(), true));
    span("SELECT id FROM " + users + " WHERE name = ?", "SELECT", users, null, 0);
    if (db.target().equals("mariadb")) {
      // HikariCP asks the new pooled connection for its isolation level; MariaDB Connector/J runs a query.
      span("SELECT @@session.tx_isolation", "SELECT", null, null, 0);
    }
    span("SELECT name FROM " + users + " WHERE id = ?", "SELECT", users, null, 0);
    span("SELECT name FROM " + users + " WHERE id = ?", "SELECT", users, null, 0);
    span("UPDATE " + users + " SET name = ? WHERE id = ?", "UPDATE", users, null, 0);
    if (db.host() == null) { // the embedded databases run the 1 MB statement
      span("SELECT id FROM " + users + " WHERE id IN (?) OR name = ?", "SELECT", users, null, 0);
    }
    span("DROP TABLE " + users, "DROP", users, null, 0);
    if (db.routineKind() != null) {
      span("DROP " + db.routineKind() + " " + t + "_add", "DROP", null, null, 0);
    }
  }

  private Span span(String text, String operation, String collection, String procedure, int batchSize) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("db.system.name", db.system());
    a.put("db.namespace", db.namespace());
    if (db.host() != null) {
      a.put("server.address", db.host());
      a.put("server.port", db.port());
    }
    a.put("db.query.text", text);
    a.put("db.operation.name", operation);
    if (collection != null) {
      a.put("db.collection.name", collection);
    }
    if (procedure != null) {
      a.put("db.stored_procedure.name", procedure);
    }
    if (batchSize > 0) {
      a.put("db.operation.batch.size", (long) batchSize);
    }
    String target = collection != null ? collection : procedure;
    Span s = new Span(target == null ? operation : operation + " " + target, a, false);
    expected.add(s);
    return s;
  }

  int count() {
    return expected.size();
  }

  /** The spans of this database, in start order, are exactly the expected ones. */
  void assertMatches(List<ReceivedSpan> actual) {
    assertThat(actual.stream().map(ReceivedSpan::name).collect(Collectors.toList()))
        .as("span names of %s", db.target())
        .containsExactlyElementsOf(expected.stream().map(Span::name).collect(Collectors.toList()));
    for (int i = 0; i < expected.size(); i++) {
      Span e = expected.get(i);
      ReceivedSpan span = actual.get(i);
      SpanAssert.assertThat(span)
          .hasKind(Kind.CLIENT)
          .hasNoParent()
          .hasScopeName("dev.weft.jdbc")
          .hasStatus(e.failed() ? StatusCode.ERROR : StatusCode.UNSET);
      assertThat(span.attributes()).as("attributes of %s", span).containsExactlyInAnyOrderEntriesOf(e.attributes());
      if (e.failed()) {
        SpanAssert.assertThat(span).hasException(db.missingTableException());
      } else {
        SpanAssert.assertThat(span).hasNoException();
      }
      String text = span.stringAttribute("db.query.text");
      for (String literal : LITERALS) {
        assertThat(text).as("db.query.text of %s", span.name()).doesNotContain(literal);
      }
    }
    // Each execution outside any span is its own trace.
    assertThat(actual.stream().map(ReceivedSpan::traceId).distinct().count()).isEqualTo(actual.size());
  }
}
