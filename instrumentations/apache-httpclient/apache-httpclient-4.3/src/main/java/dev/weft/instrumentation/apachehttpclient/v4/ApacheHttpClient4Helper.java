package dev.weft.instrumentation.apachehttpclient.v4;

import dev.weft.instrumentation.httpclient.bootstrap.CallAttemptSpans;
import dev.weft.instrumentation.httpclient.bootstrap.CallAttemptSpans.Attempt;
import dev.weft.instrumentation.httpclient.bootstrap.CallAttemptSpans.Call;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumenters;
import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.conn.routing.HttpRoute;

/**
 * What the classic-client advice calls: the call context around {@code doExecute}, one span per
 * {@code MainClientExec.execute} (see {@link CallAttemptSpans}); the trace headers go on the client's
 * own copy of the request, which the attempt gets.
 */
public final class ApacheHttpClient4Helper {
  private static final CallAttemptSpans<ApacheRequest, HttpResponse> SPANS =
      new CallAttemptSpans<>(HttpClientInstrumenters.create("apache-httpclient", new ApacheHttpClient4Attributes()));
  private static final TraceContextInjector<HttpRequest> INJECTOR = TraceContextInjector.create(new RequestHeaders());

  private ApacheHttpClient4Helper() {}

  public static Call startCall(HttpHost target, HttpRequest request) {
    return request == null ? null : SPANS.startCall(new ApacheRequest(target, request));
  }

  public static void endCall(Call call, Throwable error) {
    if (call != null) {
      SPANS.endCall(call, error);
    }
  }

  public static Attempt startAttempt(HttpRoute route, HttpRequest request) {
    if (request == null) {
      return null;
    }
    Attempt attempt = SPANS.startAttempt(new ApacheRequest(route == null ? null : route.getTargetHost(), request));
    if (attempt != null) {
      INJECTOR.inject(attempt.context(), request);
    }
    return attempt;
  }

  public static void endAttempt(Attempt attempt, HttpResponse response, Throwable error) {
    if (attempt != null) {
      SPANS.endAttempt(attempt, response, error);
    }
  }

  /** The client's copy of the request is mutable; a header the application set is on it already. */
  public static final class RequestHeaders implements TraceContextInjector.Headers<HttpRequest> {
    @Override
    public boolean isSet(HttpRequest request, String name) {
      return request.containsHeader(name);
    }

    @Override
    public void set(HttpRequest request, String name, String value) {
      request.setHeader(name, value);
    }
  }
}
