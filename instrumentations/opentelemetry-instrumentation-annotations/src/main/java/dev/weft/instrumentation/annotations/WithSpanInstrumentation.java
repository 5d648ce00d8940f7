package dev.weft.instrumentation.annotations;

import static dev.weft.instrumentation.annotations.AnnotationsInstrumentationModule.ADDING_SPAN_ATTRIBUTES;
import static dev.weft.instrumentation.annotations.AnnotationsInstrumentationModule.SPAN_ATTRIBUTE;
import static dev.weft.instrumentation.annotations.AnnotationsInstrumentationModule.WITH_SPAN;
import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasParameters;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.whereAny;

import dev.weft.instrumentation.annotations.AnnotationValues.AttributeNames;
import dev.weft.instrumentation.annotations.AnnotationValues.InheritContext;
import dev.weft.instrumentation.annotations.AnnotationValues.SpanKindName;
import dev.weft.instrumentation.annotations.AnnotationValues.SpanName;
import dev.weft.instrumentation.annotations.bootstrap.AnnotatedSpans;
import dev.weft.instrumentation.annotations.bootstrap.AnnotatedSpans.AnnotatedSpan;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Classes that declare a method annotated with {@code @WithSpan} or {@code @AddingSpanAttributes}
 * (annotations on interface or superclass methods are not inherited, as in the OpenTelemetry agent).
 * Methods without {@code @SpanAttribute} parameters get advice that reads no argument at all.
 */
final class WithSpanInstrumentation implements TypeInstrumentation {
  private final Map<String, Set<String>> excluded;

  WithSpanInstrumentation(Map<String, Set<String>> excluded) {
    this.excluded = excluded;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return declaresMethod(isAnnotatedWith(named(WITH_SPAN)).or(isAnnotatedWith(named(ADDING_SPAN_ATTRIBUTES))));
  }

  @Override
  public Advice.WithCustomMapping adviceMapping() {
    return AnnotationValues.mapping();
  }

  @Override
  public void transform(AdviceTarget advice) {
    ElementMatcher.Junction<MethodDescription> woven =
        isMethod().and(not(isAbstract())).and(not(isSynthetic())).and(not(new Excluded(excluded)));
    ElementMatcher.Junction<MethodDescription> withSpan = woven.and(isAnnotatedWith(named(WITH_SPAN)));
    ElementMatcher.Junction<MethodDescription> hasAttributes =
        hasParameters(whereAny(isAnnotatedWith(named(SPAN_ATTRIBUTE))));
    String self = WithSpanInstrumentation.class.getName();
    advice.apply(withSpan.and(not(hasAttributes)), self + "$WithSpanAdvice");
    advice.apply(withSpan.and(hasAttributes), self + "$WithSpanAttributesAdvice");
    advice.apply(
        woven.and(isAnnotatedWith(named(ADDING_SPAN_ATTRIBUTES))).and(not(isAnnotatedWith(named(WITH_SPAN))))
            .and(hasAttributes),
        self + "$AddingSpanAttributesAdvice");
  }

  /** {@code OTEL_INSTRUMENTATION_OPENTELEMETRY_INSTRUMENTATION_ANNOTATIONS_EXCLUDE_METHODS}. */
  static final class Excluded extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
    private final Map<String, Set<String>> excluded;

    Excluded(Map<String, Set<String>> excluded) {
      this.excluded = excluded;
    }

    @Override
    public boolean matches(MethodDescription method) {
      if (excluded.isEmpty()) {
        return false;
      }
      Set<String> methods = excluded.get(method.getDeclaringType().asErasure().getName());
      return methods != null && methods.contains(method.getInternalName());
    }
  }

  @SuppressWarnings("unused")
  public static class WithSpanAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AnnotatedSpan onEnter(
        @Advice.Origin Class<?> type,
        @Advice.Origin("#m") String method,
        @SpanName String name,
        @SpanKindName String kind,
        @InheritContext boolean inheritContext) {
      return AnnotatedSpans.start(type, method, name, kind, inheritContext, null, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AnnotatedSpan span,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable error) {
      AnnotatedSpans.end(span, returned, error);
    }
  }

  @SuppressWarnings("unused")
  public static class WithSpanAttributesAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AnnotatedSpan onEnter(
        @Advice.Origin Class<?> type,
        @Advice.Origin("#m") String method,
        @SpanName String name,
        @SpanKindName String kind,
        @InheritContext boolean inheritContext,
        @AttributeNames String attributeNames,
        @Advice.AllArguments Object[] args) {
      return AnnotatedSpans.start(type, method, name, kind, inheritContext, attributeNames, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AnnotatedSpan span,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable error) {
      AnnotatedSpans.end(span, returned, error);
    }
  }

  @SuppressWarnings("unused")
  public static class AddingSpanAttributesAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@AttributeNames String attributeNames, @Advice.AllArguments Object[] args) {
      AnnotatedSpans.addToCurrentSpan(attributeNames, args);
    }
  }
}
