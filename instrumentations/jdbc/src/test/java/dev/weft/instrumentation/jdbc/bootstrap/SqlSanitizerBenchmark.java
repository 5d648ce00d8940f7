package dev.weft.instrumentation.jdbc.bootstrap;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sanitizer throughput. MB/s = (ops/s) x (input length) / 10^6 (the inputs are ASCII); the input
 * lengths are printed at setup. Run (see the module README):
 *
 * <pre>
 * java -cp "$(cat instrumentations/jdbc/target/bench-classpath.txt)" org.openjdk.jmh.Main SqlSanitizerBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqlSanitizerBenchmark {
  @Param({"short", "typical", "long"})
  public String shape;

  private String sql;

  @Setup
  public void setUp() {
    switch (shape) {
      case "short":
        sql = "SELECT name, email FROM users WHERE id = 42";
        break;
      case "typical":
        sql = "/* service=orders */ SELECT o.id, o.total, c.name FROM orders o JOIN customers c ON c.id = o.customer_id"
            + " WHERE o.status IN ('NEW', 'PAID', 'SHIPPED') AND o.created_at > '2024-01-01 00:00:00'"
            + " AND c.email = 'someone@example.com' AND o.total BETWEEN 10.50 AND 999.99"
            + " ORDER BY o.created_at DESC LIMIT 50 OFFSET 100";
        break;
      default:
        StringBuilder b = new StringBuilder("INSERT INTO events (id, kind, payload, ts) VALUES ");
        for (int i = 0; b.length() < 15_000; i++) {
          b.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'click', '{\"x\": ").append(i * 7)
              .append("}', 1700000000").append(i).append(")");
        }
        sql = b.toString();
    }
    System.out.println("\n" + shape + ": " + sql.length() + " characters");
  }

  @Benchmark
  public SqlStatementInfo sanitize() {
    return SqlSanitizer.sanitize(sql, SqlDialect.POSTGRESQL);
  }
}
