package dev.weft.instrumentation.apachehttpasyncclient.v4;

import dev.weft.instrumentation.apachehttpclient.v4.ApacheHttpClient4Attributes;
import dev.weft.instrumentation.apachehttpclient.v4.ApacheHttpClient4Helper;
import dev.weft.instrumentation.apachehttpclient.v4.ApacheRequest;
import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans;
import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans.Attempt;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumenters;
import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import java.net.URI;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * What the HttpAsyncClient 4.1 advice calls. A call is keyed by its exchange handler (one per
 * {@code execute}, seen by every stage of the exchange on every thread) and, for the application's
 * {@code cancel}, by its future too. One span per physical attempt: from the request the exec
 * generates (the first, each redirect, each authentication round) to its response's completion, or
 * the exchange's failure or cancellation.
 */
public final class ApacheHttpAsyncClient4Helper {
  static final AsyncCallSpans<ApacheRequest, HttpResponse> SPANS =
      new AsyncCallSpans<>(HttpClientInstrumenters.create("apache-httpasyncclient", new ApacheHttpClient4Attributes()));
  /**
   * The classic client's header view: the exec sends its {@code HttpRequestWrapper}, which copied the
   * application's headers, so the application's request object is never changed.
   */
  private static final TraceContextInjector<Attempt> INJECTOR =
      AsyncCallSpans.injector(new ApacheHttpClient4Helper.RequestHeaders());

  private ApacheHttpAsyncClient4Helper() {}

  /** {@code MainClientExec.prepare}, inside {@code execute} on the caller's thread: the call starts. */
  public static void startCall(Object handler, HttpHost target, HttpRequest original) {
    if (handler != null && original != null) {
      SPANS.startCall(handler, new ApacheRequest(target, original));
    }
  }

  /** The handler started: the application may now cancel the call through its future. */
  public static void linkFuture(Object handler, Object future) {
    AsyncCallSpans.alias(future, handler);
  }

  /** {@code MainClientExec.generateRequest} returned the request about to be sent: an attempt. */
  public static void startAttempt(Object handler, HttpRequest request) {
    if (handler == null || request == null || "CONNECT".equals(request.getRequestLine().getMethod())) {
      return; // a proxy tunnel's CONNECT is not the application's request
    }
    Attempt attempt = SPANS.startAttempt(handler, new ApacheRequest(targetOf(handler, request), request), request);
    if (attempt != null) {
      INJECTOR.inject(attempt.context(), attempt);
    }
  }

  public static void responseReceived(Object handler, HttpResponse response) {
    Attempt attempt = AsyncCallSpans.openAttempt(handler);
    if (attempt != null && response != null) {
      attempt.setResponse(response);
    }
  }

  /** The response (of the final request, or of one the client follows up) is complete. */
  public static void responseCompleted(Object handler) {
    SPANS.endAttempt(AsyncCallSpans.openAttempt(handler), null);
  }

  /**
   * The application's (or a redirect's) absolute URI names the host; a request made with a path only
   * goes to the target given to {@code execute}.
   */
  private static HttpHost targetOf(Object handler, HttpRequest request) {
    HttpRequest original = request instanceof HttpRequestWrapper ? ((HttpRequestWrapper) request).getOriginal() : request;
    if (original instanceof HttpUriRequest) {
      URI uri = ((HttpUriRequest) original).getURI();
      if (uri != null && uri.isAbsolute() && uri.getHost() != null) {
        return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
      }
    }
    ApacheRequest call = SPANS.callRequest(handler);
    return call == null ? null : call.target();
  }
}
