package dev.weft.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.instrumentation.executors.bootstrap.ExecutorTasks;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ThreadPoolExecutor} (and so {@code ScheduledThreadPoolExecutor}, {@code Executors.new*Pool},
 * and every third-party executor built on it): the task is captured on {@code execute}, and its
 * context restored around the {@code task.run()} call inside {@code runWorker}, the single place the
 * pool runs tasks. Weaving that call site instead of the task's class covers lambdas (which cannot be
 * woven) without handing the pool a wrapper the application could notice.
 */
public final class ThreadPoolExecutorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.util.concurrent.ThreadPoolExecutor");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class)),
        getClass().getName() + "$ExecuteAdvice");
    advice.apply(
        named("remove").and(takesArguments(1)).and(takesArgument(0, Runnable.class)),
        getClass().getName() + "$RemoveAdvice");
    advice.apply(named("addWorker").and(takesArguments(2)), getClass().getName() + "$AddWorkerAdvice");
    advice.visit(
        MemberSubstitution.relaxed()
            .method(named("run").and(takesArguments(0)).and(isDeclaredBy(named("java.lang.Runnable"))))
            .replaceWith(runTask())
            .on(named("runWorker")));
  }

  private static MethodDescription runTask() {
    try {
      return new MethodDescription.ForLoadedMethod(ExecutorTasks.class.getMethod("run", Runnable.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unused")
  public static class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(0) Runnable task) {
      TaskContext.capture(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Argument(0) Runnable task, @Advice.Thrown Throwable error) {
      ExecutorTasks.submitted(task, error);
    }
  }

  @SuppressWarnings("unused")
  public static class RemoveAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Argument(0) Runnable task, @Advice.Return boolean removed) {
      ExecutorTasks.removed(task, removed);
    }
  }

  /** Only matters with thread-start propagation on (see {@link ExecutorTasks#threadStarting}). */
  @SuppressWarnings("unused")
  public static class AddWorkerAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter() {
      ExecutorTasks.enterAddWorker();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit() {
      ExecutorTasks.exitAddWorker();
    }
  }
}
