package dev.weft.instrumentation.opentelemetryapi;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import application.io.opentelemetry.api.OpenTelemetry;
import dev.weft.instrumentation.opentelemetryapi.bridge.ApplicationOpenTelemetry;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code GlobalOpenTelemetry.get()} (and {@code getOrNoop()} of newer APIs) returns Weft's bridge where
 * it would return the API's no-op; {@code set(...)} is untouched, so an application's own SDK stays its
 * own, and the API's own rules (set after get fails) apply unchanged.
 */
final class GlobalOpenTelemetryInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(OpenTelemetryApiInstrumentationModule.GLOBAL_OPEN_TELEMETRY);
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        isStatic().and(namedOneOf("get", "getOrNoop")).and(takesArguments(0)),
        GlobalOpenTelemetryInstrumentation.class.getName() + "$GetAdvice");
  }

  @SuppressWarnings("unused")
  public static class GetAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return(readOnly = false) OpenTelemetry result) {
      result = ApplicationOpenTelemetry.bridgeIfNoop(result);
    }
  }
}
