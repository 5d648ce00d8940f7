package dev.weft.benchmarks.runner;

/**
 * Walks an OTLP {@code ExportTraceServiceRequest} and reports each span's service, instrumentation
 * scope, kind and name, reading nothing else (no ids, times or attributes are decoded).
 *
 * <p>Field numbers from opentelemetry-proto: request.resource_spans = 1; ResourceSpans.resource = 1,
 * .scope_spans = 2; Resource.attributes = 1; KeyValue.key = 1, .value = 2; AnyValue.string_value = 1;
 * ScopeSpans.scope = 1, .spans = 2; InstrumentationScope.name = 1; Span.name = 5, .kind = 6.
 */
final class OtlpSpanCounter {
  /** Receives one call per span. */
  interface SpanVisitor {
    void span(String service, String scope, SpanKind kind, String name);
  }

  /** OTLP's span kinds, by their wire number. */
  enum SpanKind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

    static SpanKind of(long number) {
      return number >= 0 && number < values().length ? values()[(int) number] : UNSPECIFIED;
    }
  }

  static final String UNKNOWN_SERVICE = "(no service.name)";

  private OtlpSpanCounter() {}

  /** Visits every span of the message; returns how many there were. */
  static int visit(byte[] bytes, int offset, int length, SpanVisitor visitor)
      throws ProtoReader.MalformedException {
    ProtoReader request = new ProtoReader(bytes, offset, length);
    int count = 0;
    while (request.next()) {
      if (request.field() == 1) {
        count += resourceSpans(request.message(), visitor);
      } else {
        request.skip();
      }
    }
    return count;
  }

  private static int resourceSpans(ProtoReader resourceSpans, SpanVisitor visitor)
      throws ProtoReader.MalformedException {
    // The resource may come after its spans on the wire: find it first, then walk the spans.
    String service = UNKNOWN_SERVICE;
    while (resourceSpans.next()) {
      if (resourceSpans.field() == 1) {
        service = serviceName(resourceSpans.message(), service);
      } else {
        resourceSpans.skip();
      }
    }
    resourceSpans.rewind();
    int count = 0;
    while (resourceSpans.next()) {
      if (resourceSpans.field() == 2) {
        count += scopeSpans(resourceSpans.message(), service, visitor);
      } else {
        resourceSpans.skip();
      }
    }
    return count;
  }

  private static String serviceName(ProtoReader resource, String fallback)
      throws ProtoReader.MalformedException {
    while (resource.next()) {
      if (resource.field() != 1) {
        resource.skip();
        continue;
      }
      ProtoReader keyValue = resource.message();
      String key = null;
      String value = null;
      while (keyValue.next()) {
        if (keyValue.field() == 1) {
          key = keyValue.string();
        } else if (keyValue.field() == 2) {
          value = stringValue(keyValue.message());
        } else {
          keyValue.skip();
        }
      }
      if ("service.name".equals(key) && value != null) {
        return value;
      }
    }
    return fallback;
  }

  private static String stringValue(ProtoReader anyValue) throws ProtoReader.MalformedException {
    String value = null;
    while (anyValue.next()) {
      if (anyValue.field() == 1) {
        value = anyValue.string();
      } else {
        anyValue.skip();
      }
    }
    return value;
  }

  private static int scopeSpans(ProtoReader scopeSpans, String service, SpanVisitor visitor)
      throws ProtoReader.MalformedException {
    String scope = "";
    while (scopeSpans.next()) {
      if (scopeSpans.field() == 1) {
        scope = scopeName(scopeSpans.message());
      } else {
        scopeSpans.skip();
      }
    }
    scopeSpans.rewind();
    int count = 0;
    while (scopeSpans.next()) {
      if (scopeSpans.field() == 2) {
        span(scopeSpans.message(), service, scope, visitor);
        count++;
      } else {
        scopeSpans.skip();
      }
    }
    return count;
  }

  private static String scopeName(ProtoReader scope) throws ProtoReader.MalformedException {
    String name = "";
    while (scope.next()) {
      if (scope.field() == 1) {
        name = scope.string();
      } else {
        scope.skip();
      }
    }
    return name;
  }

  private static void span(ProtoReader span, String service, String scope, SpanVisitor visitor)
      throws ProtoReader.MalformedException {
    String name = "";
    SpanKind kind = SpanKind.UNSPECIFIED;
    while (span.next()) {
      switch (span.field()) {
        case 5 -> name = span.string();
        case 6 -> kind = SpanKind.of(span.varintValue());
        default -> span.skip();
      }
    }
    visitor.span(service, scope, kind, name);
  }
}
