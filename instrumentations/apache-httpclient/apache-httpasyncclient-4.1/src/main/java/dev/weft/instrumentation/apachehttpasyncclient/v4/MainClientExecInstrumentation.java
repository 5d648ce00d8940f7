package dev.weft.instrumentation.apachehttpasyncclient.v4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;

/**
 * The exec of the default client ({@code HttpAsyncClients.createDefault()}, {@code custom()...build()}):
 * {@code prepare} runs inside {@code execute} on the caller's thread; {@code generateRequest},
 * {@code responseReceived} and {@code responseCompleted} run once per attempt on the I/O reactor's
 * threads. Its state and handler arguments are package-private types: taken as {@code Object}, as keys.
 */
public final class MainClientExecInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.http.impl.nio.client.MainClientExec");
  }

  @Override
  public void transform(AdviceTarget advice) {
    String prefix = getClass().getName();
    advice.apply(named("prepare").and(takesArguments(4)), prefix + "$PrepareAdvice");
    advice.apply(named("generateRequest").and(takesArguments(2)), prefix + "$GenerateRequestAdvice");
    advice.apply(named("responseReceived").and(takesArguments(3)), prefix + "$ResponseReceivedAdvice");
    advice.apply(named("responseCompleted").and(takesArguments(2)), prefix + "$ResponseCompletedAdvice");
  }

  @SuppressWarnings("unused")
  public static class PrepareAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest original, @Advice.Argument(3) Object handler) {
      ApacheHttpAsyncClient4Helper.startCall(handler, target, original);
    }
  }

  @SuppressWarnings("unused")
  public static class GenerateRequestAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Argument(1) Object handler, @Advice.Return HttpRequest request) {
      ApacheHttpAsyncClient4Helper.startAttempt(handler, request);
    }
  }

  @SuppressWarnings("unused")
  public static class ResponseReceivedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(0) HttpResponse response, @Advice.Argument(2) Object handler) {
      ApacheHttpAsyncClient4Helper.responseReceived(handler, response);
    }
  }

  @SuppressWarnings("unused")
  public static class ResponseCompletedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(1) Object handler) {
      ApacheHttpAsyncClient4Helper.responseCompleted(handler);
    }
  }
}
