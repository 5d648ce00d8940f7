package dev.weft.instrumentation.opentelemetryapi.v1_4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves nothing: matching {@code GlobalOpenTelemetry} makes the agent inject this module's helpers
 * into the application's loader when that class loads, before its first {@code get()} asks the 1.0
 * bridge for a tracer provider, which then finds {@link TracerBuilderProvider} by name.
 */
final class GlobalOpenTelemetryHelpersInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(OpenTelemetryApi14InstrumentationModule.GLOBAL_OPEN_TELEMETRY);
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(none(), GlobalOpenTelemetryHelpersInstrumentation.class.getName() + "$NoAdvice");
  }

  @SuppressWarnings("unused")
  public static class NoAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter() {}
  }
}
