package dev.weft.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.executors.bootstrap.ExecutorTasks;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code new Thread(runnable).start()} of a platform thread, only with
 * {@code otel.instrumentation.executors.propagate-thread-start=true} (off by default, as in the
 * OpenTelemetry agent, which has no such propagation): a platform thread often outlives the work that
 * started it (a pool or a library starting its worker lazily), and would then carry that trace into
 * unrelated work. Restored in {@code Thread.run()} itself, so a subclass that overrides {@code run}
 * without calling {@code super.run()} is not covered.
 */
public final class ThreadStartInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.lang.Thread");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("start").and(takesArguments(0)), getClass().getName() + "$StartAdvice");
    advice.apply(named("run").and(takesArguments(0)), getClass().getName() + "$RunAdvice");
  }

  @SuppressWarnings("unused")
  public static class StartAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Thread thread) {
      ExecutorTasks.threadStarting(thread);
    }
  }

  @SuppressWarnings("unused")
  public static class RunAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Thread thread) {
      return ExecutorTasks.enterThread(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Thread thread, @Advice.Enter Scope scope) {
      ExecutorTasks.exitThread(thread, scope);
    }
  }
}
