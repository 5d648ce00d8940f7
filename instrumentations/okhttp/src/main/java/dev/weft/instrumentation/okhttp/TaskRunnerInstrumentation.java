package dev.weft.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * OkHttp 4+ does its background work (connection-pool cleanup, HTTP/2 readers, web socket writers and
 * their listener's failures) on TaskRunner threads: a pool thread runs one loop ({@code
 * TaskRunner.runnable}) that takes every client's tasks until it idles out. The executors
 * instrumentation hands that loop the trace of the call that started the thread, which would then be
 * current for every later task of every trace; so the loop runs outside any trace, as each task was
 * scheduled. (The OpenTelemetry agent ignores this task class for the same reason.)
 */
public final class TaskRunnerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("okhttp3.internal.concurrent.TaskRunner$runnable$1");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("run").and(takesArguments(0)), getClass().getName() + "$RunAdvice");
  }

  @SuppressWarnings("unused")
  public static class RunAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter() {
      return TaskContext.enterRoot();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      TaskContext.exit(scope);
    }
  }
}
