package dev.weft.instrumentation.apachehttpclient.v4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.httpclient.bootstrap.CallAttemptSpans;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.conn.routing.HttpRoute;

/**
 * The attempt level: the last element of the exec chain connects and sends one request, once per
 * attempt (the first, each {@code RetryExec} retry, each redirect). Its request is an
 * {@code HttpRequestWrapper}, the client's own copy of the application's; {@code RetryExec} restores
 * the headers it had before each retry, so a retry never keeps the previous attempt's traceparent.
 */
public final class MainClientExecInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.http.impl.execchain.MainClientExec");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("execute").and(takesArguments(4)), getClass().getName() + "$AttemptAdvice");
  }

  @SuppressWarnings("unused")
  public static class AttemptAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CallAttemptSpans.Attempt onEnter(
        @Advice.Argument(0) HttpRoute route, @Advice.Argument(1) HttpRequestWrapper request) {
      return ApacheHttpClient4Helper.startAttempt(route, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter CallAttemptSpans.Attempt attempt,
        @Advice.Return CloseableHttpResponse response,
        @Advice.Thrown Throwable error) {
      ApacheHttpClient4Helper.endAttempt(attempt, response, error);
    }
  }
}
