package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.servlet.bootstrap.ServerSpanState;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Ends an asynchronous request's span when the container completes it. A timeout or error is always
 * followed by completion (the container dispatches its error handling, then completes), so the span
 * ends once, with the status the client really gets.
 */
final class JavaxAsyncListener implements AsyncListener {
  private final ServerSpanState<HttpServletRequest, HttpServletResponse> span;

  JavaxAsyncListener(ServerSpanState<HttpServletRequest, HttpServletResponse> span) {
    this.span = span;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    span.onAsyncComplete();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    // completion follows, with the status the container's timeout handling set
  }

  @Override
  public void onError(AsyncEvent event) {
    span.onAsyncError(event.getThrowable());
  }

  /** A new async cycle drops the listeners of the previous one (servlet spec): stay registered. */
  @Override
  public void onStartAsync(AsyncEvent event) {
    try {
      event.getAsyncContext().addListener(this, span.request(), span.response());
    } catch (RuntimeException ignored) {
      // the span then ends at the next exit without async
    }
  }
}
