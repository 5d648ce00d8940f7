package dev.weft.instrumentation.okhttp;

import dev.weft.instrumentation.httpclient.bootstrap.ClientCall;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Application-level: runs once per call, around OkHttp's retries, redirects and connection set-up,
 * in the call's context ({@link ClientCall}: the resend count that numbers the attempts, and a span
 * for a call that failed before an attempt reached {@link NetworkInterceptor}: connection refused,
 * unknown host, TLS handshake, connect timeout).
 */
final class CallInterceptor implements Interceptor {
  static final CallInterceptor INSTANCE = new CallInterceptor();

  private CallInterceptor() {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Context callContext = ClientCall.start(Context.current());
    try (Scope ignored = callContext.makeCurrent()) {
      return chain.proceed(request);
    } catch (IOException | RuntimeException | Error e) {
      ClientCall.failed(OkHttpHelper.INSTRUMENTER, callContext, request, e);
      throw e;
    }
  }
}
