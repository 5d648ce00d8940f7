package dev.weft.instrumentation.apachehttpclient.v4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.httpclient.bootstrap.CallAttemptSpans;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;

/** The call level: every {@code execute} overload ends in {@code doExecute}, which runs the exec chain here. */
public final class InternalHttpClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.http.impl.client.InternalHttpClient");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("doExecute").and(takesArguments(3)), getClass().getName() + "$CallAdvice");
  }

  @SuppressWarnings("unused")
  public static class CallAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CallAttemptSpans.Call onEnter(
        @Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest request) {
      return ApacheHttpClient4Helper.startCall(target, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter CallAttemptSpans.Call call, @Advice.Thrown Throwable error) {
      ApacheHttpClient4Helper.endCall(call, error);
    }
  }
}
