package dev.weft.instrumentation.apachehttpclient.v5;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.httpclient.bootstrap.CallAttemptSpans;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;

/**
 * The call level: every {@code execute} overload of the client ends in {@code doExecute}, which runs
 * the whole exec chain (redirects, retries, connect, the attempts) on this thread.
 */
public final class InternalHttpClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.hc.client5.http.impl.classic.InternalHttpClient");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("doExecute").and(takesArguments(3)), getClass().getName() + "$CallAdvice");
  }

  @SuppressWarnings("unused")
  public static class CallAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CallAttemptSpans.Call onEnter(
        @Advice.Argument(0) HttpHost target, @Advice.Argument(1) ClassicHttpRequest request) {
      return ApacheHttpClient5Helper.startCall(target, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter CallAttemptSpans.Call call, @Advice.Thrown Throwable error) {
      ApacheHttpClient5Helper.endCall(call, error);
    }
  }
}
