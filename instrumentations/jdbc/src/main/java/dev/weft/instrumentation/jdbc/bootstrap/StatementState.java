package dev.weft.instrumentation.jdbc.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * What Weft remembers about one statement object between its creation and its executions: its
 * connection's facts, the prepared SQL (analyzed once, at prepare time), the batch being built and,
 * when captured, the parameter values. JDBC statements are not for concurrent use, so neither is this.
 */
public final class StatementState {
  /** Distinct SQL texts kept for a mixed batch's {@code db.query.text}; more are left out. */
  static final int MAX_DISTINCT_BATCH_TEXTS = 16;
  static final int MAX_PARAMETERS = 256;
  static final int MAX_PARAMETER_LENGTH = 1024;

  final DbInfo info;
  final SqlStatementInfo prepared;
  int batchCount;
  private List<SqlStatementInfo> batchTexts;
  private String[] parameters;

  StatementState(DbInfo info, SqlStatementInfo prepared) {
    this.info = info;
    this.prepared = prepared;
  }

  /** {@code Statement.addBatch(sql)} (a query) or {@code PreparedStatement.addBatch()} (null). */
  void addBatch(SqlStatementInfo query) {
    batchCount++;
    if (query == null) {
      return;
    }
    if (batchTexts == null) {
      batchTexts = new ArrayList<>(4);
    }
    for (SqlStatementInfo q : batchTexts) {
      if (q.text.equals(query.text)) {
        return;
      }
    }
    if (batchTexts.size() < MAX_DISTINCT_BATCH_TEXTS) {
      batchTexts.add(query);
    }
  }

  void clearBatch() {
    batchCount = 0;
    batchTexts = null;
  }

  /**
   * The batch as one query, as the semantic conventions describe it: one text when all are the same,
   * else the distinct texts joined by {@code "; "}; operation {@code BATCH INSERT} when all share
   * one, else {@code BATCH}; the collection when all share one.
   */
  SqlStatementInfo batchQuery() {
    List<SqlStatementInfo> texts = batchTexts;
    if (texts == null || texts.isEmpty()) {
      if (prepared == null) {
        return null;
      }
      return batchCount >= 2 ? batchOf(prepared.text, prepared.operation, prepared.collection, prepared.procedure) : prepared;
    }
    SqlStatementInfo first = texts.get(0);
    if (texts.size() == 1) {
      return batchCount >= 2 ? batchOf(first.text, first.operation, first.collection, first.procedure) : first;
    }
    String operation = first.operation;
    String collection = first.collection;
    StringBuilder joined = new StringBuilder();
    for (SqlStatementInfo q : texts) {
      if (operation != null && !operation.equals(q.operation)) {
        operation = null;
      }
      if (collection != null && !collection.equals(q.collection)) {
        collection = null;
      }
      if (joined.length() > 0) {
        joined.append("; ");
      }
      if (joined.length() + q.text.length() > SqlSanitizer.MAX_TEXT_LENGTH) {
        joined.append(SqlSanitizer.TRUNCATED);
        break;
      }
      joined.append(q.text);
    }
    return batchOf(joined.toString(), operation, collection, null);
  }

  private static SqlStatementInfo batchOf(String text, String operation, String collection, String procedure) {
    return new SqlStatementInfo(text, operation == null ? "BATCH" : "BATCH " + operation, collection, procedure);
  }

  /** {@code setXxx(index, value)}: index is JDBC's, 1-based. */
  void setParameter(int index, Object value) {
    if (index < 1 || index > MAX_PARAMETERS) {
      return;
    }
    String text = render(value);
    if (parameters == null) {
      if (text == null) {
        return;
      }
      parameters = new String[Math.max(index, 8)];
    } else if (parameters.length < index) {
      String[] grown = new String[Math.min(MAX_PARAMETERS, Math.max(index, parameters.length * 2))];
      System.arraycopy(parameters, 0, grown, 0, parameters.length);
      parameters = grown;
    }
    parameters[index - 1] = text;
  }

  void clearParameters() {
    parameters = null;
  }

  String[] parametersSnapshot() {
    return parameters == null ? null : parameters.clone();
  }

  /** Values that print as what was sent; streams, blobs and arbitrary objects are not captured. */
  static String render(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      String s = (String) value;
      return s.length() > MAX_PARAMETER_LENGTH ? s.substring(0, MAX_PARAMETER_LENGTH) + SqlSanitizer.TRUNCATED : s;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Character
        || value instanceof java.util.Date || value instanceof java.time.temporal.TemporalAccessor
        || value instanceof java.util.UUID) {
      return String.valueOf(value);
    }
    return null;
  }
}
