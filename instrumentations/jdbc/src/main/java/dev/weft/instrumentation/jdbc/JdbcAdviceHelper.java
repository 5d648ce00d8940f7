package dev.weft.instrumentation.jdbc;

import dev.weft.instrumentation.jdbc.bootstrap.DbInfo;
import dev.weft.instrumentation.jdbc.bootstrap.JdbcTracing;
import dev.weft.instrumentation.jdbc.bootstrap.JdbcTracing.Execution;
import dev.weft.instrumentation.jdbc.bootstrap.JdbcUrlParser;
import dev.weft.instrumentation.jdbc.bootstrap.StatementState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the JDBC advice calls: the {@code java.sql} side (connections, metadata, SQL states), kept out
 * of the bootstrap half because bootstrap classes cannot see {@code java.sql} on Java 9+. Injected
 * into each driver's (or pool's) class loader; stateless, so one copy per loader is harmless, and all
 * state lives in {@link JdbcTracing}. Every method swallows its own failures.
 */
public final class JdbcAdviceHelper {
  private JdbcAdviceHelper() {}

  // ---- Connection.createStatement / prepareStatement / prepareCall

  public static void statementCreated(Connection connection, Object statement, String sql) {
    if (statement == null) {
      return;
    }
    try {
      JdbcTracing.statementCreated(statement, info(connection), sql);
    } catch (Throwable t) {
      // the statement gets its facts on first execution, if it can
    }
  }

  /**
   * The connection's facts, computed once per connection: a pool's proxy connection (new for every
   * borrow) is unwrapped to the driver's, whose facts are usually known already.
   */
  static DbInfo info(Connection connection) {
    if (connection == null) {
      return DbInfo.UNKNOWN;
    }
    DbInfo info = JdbcTracing.connectionInfo(connection);
    if (info != null) {
      return info;
    }
    JdbcTracing.enterInternalCall();
    try {
      Connection real = unwrap(connection);
      if (real != connection) {
        info = JdbcTracing.connectionInfo(real);
      }
      if (info == null) {
        info = JdbcUrlParser.parse(url(real), real.getClass().getName());
        JdbcTracing.rememberConnection(real, info);
      }
      if (real != connection) {
        JdbcTracing.rememberConnection(connection, info);
      }
      return info;
    } finally {
      JdbcTracing.exitInternalCall();
    }
  }

  private static Connection unwrap(Connection connection) {
    try {
      Connection real = connection.unwrap(Connection.class);
      return real != null ? real : connection;
    } catch (Throwable t) {
      return connection; // not a wrapper, or one that will not say
    }
  }

  private static String url(Connection connection) {
    try {
      return connection.getMetaData().getURL();
    } catch (Throwable t) {
      return null;
    }
  }

  // ---- execute*

  /** Returns the started span, or null when an enclosing execution (proxy, wrapper) owns it. */
  public static Execution executeEnter(Statement statement, String sql, boolean batch) {
    if (!JdbcTracing.enterExecution()) {
      return null;
    }
    try {
      StatementState state = JdbcTracing.statement(statement);
      if (state == null) { // created before Weft was there, or by a path not seen
        state = JdbcTracing.statementCreated(statement, info(connectionOf(statement)), null);
      }
      return JdbcTracing.start(state, sql, batch);
    } catch (Throwable t) {
      return null;
    }
  }

  public static void executeExit(Statement statement, Execution execution, Throwable error, boolean batch) {
    JdbcTracing.exitExecution();
    try {
      if (batch) {
        JdbcTracing.batchExecuted(statement);
      }
      if (execution != null) {
        JdbcTracing.end(execution, error, statusCode(execution, error));
      }
    } catch (Throwable t) {
      // a lost span, never the application's problem
    }
  }

  private static Connection connectionOf(Statement statement) {
    JdbcTracing.enterInternalCall();
    try {
      return statement.getConnection();
    } catch (Throwable t) {
      return null;
    } finally {
      JdbcTracing.exitInternalCall();
    }
  }

  /**
   * {@code db.response.status_code}: the vendor's error number for MySQL and MariaDB (their
   * conventions say so; their SQL states are coarse), else the SQLSTATE, else a non-zero vendor code.
   */
  static String statusCode(Execution execution, Throwable error) {
    if (!(error instanceof SQLException)) {
      return null;
    }
    SQLException e = (SQLException) error;
    String system = JdbcTracing.systemOf(execution);
    if (DbInfo.MYSQL.equals(system) || DbInfo.MARIADB.equals(system)) {
      return e.getErrorCode() != 0 ? Integer.toString(e.getErrorCode()) : e.getSQLState();
    }
    String state = e.getSQLState();
    if (state != null && !state.isEmpty()) {
      return state;
    }
    return e.getErrorCode() != 0 ? Integer.toString(e.getErrorCode()) : null;
  }

  // ---- batches and parameters

  public static void addBatch(Object statement, String sql) {
    try {
      JdbcTracing.addBatch(statement, sql);
    } catch (Throwable t) {
      // batch size unknown, nothing else
    }
  }

  public static void addBatchExit() {
    JdbcTracing.addBatchExit();
  }

  public static void clearBatch(Object statement) {
    try {
      JdbcTracing.clearBatch(statement);
    } catch (Throwable t) {
      // ignored
    }
  }

  public static void setParameter(Object statement, int index, Object value) {
    try {
      JdbcTracing.setParameter(statement, index, value);
    } catch (Throwable t) {
      // ignored
    }
  }

  public static void clearParameters(Object statement) {
    try {
      JdbcTracing.clearParameters(statement);
    } catch (Throwable t) {
      // ignored
    }
  }
}
