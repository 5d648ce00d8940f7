package dev.weft.instrumentation.jdbc.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Time per H2 query in CPU time of the querying thread, which a busy machine disturbs far less than
 * wall-clock time (the JMH {@link H2QueryBenchmark} is the tool on a quiet machine). Run it without and
 * with the agent (commands in the module README); the difference is what Weft adds per execution on
 * the application's thread.
 */
public final class H2LatencyProbe {
  private static final int ROUNDS = 7;
  private static final int PER_ROUND = 20_000;

  private H2LatencyProbe() {}

  public static void main(String[] args) throws SQLException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:probe;DB_CLOSE_DELAY=-1")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50))");
        for (int i = 0; i < 1000; i++) {
          s.execute("INSERT INTO users VALUES (" + i + ", 'user" + i + "')");
        }
      }
      try (PreparedStatement byId = c.prepareStatement("SELECT name FROM users WHERE id = ?");
          Statement plain = c.createStatement()) {
        for (String kind : new String[] {"prepared", "plain"}) {
          for (int i = 0; i < 3 * PER_ROUND; i++) { // warm-up
            query(kind, byId, plain, i);
          }
          long best = Long.MAX_VALUE;
          for (int r = 0; r < ROUNDS; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
              query(kind, byId, plain, i);
            }
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / PER_ROUND);
          }
          System.out.println(kind + ": " + best + " ns/query (CPU, fastest of " + ROUNDS + " rounds of " + PER_ROUND + ")");
        }
      }
    }
  }

  private static void query(String kind, PreparedStatement byId, Statement plain, int i) throws SQLException {
    ResultSet rs;
    if (kind.equals("prepared")) {
      byId.setInt(1, i % 1000);
      rs = byId.executeQuery();
    } else {
      rs = plain.executeQuery("SELECT name FROM users WHERE id = 500 AND name <> 'nobody'");
    }
    try (ResultSet r = rs) {
      r.next();
    }
  }
}
