package dev.weft.instrumentation.jdbc.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The application under test: plain JDBC against one or more databases, knowing nothing of Weft.
 * Arguments name the targets ({@code h2}, {@code hsqldb}, {@code postgresql}, {@code mariadb},
 * {@code mysql}); for each it runs the same scenarios on tables named {@code <prefix>_<target>_...}
 * and prints one {@code RESULT <target>.<scenario>: <outcome>} line per scenario, then {@code DONE}.
 */
public final class JdbcScenarioApp {
  /** System property: the table name prefix, unique per run (the databases on loopback are shared). */
  public static final String PREFIX = "scenario.prefix";

  public static final List<String> SCENARIOS =
      List.of("setup", "statement", "prepared", "callable", "statementBatch", "preparedBatch", "failing",
          "dataSource", "hikari", "hostile", "cleanup");

  private JdbcScenarioApp() {}

  public static void main(String[] args) throws Exception {
    String prefix = System.getProperty(PREFIX, "w");
    for (String target : args) {
      Target t = Target.of(target, prefix + "_" + target);
      for (String scenario : SCENARIOS) {
        String outcome;
        try {
          outcome = run(t, scenario);
        } catch (SQLException e) {
          outcome = describe(e);
        }
        System.out.println("RESULT " + target + "." + scenario + ": " + outcome);
      }
    }
    System.out.println("DONE");
  }

  /** What the application sees of a failure: compared with and without the agent. */
  public static String describe(SQLException e) {
    StringBuilder s = new StringBuilder(e.getClass().getName())
        .append(" state=").append(e.getSQLState())
        .append(" code=").append(e.getErrorCode())
        .append(" message=").append(e.getMessage().replace('\n', ' '))
        .append(" stack=");
    for (StackTraceElement frame : e.getStackTrace()) {
      s.append(frame.getClassName()).append('.').append(frame.getMethodName()).append(':').append(frame.getLineNumber()).append(',');
    }
    return s.toString();
  }

  private static String run(Target t, String scenario) throws SQLException {
    String users = t.table + "_users";
    switch (scenario) {
      case "setup":
        try (Connection c = t.connect(); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE " + users + " (id INT PRIMARY KEY, name VARCHAR(50))");
          if (t.name.equals("postgresql")) {
            s.execute("CREATE FUNCTION " + t.table + "_add(a integer, b integer) RETURNS integer AS $$ SELECT a + b + 1000 $$ LANGUAGE sql");
          } else if (t.name.equals("mariadb") || t.name.equals("mysql")) {
            s.execute("CREATE PROCEDURE " + t.table + "_add(IN a INT, IN b INT, OUT total INT) BEGIN SET total = a + b + 1000; END");
          }
        }
        return "ok";
      case "statement":
        try (Connection c = t.connect(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT name FROM " + users + " WHERE id = 42 AND name = 'alice'")) {
          return "rows=" + count(rs);
        }
      case "prepared":
        try (Connection c = t.connect();
            PreparedStatement p = c.prepareStatement("INSERT INTO " + users + " (id, name) VALUES (?, ?)")) {
          p.setInt(1, 1);
          p.setString(2, "bob");
          return "updated=" + p.executeUpdate();
        }
      case "callable":
        return callable(t);
      case "statementBatch":
        try (Connection c = t.connect(); Statement s = c.createStatement()) {
          s.addBatch("INSERT INTO " + users + " (id, name) VALUES (10, 'carol')");
          s.addBatch("INSERT INTO " + users + " (id, name) VALUES (11, 'dave')");
          s.addBatch("UPDATE " + users + " SET name = 'erin' WHERE id = 10");
          return "counts=" + s.executeBatch().length;
        }
      case "preparedBatch":
        try (Connection c = t.connect();
            PreparedStatement p = c.prepareStatement("INSERT INTO " + users + " (id, name) VALUES (?, ?)")) {
          for (int i = 20; i < 23; i++) {
            p.setInt(1, i);
            p.setString(2, "user" + i);
            p.addBatch();
          }
          return "counts=" + p.executeBatch().length;
        }
      case "failing":
        try (Connection c = t.connect(); Statement s = c.createStatement()) {
          s.executeQuery("SELECT * FROM " + t.table + "_missing WHERE id = 7");
          return "no failure?";
        }
      case "dataSource":
        try (Connection c = t.dataSource().getConnection();
            PreparedStatement p = c.prepareStatement("SELECT id FROM " + users + " WHERE name = ?")) {
          p.setString(1, "bob");
          try (ResultSet rs = p.executeQuery()) {
            return "rows=" + count(rs);
          }
        }
      case "hikari":
        return hikari(t, users);
      case "hostile":
        return hostile(t, users);
      case "cleanup":
        try (Connection c = t.connect(); Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + users);
          if (t.name.equals("postgresql")) {
            s.execute("DROP FUNCTION " + t.table + "_add");
          } else if (t.name.equals("mariadb") || t.name.equals("mysql")) {
            s.execute("DROP PROCEDURE " + t.table + "_add");
          }
        }
        return "ok";
      default:
        throw new IllegalArgumentException(scenario);
    }
  }

