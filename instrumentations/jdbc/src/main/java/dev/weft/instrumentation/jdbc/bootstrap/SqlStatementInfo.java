package dev.weft.instrumentation.jdbc.bootstrap;

/**
 * What one SQL text becomes on a span: the text to record ({@code db.query.text}, literals replaced
 * unless sanitizing is off), the operation ({@code SELECT}), and its target: a collection
 * ({@code db.collection.name}) or, for {@code CALL}/{@code EXEC}, a stored procedure.
 */
public final class SqlStatementInfo {
  final String text;
  final String operation;
  final String collection;
  final String procedure;

  SqlStatementInfo(String text, String operation, String collection, String procedure) {
    this.text = text;
    this.operation = operation;
    this.collection = collection;
    this.procedure = procedure;
  }

  public String text() {
    return text;
  }

  public String operation() {
    return operation;
  }

  public String collection() {
    return collection;
  }

  public String procedure() {
    return procedure;
  }

  /** The collection or stored procedure the operation acts on, for the span name. */
  public String target() {
    return collection != null ? collection : procedure;
  }

  @Override
  public String toString() {
    return "SqlStatementInfo{" + operation + " " + target() + ": " + text + "}";
  }
}
