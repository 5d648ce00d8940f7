package dev.weft.agent.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every configuration key Weft reads, its default and what it does: the one list the README's
 * configuration table is generated from ({@code ConfigurationTableTest} fails when they differ and
 * writes the table to paste).
 */
public final class ConfigurationKeys {
  /** One row of the table: the key(s) as environment variables, the default, the explanation. */
  public static final class Row {
    public final String keys;
    public final String defaultValue;
    public final String description;

    Row(String keys, String defaultValue, String description) {
      this.keys = keys;
      this.defaultValue = defaultValue;
      this.description = description;
    }
  }

  public static final List<Row> ROWS =
      Collections.unmodifiableList(Arrays.asList(
      row("`OTEL_JAVAAGENT_ENABLED`", "`true`",
          "`false`: the agent does nothing at all (no class is transformed, nothing printed)."),
      row("`OTEL_JAVAAGENT_DEBUG`", "`false`",
          "Logs every class transformed, every instrumentation skipped (and why), every span ended."),
      row("`OTEL_JAVAAGENT_CONFIGURATION_FILE`", "–",
          "A `.properties` file with `otel.*` keys, below environment variables and system properties."),
      row("`OTEL_INSTRUMENTATION_<NAME>_ENABLED`", "`true`",
          "Turns one instrumentation on or off. Names: `servlet`, `jdbc`, `http-url-connection`, `java-http-client`, `okhttp`, `apache-httpclient`, `apache-httpasyncclient`, `executors`, `opentelemetry-api`, `opentelemetry-instrumentation-annotations`, `methods` (e.g. `OTEL_INSTRUMENTATION_JDBC_ENABLED=false`)."),
      row("`OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED`", "`true`",
          "`false`: every instrumentation is off unless its own key turns it on."),
      row("`OTEL_INSTRUMENTATION_HTTP_SERVER_CAPTURE_REQUEST_HEADERS`", "–",
          "Comma-separated request header names (any case) recorded as `http.request.header.<name>` (every value, in order) on server spans. Nothing is captured by default."),
      row("`OTEL_INSTRUMENTATION_HTTP_SERVER_CAPTURE_RESPONSE_HEADERS`", "–",
          "The same for response headers on server spans (`http.response.header.<name>`)."),
      row("`OTEL_INSTRUMENTATION_HTTP_CLIENT_CAPTURE_REQUEST_HEADERS`", "–",
          "Comma-separated request header names recorded as `http.request.header.<name>` on client spans (every HTTP client)."),
      row("`OTEL_INSTRUMENTATION_HTTP_CLIENT_CAPTURE_RESPONSE_HEADERS`", "–",
          "The same for response headers on client spans (`http.response.header.<name>`)."),
      row("`OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS`", "RFC 9110 methods + `PATCH`",
          "Methods reported as themselves on server spans; any other becomes `_OTHER` (span name `HTTP`), with `http.request.method_original`."),
      row("`OTEL_INSTRUMENTATION_HTTP_SERVER_EMIT_TRACERESPONSE`", "`false`",
          "`true`: traced server responses carry the W3C `traceresponse` header (`00-<trace-id>-<server span id>-<flags>`). Off by default: it tells callers the trace id."),
      row("`OTEL_INSTRUMENTATION_COMMON_DB_STATEMENT_SANITIZER_ENABLED`", "`true`",
          "`false`: `db.query.text` keeps SQL literals (still cut at 16 KB). `OTEL_INSTRUMENTATION_JDBC_STATEMENT_SANITIZER_ENABLED`, when set, wins for JDBC."),
      row("`OTEL_INSTRUMENTATION_JDBC_CAPTURE_QUERY_PARAMETERS`", "`false`",
          "`true`: prepared-statement parameters as `db.query.parameter.<index>` (0-based). The OpenTelemetry agent's `OTEL_INSTRUMENTATION_JDBC_EXPERIMENTAL_CAPTURE_QUERY_PARAMETERS` works too."),
      row("`OTEL_SEMCONV_STABILITY_OPT_IN`", "–",
          "Weft emits the stable database attributes by default; `database/dup` adds the older `db.system`, `db.statement`, `db.name`, `db.operation`, `db.sql.table` (what the OpenTelemetry agent 2.x emits by default), so existing dashboards keep working."),
      row("`OTEL_INSTRUMENTATION_EXECUTORS_PROPAGATE_THREAD_START`", "`false`",
          "`true`: a new platform thread (`new Thread(r).start()`) starts in the trace of the thread that started it (never a pool's worker threads). Off by default, as in the OpenTelemetry agent: such threads often outlive the request."),
      row("`OTEL_INSTRUMENTATION_METHODS_INCLUDE`", "–",
          "`com.shop.Cart[price,checkout];com.shop.Tax[compute]`: an INTERNAL span `Cart.price` per call (all overloads; `<init>` for constructors; the named class only), errors recorded. One warning per malformed entry; the rest applies."),
      row("`OTEL_INSTRUMENTATION_OPENTELEMETRY_INSTRUMENTATION_ANNOTATIONS_EXCLUDE_METHODS`", "–",
          "Same format: these `@WithSpan` methods get no span."),
      row("`OTEL_SERVICE_NAME`", "`unknown_service:java`",
          "The `service.name` resource attribute."),
      row("`OTEL_RESOURCE_ATTRIBUTES`", "–",
          "`key=value,key=value` resource attributes."),
      row("`OTEL_TRACES_EXPORTER`", "`otlp`",
          "`otlp`, `zipkin`, `console` (Weft's waterfall on stderr), `logging-otlp` (OTLP JSON lines on stderr), `none`; a list (`otlp,console`, `zipkin,console`) exports to each."),
      row("`OTEL_EXPORTER_OTLP_ENDPOINT`", "`http://localhost:4318` (`4317` for gRPC)",
          "Collector base URL; `/v1/traces` is appended for http/protobuf."),
      row("`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`", "–",
          "Full traces URL; wins over the base endpoint."),
      row("`OTEL_EXPORTER_OTLP_PROTOCOL`, `…_TRACES_PROTOCOL`", "`http/protobuf`",
          "`http/protobuf` or `grpc`."),
      row("`OTEL_EXPORTER_OTLP_HEADERS`, `…_TRACES_HEADERS`", "–",
          "`key=value,…` sent with every export (e.g. an API token). Never logged."),
      row("`OTEL_EXPORTER_OTLP_TIMEOUT`, `…_TRACES_TIMEOUT`", "`10000` (ms)",
          "Time limit of one export request."),
      row("`OTEL_EXPORTER_OTLP_COMPRESSION`, `…_TRACES_COMPRESSION`", "`none`",
          "`gzip` or `none`."),
      row("`OTEL_EXPORTER_ZIPKIN_ENDPOINT`", "`http://localhost:9411/api/v2/spans`",
          "Zipkin's span intake (JSON v2, gzipped), for `OTEL_TRACES_EXPORTER=zipkin`."),
      row("`OTEL_EXPORTER_ZIPKIN_TIMEOUT`", "`10000` (ms)",
          "Time limit of one Zipkin export request."),
      row("`OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG`", "`parentbased_always_on`",
          "`always_on`, `always_off`, `traceidratio`, `parentbased_*`; the ratio for the ratio samplers. An incoming unsampled `traceparent` is respected."),
      row("`OTEL_PROPAGATORS`", "`tracecontext,baggage`",
          "`tracecontext` (Weft's W3C Trace Context Level 2 propagator), `baggage`, `b3`, `b3multi`, `jaeger`, `ottrace`, `xray`, `xray-lambda`, `none`, in any case; an unknown name gets one warning and the others apply. See `docs/propagation.md`."),
      row("`OTEL_BSP_SCHEDULE_DELAY`, `OTEL_BSP_MAX_QUEUE_SIZE`, `OTEL_BSP_MAX_EXPORT_BATCH_SIZE`, `OTEL_BSP_EXPORT_TIMEOUT`", "`5000`, `16384`, `2048`, `30000`",
          "The batch span processor. A full queue drops spans, never blocks the application. Queue and batch are 8 and 4 times the SDK's defaults (2048, 512), which drop spans at a few thousand requests a second; a queue set below 2048 also caps the default batch."),
      row("`OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT`, `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`, …", "SDK defaults",
          "Span limits, as in the SDK."),
      row("`OTEL_SDK_DISABLED`", "`false`",
          "`true`: no spans are recorded or exported; context still propagates."),
      row("`OTEL_METRICS_EXPORTER`, `OTEL_LOGS_EXPORTER`", "`none`",
          "Weft exports traces only; any other value gets a warning and is ignored.")));

  private ConfigurationKeys() {}

  private static Row row(String keys, String defaultValue, String description) {
    return new Row(keys, defaultValue, description);
  }

  /** The README's table, in Markdown. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Key (environment variable) | Default | What it does |\n");
    sb.append("|---|---|---|\n");
    for (Row row : ROWS) {
      sb.append("| ").append(row.keys).append(" | ").append(row.defaultValue).append(" | ")
          .append(row.description).append(" |\n");
    }
    return sb.toString();
  }
}
