package dev.weft.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.instrumentation.executors.bootstrap.ExecutorTasks;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code CompletableFuture}'s stages. Each dependent stage ({@code thenApply}, {@code thenCombineAsync},
 * {@code whenComplete}, …) is a {@code Completion}, a {@code ForkJoinTask} built by the call that
 * registers it, so it already carries that caller's context ({@link ForkJoinTaskInstrumentation}).
 * Restoring it in {@code tryFire}, through which every completion runs (on an executor, or inline on
 * the thread that completes the source), makes the callback run in the context of the code that
 * registered it, with or without {@code *Async}, on any executor. {@code supplyAsync}/{@code runAsync}
 * tasks run through {@code run}, which any executor (not only fork/join and the JDK's pools) calls.
 */
public final class CompletableFutureInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    // Only the nested classes that have something to weave: the completions and the two async tasks,
    // not AltResult, Signaller's interface, the Delayer, ... (a matched class is rewritten even if no
    // method matches). The declared-method check reads the class file ByteBuddy has already parsed.
    return nameStartsWith("java.util.concurrent.CompletableFuture$")
        .and(declaresMethod(named("tryFire"))
            .or(namedOneOf(
                "java.util.concurrent.CompletableFuture$AsyncSupply",
                "java.util.concurrent.CompletableFuture$AsyncRun")));
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        named("tryFire").and(takesArguments(int.class)).and(not(isAbstract())),
        getClass().getName() + "$CompletionAdvice");
    advice.apply(
        named("run").and(takesArguments(0)).and(not(isAbstract()))
            .and(isDeclaredBy(namedOneOf(
                "java.util.concurrent.CompletableFuture$AsyncSupply",
                "java.util.concurrent.CompletableFuture$AsyncRun"))),
        getClass().getName() + "$AsyncTaskAdvice");
  }

  /** A completion may fire more than once (a first attempt finds its source incomplete): keep it. */
  @SuppressWarnings("unused")
  public static class CompletionAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object completion) {
      return TaskContext.enter(completion);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      TaskContext.exit(scope);
    }
  }

  /** {@code supplyAsync}/{@code runAsync}: runs once, then its context is dropped. */
  @SuppressWarnings("unused")
  public static class AsyncTaskAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object task) {
      return TaskContext.enter(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object task, @Advice.Enter Scope scope) {
      ExecutorTasks.finished(task, scope);
    }
  }
}
