package dev.weft.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code FutureTask}: what {@code submit}, {@code invokeAll} and every {@code schedule*} of the JDK's
 * executors (and many others) turn a task into. Captured when built (inside the submitting call),
 * restored in {@code run}/{@code runAndReset} wherever it runs, dropped on a successful {@code cancel}.
 * A periodic task keeps its context across runs: {@code runAndReset} leaves it not done.
 */
public final class FutureTaskInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.util.concurrent.FutureTask");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(isConstructor(), TaskAdvice.class.getName() + "$ConstructorAdvice");
    advice.apply(namedOneOf("run", "runAndReset").and(takesArguments(0)), TaskAdvice.class.getName() + "$RunAdvice");
    advice.apply(named("cancel").and(takesArguments(1)), TaskAdvice.class.getName() + "$CancelAdvice");
  }
}
