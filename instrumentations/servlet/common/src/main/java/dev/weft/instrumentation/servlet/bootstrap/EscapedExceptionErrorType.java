package dev.weft.instrumentation.servlet.bootstrap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

/**
 * {@code error.type} is the class of an exception that escaped the servlet. Runs after the HTTP
 * extractor, which sets the status code (the container's {@code 500}) whenever there is an error
 * status: the semantic conventions want the exception type when the request failed before a status
 * was sent, and here the 500 is only the container's answer to the exception. A plain 5xx keeps its
 * status code. The error is the root cause the instrumenter already unwrapped (the exception event's).
 */
final class EscapedExceptionErrorType<REQUEST, RESPONSE> implements AttributesExtractor<REQUEST, RESPONSE> {
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, REQUEST request) {}

  @Override
  public void onEnd(
      AttributesBuilder attributes, Context context, REQUEST request, RESPONSE response, Throwable error) {
    if (error != null) {
      attributes.put(ERROR_TYPE, typeName(error.getClass()));
    }
  }

  /** As the SDK names the exception event's {@code exception.type}: the canonical name where there is one. */
  static String typeName(Class<?> type) {
    String canonical = type.getCanonicalName();
    return canonical != null ? canonical : type.getName();
  }
}
