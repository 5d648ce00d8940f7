package dev.weft.instrumentation.executors.bootstrap;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.context.TaskContext;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Future;

/**
 * What the executor advice calls: {@link TaskContext} plus the executors' rules for when a task is
 * finished with its context (a periodic task runs again; a one-shot task never does).
 */
public final class ExecutorTasks {
  /** See the module README: a new platform thread does not inherit the trace unless configured. */
  public static final String THREAD_START_KEY = "otel.instrumentation.executors.propagate-thread-start";

  private ExecutorTasks() {}

  /**
   * Replaces {@code task.run()} in {@code ThreadPoolExecutor.runWorker}: the one place every task of a
   * pool runs, whatever the task's class (a lambda cannot be woven, and a wrapper would be visible to
   * the application's {@code beforeExecute}, {@code remove(task)} and queue). The context is restored
   * inside {@code beforeExecute}/{@code afterExecute}, so the pool's hooks see the worker's own
   * (empty) context, as without the agent.
   */
  public static void run(Runnable task) {
    Scope scope = TaskContext.enter(task);
    try {
      task.run();
    } finally {
      if (scope != null) {
        TaskContext.exit(scope);
      }
      afterRun(task);
    }
  }

  /** Leaves the task's scope and drops its context unless it will run again. */
  public static void exit(Object task, Scope scope) {
    TaskContext.exit(scope);
    afterRun(task);
  }

  /** Leaves the task's scope and drops its context: a one-shot task that has run. */
  public static void finished(Object task, Scope scope) {
    TaskContext.exit(scope);
    TaskContext.forget(task);
  }

  /**
   * A task's context is dropped after it ran unless the task is a future that is not done yet: a
   * periodic {@code ScheduledFutureTask} (re-queued by its own {@code run}), or a fork/join task whose
   * completion waits for subtasks. Those are dropped when cancelled or, at the latest, when collected.
   */
  static void afterRun(Object task) {
    try {
      if (task instanceof Future && !((Future<?>) task).isDone()) {
        return;
      }
    } catch (Throwable t) {
      // a third-party Future whose isDone() fails: treat as finished
    }
    TaskContext.forget(task);
  }

  /** {@code Future.cancel} or {@code ThreadPoolExecutor.remove} succeeded: the task will not run. */
  public static void removed(Object task, boolean removed) {
    if (removed) {
      TaskContext.forget(task);
    }
  }

  /** The submission failed (rejected): the task will not run from here. */
  public static void submitted(Object task, Throwable error) {
    if (error != null) {
      TaskContext.forget(task);
    }
  }

  /**
   * Entered at the start of a thread's own run method: only on that thread (a caller may invoke
   * {@code thread.run()} directly, and on JDK 21 {@code VirtualThread.run} starts on the carrier
   * thread before it mounts; there the context would land on the wrong thread).
   */
  public static Scope enterThread(Thread thread) {
    return Thread.currentThread() == thread ? TaskContext.enter(thread) : null;
  }

  public static void exitThread(Thread thread, Scope scope) {
    TaskContext.exit(scope);
    if (Thread.currentThread() == thread) {
      TaskContext.forget(thread);
    }
  }

  /**
   * With thread-start propagation on: a pool's worker thread must not inherit the trace of the request
   * whose submission happened to create it, or every later task without a trace of its own would run
   * in that request's trace. So threads started inside {@code ThreadPoolExecutor.addWorker} are skipped.
   */
  private static final CallDepth ADDING_WORKER = new CallDepth();

  public static void enterAddWorker() {
    ADDING_WORKER.enter();
  }

  public static void exitAddWorker() {
    ADDING_WORKER.exit();
  }

  public static void threadStarting(Thread thread) {
    if (ADDING_WORKER.enter() == 0) {
      TaskContext.capture(thread);
    }
    ADDING_WORKER.exit();
  }

  /** Read once, when the module installs: whether {@code Thread.start} is woven at all. */
  public static boolean propagateThreadStart() {
    return WeftConfig.get().getBoolean(THREAD_START_KEY, false);
  }
}
