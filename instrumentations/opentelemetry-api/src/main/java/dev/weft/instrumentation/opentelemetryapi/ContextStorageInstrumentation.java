package dev.weft.instrumentation.opentelemetryapi;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import application.io.opentelemetry.context.ContextStorage;
import dev.weft.instrumentation.opentelemetryapi.bridge.BridgedContextStorage;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The application API's context storage is the bridge, so {@code Context.current()}, {@code
 * makeCurrent()} and everything built on them read and write Weft's context.
 *
 * <p>Woven into {@code LazyStorage.get()} (package-private, called by {@code ContextStorage.get()} in
 * every 1.x version), not into {@code ContextStorage} itself: defining the bridge classes in the
 * application's loader loads the {@code ContextStorage} interface they implement, often while another
 * class of the module is being transformed, and a class loaded during a transformation is not
 * transformed itself. Nothing Weft injects references {@code LazyStorage}.
 */
final class ContextStorageInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(OpenTelemetryApiInstrumentationModule.LAZY_STORAGE);
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(isStatic().and(named("get")).and(takesArguments(0)), ContextStorageInstrumentation.class.getName() + "$GetAdvice");
  }

  @SuppressWarnings("unused")
  public static class GetAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return(readOnly = false) ContextStorage storage) {
      storage = BridgedContextStorage.INSTANCE;
    }
  }
}
