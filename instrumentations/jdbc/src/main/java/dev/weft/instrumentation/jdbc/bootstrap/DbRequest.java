package dev.weft.instrumentation.jdbc.bootstrap;

/** One statement execution, as the span sees it. */
public final class DbRequest {
  final DbInfo info;
  final SqlStatementInfo query;
  /** Statements in the batch; 0 for a single execution. */
  final int batchSize;
  /** Captured parameter values by 0-based index (null entries not set), or null. */
  final String[] parameters;
  /** {@code db.response.status_code} of a failed execution, set just before the span ends. */
  String responseStatusCode;

  DbRequest(DbInfo info, SqlStatementInfo query, int batchSize, String[] parameters) {
    this.info = info;
    this.query = query;
    this.batchSize = batchSize;
    this.parameters = parameters;
  }
}
