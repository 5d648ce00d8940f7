package dev.weft.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code enqueue}: the call and its callback run later on a dispatcher thread. The callback is wrapped
 * to carry the caller's context, and the dispatcher's task ({@code AsyncCall.execute()} in 3.x,
 * {@code run()} from 4.0) makes that context current while it runs the interceptors and the callback.
 * The call class is {@code okhttp3.RealCall} in 3.x and {@code okhttp3.internal.connection.RealCall}
 * from 4.0.
 */
public final class RealCallInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "okhttp3.RealCall", "okhttp3.internal.connection.RealCall",
        "okhttp3.RealCall$AsyncCall", "okhttp3.internal.connection.RealCall$AsyncCall");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        isPublic().and(named("enqueue")).and(takesArguments(1)).and(takesArgument(0, named("okhttp3.Callback"))),
        getClass().getName() + "$EnqueueAdvice");
    advice.apply(
        namedOneOf("execute", "run").and(takesArguments(0)).and(ownerIsAsyncCall()),
        getClass().getName() + "$AsyncCallAdvice");
  }

  private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> ownerIsAsyncCall() {
    return net.bytebuddy.matcher.ElementMatchers.isDeclaredBy(
        namedOneOf("okhttp3.RealCall$AsyncCall", "okhttp3.internal.connection.RealCall$AsyncCall"));
  }

  @SuppressWarnings("unused")
  public static class EnqueueAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(value = 0, readOnly = false) okhttp3.Callback callback) {
      callback = EnqueueContext.wrap(callback);
    }
  }

  @SuppressWarnings("unused")
  public static class AsyncCallAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.FieldValue("responseCallback") okhttp3.Callback callback) {
      return EnqueueContext.enter(callback);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      if (scope != null) {
        scope.close();
      }
    }
  }
}
