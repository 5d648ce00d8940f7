package dev.weft.instrumentation.javahttpclient;

import dev.weft.instrumentation.javahttpclient.JavaHttpClientHelper.Call;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code jdk.internal.net.http.HttpClientImpl}. The request the JDK sends is replaced by a
 * copy carrying the trace headers; the application's own (immutable) request object is untouched.
 */
@SuppressWarnings("unused")
public final class JavaHttpClientAdvice {
  private JavaHttpClientAdvice() {}

  public static class Send {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Call onEnter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
      Call call = JavaHttpClientHelper.start(request);
      if (call != null) {
        request = call.networkRequest;
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter Call call, @Advice.Return HttpResponse<?> response, @Advice.Thrown Throwable error) {
      JavaHttpClientHelper.endSend(call, response, error);
    }
  }

  public static class SendAsync {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Call onEnter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
      Call call = JavaHttpClientHelper.start(request);
      if (call != null) {
        request = call.networkRequest;
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter Call call,
        @Advice.Return(readOnly = false) CompletableFuture<?> future,
        @Advice.Thrown Throwable error) {
      future = JavaHttpClientHelper.endSendAsync(call, future, error);
    }
  }
}
