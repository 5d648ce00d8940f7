package dev.weft.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code enqueue}: the call and its callback run later on a dispatcher thread. The {@code AsyncCall}
 * that {@code enqueue} builds (on the caller's thread) gets the caller's context attached through
 * {@link TaskContext}, Weft's one cross-thread mechanism, and the dispatcher's task ({@code
 * AsyncCall.execute()} in 3.x, {@code run()} from 4.0) makes it current while it runs the interceptors
 * and the callback, then restores the dispatcher thread's own context. The context is attached even
 * when it holds no span: the dispatcher starts a waiting call from the thread of the call that just
 * finished, inside that call's trace, and the executors instrumentation would otherwise carry that
 * trace into the waiting call. The call class is {@code okhttp3.RealCall} in 3.x and {@code
 * okhttp3.internal.connection.RealCall} from 4.0.
 */
public final class RealCallInstrumentation implements TypeInstrumentation {
  private static final String[] ASYNC_CALL = {"okhttp3.RealCall$AsyncCall", "okhttp3.internal.connection.RealCall$AsyncCall"};

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(ASYNC_CALL);
  }

  @Override
  public void transform(AdviceTarget advice) {
    // 3.0 has a synthetic constructor that calls the real one: one attachment is enough
    advice.apply(isConstructor().and(not(isSynthetic())), getClass().getName() + "$ConstructorAdvice");
    advice.apply(
        namedOneOf("execute", "run").and(takesArguments(0)).and(isDeclaredBy(namedOneOf(ASYNC_CALL))),
        getClass().getName() + "$RunAdvice");
  }

  @SuppressWarnings("unused")
  public static class ConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object asyncCall) {
      TaskContext.captureEvenWithoutSpan(asyncCall);
    }
  }

  @SuppressWarnings("unused")
  public static class RunAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object asyncCall) {
      return TaskContext.enter(asyncCall);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope, @Advice.This Object asyncCall) {
      TaskContext.exit(scope);
      TaskContext.forget(asyncCall); // an AsyncCall runs once
    }
  }
}
