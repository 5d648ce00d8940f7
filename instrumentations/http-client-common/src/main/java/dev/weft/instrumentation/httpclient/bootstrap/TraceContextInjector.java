package dev.weft.instrumentation.httpclient.bootstrap;

import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Writes the configured propagators' headers ({@code traceparent}, {@code tracestate}, {@code baggage},
 * {@code b3}, ...) onto an outgoing request, except those the application already set itself: an
 * application that sends its own {@code traceparent} (a proxy forwarding a trace, a test) keeps it.
 *
 * <p>Each client supplies a {@link Headers} view of its request: whether a header is present, and how
 * to set one (replacing, never adding a second value, so a retried request never carries two).
 */
public final class TraceContextInjector<C> {

  /** A client's request headers as the injector needs them. Must not throw for odd input. */
  public interface Headers<C> {
    /** Whether the application's request already carries this header. */
    boolean isSet(C request, String name);

    /** Sets the header, replacing any value (never a second one). */
    void set(C request, String name, String value);
  }

  private final TextMapSetter<C> setter;

  private TraceContextInjector(final Headers<C> headers) {
    this.setter =
        new TextMapSetter<C>() {
          @Override
          public void set(C request, String name, String value) {
            if (request != null && !headers.isSet(request, name)) {
              headers.set(request, name, value);
            }
          }
        };
  }

  public static <C> TraceContextInjector<C> create(Headers<C> headers) {
    return new TraceContextInjector<>(headers);
  }

  public void inject(Context context, C request) {
    WeftOpenTelemetry.get().getPropagators().getTextMapPropagator().inject(context, request, setter);
  }
}
