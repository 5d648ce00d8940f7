package dev.weft.instrumentation.apachehttpclient.v5;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.httpclient.bootstrap.CallAttemptSpans;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * The attempt level: the last element of the exec chain sends one request on an established
 * connection, once per attempt (the first, each retry, each redirect). The request it gets is the
 * client's own copy of the application's (every 5.x version copies it before the chain, and again for
 * each retry), so the trace headers can be set on it directly.
 */
public final class MainClientExecInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.hc.client5.http.impl.classic.MainClientExec");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("execute").and(takesArguments(3)), getClass().getName() + "$AttemptAdvice");
  }

  @SuppressWarnings("unused")
  public static class AttemptAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CallAttemptSpans.Attempt onEnter(
        @Advice.Argument(0) ClassicHttpRequest request, @Advice.Argument(1) ExecChain.Scope scope) {
      return ApacheHttpClient5Helper.startAttempt(request, scope);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter CallAttemptSpans.Attempt attempt,
        @Advice.Return ClassicHttpResponse response,
        @Advice.Thrown Throwable error) {
      ApacheHttpClient5Helper.endAttempt(attempt, response, error);
    }
  }
}