  private static String callable(Target t) throws SQLException {
    try (Connection c = t.connect()) {
      switch (t.name) {
        case "postgresql":
          try (CallableStatement call = c.prepareCall("{? = call " + t.table + "_add(?, ?)}")) {
            call.registerOutParameter(1, java.sql.Types.INTEGER);
            call.setInt(2, 2);
            call.setInt(3, 3);
            call.execute();
            return "result=" + call.getInt(1);
          }
        case "mariadb":
        case "mysql":
          try (CallableStatement call = c.prepareCall("{call " + t.table + "_add(?, ?, ?)}")) {
            call.setInt(1, 2);
            call.setInt(2, 3);
            call.registerOutParameter(3, java.sql.Types.INTEGER);
            call.execute();
            return "result=" + call.getInt(3);
          }
        default: // H2 and HSQLDB: CALL evaluates an expression
          try (CallableStatement call = c.prepareCall("{call ABS(?)}")) {
            call.setInt(1, -1005);
            try (ResultSet rs = call.executeQuery()) {
              rs.next();
              return "result=" + rs.getInt(1);
            }
          }
      }
    }
  }

  private static String hikari(Target t, String users) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(t.url);
    config.setUsername(t.user);
    config.setPassword(t.password);
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    config.setPoolName("weft-" + t.name);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      List<String> outcomes = new ArrayList<>();
      for (int round = 0; round < 2; round++) { // two borrows of the same pooled connection
        try (Connection c = pool.getConnection();
            PreparedStatement p = c.prepareStatement("SELECT name FROM " + users + " WHERE id = ?")) {
          p.setInt(1, 1);
          try (ResultSet rs = p.executeQuery()) {
            outcomes.add("rows=" + count(rs));
          }
        }
      }
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE " + users + " SET name = 'frank' WHERE id = 11");
      }
      return String.join(",", outcomes);
    }
  }

  /**
   * About 1 MB of SQL (a 60,000-value IN list and a 400 KB string literal), on the embedded databases
   * only: the span's text must stay bounded and literal-free, the application's answer unchanged.
   */
  private static String hostile(Target t, String users) throws SQLException {
    if (!t.name.equals("h2") && !t.name.equals("hsqldb")) {
      return "skipped";
    }
    StringBuilder sql = new StringBuilder("SELECT id FROM ").append(users).append(" WHERE id IN (");
    for (int i = 0; i < 60_000; i++) {
      sql.append(i == 0 ? "" : ", ").append(i + 100_000);
    }
    sql.append(") OR name = '").append("x".repeat(400_000)).append("'");
    try (Connection c = t.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
      return "rows=" + count(rs) + " length=" + sql.length();
    }
  }

  private static int count(ResultSet rs) throws SQLException {
    int n = 0;
    while (rs.next()) {
      n++;
    }
    return n;
  }

  /** One database: its URL, credentials and DataSource. */
  static final class Target {
    final String name;
    final String table;
    final String url;
    final String user;
    final String password;

    private Target(String name, String table, String url, String user, String password) {
      this.name = name;
      this.table = table;
      this.url = url;
      this.user = user;
      this.password = password;
    }

    static Target of(String name, String table) {
      switch (name) {
        case "h2":
          return new Target(name, table, "jdbc:h2:mem:weftdb;DB_CLOSE_DELAY=-1", "sa", "");
        case "hsqldb":
          return new Target(name, table, "jdbc:hsqldb:mem:weftdb", "SA", "");
        case "postgresql":
          return new Target(name, table, "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        case "mariadb":
          return new Target(name, table, "jdbc:mariadb://127.0.0.1:3306/test", "root", "");
        case "mysql":
          return new Target(name, table, "jdbc:mysql://127.0.0.1:3306/test?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
        default:
          throw new IllegalArgumentException(name);
      }
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    DataSource dataSource() throws SQLException {
      switch (name) {
        case "h2": {
          org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
          ds.setURL(url);
          ds.setUser(user);
          ds.setPassword(password);
          return ds;
        }
        case "hsqldb": {
          org.hsqldb.jdbc.JDBCDataSource ds = new org.hsqldb.jdbc.JDBCDataSource();
          ds.setUrl(url);
          ds.setUser(user);
          ds.setPassword(password);
          return ds;
        }
        case "postgresql": {
          org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
          ds.setURL(url);
          ds.setUser(user);
          return ds;
        }
        case "mariadb": {
          org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(url);
          ds.setUser(user);
          ds.setPassword(password);
          return ds;
        }
        case "mysql": {
          com.mysql.cj.jdbc.MysqlDataSource ds = new com.mysql.cj.jdbc.MysqlDataSource();
          ds.setURL(url);
          ds.setUser(user);
          ds.setPassword(password);
          return ds;
        }
        default:
          throw new IllegalArgumentException(name);
      }
    }
  }
}
