package dev.weft.instrumentation.javahttpclient;

import dev.weft.bootstrap.CallDepth;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumenters;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * What the {@code HttpClientImpl} advice calls: one CLIENT span per {@code send}/{@code sendAsync}.
 * The JDK follows redirects and retries inside that one call without any hook between attempts, so
 * the span covers them all (as HttpURLConnection's does), and every attempt carries its traceparent.
 *
 * <p>{@code send} ends the span when it returns or throws. {@code sendAsync} ends it when the JDK's
 * future completes, and hands the application a future that completes in the caller's context (see
 * {@link CallerContextFuture}).
 */
public final class JavaHttpClientHelper {
  private static final CallDepth DEPTH = new CallDepth();
  static final Instrumenter<HttpRequest, HttpResponse<?>> INSTRUMENTER =
      HttpClientInstrumenters.create("java-http-client", new JavaHttpClientAttributes());

  private JavaHttpClientHelper() {}

  /** One call: the application's request (for the attributes) and the copy the JDK sends. */
  public static final class Call {
    final Context parent;
    final Context context;
    final HttpRequest request;
    public final HttpRequest networkRequest;

    Call(Context parent, Context context, HttpRequest request, HttpRequest networkRequest) {
      this.parent = parent;
      this.context = context;
      this.request = request;
      this.networkRequest = networkRequest;
    }
  }

  /** At method enter; null when nested in another instrumented call or not to be traced. */
  public static Call start(HttpRequest request) {
    if (DEPTH.enter() > 0 || request == null) {
      return null;
    }
    Context parent = Context.current();
    if (!INSTRUMENTER.shouldStart(parent, request)) {
      return null;
    }
    Context context = INSTRUMENTER.start(parent, request);
    return new Call(parent, context, request, NetworkRequest.withTraceHeaders(request, context));
  }

  public static void endSend(Call call, HttpResponse<?> response, Throwable error) {
    if (DEPTH.exit() > 0 || call == null) {
      return;
    }
    end(call, response, error);
  }

  /** Returns the future the application gets. */
  public static CompletableFuture<?> endSendAsync(Call call, CompletableFuture<?> future, Throwable error) {
    if (DEPTH.exit() > 0 || call == null) {
      return future;
    }
    if (error != null || future == null) {
      end(call, null, error);
      return future;
    }
    if (future.isDone()) {
      // Failed at once (a closed client): nothing runs later on another thread, nothing to carry.
      future.whenComplete((response, failure) -> end(call, response, failure));
      return future;
    }
    return CallerContextFuture.endSpanThenComplete(future, call);
  }

  static void end(Call call, Object response, Throwable error) {
    INSTRUMENTER.end(call.context, call.request, (HttpResponse<?>) response, error);
  }
}
