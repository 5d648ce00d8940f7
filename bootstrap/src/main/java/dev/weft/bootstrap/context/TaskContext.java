package dev.weft.bootstrap.context;

import dev.weft.bootstrap.WeakKeyMap;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Carries the trace from the thread that hands work off to the thread that runs it, for every
 * instrumentation that sees such a hand-off (executors, servlet async dispatch, HTTP client callbacks).
 *
 * <p>The context travels beside the task, not inside it: {@link #capture} attaches the current context
 * to the task object (identity, weakly held, no field added, no wrapper the application could see),
 * {@link #enter} makes it current where the task runs, and the returned scope restores the previous
 * context. Only a context that holds a valid span is attached: with no trace active nothing is stored
 * and nothing is allocated, which keeps the cost of an untraced submission at one thread-local read.
 *
 * <p>Typical use from advice, at the hand-off and at the run:
 *
 * <pre>{@code
 * TaskContext.capture(task);                 // on submit; forget(task) if the submit throws
 * Scope scope = TaskContext.enter(task);     // on the worker, before the task runs
 * TaskContext.exit(scope);                   // after it, also when it threw
 * TaskContext.forget(task);                  // when the task will not run again (done, cancelled)
 * }</pre>
 *
 * Where the task object cannot be seen at run time (a container's own executor Weft does not weave),
 * {@link #wrap(Runnable)} returns a wrapper, but only when a span is current. Every method here is
 * null-tolerant and never throws.
 */
public final class TaskContext {
  private static final WeakKeyMap<Object, Context> ATTACHED = new WeakKeyMap<>();

  private TaskContext() {}

  /**
   * Attaches the current context to {@code task} if it holds a valid span and the task carries none
   * yet (the first hand-off wins: a task built inside {@code submit} is captured once, not twice).
   */
  public static void capture(Object task) {
    try {
      if (task == null) {
        return;
      }
      Context current = Context.current();
      if (hasValidSpan(current) && ATTACHED.get(task) == null) {
        ATTACHED.put(task, current);
      }
    } catch (Throwable t) {
      // never into the application
    }
  }

  /**
   * Attaches the current context to {@code task} even when it holds no span (replacing an earlier
   * attachment), so the task runs in exactly the context of the code that created it: outside any trace
   * if that code was, rather than in a trace that the thread which later queues or runs the task happens
   * to be in. For tasks that a library may queue from inside another task (OkHttp's dispatcher starts a
   * waiting call on the thread of the call that just finished, in that call's trace). Unlike {@link
   * #capture}, this stores an entry per task also outside traces: not for per-task hot paths.
   */
  public static void captureEvenWithoutSpan(Object task) {
    try {
      if (task != null) {
        ATTACHED.put(task, Context.current());
      }
    } catch (Throwable t) {
      // never into the application
    }
  }

  /** Attaches {@code context} to {@code task} (replacing an earlier one), if it holds a valid span. */
  public static void attach(Object task, Context context) {
    try {
      if (task != null && hasValidSpan(context)) {
        ATTACHED.put(task, context);
      }
    } catch (Throwable t) {
      // never into the application
    }
  }

  /** The context attached to {@code task}, or null. */
  public static Context attached(Object task) {
    try {
      return task == null ? null : ATTACHED.get(task);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * Makes the context attached to {@code task} current. Returns the scope to hand to {@link #exit}, or
   * null when there is nothing to do (no context attached, or it is current already, as when a task is
   * entered again by the code that runs it). The attachment stays: a periodic task runs again.
   */
  public static Scope enter(Object task) {
    try {
      if (task == null) {
        return null;
      }
      Context attached = ATTACHED.get(task);
      if (attached == null || attached == Context.current()) {
        return null;
      }
      return attached.makeCurrent();
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * Makes the root context (no trace) current, for a library's long-running task that serves every
   * trace (OkHttp's TaskRunner loop): whichever thread started it, in whatever trace, it must not carry
   * that trace into the work it does for others. Returns the scope for {@link #exit}, or null when no
   * context is current anyway.
   */
  public static Scope enterRoot() {
    try {
      Context root = Context.root();
      return Context.current() == root ? null : root.makeCurrent();
    } catch (Throwable t) {
      return null;
    }
  }

  /** Restores the context that was current before {@link #enter}; null is fine. */
  public static void exit(Scope scope) {
    if (scope != null) {
      try {
        scope.close();
      } catch (Throwable t) {
        // never into the application
      }
    }
  }

  /** Drops the context attached to {@code task}: it ran for the last time, was rejected or cancelled. */
  public static void forget(Object task) {
    try {
      if (task != null) {
        ATTACHED.remove(task);
      }
    } catch (Throwable t) {
      // never into the application
    }
  }

  /**
   * For hand-offs where the task cannot be recognised when it runs: a runnable that runs {@code task}
   * in the current context, or {@code task} itself when no span is current.
   */
  public static Runnable wrap(Runnable task) {
    try {
      Context current = Context.current();
      return task == null || !hasValidSpan(current) ? task : current.wrap(task);
    } catch (Throwable t) {
      return task;
    }
  }

  /** {@link #wrap(Runnable)} for callables. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    try {
      Context current = Context.current();
      return task == null || !hasValidSpan(current) ? task : current.wrap(task);
    } catch (Throwable t) {
      return task;
    }
  }

  /**
   * {@link #wrap(Runnable)} for completion callbacks ({@code CompletableFuture.whenComplete}): the
   * callback runs in the current context, then the completing thread's own context is back.
   */
  public static <T, U> BiConsumer<T, U> wrap(BiConsumer<T, U> callback) {
    try {
      Context current = Context.current();
      if (callback == null || !hasValidSpan(current)) {
        return callback;
      }
      return (t, u) -> {
        try (Scope ignored = current.makeCurrent()) {
          callback.accept(t, u);
        }
      };
    } catch (Throwable t) {
      return callback;
    }
  }

  /** How many tasks carry a context right now (tests and diagnostics). */
  public static int attachedCount() {
    return ATTACHED.size();
  }

  static boolean hasValidSpan(Context context) {
    if (context == null) {
      return false;
    }
    Span span = Span.fromContextOrNull(context);
    return span != null && span.getSpanContext().isValid();
  }
}
