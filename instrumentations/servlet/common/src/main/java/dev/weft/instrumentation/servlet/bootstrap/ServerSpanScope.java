package dev.weft.instrumentation.servlet.bootstrap;

import io.opentelemetry.context.Scope;

/**
 * What a servlet/filter/container entry hands to its exit: the request's span and the scope that made
 * it current on this thread (none for the outermost servlet entry inside the container's, which only
 * reports an escaping exception). {@code startedSpan} is true only for the entry that started the span.
 */
public final class ServerSpanScope {
  final ServerSpanState<?, ?> state;
  final Scope scope;
  final boolean startedSpan;

  ServerSpanScope(ServerSpanState<?, ?> state, Scope scope, boolean startedSpan) {
    this.state = state;
    this.scope = scope;
    this.startedSpan = startedSpan;
  }

  /** The advice's exit: null-safe, never throws. */
  public static void exit(ServerSpanScope scope, Throwable thrown) {
    if (scope != null) {
      scope.exit(thrown);
    }
  }

  private void exit(Throwable thrown) {
    try {
      if (scope != null) { // null: an entry nested in the container's, nothing made current
        scope.close();
      }
    } catch (Throwable ignored) {
      // a scope closed out of order is the application's context bug; the span still ends below
    }
    try {
      state.exit(this, thrown);
    } catch (Throwable ignored) {
      // never into the request
    }
  }
}
