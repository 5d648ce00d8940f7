package dev.weft.instrumentation.methods.bootstrap;

import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesGetter;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeSpanNameExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.util.ClassAndMethod;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;

/**
 * What the methods advice calls: an INTERNAL span named {@code SimpleClassName.method} with the code
 * attributes, built with the same extractors as the OpenTelemetry agent's methods instrumentation so
 * names and attributes match it exactly.
 */
public final class MethodSpans {
  private static final Instrumenter<ClassAndMethod, Void> INSTRUMENTER = buildInstrumenter();

  private MethodSpans() {}

  private static Instrumenter<ClassAndMethod, Void> buildInstrumenter() {
    CodeAttributesGetter<ClassAndMethod> getter = ClassAndMethod.codeAttributesGetter();
    return Instrumenter.<ClassAndMethod, Void>builder(
            WeftOpenTelemetry.get(), "dev.weft.methods", CodeSpanNameExtractor.create(getter))
        .addAttributesExtractor(CodeAttributesExtractor.<ClassAndMethod, Void>create(getter))
        .buildInstrumenter(SpanKindExtractor.<ClassAndMethod>alwaysInternal());
  }

  /** A started span; {@code scope} is null when the span was not made current. */
  public static final class MethodSpan {
    final ClassAndMethod request;
    final Context context;
    final Scope scope;

    MethodSpan(ClassAndMethod request, Context context, Scope scope) {
      this.request = request;
      this.context = context;
      this.scope = scope;
    }
  }

  public static MethodSpan start(Class<?> type, String method) {
    return start(type, method, true);
  }

  public static MethodSpan startConstructor(Class<?> type) {
    return start(type, "<init>", false);
  }

  private static MethodSpan start(Class<?> type, String method, boolean makeCurrent) {
    Context parent = Context.current();
    ClassAndMethod request = ClassAndMethod.create(type, method);
    if (!INSTRUMENTER.shouldStart(parent, request)) {
      return null;
    }
    Context context = INSTRUMENTER.start(parent, request);
    return new MethodSpan(request, context, makeCurrent ? context.makeCurrent() : null);
  }

  public static void end(MethodSpan span, Throwable error) {
    if (span == null) {
      return;
    }
    if (span.scope != null) {
      span.scope.close();
    }
    INSTRUMENTER.end(span.context, span.request, null, error);
  }
}
