package dev.weft.instrumentation.annotations;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.tooling.ClassMethodList;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code @WithSpan}, {@code @SpanAttribute} and {@code @AddingSpanAttributes}. The annotation scan of
 * a class (its methods' annotations) runs only in class loaders that can see {@code @WithSpan}: an
 * application without the annotations library costs one resource look-up per class loader.
 */
public final class AnnotationsInstrumentationModule extends InstrumentationModule {
  /**
   * Built at run time: the agent jar's relocation rewrites every string constant that starts with
   * {@code io.opentelemetry} to Weft's shaded package, and these name the application's classes.
   */
  static final String PACKAGE = String.join(".", "io", "opentelemetry", "instrumentation", "annotations", "");
  static final String WITH_SPAN = PACKAGE + "WithSpan";
  static final String SPAN_ATTRIBUTE = PACKAGE + "SpanAttribute";
  static final String ADDING_SPAN_ATTRIBUTES = PACKAGE + "AddingSpanAttributes";
  static final String EXCLUDE_KEY = "otel.instrumentation.opentelemetry-instrumentation-annotations.exclude-methods";

  public AnnotationsInstrumentationModule() {
    super("opentelemetry-instrumentation-annotations");
  }

  @Override
  public List<String> requiredClassNames() {
    return Collections.singletonList(WITH_SPAN);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // Malformed entries were reported at start-up by the configuration check.
    return Collections.<TypeInstrumentation>singletonList(
        new WithSpanInstrumentation(
            ClassMethodList.unmodifiable(
                ClassMethodList.parse(WeftConfig.get().getString(EXCLUDE_KEY), new ArrayList<String>()))));
  }
}
