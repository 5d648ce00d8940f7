package dev.weft.instrumentation.okhttp;

import dev.weft.instrumentation.httpclient.bootstrap.ClientCall;
import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Network-level: one span per physical attempt (the first request, each retry, each redirect or
 * authentication follow-up; the resend count the call level started numbers them, see {@link
 * ClientCall}). The
 * trace headers go on a copy of the request passed down the chain; the request the application built
 * ({@code Request} is immutable) and the one OkHttp derives follow-ups from never carry them, so a
 * follow-up gets its own, never a second one.
 */
final class NetworkInterceptor implements Interceptor {
  static final NetworkInterceptor INSTANCE = new NetworkInterceptor();
  private static final TraceContextInjector<RequestHeaders> INJECTOR = TraceContextInjector.create(new RequestHeaders.View());

  private NetworkInterceptor() {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Context parent = Context.current();
    if (!OkHttpHelper.INSTRUMENTER.shouldStart(parent, request)) {
      return chain.proceed(request);
    }
    Context context = OkHttpHelper.INSTRUMENTER.start(parent, request);
    Request network = withTraceHeaders(request, context);
    Response response;
    try (Scope ignored = context.makeCurrent()) {
      response = chain.proceed(network);
    } catch (IOException | RuntimeException | Error e) {
      OkHttpHelper.INSTRUMENTER.end(context, request, null, e);
      ClientCall.attemptEnded(parent, true);
      throw e;
    }
    OkHttpHelper.INSTRUMENTER.end(context, request, response, null);
    ClientCall.attemptEnded(parent, false);
    return response;
  }

  private static Request withTraceHeaders(Request request, Context context) {
    try {
      RequestHeaders headers = new RequestHeaders(request);
      INJECTOR.inject(context, headers);
      return headers.builder == null ? request : headers.builder.build();
    } catch (Throwable t) {
      return request; // no propagation rather than a changed request
    }
  }

  /** The request as the injector sees it: headers already there, and a copy made on the first write. */
  static final class RequestHeaders {
    final Request request;
    Request.Builder builder;

    RequestHeaders(Request request) {
      this.request = request;
    }

    static final class View implements TraceContextInjector.Headers<RequestHeaders> {
      @Override
      public boolean isSet(RequestHeaders headers, String name) {
        return headers.request.header(name) != null;
      }

      @Override
      public void set(RequestHeaders headers, String name, String value) {
        if (headers.builder == null) {
          headers.builder = headers.request.newBuilder();
        }
        headers.builder.header(name, value);
      }
    }
  }
}
