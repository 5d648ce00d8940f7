package dev.weft.bootstrap.propagation;

import dev.weft.bootstrap.WeftConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * The W3C Trace Context Level 2 {@code traceresponse} header a server sends back, off by default.
 * Server instrumentations call {@link #headerValue(Context)} with the context of their SERVER span
 * once the response is known, before it is committed, and set the header when the result is not
 * null:
 *
 * <pre>{@code
 * String value = TraceResponse.headerValue(context);
 * if (value != null && !response.isCommitted() && !response.containsHeader(TraceResponse.HEADER_NAME)) {
 *   response.setHeader(TraceResponse.HEADER_NAME, value);
 * }
 * }</pre>
 *
 * The value is {@code 00-<trace-id>-<child-id>-<flags>}: {@code child-id} is the server span's id and
 * the flags are its sampled and random-trace-id bits.
 */
public final class TraceResponse {
  /** Header names are sent in lower case, as the specification recommends. */
  public static final String HEADER_NAME = "traceresponse";

  /**
   * {@code OTEL_INSTRUMENTATION_HTTP_SERVER_EMIT_TRACERESPONSE}: {@code true} adds the header to
   * every traced server response. Off by default: it tells callers the trace id of a request, which
   * a public service may not want to expose.
   */
  public static final String CONFIG_KEY = "otel.instrumentation.http.server.emit-traceresponse";

  /** The configuration last read and what it said; one volatile read per call. */
  private static volatile Setting setting = new Setting(null, false);

  private TraceResponse() {}

  /**
   * The {@code traceresponse} value for a server span's context, or {@code null} when the header is
   * not configured, or the context has no span of this process (no span started, or only the
   * caller's context). Never throws.
   */
  public static String headerValue(Context context) {
    if (context == null || !isEnabled()) {
      return null;
    }
    try {
      SpanContext spanContext = Span.fromContext(context).getSpanContext();
      // A remote span context is the caller's: its id is not this server's child-id.
      return spanContext.isRemote() ? null : TraceparentCodec.format(spanContext);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Whether {@link #CONFIG_KEY} is {@code true} in the current configuration. */
  public static boolean isEnabled() {
    WeftConfig config = WeftConfig.get();
    Setting s = setting;
    if (s.config != config) {
      s = new Setting(config, config.getBoolean(CONFIG_KEY, false));
      setting = s;
    }
    return s.enabled;
  }

  private static final class Setting {
    final WeftConfig config;
    final boolean enabled;

    Setting(WeftConfig config, boolean enabled) {
      this.config = config;
      this.enabled = enabled;
    }
  }
}
