package dev.weft.instrumentation.apachehttpasyncclient.v4;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The exchange handler of one call: {@code start} (inside {@code execute}) makes the call reachable
 * from its future; {@code failed}, {@code cancel} and {@code close} (final, in the abstract base) end
 * it, whichever thread they run on. Every 4.1.x keeps the future in
 * {@code DefaultClientExchangeHandlerImpl.resultFuture}.
 */
public final class ExchangeHandlerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "org.apache.http.impl.nio.client.DefaultClientExchangeHandlerImpl",
        "org.apache.http.impl.nio.client.AbstractClientExchangeHandler");
  }

  @Override
  public void transform(AdviceTarget advice) {
    String prefix = getClass().getName();
    advice.apply(
        named("start").and(takesArguments(0)).and(not(isAbstract()))
            .and(isDeclaredBy(
                named("org.apache.http.impl.nio.client.DefaultClientExchangeHandlerImpl"))),
        prefix + "$StartAdvice");
    advice.apply(named("failed").and(takesArguments(1)).and(not(isAbstract())), prefix + "$FailedAdvice");
    advice.apply(named("cancel").and(takesArguments(0)).and(not(isAbstract())), prefix + "$CancelAdvice");
    advice.apply(named("close").and(takesArguments(0)).and(not(isAbstract())), prefix + "$CloseAdvice");
  }

  @SuppressWarnings("unused")
  public static class StartAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object handler, @Advice.FieldValue("resultFuture") Object future) {
      ApacheHttpAsyncClient4Helper.linkFuture(handler, future);
    }
  }

  @SuppressWarnings("unused")
  public static class FailedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object handler, @Advice.Argument(0) Exception error) {
      AsyncCallSpans.endCall(handler, error);
    }
  }

  @SuppressWarnings("unused")
  public static class CancelAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object handler) {
      AsyncCallSpans.cancelCall(handler);
    }
  }

  @SuppressWarnings("unused")
  public static class CloseAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object handler) {
      AsyncCallSpans.endCall(handler, null);
    }
  }
}
