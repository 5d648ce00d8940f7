package dev.weft.instrumentation.jdbc.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one H2 (in-memory) query, without and with the agent: run twice, the second time with
 * {@code -jvmArgsAppend "-javaagent:agent/target/weft-agent.jar"} (commands in the module README). The
 * difference is what Weft adds per execution (span start/end, attributes, SQL analysis for the plain
 * statement; export is off: {@code OTEL_TRACES_EXPORTER=none}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dotel.traces.exporter=none"})
public class H2QueryBenchmark {
  private Connection connection;
  private PreparedStatement byId;
  private Statement plain;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50))");
      for (int i = 0; i < 1000; i++) {
        s.execute("INSERT INTO users VALUES (" + i + ", 'user" + i + "')");
      }
    }
    byId = connection.prepareStatement("SELECT name FROM users WHERE id = ?");
    plain = connection.createStatement();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    connection.close();
  }

  @Benchmark
  public String preparedSelectById() throws SQLException {
    byId.setInt(1, 500);
    try (ResultSet rs = byId.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Benchmark
  public String plainSelectWithLiterals() throws SQLException {
    try (ResultSet rs = plain.executeQuery("SELECT name FROM users WHERE id = 500 AND name <> 'nobody'")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
