package dev.weft.instrumentation.javahttpclient;

import dev.weft.instrumentation.javahttpclient.JavaHttpClientHelper.Call;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;

/**
 * The one place where the java.net.http instrumentation carries context across threads (to be
 * replaced by Weft's general CompletableFuture propagation once it exists).
 *
 * <p>The future {@code sendAsync} returns completes on one of the client's threads. The application
 * gets this future instead: when the JDK's completes, the span ends, then this one completes with the
 * very same value or exception while the caller's context is current, so the application's dependent
 * stages ({@code thenApply}, {@code whenComplete}, ...) run in the caller's context; the context is
 * closed again before the thread goes back to the client's pool. Cancelling it cancels the JDK's
 * future (which aborts the exchange), as cancelling the original would.
 */
final class CallerContextFuture<T> extends CompletableFuture<T> {
  private final CompletableFuture<T> jdkFuture;

  private CallerContextFuture(CompletableFuture<T> jdkFuture) {
    this.jdkFuture = jdkFuture;
  }

  @SuppressWarnings("unchecked")
  static CompletableFuture<?> endSpanThenComplete(CompletableFuture<?> jdkFuture, Call call) {
    CallerContextFuture<Object> result = new CallerContextFuture<>((CompletableFuture<Object>) jdkFuture);
    jdkFuture.whenComplete(
        (value, error) -> {
          try {
            JavaHttpClientHelper.end(call, value, error);
          } catch (Throwable ignored) {
            // a lost span, never a lost response
          }
          try (Scope ignored = call.parent.makeCurrent()) {
            if (error != null) {
              result.completeExceptionally(error);
            } else {
              result.complete(value);
            }
          }
        });
    return result;
  }

  /**
   * Cancels the JDK's future and nothing else: this one then completes as that one does (JDK 16+
   * cancels it at once; JDK 11 to 15 complete it later with a wrapped CancellationException), so
   * {@code cancel}, {@code isCancelled} and {@code get} answer exactly as without the agent.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return jdkFuture.cancel(mayInterruptIfRunning);
  }
}
