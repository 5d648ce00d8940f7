package dev.weft.instrumentation.jdbc.bootstrap;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.WeakKeyMap;
import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;

/**
 * The JVM-wide half of the JDBC instrumentation: state, configuration and span lifecycle. On the
 * bootstrap class path so that one copy serves every class loader (a pool in one loader wrapping a
 * driver in another still shares one call depth and one set of maps). It names no {@code java.sql}
 * type: on Java 9+ that module belongs to the platform class loader, which bootstrap classes cannot
 * see. The {@code java.sql} calls are made by {@code JdbcAdviceHelper}, injected next to the driver.
 *
 * <p>Statements and connections are the application's objects, so what Weft knows about them lives in
 * weak identity maps (no field is added to a driver class, nothing is kept alive). Entries are dropped
 * when the object is closed: a pool hands out a new proxy connection and statement per request, and an
 * entry left for the garbage collector is a weak reference that every young collection must process.
 */
public final class JdbcTracing {
  private static final CallDepth EXECUTE_DEPTH = new CallDepth();
  private static final CallDepth BATCH_DEPTH = new CallDepth();
  private static final WeakKeyMap<Object, DbInfo> CONNECTIONS = new WeakKeyMap<>();
  private static final WeakKeyMap<Object, StatementState> STATEMENTS = new WeakKeyMap<>();

  private static final boolean SANITIZE;
  private static final boolean CAPTURE_PARAMETERS;
  private static final Instrumenter<DbRequest, Void> INSTRUMENTER;

  static {
    WeftConfig config = WeftConfig.get();
    SANITIZE = JdbcConfig.sanitize(config);
    CAPTURE_PARAMETERS = JdbcConfig.captureParameters(config);
    JdbcAttributes attributes = new JdbcAttributes(JdbcConfig.emitOldSemconv(config));
    INSTRUMENTER =
        Instrumenter.<DbRequest, Void>builder(WeftOpenTelemetry.get(), "dev.weft.jdbc", attributes)
            .addAttributesExtractor(attributes)
            .buildInstrumenter(io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor.alwaysClient());
  }

  private JdbcTracing() {}

  // ---- connections

  public static DbInfo connectionInfo(Object connection) {
    return CONNECTIONS.get(connection);
  }

  public static void rememberConnection(Object connection, DbInfo info) {
    CONNECTIONS.put(connection, info);
  }

  /** {@code Connection.close()} returned: a reused object is remembered again when next used. */
  public static void connectionClosed(Object connection) {
    CONNECTIONS.remove(connection);
  }

  /** How many connections Weft holds facts for (tests and diagnostics). */
  public static int trackedConnections() {
    return CONNECTIONS.size();
  }

  /**
   * Runs around Weft's own calls on a connection ({@code getMetaData().getURL()}): whatever they
   * execute is not traced.
   */
  public static void enterInternalCall() {
    EXECUTE_DEPTH.enter();
  }

  public static void exitInternalCall() {
    EXECUTE_DEPTH.exit();
  }

  // ---- statements

  /** A statement was created: remember its connection's facts and, if prepared, its analyzed SQL. */
  public static StatementState statementCreated(Object statement, DbInfo info, String preparedSql) {
    SqlStatementInfo prepared = preparedSql == null ? null : analyze(preparedSql, info.dialect);
    StatementState state = new StatementState(info, prepared);
    STATEMENTS.put(statement, state);
    return state;
  }

  public static StatementState statement(Object statement) {
    return STATEMENTS.get(statement);
  }

  /**
   * {@code Statement.close()} returned. A statement cache that hands the same object out again does
   * so through {@code prepareStatement}, which remembers it anew.
   */
  public static void statementClosed(Object statement) {
    STATEMENTS.remove(statement);
  }

  /** How many statements Weft holds state for (tests and diagnostics). */
  public static int trackedStatements() {
    return STATEMENTS.size();
  }

