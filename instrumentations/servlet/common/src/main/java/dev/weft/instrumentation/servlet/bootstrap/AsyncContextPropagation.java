package dev.weft.instrumentation.servlet.bootstrap;

import io.opentelemetry.context.Context;

/**
 * The one place where servlet instrumentation carries the trace context to another thread:
 * {@code AsyncContext.start(Runnable)} runs its task on a container thread, which must see the request's
 * server span as its parent. When Weft's general executor propagation exists, this becomes a call to
 * it; nothing else in the servlet modules knows about threads.
 */
public final class AsyncContextPropagation {
  private AsyncContextPropagation() {}

  public static Runnable wrap(Runnable task) {
    if (task == null) {
      return null;
    }
    Context current = Context.current();
    return current == Context.root() ? task : current.wrap(task);
  }
}
