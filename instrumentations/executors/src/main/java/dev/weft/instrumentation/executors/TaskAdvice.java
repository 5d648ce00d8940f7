package dev.weft.instrumentation.executors;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.instrumentation.executors.bootstrap.ExecutorTasks;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;

/**
 * Advice for task classes that carry their own context: capture when built (inside the submitting
 * call), restore around the run, drop on a successful cancel. Shared by {@code FutureTask} and
 * {@code ForkJoinTask}.
 */
public final class TaskAdvice {
  private TaskAdvice() {}

  @SuppressWarnings("unused")
  public static class ConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object task) {
      TaskContext.capture(task);
    }
  }

  @SuppressWarnings("unused")
  public static class RunAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object task) {
      return TaskContext.enter(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object task, @Advice.Enter Scope scope) {
      ExecutorTasks.exit(task, scope);
    }
  }

  @SuppressWarnings("unused")
  public static class CancelAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object task, @Advice.Return boolean cancelled) {
      ExecutorTasks.removed(task, cancelled);
    }
  }
}