  /**
   * Literals replaced unless configured off. The last result is kept per thread: a pool proxy and its
   * driver prepare the same SQL string one after the other, and a loop often runs one constant text.
   */
  static SqlStatementInfo analyze(String sql, SqlDialect dialect) {
    LastAnalyzed last = LAST.get();
    if (last.sql == sql && last.dialect == dialect && sql != null) {
      return last.result;
    }
    SqlStatementInfo result = SqlSanitizer.analyze(sql, dialect, SANITIZE);
    last.sql = sql;
    last.dialect = dialect;
    last.result = result;
    return result;
  }

  private static final ThreadLocal<LastAnalyzed> LAST =
      new ThreadLocal<LastAnalyzed>() {
        @Override
        protected LastAnalyzed initialValue() {
          return new LastAnalyzed();
        }
      };

  private static final class LastAnalyzed {
    String sql;
    SqlDialect dialect;
    SqlStatementInfo result;
  }

  public static void addBatch(Object statement, String sql) {
    if (BATCH_DEPTH.enter() == 0) {
      StatementState state = STATEMENTS.get(statement);
      if (state != null) {
        state.addBatch(sql == null ? null : analyze(sql, state.info.dialect));
      }
    }
  }

  public static void addBatchExit() {
    BATCH_DEPTH.exit();
  }

  public static void clearBatch(Object statement) {
    StatementState state = STATEMENTS.get(statement);
    if (state != null) {
      state.clearBatch();
    }
  }

  public static boolean capturesParameters() {
    return CAPTURE_PARAMETERS;
  }

  public static void setParameter(Object statement, int index, Object value) {
    StatementState state = STATEMENTS.get(statement);
    if (state != null) {
      state.setParameter(index, value);
    }
  }

  public static void clearParameters(Object statement) {
    StatementState state = STATEMENTS.get(statement);
    if (state != null) {
      state.clearParameters();
    }
  }

  // ---- executions

  /** Enters an execute method; true for the outermost one on this thread, which owns the span. */
  public static boolean enterExecution() {
    return EXECUTE_DEPTH.enter() == 0;
  }

  /** Leaves an execute method; true when the outermost one is done. */
  public static boolean exitExecution() {
    return EXECUTE_DEPTH.exit() == 0;
  }

  /**
   * Starts the span of an execution; returns what {@link #end} needs, or null (not sampled, or
   * suppressed by an enclosing DB span).
   *
   * @param sql the SQL passed to {@code execute(sql)}, or null for a prepared statement or batch
   */
  public static Execution start(StatementState state, String sql, boolean batch) {
    SqlStatementInfo query;
    int batchSize = 0;
    if (batch) {
      query = state.batchQuery();
      batchSize = state.batchCount;
    } else if (sql != null) {
      query = analyze(sql, state.info.dialect);
    } else {
      query = state.prepared;
    }
    String[] parameters = CAPTURE_PARAMETERS && !batch ? state.parametersSnapshot() : null;
    DbRequest request = new DbRequest(state.info, query, batchSize, parameters);
    Context parent = Context.current();
    if (!INSTRUMENTER.shouldStart(parent, request)) {
      return null;
    }
    Context context = INSTRUMENTER.start(parent, request);
    return new Execution(context, context.makeCurrent(), request);
  }

  /** Ends the span; {@code statusCode} is the failure's {@code db.response.status_code}, if any. */
  public static void end(Execution execution, Throwable error, String statusCode) {
    execution.scope.close();
    execution.request.responseStatusCode = statusCode;
    INSTRUMENTER.end(execution.context, execution.request, null, error);
  }

  /** After {@code executeBatch}, JDBC has emptied the statement's batch. */
  public static void batchExecuted(Object statement) {
    clearBatch(statement);
  }

  /** The {@code db.system.name} of a started execution. */
  public static String systemOf(Execution execution) {
    return execution.request.info.system();
  }

  /** A started span, carried from the advice's enter to its exit. */
  public static final class Execution {
    final Context context;
    final Scope scope;
    final DbRequest request;

    Execution(Context context, Scope scope, DbRequest request) {
      this.context = context;
      this.scope = scope;
      this.request = request;
    }
  }
}
