package dev.weft.instrumentation.jdbc.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: huge texts, deep nesting, quotes that never close. Each must give a bounded,
 * literal-free result, and the time must grow linearly with the input: checked by the ratio of the
 * times for 4 MB and 1 MB (linear: about 4; quadratic: 16), never by an absolute time limit.
 */
class SqlSanitizerHostileTest {
  private static final int MB = 1 << 20;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void oneMegabyteOfSqlIsCutAtTheLimit() {
    StringBuilder sql = new StringBuilder("SELECT a FROM big WHERE ");
    while (sql.length() < MB) {
      sql.append("col_x = 'secret' OR ");
    }
    sql.append("1 = 1");
    SqlStatementInfo info = SqlSanitizer.sanitize(sql.toString(), SqlDialect.ANSI);
    assertThat(info.text()).hasSize(SqlSanitizer.MAX_TEXT_LENGTH + SqlSanitizer.TRUNCATED.length());
    assertThat(info.text()).endsWith("...").doesNotContain("secret");
    assertThat(info.operation()).isEqualTo("SELECT");
    assertThat(info.collection()).isEqualTo("big");
  }

  @Test
  void unterminatedQuoteAtOneMegabyteIsOneLiteral() {
    String sql = "SELECT * FROM t WHERE a = 1 AND b = '" + "secret ".repeat(MB / 7);
    assertThat(SqlSanitizer.sanitize(sql, SqlDialect.ANSI).text()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
    assertThat(SqlSanitizer.sanitize(sql, SqlDialect.MYSQL).text()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
  }

  @Test
  void unterminatedDollarQuoteCommentAndIdentifierAtOneMegabyte() {
    String filler = "x'y".repeat(MB / 3);
    assertThat(SqlSanitizer.sanitize("SELECT $q$" + filler, SqlDialect.POSTGRESQL).text()).isEqualTo("SELECT ?");
    assertThat(SqlSanitizer.sanitize("SELECT 1 /*" + filler, SqlDialect.POSTGRESQL).text()).isEqualTo("SELECT ? ");
    assertThat(SqlSanitizer.sanitize("SELECT \"" + filler, SqlDialect.ANSI).text()).isEqualTo("SELECT ?");
  }

  @Test
  void deeplyNestedParenthesesNeedNoStack() {
    int depth = 500_000;
    String sql = "SELECT " + "(".repeat(depth) + "'secret'" + ")".repeat(depth) + " FROM t";
    SqlStatementInfo info = SqlSanitizer.sanitize(sql, SqlDialect.ANSI);
    assertThat(info.text()).startsWith("SELECT ((((").doesNotContain("secret").endsWith("...");
    String closed = "SELECT * FROM t WHERE " + "(".repeat(2000) + "a = 1" + ")".repeat(2000);
    assertThat(SqlSanitizer.sanitize(closed, SqlDialect.ANSI).text()).doesNotContain("1").contains("a = ?");
  }

  @Test
  void longDollarTagsAndManyDollarsStayLinear() {
    String manyDollars = "SELECT " + "$a ".repeat(MB / 3);
    assertThat(SqlSanitizer.sanitize(manyDollars, SqlDialect.POSTGRESQL).text()).startsWith("SELECT $a $a");
    String longTag = "SELECT $" + "t".repeat(MB) + "$ body";
    assertThat(SqlSanitizer.sanitize(longTag, SqlDialect.POSTGRESQL).text()).doesNotContain("body");
  }

  @Test
  void nullAndEmptyInputs() {
    assertThat(SqlSanitizer.sanitize(null, SqlDialect.ANSI).text()).isNull();
    assertThat(SqlSanitizer.sanitize("", null).text()).isEmpty();
    assertThat(SqlSanitizer.analyze("x".repeat(MB), SqlDialect.ANSI, false).text())
        .hasSize(SqlSanitizer.MAX_TEXT_LENGTH + SqlSanitizer.TRUNCATED.length());
  }

  @Test
  void timeGrowsLinearlyWithTheInput() {
    // Inputs that must be read to their end while the output stays small.
    assertLinear("unterminated quote", size -> "SELECT * FROM t WHERE a = '" + "ab''c\\".repeat(size / 6));
    assertLinear("unterminated comment", size -> "SELECT 1 /* " + "/* * ".repeat(size / 5));
    assertLinear("huge IN list", size -> "SELECT * FROM t WHERE id IN (" + "12345, 'x', ".repeat(size / 12) + "1)");
    assertLinear("dollar quote never closed", size -> "SELECT $tag$ " + "$tag $ta$ ".repeat(size / 10));
    assertLinear("deep parentheses", size -> "SELECT " + "(".repeat(size / 2) + ")".repeat(size / 2));
  }

  private static void assertLinear(String what, IntFunction<String> input) {
    String small = input.apply(MB);
    String large = input.apply(4 * MB);
    for (int i = 0; i < 5; i++) { // warm up the JIT on both sizes
      SqlSanitizer.sanitize(small, SqlDialect.POSTGRESQL);
      SqlSanitizer.sanitize(large, SqlDialect.POSTGRESQL);
    }
    // Interleaved, fastest of many, in CPU time: other work on the machine slows both sizes alike,
    // and the fastest run is the least disturbed one.
    long smallNanos = Long.MAX_VALUE;
    long largeNanos = Long.MAX_VALUE;
    for (int i = 0; i < 15; i++) {
      smallNanos = Math.min(smallNanos, time(small));
      largeNanos = Math.min(largeNanos, time(large));
    }
    double ratio = (double) largeNanos / smallNanos;
    // Measured: 3.8 to 4.1. Room above 4 for cache effects (4 MB no longer fits where 1 MB does);
    // a quadratic lexer gives 16 and more.
    assertThat(ratio).as("%s: 4 MB took %.1fx the time of 1 MB (linear ~4, quadratic ~16)", what, ratio).isLessThan(8.0);
  }

  /** CPU time of this thread, not wall-clock time: time spent descheduled on a busy machine does not count. */
  private static long time(String sql) {
    long start = THREADS.getCurrentThreadCpuTime();
    SqlSanitizer.sanitize(sql, SqlDialect.POSTGRESQL);
    return THREADS.getCurrentThreadCpuTime() - start;
  }
}
