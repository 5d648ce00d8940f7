package dev.weft.instrumentation.javahttpclient;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.context.TaskContext;
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
 * future completes, and hands the application an {@link AfterSpanFuture} that then completes in the
 * caller's context, carried by {@link TaskContext} (Weft's one cross-thread mechanism).
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
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> jdkFuture = (CompletableFuture<Object>) future;
    AfterSpanFuture<Object> result = new AfterSpanFuture<>(jdkFuture);
    // Wrapped here, on the caller's thread: the JDK completes its future on one of the client's threads,
    // where the span ends, then the application's future completes with the very same value or exception
    // in the caller's context (its dependent stages run in it), closed before the thread goes back to
    // the client's pool. With the executors instrumentation on, this completion carries the same context
    // through CompletableFuture already; the wrapper keeps it so with that switch off too.
    jdkFuture.whenComplete(TaskContext.wrap((Object value, Throwable failure) -> {
      try {
        end(call, value, failure);
      } catch (Throwable ignored) {
        // a lost span, never a lost response
      }
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }));
    return result;
  }

  /**
   * The future {@code sendAsync} returns under the agent: completed only after the span has ended (so
   * the application's stages are never inside the span's time), with the JDK's value or exception as
   * is. Cancelling it cancels the JDK's future (which aborts the exchange) and nothing else: this one
   * then completes as that one does (JDK 16+ at once; JDK 11 to 15 later, with a wrapped
   * CancellationException), so {@code cancel}, {@code isCancelled} and {@code get} answer exactly as
   * without the agent. It carries no context of its own.
   */
  static final class AfterSpanFuture<T> extends CompletableFuture<T> {
    private final CompletableFuture<T> jdkFuture;

    AfterSpanFuture(CompletableFuture<T> jdkFuture) {
      this.jdkFuture = jdkFuture;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return jdkFuture.cancel(mayInterruptIfRunning);
    }
  }

  static void end(Call call, Object response, Throwable error) {
    INSTRUMENTER.end(call.context, call.request, (HttpResponse<?>) response, error);
  }
}
