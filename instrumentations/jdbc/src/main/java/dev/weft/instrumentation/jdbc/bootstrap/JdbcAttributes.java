package dev.weft.instrumentation.jdbc.bootstrap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.SpanNameExtractor;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import io.opentelemetry.instrumentation.api.internal.SpanKeyProvider;

/**
 * The database client span's name and attributes, written for Weft rather than taken from the
 * instrumentation API's incubator {@code SqlClientAttributesExtractor}: that one brings its own SQL
 * sanitizer (Weft's is {@link SqlSanitizer}) and, in 2.31.1, emits the old attribute names unless
 * {@code OTEL_SEMCONV_STABILITY_OPT_IN} says otherwise. Weft emits the stable names by default; with
 * {@code database/dup} it adds the old ones so dashboards built on the OpenTelemetry agent's
 * defaults keep working.
 *
 * <p>As a {@link SpanKeyProvider} it makes the {@code Instrumenter} suppress a DB client span inside
 * another one (a pool proxy or wrapper driver around the real driver), as the API's own extractor does.
 */
final class JdbcAttributes implements AttributesExtractor<DbRequest, Void>, SpanNameExtractor<DbRequest>, SpanKeyProvider {
  static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
  static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");
  static final AttributeKey<String> DB_STORED_PROCEDURE_NAME = AttributeKey.stringKey("db.stored_procedure.name");
  static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
  static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  // The names before the stable database conventions (semconv 1.25 and earlier).
  static final AttributeKey<String> OLD_DB_SYSTEM = AttributeKey.stringKey("db.system");
  static final AttributeKey<String> OLD_DB_NAME = AttributeKey.stringKey("db.name");
  static final AttributeKey<String> OLD_DB_STATEMENT = AttributeKey.stringKey("db.statement");
  static final AttributeKey<String> OLD_DB_OPERATION = AttributeKey.stringKey("db.operation");
  static final AttributeKey<String> OLD_DB_SQL_TABLE = AttributeKey.stringKey("db.sql.table");

  private static final AttributeKey<String>[] PARAMETER_KEYS = parameterKeys();

  private final boolean emitOld;

  JdbcAttributes(boolean emitOld) {
    this.emitOld = emitOld;
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<String>[] parameterKeys() {
    AttributeKey<String>[] keys = new AttributeKey[StatementState.MAX_PARAMETERS];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = AttributeKey.stringKey("db.query.parameter." + i);
    }
    return keys;
  }

  /** {@code OPERATION target}, else the operation, else the database system: never the SQL text. */
  @Override
  public String extract(DbRequest request) {
    SqlStatementInfo q = request.query;
    if (q != null && q.operation != null) {
      String target = q.target();
      return target == null ? q.operation : q.operation + " " + target;
    }
    return request.info.system;
  }

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, DbRequest request) {
    DbInfo info = request.info;
    SqlStatementInfo q = request.query;
    attributes.put(DB_SYSTEM_NAME, info.system);
    putIfNotNull(attributes, DB_NAMESPACE, info.namespace);
    if (info.host != null) {
      attributes.put(SERVER_ADDRESS, info.host);
      if (info.port != null) {
        attributes.put(SERVER_PORT, info.port.longValue());
      }
    }
    if (q != null) {
      putIfNotNull(attributes, DB_QUERY_TEXT, q.text);
      putIfNotNull(attributes, DB_OPERATION_NAME, q.operation);
      putIfNotNull(attributes, DB_COLLECTION_NAME, q.collection);
      putIfNotNull(attributes, DB_STORED_PROCEDURE_NAME, q.procedure);
    }
    if (request.batchSize >= 2) {
      attributes.put(DB_OPERATION_BATCH_SIZE, (long) request.batchSize);
    }
    String[] parameters = request.parameters;
    if (parameters != null) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] != null) {
          attributes.put(PARAMETER_KEYS[i], parameters[i]);
        }
      }
    }
    if (emitOld) {
      attributes.put(OLD_DB_SYSTEM, info.oldSystem());
      putIfNotNull(attributes, OLD_DB_NAME, info.namespace);
      if (q != null) {
        putIfNotNull(attributes, OLD_DB_STATEMENT, q.text);
        putIfNotNull(attributes, OLD_DB_OPERATION, q.operation);
        putIfNotNull(attributes, OLD_DB_SQL_TABLE, q.collection);
      }
    }
  }

  @Override
  public void onEnd(AttributesBuilder attributes, Context context, DbRequest request, Void response, Throwable error) {
    if (error != null) {
      putIfNotNull(attributes, DB_RESPONSE_STATUS_CODE, request.responseStatusCode);
      attributes.put(ERROR_TYPE, error.getClass().getName());
    }
  }

  @Override
  public SpanKey internalGetSpanKey() {
    return SpanKey.DB_CLIENT;
  }

  private static void putIfNotNull(AttributesBuilder attributes, AttributeKey<String> key, String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }
}
