package dev.weft.instrumentation.httpclient.bootstrap;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientRequestResendCount;

/**
 * One logical call of a client that makes one span per physical attempt (OkHttp, Apache HttpClient):
 * the call level starts the resend count that numbers the attempts, and, when the call fails, records
 * a span for a failure no attempt span has recorded (connection refused, unknown host, TLS handshake,
 * a closed pool: these fail before the layer where attempts are seen).
 */
public final class ClientCall {
  private static final ContextKey<ClientCall> KEY = ContextKey.named("weft-http-client-call");

  /** Whether the call's latest attempt span ended with a failure (the call's failure, seen there). */
  private volatile boolean lastAttemptFailed;

  private ClientCall() {}

  /** The context the call's attempts run in. */
  public static Context start(Context parent) {
    return HttpClientRequestResendCount.initialize(parent).with(KEY, new ClientCall());
  }

  /**
   * An attempt span ended (the attempt's parent context is the call's): with a failure, or with a
   * response (a redirect's follow-up may still fail to connect, unseen by any attempt).
   */
  public static void attemptEnded(Context callContext, boolean failed) {
    ClientCall call = callContext.get(KEY);
    if (call != null) {
      call.lastAttemptFailed = failed;
    }
  }

  /**
   * The call failed: one span for it, unless its latest attempt span failed, which then recorded the
   * failure (the client may rethrow it wrapped or replaced, e.g. OkHttp's "Canceled").
   */
  public static <REQUEST> void failed(
      Instrumenter<REQUEST, ?> instrumenter, Context callContext, REQUEST request, Throwable error) {
    ClientCall call = callContext.get(KEY);
    if (call == null || error == null || call.lastAttemptFailed) {
      return;
    }
    try {
      if (instrumenter.shouldStart(callContext, request)) {
        instrumenter.end(instrumenter.start(callContext, request), request, null, error);
      }
    } catch (Throwable ignored) {
      // a lost span, never a changed exception
    }
  }
}
