package dev.weft.instrumentation.jdbc.bootstrap;

import dev.weft.bootstrap.WeftConfig;

/** The JDBC instrumentation's configuration keys, read in one place. */
public final class JdbcConfig {
  public static final String SANITIZER = "otel.instrumentation.common.db-statement-sanitizer.enabled";
  /** The OpenTelemetry agent's JDBC-only switch; wins over the common one when set. */
  public static final String JDBC_SANITIZER = "otel.instrumentation.jdbc.statement-sanitizer.enabled";
  public static final String CAPTURE_PARAMETERS = "otel.instrumentation.jdbc.capture-query-parameters";
  /** The OpenTelemetry agent's name of the same switch. */
  public static final String EXPERIMENTAL_CAPTURE_PARAMETERS =
      "otel.instrumentation.jdbc.experimental.capture-query-parameters";
  public static final String SEMCONV_OPT_IN = "otel.semconv-stability.opt-in";

  private JdbcConfig() {}

  public static boolean sanitize(WeftConfig config) {
    return config.getBoolean(JDBC_SANITIZER, config.getBoolean(SANITIZER, true));
  }

  public static boolean captureParameters(WeftConfig config) {
    return config.getBoolean(CAPTURE_PARAMETERS, config.getBoolean(EXPERIMENTAL_CAPTURE_PARAMETERS, false));
  }

  /**
   * {@code database/dup} in {@code OTEL_SEMCONV_STABILITY_OPT_IN} adds the old attribute names;
   * {@code database} or nothing: the stable names only (Weft's default, see the README).
   */
  public static boolean emitOldSemconv(WeftConfig config) {
    for (String value : config.getList(SEMCONV_OPT_IN)) {
      if (value.equals("database/dup")) {
        return true;
      }
    }
    return false;
  }
}
