package dev.weft.instrumentation.methods;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.weft.instrumentation.methods.bootstrap.MethodSpans;
import dev.weft.instrumentation.methods.bootstrap.MethodSpans.MethodSpan;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.ClassMethodList;
import dev.weft.tooling.TypeInstrumentation;
import java.util.LinkedHashSet;
import java.util.Set;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The configured methods of one class, matched by its exact name: a string comparison per loaded
 * class, no hierarchy walk. (The OpenTelemetry agent also weaves subclasses and implementations of the
 * named type; Weft weaves the named class only, which is what the key's documentation describes.)
 * Every overload of a named method is traced; bridge and other synthetic methods are not, so a call
 * through a bridge yields one span.
 */
final class MethodsInstrumentation implements TypeInstrumentation {
  private final String className;
  private final Set<String> methodNames;
  private final boolean constructors;

  MethodsInstrumentation(String className, Set<String> methods) {
    this.className = className;
    this.methodNames = new LinkedHashSet<>(methods);
    this.constructors = methodNames.remove(ClassMethodList.CONSTRUCTOR);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(className);
  }

  @Override
  public void transform(AdviceTarget advice) {
    if (!methodNames.isEmpty()) {
      advice.apply(
          isMethod().and(namedOneOf(methodNames.toArray(new String[0]))).and(not(isAbstract())).and(not(isSynthetic())),
          MethodsInstrumentation.class.getName() + "$MethodAdvice");
    }
    if (constructors) {
      advice.apply(isConstructor(), MethodsInstrumentation.class.getName() + "$ConstructorAdvice");
    }
  }

  @SuppressWarnings("unused")
  public static class MethodAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static MethodSpan onEnter(@Advice.Origin Class<?> type, @Advice.Origin("#m") String method) {
      return MethodSpans.start(type, method);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter MethodSpan span, @Advice.Thrown Throwable error) {
      MethodSpans.end(span, error);
    }
  }

  /**
   * The JVM allows no exception handler around a constructor's {@code super(...)} call, so constructor
   * advice cannot see a throw: the span ends on normal return only, and is never made current (a
   * constructor that throws must not leave its span as the thread's current context).
   */
  @SuppressWarnings("unused")
  public static class ConstructorAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static MethodSpan onEnter(@Advice.Origin Class<?> type) {
      return MethodSpans.startConstructor(type);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Enter MethodSpan span) {
      MethodSpans.end(span, null);
    }
  }
}
