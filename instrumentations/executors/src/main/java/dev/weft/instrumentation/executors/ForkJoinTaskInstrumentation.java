package dev.weft.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ForkJoinTask}: fork/join pools (the common pool too) run nothing else. {@code execute} and
 * {@code submit} adapt plain tasks into one, parallel streams split into them, and every
 * {@code CompletableFuture} stage is one. Captured when built, restored in {@code doExec}, the one
 * method through which a pool (or a joining thread helping out) runs a task.
 */
public final class ForkJoinTaskInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.util.concurrent.ForkJoinTask");
  }

  @Override
  public void transform(AdviceTarget advice) {
    String taskAdvice = TaskAdvice.class.getName();
    advice.apply(isConstructor(), taskAdvice + "$ConstructorAdvice");
    advice.apply(named("doExec").and(takesArguments(0)), taskAdvice + "$RunAdvice");
    advice.apply(named("cancel").and(takesArguments(1)), taskAdvice + "$CancelAdvice");
  }
}
