package dev.weft.instrumentation.annotations;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * The annotation values are read from class files (a type pool, as the agent describes types), never
 * from loaded annotations: explicit values, defaults, and the per-parameter attribute names.
 */
class AnnotationValuesTest {
  @SuppressWarnings("unused")
  static class Sample {
    @WithSpan("named span")
    public void named() {}

    @WithSpan(kind = SpanKind.CONSUMER, inheritContext = false)
    public void attributes(@SpanAttribute("order.id") String id, int notAnAttribute, @SpanAttribute("qty") long qty) {}

    @WithSpan
    public void defaults() {}

    public void plain() {}
  }

  private final TypeDescription sample =
      TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()))
          .describe(Sample.class.getName())
          .resolve();

  private MethodDescription method(String name) {
    return sample.getDeclaredMethods().filter(named(name)).getOnly();
  }

  @Test
  void explicitValues() {
    assertThat(AnnotationValues.attribute(method("named"), "value")).isEqualTo("named span");
    assertThat(((EnumerationDescription) AnnotationValues.attribute(method("attributes"), "kind")).getValue())
        .isEqualTo("CONSUMER");
    assertThat(AnnotationValues.attribute(method("attributes"), "inheritContext")).isEqualTo(false);
  }

  @Test
  void defaultsComeFromTheAnnotationType() {
    assertThat(AnnotationValues.attribute(method("defaults"), "value")).isEqualTo("");
    assertThat(((EnumerationDescription) AnnotationValues.attribute(method("defaults"), "kind")).getValue())
        .isEqualTo("INTERNAL");
    assertThat(AnnotationValues.attribute(method("defaults"), "inheritContext")).isEqualTo(true);
  }

  @Test
  void attributeNamesPerParameterEmptyWhereNone() {
    assertThat(AnnotationValues.attributeNames(method("attributes"))).isEqualTo("order.id\u0000\u0000qty");
    assertThat(AnnotationValues.attributeNames(method("defaults"))).isEmpty();
  }

  @Test
  void noWithSpanNoValues() {
    assertThat(AnnotationValues.attribute(method("plain"), "value")).isNull();
  }
}
