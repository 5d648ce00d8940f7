package dev.weft.instrumentation.httpclient;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache's {@code BasicFuture} (httpcore 4 {@code org.apache.http.concurrent}, httpcore5
 * {@code org.apache.hc.core5.concurrent}: the same shape), the future an async client returns, which
 * calls the application's {@code FutureCallback} from whichever I/O thread completes it.
 *
 * <ul>
 *   <li>Constructed with a callback while a span is current: the context is attached to the future
 *       ({@link TaskContext}, beside it, nothing added to the object).
 *   <li>{@code completed}/{@code failed}/{@code cancel}: first the call registered on this future, if
 *       any, ends ({@link AsyncCallSpans#endCall}: the span ends when the future completes, before the
 *       callback runs); then the attached context is current while the callback runs, and is closed
 *       before the method returns, so nothing stays on the I/O thread.
 * </ul>
 *
 * Only the JDK, the bootstrap part of Weft and {@code Object} are named: nothing to inject.
 */
public final class CallbackFutureInstrumentation implements TypeInstrumentation {
  private final String futureClassName;

  public CallbackFutureInstrumentation(String futureClassName) {
    this.futureClassName = futureClassName;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(futureClassName);
  }

  @Override
  public void transform(AdviceTarget advice) {
    String prefix = getClass().getName();
    advice.apply(isConstructor().and(takesArguments(1)), prefix + "$ConstructorAdvice");
    advice.apply(isPublic().and(named("completed")).and(takesArguments(1)), prefix + "$CompletedAdvice");
    advice.apply(isPublic().and(named("failed")).and(takesArguments(1)), prefix + "$FailedAdvice");
    // cancel() calls cancel(true): the inner one finds the context current already and adds nothing.
    advice.apply(isPublic().and(named("cancel")).and(takesArguments(1)), prefix + "$CancelAdvice");
  }

  @SuppressWarnings("unused")
  public static class ConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object future, @Advice.Argument(0) Object callback) {
      if (callback != null) {
        TaskContext.capture(future);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class CompletedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object future) {
      AsyncCallSpans.endCall(future, null);
      return TaskContext.enter(future);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object future, @Advice.Enter Scope scope) {
      TaskContext.exit(scope);
      TaskContext.forget(future);
    }
  }

  @SuppressWarnings("unused")
  public static class FailedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object future, @Advice.Argument(0) Exception error) {
      AsyncCallSpans.endCall(future, error);
      return TaskContext.enter(future);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object future, @Advice.Enter Scope scope) {
      TaskContext.exit(scope);
      TaskContext.forget(future);
    }
  }

  @SuppressWarnings("unused")
  public static class CancelAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object future) {
      AsyncCallSpans.cancelCall(future);
      return TaskContext.enter(future);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object future, @Advice.Enter Scope scope) {
      TaskContext.exit(scope);
      TaskContext.forget(future);
    }
  }
}
