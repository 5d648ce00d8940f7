package dev.weft.instrumentation.apachehttpclient.v5.async;

import dev.weft.instrumentation.apachehttpclient.v5.ApacheHttpClient5Attributes;
import dev.weft.instrumentation.apachehttpclient.v5.ApacheHttpClient5Helper;
import dev.weft.instrumentation.apachehttpclient.v5.ApacheRequest;
import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans;
import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans.Attempt;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumenters;
import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

/**
 * What the 5.x async advice calls. The call is keyed by its future ({@code Scope.cancellableDependency},
 * the {@code ComplexFuture} {@code execute} returns: the same object through redirects, retries and
 * scheduled re-executions); each attempt (the main exec, on an I/O thread or the caller's) gets a span,
 * the trace headers on the client's own copy of the request (made in {@code doExecute}, again for each
 * redirect: the application's request object is never changed), and a callback that ends the span.
 */
public final class ApacheHttpAsyncClient5Helper {
  static final AsyncCallSpans<ApacheRequest, HttpResponse> SPANS =
      new AsyncCallSpans<>(HttpClientInstrumenters.create("apache-httpclient", new ApacheHttpClient5Attributes()));
  /** The classic client's header view: the same request type. */
  private static final TraceContextInjector<Attempt> INJECTOR =
      AsyncCallSpans.injector(new ApacheHttpClient5Helper.RequestHeaders());

  private ApacheHttpAsyncClient5Helper() {}

  /**
   * Each element of the exec chain: the first runs on the caller's thread, inside {@code execute},
   * where the caller's context is current; later ones (on I/O threads) find the call started already.
   */
  public static void chainElement(HttpRequest request, AsyncExecChain.Scope scope) {
    if (request != null && scope != null && !AsyncCallSpans.isOpen(scope.cancellableDependency)) {
      SPANS.startCall(scope.cancellableDependency, new ApacheRequest(scope.route.getTargetHost(), request));
    }
  }

  /** The main exec: returns the callback to pass on (the application's own when nothing is traced). */
  public static AsyncExecCallback startAttempt(
      HttpRequest request, AsyncExecChain.Scope scope, AsyncExecCallback callback) {
    if (request == null || scope == null || callback == null || callback instanceof AttemptCallback) {
      return callback;
    }
    Attempt attempt =
        SPANS.startAttempt(scope.cancellableDependency, new ApacheRequest(scope.route.getTargetHost(), request), request);
    if (attempt == null) {
      return callback;
    }
    INJECTOR.inject(attempt.context(), attempt);
    return new AttemptCallback(callback, attempt);
  }

  /** The main exec threw: its callback may never hear of it. */
  public static void executeFailed(AsyncExecCallback callback, Throwable error) {
    if (error != null && callback instanceof AttemptCallback) {
      ((AttemptCallback) callback).end(error);
    }
  }
}
