package dev.weft.instrumentation.annotations;

import static dev.weft.instrumentation.annotations.AnnotationsInstrumentationModule.SPAN_ATTRIBUTE;
import static dev.weft.instrumentation.annotations.AnnotationsInstrumentationModule.WITH_SPAN;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.Advice.OffsetMapping;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Reads {@code @WithSpan} and {@code @SpanAttribute} from the woven method's description (its class
 * file, through the type pool) at transform time, and hands the values to the advice as constants.
 * The annotations are application types: Weft never loads them, and nothing is looked up per call.
 */
final class AnnotationValues {
  /** Separates the per-parameter attribute names in the {@link AttributeNames} constant. */
  static final char SEPARATOR = '\u0000';

  private AnnotationValues() {}

  /** {@code @WithSpan}'s value: the span name; empty for the default ({@code SimpleClass.method}). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface SpanName {}

  /** {@code @WithSpan}'s kind, as the enum constant's name. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface SpanKindName {}

  /** {@code @WithSpan}'s inheritContext: false starts a new trace. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface InheritContext {}

  /**
   * The attribute name of each parameter, joined with {@link #SEPARATOR}; an empty name for parameters
   * without {@code @SpanAttribute} (or without a usable name).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface AttributeNames {}

  static Advice.WithCustomMapping mapping() {
    return Advice.withCustomMapping()
        .bind(new ConstantFactory<SpanName>(SpanName.class) {
          @Override
          Object value(MethodDescription method) {
            Object v = attribute(method, "value");
            return v instanceof String ? v : "";
          }
        })
        .bind(new ConstantFactory<SpanKindName>(SpanKindName.class) {
          @Override
          Object value(MethodDescription method) {
            Object v = attribute(method, "kind");
            return v instanceof EnumerationDescription ? ((EnumerationDescription) v).getValue() : "INTERNAL";
          }
        })
        .bind(new ConstantFactory<InheritContext>(InheritContext.class) {
          @Override
          Object value(MethodDescription method) {
            Object v = attribute(method, "inheritContext");
            return v instanceof Boolean ? v : Boolean.TRUE; // absent before annotations 2.14
          }
        })
        .bind(new ConstantFactory<AttributeNames>(AttributeNames.class) {
          @Override
          Object value(MethodDescription method) {
            return attributeNames(method);
          }
        });
  }

  /** A value of the method's {@code @WithSpan} (its default when not given), or null. */
  static Object attribute(MethodDescription method, String name) {
    AnnotationDescription withSpan = find(method.getDeclaredAnnotations(), WITH_SPAN);
    if (withSpan == null) {
      return null;
    }
    try {
      return withSpan.getValue(name).resolve();
    } catch (RuntimeException e) {
      return null; // an annotation version without this property, or its type not resolvable
    }
  }

  static String attributeNames(MethodDescription method) {
    StringBuilder names = new StringBuilder();
    int i = 0;
    for (ParameterDescription p : method.getParameters()) {
      if (i++ > 0) {
        names.append(SEPARATOR);
      }
      AnnotationDescription a = find(p.getDeclaredAnnotations(), SPAN_ATTRIBUTE);
      if (a == null) {
        continue;
      }
      String name = "";
      try {
        Object v = a.getValue("value").resolve();
        name = v instanceof String ? (String) v : "";
      } catch (RuntimeException ignored) {
        // fall back to the parameter's name
      }
      if (name.isEmpty() && p.isNamed()) {
        name = p.getName(); // compiled with -parameters, as the OpenTelemetry agent requires too
      }
      names.append(name);
    }
    return names.toString();
  }

  static AnnotationDescription find(AnnotationList annotations, String typeName) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(typeName)) {
        return a;
      }
    }
    return null;
  }

  /** Binds an advice parameter annotated with {@code T} to a constant computed from the woven method. */
  private abstract static class ConstantFactory<T extends Annotation> implements OffsetMapping.Factory<T> {
    private final Class<T> type;

    ConstantFactory(Class<T> type) {
      this.type = type;
    }

    abstract Object value(MethodDescription method);

    @Override
    public Class<T> getAnnotationType() {
      return type;
    }

    @Override
    public OffsetMapping make(
        ParameterDescription.InDefinedShape target,
        AnnotationDescription.Loadable<T> annotation,
        AdviceType adviceType) {
      return (TypeDescription instrumentedType, MethodDescription instrumentedMethod, net.bytebuddy.implementation.bytecode.assign.Assigner assigner,
          Advice.ArgumentHandler argumentHandler, OffsetMapping.Sort sort) ->
          OffsetMapping.Target.ForStackManipulation.of(value(instrumentedMethod));
    }
  }
}
