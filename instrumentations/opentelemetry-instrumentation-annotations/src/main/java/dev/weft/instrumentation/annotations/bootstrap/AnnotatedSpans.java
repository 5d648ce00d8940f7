package dev.weft.instrumentation.annotations.bootstrap;

import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesGetter;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.util.SpanNames;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * What the {@code @WithSpan} advice calls. The annotation's values arrive as constants woven into the
 * method (read from its class file at transform time), so a call costs no reflection and no look-up
 * beyond the attribute-name table of methods with {@code @SpanAttribute} parameters.
 *
 * <p>A span ends when the method returns or throws (then ERROR with the exception), or, when it returns
 * a {@link CompletionStage} ({@code CompletableFuture} included), when that completes.
 */
public final class AnnotatedSpans {
  static final String SCOPE = "dev.weft.opentelemetry-instrumentation-annotations";
  private static final Instrumenter<AnnotatedCall, Object> INSTRUMENTER = buildInstrumenter();

  private AnnotatedSpans() {}

  private static Instrumenter<AnnotatedCall, Object> buildInstrumenter() {
    return Instrumenter.<AnnotatedCall, Object>builder(WeftOpenTelemetry.get(), SCOPE, call -> call.spanName)
        .addAttributesExtractor(CodeAttributesExtractor.<AnnotatedCall, Object>create(new CodeGetter()))
        .addAttributesExtractor(new ArgumentAttributes())
        .buildInstrumenter(call -> call.kind);
  }

  /** One annotated method call. */
  static final class AnnotatedCall {
    final Class<?> type;
    final String method;
    final String spanName;
    final SpanKind kind;
    final ParameterAttributes attributes;
    final Object[] args;

    AnnotatedCall(Class<?> type, String method, String spanName, SpanKind kind, ParameterAttributes attributes, Object[] args) {
      this.type = type;
      this.method = method;
      this.spanName = spanName;
      this.kind = kind;
      this.attributes = attributes;
      this.args = args;
    }
  }

  /** A started span, current until the method exits. */
  public static final class AnnotatedSpan {
    final AnnotatedCall call;
    final Context context;
    final Scope scope;

    AnnotatedSpan(AnnotatedCall call, Context context, Scope scope) {
      this.call = call;
      this.context = context;
      this.scope = scope;
    }
  }

  /**
   * @param name {@code @WithSpan}'s value; empty for {@code SimpleClassName.method}
   * @param kind the {@code SpanKind} constant's name
   * @param attributeNames per-parameter {@code @SpanAttribute} names, or null when there are none
   */
  public static AnnotatedSpan start(
      Class<?> type, String method, String name, String kind, boolean inheritContext, String attributeNames,
      Object[] args) {
    Context parent = inheritContext ? Context.current() : Context.root();
    AnnotatedCall call =
        new AnnotatedCall(
            type, method, name.isEmpty() ? SpanNames.fromMethod(type, method) : name, kind(kind),
            attributeNames == null ? null : ParameterAttributes.of(attributeNames), args);
    if (!INSTRUMENTER.shouldStart(parent, call)) {
      return null;
    }
    Context context = INSTRUMENTER.start(parent, call);
    return new AnnotatedSpan(call, context, context.makeCurrent());
  }

  public static void end(final AnnotatedSpan span, Object returned, Throwable error) {
    if (span == null) {
      return;
    }
    span.scope.close();
    if (error == null && returned instanceof CompletionStage) {
      try {
        ((CompletionStage<?>) returned).whenComplete(new EndOnCompletion(span));
        return;
      } catch (Throwable t) {
        // an odd CompletionStage that refuses callbacks: end now rather than never
      }
    }
    INSTRUMENTER.end(span.context, span.call, returned, error);
  }

  /** {@code @AddingSpanAttributes}: the method's {@code @SpanAttribute} arguments on the current span. */
  public static void addToCurrentSpan(String attributeNames, Object[] args) {
    Span current = Span.current();
    if (!current.isRecording()) {
      return;
    }
    AttributesBuilder attributes = Attributes.builder();
    ParameterAttributes.of(attributeNames).put(attributes, args);
    current.setAllAttributes(attributes.build());
  }

  static SpanKind kind(String name) {
    switch (name) {
      case "SERVER":
        return SpanKind.SERVER;
      case "CLIENT":
        return SpanKind.CLIENT;
      case "PRODUCER":
        return SpanKind.PRODUCER;
      case "CONSUMER":
        return SpanKind.CONSUMER;
      default:
        return SpanKind.INTERNAL;
    }
  }

  private static final class EndOnCompletion implements BiConsumer<Object, Throwable> {
    private final AnnotatedSpan span;

    EndOnCompletion(AnnotatedSpan span) {
      this.span = span;
    }

    @Override
    public void accept(Object result, Throwable error) {
      if (error instanceof CompletionException && error.getCause() != null) {
        error = error.getCause(); // how CompletableFuture wraps what the stage threw
      }
      INSTRUMENTER.end(span.context, span.call, result, error);
    }
  }

  private static final class CodeGetter implements CodeAttributesGetter<AnnotatedCall> {
    @Override
    public Class<?> getCodeClass(AnnotatedCall call) {
      return call.type;
    }

    @Override
    public String getMethodName(AnnotatedCall call) {
      return call.method;
    }
  }

  private static final class ArgumentAttributes implements AttributesExtractor<AnnotatedCall, Object> {
    @Override
    public void onStart(AttributesBuilder attributes, Context parentContext, AnnotatedCall call) {
      if (call.attributes != null) {
        call.attributes.put(attributes, call.args);
      }
    }

    @Override
    public void onEnd(
        AttributesBuilder attributes, Context context, AnnotatedCall call, Object response, Throwable error) {}
  }
}
