package dev.weft.instrumentation.apachehttpclient.v5.async;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;

/**
 * The attempt level: the last element of the async exec chain sends one request on a leased
 * connection, once per attempt (first try, each retry, each redirect), on whichever thread the lease
 * completed (often an I/O thread). {@code HttpAsyncMainClientExec} serves HTTP/1.1 and HTTP/2
 * connections of the default client, {@code H2AsyncMainClientExec} the HTTP/2-only client. The span
 * is started, never made current; the exec's callback is wrapped to end it.
 */
public final class AsyncMainClientExecInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "org.apache.hc.client5.http.impl.async.HttpAsyncMainClientExec",
        "org.apache.hc.client5.http.impl.async.H2AsyncMainClientExec");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("execute").and(takesArguments(5)), getClass().getName() + "$AttemptAdvice");
  }

  @SuppressWarnings("unused")
  public static class AttemptAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(2) AsyncExecChain.Scope scope,
        @Advice.Argument(value = 4, readOnly = false) AsyncExecCallback callback) {
      callback = ApacheHttpAsyncClient5Helper.startAttempt(request, scope, callback);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Argument(4) AsyncExecCallback callback, @Advice.Thrown Throwable error) {
      ApacheHttpAsyncClient5Helper.executeFailed(callback, error);
    }
  }
}
