package dev.weft.instrumentation.apachehttpclient.v5.async;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;

/**
 * The call level: every async client with an exec chain ({@code HttpAsyncClients.createDefault()},
 * {@code custom()...build()}, the HTTP/2 client) runs each element through this class. Its first
 * element runs inside {@code execute}, on the caller's thread, for every {@code execute} overload
 * ({@code SimpleHttpRequest}, {@code AsyncRequestProducer}): there the call starts.
 */
public final class AsyncExecChainElementInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.hc.client5.http.impl.async.AsyncExecChainElement");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("execute").and(takesArguments(4)), getClass().getName() + "$CallAdvice");
  }

  @SuppressWarnings("unused")
  public static class CallAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope) {
      ApacheHttpAsyncClient5Helper.chainElement(request, scope);
    }
  }
}
