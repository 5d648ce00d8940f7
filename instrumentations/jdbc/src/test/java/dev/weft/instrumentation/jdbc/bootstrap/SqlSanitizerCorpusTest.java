package dev.weft.instrumentation.jdbc.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sanitizer on a corpus of tricky statements: the exact text it records, the operation and the
 * target (collection or procedure) of the span name. Each row: dialect, SQL, expected text,
 * operation, target.
 */
class SqlSanitizerCorpusTest {
  private static final SqlDialect A = SqlDialect.ANSI;
  private static final SqlDialect PG = SqlDialect.POSTGRESQL;
  private static final SqlDialect MY = SqlDialect.MYSQL;
  private static final SqlDialect MS = SqlDialect.MSSQL;

  record Case(SqlDialect dialect, String sql, String text, String operation, String target) {
    @Override
    public String toString() {
      return dialect + ": " + sql.replace("\n", "\\n");
    }
  }

  private static Case c(SqlDialect d, String sql, String text, String operation, String target) {
    return new Case(d, sql, text, operation, target);
  }

  static Stream<Case> corpus() {
    List<Case> l = new ArrayList<>();
    // -- plain DML
    l.add(c(A, "SELECT * FROM users WHERE id = 42", "SELECT * FROM users WHERE id = ?", "SELECT", "users"));
    l.add(c(A, "select name from users where name = 'bob'", "select name from users where name = ?", "SELECT", "users"));
    l.add(c(A, "SELECT 1", "SELECT ?", "SELECT", null));
    l.add(c(A, "SELECT * FROM users", "SELECT * FROM users", "SELECT", "users"));
    l.add(c(A, "INSERT INTO orders (id, total) VALUES (7, 19.99)", "INSERT INTO orders (id, total) VALUES (?, ?)", "INSERT", "orders"));
    l.add(c(A, "insert into orders(id) values(1)", "insert into orders(id) values(?)", "INSERT", "orders"));
    l.add(c(A, "UPDATE accounts SET balance = balance - 100 WHERE id = 3", "UPDATE accounts SET balance = balance - ? WHERE id = ?", "UPDATE", "accounts"));
    l.add(c(A, "DELETE FROM sessions WHERE expires < 1700000000", "DELETE FROM sessions WHERE expires < ?", "DELETE", "sessions"));
    l.add(c(A, "MERGE INTO stock s USING incoming i ON s.id = i.id WHEN MATCHED THEN UPDATE SET qty = 5",
        "MERGE INTO stock s USING incoming i ON s.id = i.id WHEN MATCHED THEN UPDATE SET qty = ?", "MERGE", "stock"));
    l.add(c(A, "SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = ? AND c = ?", "SELECT", "t"));
    l.add(c(A, "  \n\tSELECT x FROM t", "  \n\tSELECT x FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM users u WHERE u.id = 1", "SELECT * FROM users u WHERE u.id = ?", "SELECT", "users"));
    l.add(c(A, "SELECT * FROM users AS u ORDER BY u.name LIMIT 10", "SELECT * FROM users AS u ORDER BY u.name LIMIT ?", "SELECT", "users"));
    l.add(c(A, "SELECT count(*) FROM items GROUP BY kind HAVING count(*) > 5", "SELECT count(*) FROM items GROUP BY kind HAVING count(*) > ?", "SELECT", "items"));
    // -- qualified and quoted names
    l.add(c(A, "SELECT * FROM shop.users WHERE id = 1", "SELECT * FROM shop.users WHERE id = ?", "SELECT", "shop.users"));
    l.add(c(A, "SELECT * FROM \"Shop\".\"User Table\" WHERE id = 1", "SELECT * FROM \"Shop\".\"User Table\" WHERE id = ?", "SELECT", "\"Shop\".\"User Table\""));
    l.add(c(A, "SELECT * FROM \"we\"\"ird\" WHERE x = 'y'", "SELECT * FROM \"we\"\"ird\" WHERE x = ?", "SELECT", "\"we\"\"ird\""));
    l.add(c(MY, "SELECT * FROM `order` WHERE `key` = 'v'", "SELECT * FROM `order` WHERE `key` = ?", "SELECT", "`order`"));
    l.add(c(MS, "SELECT * FROM [dbo].[Users] WHERE [Name] = N'Zoë'", "SELECT * FROM [dbo].[Users] WHERE [Name] = ?", "SELECT", "[dbo].[Users]"));
    l.add(c(A, "SELECT * FROM catalog . schema . tbl", "SELECT * FROM catalog . schema . tbl", "SELECT", "catalog . schema . tbl"));
    l.add(c(A, "SELECT * FROM t1, t2 WHERE t1.id = t2.id", "SELECT * FROM t1, t2 WHERE t1.id = t2.id", "SELECT", null));
    l.add(c(A, "SELECT * FROM t1 JOIN t2 ON t1.id = t2.id", "SELECT * FROM t1 JOIN t2 ON t1.id = t2.id", "SELECT", null));
    l.add(c(A, "SELECT * FROM t1 a LEFT OUTER JOIN t2 b ON a.id = b.id", "SELECT * FROM t1 a LEFT OUTER JOIN t2 b ON a.id = b.id", "SELECT", null));
    l.add(c(A, "SELECT * FROM (SELECT id FROM inner_t) x", "SELECT * FROM (SELECT id FROM inner_t) x", "SELECT", null));
    l.add(c(A, "SELECT (SELECT max(v) FROM other WHERE k = 1) FROM main_t", "SELECT (SELECT max(v) FROM other WHERE k = ?) FROM main_t", "SELECT", "main_t"));
    l.add(c(A, "SELECT * FROM a WHERE id IN (SELECT id FROM b WHERE c = 'x')", "SELECT * FROM a WHERE id IN (SELECT id FROM b WHERE c = ?)", "SELECT", "a"));
    // -- string literals
    l.add(c(A, "SELECT 'it''s' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT '' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT 'a' || 'b' FROM t", "SELECT ? || ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT 'C:\\' , 'x' FROM t", "SELECT ? , ? FROM t", "SELECT", "t"));
    l.add(c(MY, "SELECT 'it\\'s', 'ok' FROM t", "SELECT ?, ? FROM t", "SELECT", "t"));
    l.add(c(MY, "SELECT \"double\" FROM t WHERE a = \"b\\\"c\"", "SELECT ? FROM t WHERE a = ?", "SELECT", "t"));
    l.add(c(A, "SELECT \"col\" FROM t WHERE \"col\" = 'v'", "SELECT \"col\" FROM t WHERE \"col\" = ?", "SELECT", "t"));
    l.add(c(A, "SELECT N'unicode' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT X'DEADBEEF', B'1010' FROM t", "SELECT ?, ? FROM t", "SELECT", "t"));
    l.add(c(PG, "SELECT E'it\\'s' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(PG, "SELECT 'no\\' , 'escape' FROM t", "SELECT ? , ? FROM t", "SELECT", "t"));
    l.add(c(PG, "SELECT U&'d\\0061t\\+000061' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(MY, "SELECT _utf8mb4'text' COLLATE utf8mb4_bin FROM t", "SELECT ? COLLATE utf8mb4_bin FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT q'[it's]' FROM dual", "SELECT ? FROM dual", "SELECT", "dual"));
    l.add(c(A, "SELECT nq'{a'b}' FROM dual", "SELECT ? FROM dual", "SELECT", "dual"));
    l.add(c(A, "SELECT 'multi\nline\nsecret' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT 'ünïcödé 日本' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT DATE '2024-01-01', TIMESTAMP '2024-01-01 10:00:00' FROM t", "SELECT DATE ?, TIMESTAMP ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT {ts '2024-01-01 00:00:00'} FROM t", "SELECT {ts ?} FROM t", "SELECT", "t"));
    // -- numbers
    l.add(c(A, "SELECT 3.14, .5, 1e10, 2.5E-3, 1. FROM t", "SELECT ?, ?, ?, ?, ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT -1, +2 FROM t", "SELECT -?, +? FROM t", "SELECT", "t"));
    l.add(c(MY, "SELECT 0xFF, 0b101 FROM t", "SELECT ?, ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT col1, t2.col3 FROM table9", "SELECT col1, t2.col3 FROM table9", "SELECT", "table9"));
    l.add(c(A, "SELECT a+1 FROM t", "SELECT a+? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t LIMIT 10 OFFSET 20", "SELECT * FROM t LIMIT ? OFFSET ?", "SELECT", "t"));
    l.add(c(A, "SELECT 123abc FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT TRUE, FALSE, NULL FROM t", "SELECT TRUE, FALSE, NULL FROM t", "SELECT", "t"));
    // -- IN lists
    l.add(c(A, "SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE id IN (?, ?, ?, ?)", "SELECT * FROM t WHERE id IN (?)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE id in('a','b')", "SELECT * FROM t WHERE id in(?)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE id NOT IN ( -1 , -2 )", "SELECT * FROM t WHERE id NOT IN (?)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE id IN (1, /* two */ 2)", "SELECT * FROM t WHERE id IN (?)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE id IN (SELECT id FROM u)", "SELECT * FROM t WHERE id IN (SELECT id FROM u)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE id IN (1, 2, a)", "SELECT * FROM t WHERE id IN (?, a)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE id IN ()", "SELECT * FROM t WHERE id IN ()", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))", "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE x IN (:ids)", "SELECT * FROM t WHERE x IN (?)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE x IN (1", "SELECT * FROM t WHERE x IN (?", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE inside = 1 AND index IN (2)", "SELECT * FROM t WHERE inside = ? AND index IN (?)", "SELECT", "t"));
    // -- comments
    l.add(c(A, "SELECT * FROM t -- where password = 'x'\nWHERE id = 1", "SELECT * FROM t WHERE id = ?", "SELECT", "t"));
    l.add(c(A, "SELECT /* hint: user=alice */ * FROM t", "SELECT * FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT/*x*/1 FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "/* leading */ SELECT * FROM t", " SELECT * FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t /* unterminated 'secret'", "SELECT * FROM t ", "SELECT", "t"));
    l.add(c(PG, "SELECT /* outer /* inner 'x' */ still comment 'y' */ 1 FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(MY, "SELECT 1 FROM t # trailing 'secret'\n", "SELECT ? FROM t ", "SELECT", "t"));
    l.add(c(PG, "SELECT 1 # 2 FROM t", "SELECT ? # ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT '--not a comment' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT '/* not a comment */' FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT 5-3 FROM t", "SELECT ?-? FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT /*+ INDEX(t idx) */ * FROM t", "SELECT * FROM t", "SELECT", "t"));
    // -- dollar quoting and placeholders
    l.add(c(PG, "SELECT $$secret$$ FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(PG, "SELECT $tag$with $$ inside$tag$ FROM t", "SELECT ? FROM t", "SELECT", "t"));
    l.add(c(PG, "SELECT $body$never closed", "SELECT ?", "SELECT", null));
    l.add(c(PG, "SELECT * FROM t WHERE a = $1 AND b = $2", "SELECT * FROM t WHERE a = $1 AND b = $2", "SELECT", "t"));
    l.add(c(PG, "SELECT price$ FROM t", "SELECT price$ FROM t", "SELECT", "t"));
    l.add(c(PG, "SELECT '1'::int, x::text FROM t", "SELECT ?::int, x::text FROM t", "SELECT", "t"));
    l.add(c(PG, "SELECT data->>'name' FROM docs WHERE data ? 'key'", "SELECT data->>? FROM docs WHERE data ? ?", "SELECT", "docs"));
    l.add(c(PG, "SELECT ARRAY[1, 2][1] FROM t", "SELECT ARRAY[?, ?][?] FROM t", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t WHERE a = :name AND b = :other", "SELECT * FROM t WHERE a = :name AND b = :other", "SELECT", "t"));
    l.add(c(MS, "SELECT * FROM t WHERE a = @p1", "SELECT * FROM t WHERE a = @p1", "SELECT", "t"));
    l.add(c(MY, "SELECT $1 FROM t", "SELECT $1 FROM t", "SELECT", "t"));
    // -- unterminated
    l.add(c(A, "SELECT * FROM t WHERE a = 'never closed", "SELECT * FROM t WHERE a = ?", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM \"never closed WHERE a = 'secret'", "SELECT * FROM ?", "SELECT", null));
    l.add(c(MY, "SELECT * FROM t WHERE a = 'trailing backslash\\", "SELECT * FROM t WHERE a = ?", "SELECT", "t"));
    l.add(c(A, "SELECT 'a'''", "SELECT ?", "SELECT", null));
    // -- DDL
    l.add(c(A, "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100) DEFAULT 'x')",
        "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(?) DEFAULT ?)", "CREATE", "users"));
    l.add(c(A, "CREATE TABLE IF NOT EXISTS app.events (id BIGINT)", "CREATE TABLE IF NOT EXISTS app.events (id BIGINT)", "CREATE", "app.events"));
    l.add(c(A, "CREATE GLOBAL TEMPORARY TABLE tmp_x (id INT)", "CREATE GLOBAL TEMPORARY TABLE tmp_x (id INT)", "CREATE", "tmp_x"));
    l.add(c(A, "DROP TABLE IF EXISTS users", "DROP TABLE IF EXISTS users", "DROP", "users"));
    l.add(c(A, "ALTER TABLE users ADD COLUMN age INT DEFAULT 0", "ALTER TABLE users ADD COLUMN age INT DEFAULT ?", "ALTER", "users"));
    l.add(c(A, "CREATE INDEX idx_name ON users (name)", "CREATE INDEX idx_name ON users (name)", "CREATE", null));
    l.add(c(A, "TRUNCATE TABLE logs", "TRUNCATE TABLE logs", "TRUNCATE", "logs"));
    l.add(c(A, "truncate logs", "truncate logs", "TRUNCATE", "logs"));
    l.add(c(PG, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 42 $$ LANGUAGE sql", "CREATE FUNCTION f() RETURNS int AS ? LANGUAGE sql", "CREATE", null));
    // -- procedures and JDBC escapes
    l.add(c(A, "{call update_stock(?, 5)}", "{call update_stock(?, ?)}", "CALL", "update_stock"));
    l.add(c(A, "{? = call get_total(?)}", "{? = call get_total(?)}", "CALL", "get_total"));
    l.add(c(A, "CALL app.refresh('full')", "CALL app.refresh(?)", "CALL", "app.refresh"));
    l.add(c(MS, "EXEC dbo.GetUser @id = 5", "EXEC dbo.GetUser @id = ?", "EXEC", "dbo.GetUser"));
    // -- other operations
    l.add(c(A, "COMMIT", "COMMIT", "COMMIT", null));
    l.add(c(A, "rollback", "rollback", "ROLLBACK", null));
    l.add(c(A, "SET search_path TO 'app'", "SET search_path TO ?", "SET", null));
    l.add(c(MY, "SHOW TABLES LIKE 'user%'", "SHOW TABLES LIKE ?", "SHOW", null));
    l.add(c(A, "EXPLAIN SELECT * FROM t WHERE id = 1", "EXPLAIN SELECT * FROM t WHERE id = ?", "EXPLAIN", null));
    l.add(c(A, "VALUES (1, 'a')", "VALUES (?, ?)", "VALUES", null));
    l.add(c(A, "frobnicate the 'thing'", "frobnicate the ?", null, null));
    l.add(c(A, "", "", null, null));
    l.add(c(A, "   ", "   ", null, null));
    l.add(c(A, "'just a literal'", "?", null, null));
    // -- WITH
    l.add(c(A, "WITH recent AS (SELECT * FROM orders WHERE ts > 100) SELECT * FROM recent", "WITH recent AS (SELECT * FROM orders WHERE ts > ?) SELECT * FROM recent", "SELECT", "recent"));
    l.add(c(PG, "WITH x AS (SELECT 1) INSERT INTO archive SELECT * FROM x", "WITH x AS (SELECT ?) INSERT INTO archive SELECT * FROM x", "INSERT", "archive"));
    l.add(c(A, "(SELECT a FROM t1) UNION (SELECT a FROM t2)", "(SELECT a FROM t1) UNION (SELECT a FROM t2)", "SELECT", "t1"));
    // -- vendor syntax
    l.add(c(MY, "INSERT IGNORE INTO t (a) VALUES ('x') ON DUPLICATE KEY UPDATE a = 'y'", "INSERT IGNORE INTO t (a) VALUES (?) ON DUPLICATE KEY UPDATE a = ?", "INSERT", "t"));
    l.add(c(MY, "REPLACE INTO kv VALUES ('k', 'v')", "REPLACE INTO kv VALUES (?, ?)", "REPLACE", "kv"));
    l.add(c(PG, "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 2 RETURNING id", "INSERT INTO t (a) VALUES (?) ON CONFLICT (a) DO UPDATE SET b = ? RETURNING id", "INSERT", "t"));
    l.add(c(PG, "UPDATE ONLY parent SET x = 1", "UPDATE ONLY parent SET x = ?", "UPDATE", "parent"));
    l.add(c(MY, "UPDATE LOW_PRIORITY t SET x = 1", "UPDATE LOW_PRIORITY t SET x = ?", "UPDATE", "t"));
    l.add(c(A, "SELECT * FROM t FETCH FIRST 5 ROWS ONLY", "SELECT * FROM t FETCH FIRST ? ROWS ONLY", "SELECT", "t"));
    l.add(c(MS, "SELECT TOP 10 * FROM t WITH (NOLOCK)", "SELECT TOP ? * FROM t WITH (NOLOCK)", "SELECT", "t"));
    l.add(c(A, "SELECT * FROM t FOR UPDATE", "SELECT * FROM t FOR UPDATE", "SELECT", "t"));
    l.add(c(PG, "SELECT * FROM generate_series(1, 10)", "SELECT * FROM generate_series(?, ?)", "SELECT", "generate_series"));
    l.add(c(A, "DELETE FROM a USING b WHERE a.id = b.id", "DELETE FROM a USING b WHERE a.id = b.id", "DELETE", "a"));
    l.add(c(A, "INSERT INTO t SELECT * FROM u WHERE x = 'y'", "INSERT INTO t SELECT * FROM u WHERE x = ?", "INSERT", "t"));
    // -- multi-statement
    l.add(c(A, "SELECT * FROM t WHERE a = 1; DELETE FROM t WHERE b = 'x'", "SELECT * FROM t WHERE a = ?; DELETE FROM t WHERE b = ?", "SELECT", "t"));
    l.add(c(A, "INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)", "INSERT INTO a VALUES (?); INSERT INTO b VALUES (?)", "INSERT", null));
    l.add(c(A, "BEGIN; UPDATE t SET x = 1; COMMIT;", "BEGIN; UPDATE t SET x = ?; COMMIT;", "BEGIN", "t"));
    l.add(c(A, ";;SELECT 1", ";;SELECT ?", "SELECT", null));
    l.add(c(A, "SELECT ';' FROM t; SELECT 2 FROM t", "SELECT ? FROM t; SELECT ? FROM t", "SELECT", "t"));
    return l.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void sanitizes(Case c) {
    SqlStatementInfo info = SqlSanitizer.sanitize(c.sql(), c.dialect());
    assertThat(info.text()).as("text").isEqualTo(c.text());
    assertThat(info.operation()).as("operation").isEqualTo(c.operation());
    assertThat(info.target()).as("target").isEqualTo(c.target());
  }

  @Test
  void corpusHasAtLeastOneHundredStatements() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(100);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void analyzingWithoutSanitizingKeepsTheTextAndFindsTheSameNames(Case c) {
    SqlStatementInfo info = SqlSanitizer.analyze(c.sql(), c.dialect(), false);
    assertThat(info.text()).isEqualTo(c.sql());
    assertThat(info.operation()).isEqualTo(c.operation());
    assertThat(info.target()).isEqualTo(c.target());
  }
}
