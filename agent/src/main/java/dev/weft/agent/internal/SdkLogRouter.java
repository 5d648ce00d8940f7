package dev.weft.agent.internal;

import dev.weft.bootstrap.AgentLog;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The bundled SDK, exporters and OkHttp log through java.util.logging under their relocated names
 * ({@code dev.weft.shaded.io.opentelemetry...}, {@code dev.weft.shaded.okhttp3...}). Left alone, their
 * records reach the JVM's root console handler: two-line JUL entries with stack traces, on every failed
 * export. This takes those loggers off the root handler and prints what they say as Weft's own lines:
 *
 * <ul>
 *   <li>the exporters' loggers are off (unless debugging): {@code GuardedSpanExporter} reports export
 *       failures, rate-limited and without stack traces;
 *   <li>other warnings (e.g. the batch processor dropping spans because its queue is full) become one
 *       {@code [weft] WARN} line each, at most once a minute per logger, stack traces only when
 *       debugging;
 *   <li>with {@code OTEL_JAVAAGENT_DEBUG=true}, INFO and up, with stack traces.
 * </ul>
 */
final class SdkLogRouter extends Handler {
  static final long REPEAT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Held strongly: java.util.logging forgets the settings of a logger nobody references. */
  private static final List<Logger> configured = new ArrayList<>();

  /** Where the lines go: {@link AgentLog}, or a list in tests. */
  interface Output {
    void warn(String message, Throwable thrown);

    void debug(String message, Throwable thrown);
  }

  private static final Output AGENT_LOG =
      new Output() {
        @Override
        public void warn(String message, Throwable thrown) {
          if (thrown == null) {
            AgentLog.warn(message);
          } else {
            AgentLog.warn(message, thrown); // the stack trace only when debugging
          }
        }

        @Override
        public void debug(String message, Throwable thrown) {
          if (thrown == null) {
            AgentLog.debug(message);
          } else {
            AgentLog.debug(message, thrown);
          }
        }
      };

  private final boolean debug;
  private final Output output;
  private final LongSupplier nanoClock;
  private final Map<String, Long> lastReportNanos = new ConcurrentHashMap<>();

  SdkLogRouter(boolean debug, Output output, LongSupplier nanoClock) {
    this.debug = debug;
    this.output = output;
    this.nanoClock = nanoClock;
  }

  static synchronized void install(boolean debug) {
    if (!configured.isEmpty()) {
      return;
    }
    SdkLogRouter router = new SdkLogRouter(debug, AGENT_LOG, System::nanoTime);
    String otel = relocatedRoot(OpenTelemetrySdk.class.getName(), ".sdk.");
    // OkHttp is not on the compile class path; maven-shade relocates this class name like any other.
    String okhttp = relocatedRoot("okhttp3.OkHttpClient", ".OkHttpClient");
    for (String name : new String[] {otel, okhttp}) {
      Logger logger = Logger.getLogger(name);
      logger.setUseParentHandlers(false);
      logger.addHandler(router);
      logger.setLevel(debug ? Level.INFO : Level.WARNING);
      configured.add(logger);
    }
    if (!debug) {
      Logger exporters = Logger.getLogger(otel + ".exporter");
      exporters.setLevel(Level.OFF);
      configured.add(exporters);
    }
  }

  /** {@code dev.weft.shaded.io.opentelemetry.sdk.OpenTelemetrySdk} -> {@code dev.weft.shaded.io.opentelemetry}. */
  static String relocatedRoot(String className, String marker) {
    return className.substring(0, className.indexOf(marker));
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || !isLoggable(record) || record.getLevel().intValue() < Level.INFO.intValue()) {
      return;
    }
    boolean warning = record.getLevel().intValue() >= Level.WARNING.intValue();
    if (!debug) {
      if (!warning) {
        return;
      }
      String key = String.valueOf(record.getLoggerName());
      long now = nanoClock.getAsLong();
      Long last = lastReportNanos.get(key);
      if (last != null && now - last < REPEAT_INTERVAL_NANOS) {
        return;
      }
      lastReportNanos.put(key, now);
    }
    String message = "OpenTelemetry SDK: " + format(record);
    if (warning) {
      output.warn(message, record.getThrown());
    } else {
      output.debug(message, record.getThrown());
    }
  }

  /** The message with its {0}-style parameters filled in; never a java.util.logging.Formatter. */
  static String format(LogRecord record) {
    String text = record.getMessage();
    Object[] parameters = record.getParameters();
    if (text != null && parameters != null && parameters.length > 0) {
      try {
        text = MessageFormat.format(text, parameters);
      } catch (RuntimeException e) {
        // keep the raw message
      }
    }
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
