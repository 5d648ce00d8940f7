package dev.weft.instrumentation.httpclient.bootstrap;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;

/**
 * The one way an HTTP client instrumentation builds its {@link Instrumenter}: CLIENT spans named by the
 * method, the stable HTTP client attributes (the extractor redacts user info and credential query
 * parameters in {@code url.full}, maps unknown methods to {@code _OTHER}, reads the resend count from
 * the context), ERROR for 4xx/5xx, and the header capture configured with
 * {@code otel.instrumentation.http.client.capture-request-headers}/{@code -response-headers}.
 *
 * <p>The instrumenter does not inject: each client writes the trace context where its request is still
 * mutable, through {@link TraceContextInjector}, which keeps headers the application set.
 */
public final class HttpClientInstrumenters {
  static final String CAPTURE_REQUEST_HEADERS = "otel.instrumentation.http.client.capture-request-headers";
  static final String CAPTURE_RESPONSE_HEADERS = "otel.instrumentation.http.client.capture-response-headers";

  private HttpClientInstrumenters() {}

  /** {@code moduleName} is the switch name, e.g. {@code okhttp}; the scope is {@code dev.weft.<name>}. */
  public static <REQUEST, RESPONSE> Instrumenter<REQUEST, RESPONSE> create(
      String moduleName, HttpClientAttributesGetter<REQUEST, RESPONSE> getter) {
    WeftConfig config = WeftConfig.get();
    return Instrumenter.<REQUEST, RESPONSE>builder(
            WeftOpenTelemetry.get(), "dev.weft." + moduleName, HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(
            HttpClientAttributesExtractor.builder(getter)
                .setCapturedRequestHeaders(config.getList(CAPTURE_REQUEST_HEADERS))
                .setCapturedResponseHeaders(config.getList(CAPTURE_RESPONSE_HEADERS))
                .build())
        // CLIENT kind is what suppresses a nested client span (a client built on another one).
        .buildInstrumenter(SpanKindExtractor.alwaysClient());
  }
}
