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
  /**
   * An error that escaped the application into the container without ending the span: reported by the
   * container or an async dispatch before the async cycle completed, or thrown by the outermost servlet
   * entry below the container's entry (the container turns it into a 500 or its error page).
   */
  private volatile Throwable escapedError;
  private boolean listening;
  private final AtomicBoolean ended = new AtomicBoolean();
  /** The container's entry started the span: the servlet entries inside it are not the outermost. */
  private final boolean startedByContainer;
  /** The outermost servlet entry below the container's, while it runs (one request thread at a time). */
  private ServerSpanScope applicationEntry;
  private boolean inApplication;
  /**
   * The status the client already had when an exception escaped a committed response (0: none). Read
   * at the end because Tomcat sets 500 on its response afterwards even when it cannot send it.
   */
  volatile int committedStatusAtEscape;

  ServerSpanState(
      ServletServerTracer<REQUEST, RESPONSE> tracer, REQUEST request, RESPONSE response, boolean startedByContainer) {
    this.tracer = tracer;
    this.request = request;
    this.response = response;
    this.startedByContainer = startedByContainer;
  }

  public REQUEST request() {
    return request;
  }

  public RESPONSE response() {
    return response;
  }

  /** AsyncListener.onComplete: the response is complete, the span ends. */
  public void onAsyncComplete() {
    end(null);
  }

  /** AsyncListener.onError: kept for the end of the span, which comes with onComplete. */
  public void onAsyncError(Throwable error) {
    if (error != null) {
      escapedError = error;
    }
  }

  /**
   * A servlet entry nested in the container's: the first one (the filter chain's head, an error page's)
   * gets a scope whose exit keeps what it throws; deeper ones get none. Without a container entry the
   * outermost servlet entry started the span and its own exit sees the exception.
   */
  ServerSpanScope enterApplication() {
    if (!startedByContainer || inApplication) {
      return null;
    }
    inApplication = true;
    if (applicationEntry == null) {
      applicationEntry = new ServerSpanScope(this, null, false);
    }
    return applicationEntry;
  }

  void exit(ServerSpanScope scope, Throwable thrown) {
    if (scope == applicationEntry) {
      inApplication = false;
      if (thrown != null) {
        escapedError = thrown;
        committedStatusAtEscape = tracer.committedStatus(response);
      }
      return;
    }
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
      tracer.end(ctx, springPattern, request, response, error != null ? error : escapedError);
    }
  }
}
