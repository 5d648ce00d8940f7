package dev.weft.instrumentation.servlet.bootstrap;

import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's server span, kept in a request attribute so that every later entry into the same
 * request (filters down the chain, forwards, includes, error pages, an async dispatch on another
 * thread) finds it instead of starting another span. Ended exactly once: by the outermost entry's
 * exit, or, for an asynchronous request, when the container reports the async cycle complete.
 */
public final class ServerSpanState<REQUEST, RESPONSE> {
  final ServletServerTracer<REQUEST, RESPONSE> tracer;
  final REQUEST request;
  final RESPONSE response;
  /** Null until the span started (and forever, when starting it failed). */
  volatile Context context;
  /**
   * Spring MVC's best-matching pattern as the application's own dispatch left it, before an error page
   * dispatch (Spring Boot's {@code /error}) overwrites the request attribute.
   */
  volatile String springPattern;
  /** An error reported by the container or an async dispatch before the async cycle completed. */
  private volatile Throwable asyncError;
  private boolean listening;
  private final AtomicBoolean ended = new AtomicBoolean();

  ServerSpanState(ServletServerTracer<REQUEST, RESPONSE> tracer, REQUEST request, RESPONSE response) {
    this.tracer = tracer;
    this.request = request;
    this.response = response;
  }

  public REQUEST request() {
    return request;
  }

  public RESPONSE response() {
    return response;
  }

  /** AsyncListener.onComplete: the response is complete, the span ends. */
  public void onAsyncComplete() {
    end(asyncError);
  }

  /** AsyncListener.onError: kept for the end of the span, which comes with onComplete. */
  public void onAsyncError(Throwable error) {
    if (error != null) {
      asyncError = error;
    }
  }

  void exit(ServerSpanScope scope, Throwable thrown) {
    tracer.exit(this, scope.startedSpan, thrown);
  }

  /** Registers the async listener once per request; false when the container refused it. */
  boolean listenForAsyncEnd() {
    if (listening) {
      return true;
    }
    try {
      tracer.accessor.addAsyncListener(request, response, this);
      listening = true;
      return true;
    } catch (Throwable t) {
      return false;
    }
  }

  void end(Throwable error) {
    Context ctx = context;
    if (ctx != null && ended.compareAndSet(false, true)) {
      tracer.end(ctx, springPattern, request, response, error);
    }
  }
}
