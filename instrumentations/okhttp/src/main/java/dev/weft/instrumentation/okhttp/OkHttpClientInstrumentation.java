package dev.weft.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every {@code OkHttpClient} is built from a {@code Builder} (the no-argument constructor makes one
 * too), and copies the builder's interceptor lists: Weft adds its two interceptors to the builder just
 * before that copy. They show in {@code client.interceptors()}/{@code networkInterceptors()}, as the
 * OpenTelemetry agent's do.
 */
public final class OkHttpClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("okhttp3.OkHttpClient");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        isConstructor().and(takesArguments(1)).and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))),
        getClass().getName() + "$ConstructorAdvice");
  }

  @SuppressWarnings("unused")
  public static class ConstructorAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(0) okhttp3.OkHttpClient.Builder builder) {
      OkHttpHelper.addInterceptors(builder);
    }
  }
}
