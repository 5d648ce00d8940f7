package dev.weft.testing;

import dev.weft.testing.ReceivedSpan.Event;
import dev.weft.testing.ReceivedSpan.Kind;
import dev.weft.testing.ReceivedSpan.StatusCode;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one {@link ReceivedSpan}, usually reached through {@link TraceAssert} so that
 * failures can show every span received and parents can be named.
 *
 * <p>Attribute values compare as OTLP carries them: any integral expected value (int, long, ...)
 * matches a Long attribute of the same value, float and double match a Double, arrays and Lists
 * match an array attribute element by element. A type mismatch fails even when the text looks the
 * same ("200" is not 200).
 */
public final class SpanAssert extends AbstractAssert<SpanAssert, ReceivedSpan> {
  static final String EXCEPTION_EVENT = "exception";

  /** How much a failure message shows besides the reason. */
  enum Detail {
    /** Only the reason: the caller (a span matcher) shows the span itself. */
    REASON,
    SPAN,
    SPAN_AND_ALL_RECEIVED
  }

  private final List<ReceivedSpan> context;
  private final Detail detail;

  SpanAssert(ReceivedSpan actual, List<ReceivedSpan> context, Detail detail) {
    super(actual, SpanAssert.class);
    this.context = context;
    this.detail = detail;
  }

  /** Asserts on a lone span; {@link #hasParentNamed} then only knows this span. */
  public static SpanAssert assertThat(ReceivedSpan span) {
    return new SpanAssert(span, span == null ? List.of() : List.of(span), Detail.SPAN);
  }

  /** Asserts on a span among others, which failures list and {@link #hasParentNamed} searches. */
  public static SpanAssert assertThat(ReceivedSpan span, List<ReceivedSpan> allReceived) {
    return new SpanAssert(span, List.copyOf(allReceived), Detail.SPAN_AND_ALL_RECEIVED);
  }

  public SpanAssert hasName(String name) {
    return check(
        Objects.equals(actual.name(), name),
        () -> "expected name \"" + name + "\" but was \"" + actual.name() + "\"");
  }

  public SpanAssert hasKind(Kind kind) {
    return check(actual.kind() == kind, () -> "expected kind " + kind + " but was " + actual.kind());
  }

  public SpanAssert hasStatus(StatusCode code) {
    return check(
        actual.statusCode() == code,
        () -> "expected status " + code + " but was " + describeStatus());
  }

  public SpanAssert hasStatus(StatusCode code, String message) {
    return check(
        actual.statusCode() == code && Objects.equals(actual.statusMessage(), message),
        () -> "expected status " + code + " \"" + message + "\" but was " + describeStatus());
  }

  private String describeStatus() {
    return actual.statusCode()
        + (actual.statusMessage().isEmpty() ? "" : " \"" + actual.statusMessage() + "\"");
  }

  public SpanAssert hasTraceId(String traceId) {
    return check(
        actual.traceId().equals(traceId),
        () -> "expected trace id " + traceId + " but was " + actual.traceId());
  }

  public SpanAssert hasSpanId(String spanId) {
    return check(
        actual.spanId().equals(spanId),
        () -> "expected span id " + spanId + " but was " + actual.spanId());
  }

  public SpanAssert hasNoParent() {
    return check(actual.isRoot(), () -> "expected no parent but parent is " + describeParent());
  }

  public SpanAssert hasParentSpanId(String parentSpanId) {
    return check(
        actual.parentSpanId().equals(parentSpanId),
        () -> "expected parent span id " + parentSpanId + " but parent is " + describeParent());
  }

  /** The span is a child of {@code parent}: same trace, and its parent id is parent's span id. */
  public SpanAssert hasParent(ReceivedSpan parent) {
    return check(
        actual.traceId().equals(parent.traceId()) && actual.parentSpanId().equals(parent.spanId()),
        () -> "expected parent " + parent + "\nbut parent is " + describeParent());
  }

  /** The span's parent is a received span of the same trace with this name. */
  public SpanAssert hasParentNamed(String parentName) {
    return check(
        findParent().map(p -> p.name().equals(parentName)).orElse(false),
        () -> "expected a parent named \"" + parentName + "\" but parent is " + describeParent());
  }

  private Optional<ReceivedSpan> findParent() {
    return context.stream()
        .filter(s -> s.traceId().equals(actual.traceId()) && s.spanId().equals(actual.parentSpanId()))
        .findFirst();
  }

  private String describeParent() {
    if (actual.isRoot()) {
      return "none (a root span)";
    }
    return findParent()
        .map(p -> "\"" + p.name() + "\" (span " + p.spanId() + ")")
        .orElse(actual.parentSpanId() + ", which is not among the received spans");
  }

  /** The span has the attribute, whatever its value. */
  public SpanAssert hasAttribute(String key) {
    return check(
        actual.attributes().containsKey(key),
        () -> "expected attribute " + key + " but there is none; keys: " + actual.attributes().keySet());
  }

  public SpanAssert hasAttribute(String key, Object expected) {
    return check(
        actual.attributes().containsKey(key) && valuesMatch(expected, actual.attribute(key)),
        () -> mismatch("attribute", key, expected, actual.attributes()));
  }

  /** Runs the requirement (e.g. AssertJ assertions) on the attribute's value, which must exist. */
  public SpanAssert hasAttributeSatisfying(String key, Consumer<Object> requirement) {
    hasAttribute(key);
    Object value = actual.attribute(key);
    try {
      requirement.accept(value);
    } catch (AssertionError e) {
      throw failure(
          "attribute " + key + " = " + Format.describe(value) + " does not satisfy the requirement:\n"
              + Format.indent(e.getMessage(), "  "));
    }
    return this;
  }

  public SpanAssert doesNotHaveAttribute(String key) {
    return check(
        !actual.attributes().containsKey(key),
        () -> "expected no attribute " + key + " but it is " + Format.describe(actual.attribute(key)));
  }

  public SpanAssert hasResourceAttribute(String key, Object expected) {
    return check(
        actual.resourceAttributes().containsKey(key)
            && valuesMatch(expected, actual.resourceAttribute(key)),
        () -> mismatch("resource attribute", key, expected, actual.resourceAttributes()));
  }

  public SpanAssert hasScopeName(String scopeName) {
    return check(
        actual.scopeName().equals(scopeName),
        () -> "expected scope name \"" + scopeName + "\" but was \"" + actual.scopeName() + "\"");
  }

  public SpanAssert hasEventNamed(String name) {
    return check(
        actual.events().stream().anyMatch(e -> e.name().equals(name)),
        () -> "expected an event named \"" + name + "\" but events are " + eventNames());
  }

  /** Some event of this name satisfies the requirement. */
  public SpanAssert hasEventSatisfying(String name, Consumer<Event> requirement) {
    hasEventNamed(name);
    List<String> failures = new ArrayList<>();
    for (Event event : actual.events()) {
      if (event.name().equals(name)) {
        try {
          requirement.accept(event);
          return this;
        } catch (AssertionError e) {
          failures.add(event + ":\n" + Format.indent(e.getMessage(), "  "));
        }
      }
    }
    throw failure(
        "no event named \"" + name + "\" satisfies the requirement:\n"
            + Format.indent(String.join("\n", failures), "  "));
  }

  /** An {@code exception} event with this {@code exception.type} (a class name). */
  public SpanAssert hasException(String exceptionType) {
    return check(
        exceptionEvents().anyMatch(e -> exceptionType.equals(e.attribute("exception.type"))),
        () -> "expected an exception event of type " + exceptionType + " but " + describeExceptions());
  }

  public SpanAssert hasException(Class<? extends Throwable> exceptionType) {
    return hasException(exceptionType.getName());
  }

  /** An {@code exception} event with this type and {@code exception.message}. */
  public SpanAssert hasException(String exceptionType, String message) {
    return check(
        exceptionEvents()
            .anyMatch(
                e -> exceptionType.equals(e.attribute("exception.type"))
                    && Objects.equals(message, e.attribute("exception.message"))),
        () -> "expected an exception event " + exceptionType + ": \"" + message + "\" but "
            + describeExceptions());
  }

  public SpanAssert hasNoException() {
    return check(exceptionEvents().findAny().isEmpty(), () -> "expected no exception event but " + describeExceptions());
  }

  private Stream<Event> exceptionEvents() {
    return actual.events().stream().filter(e -> e.name().equals(EXCEPTION_EVENT));
  }

  private String describeExceptions() {
    List<String> exceptions =
        exceptionEvents()
            .map(e -> e.attribute("exception.type") + ": \"" + e.attribute("exception.message") + "\"")
            .collect(Collectors.toList());
    return exceptions.isEmpty()
        ? "there is none (events: " + eventNames() + ")"
        : "there are " + exceptions;
  }

  private List<String> eventNames() {
    return actual.events().stream().map(Event::name).collect(Collectors.toList());
  }

  // ---- value comparison

  static boolean valuesMatch(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Byte || expected instanceof Short || expected instanceof Integer
        || expected instanceof Long) {
      return actual instanceof Long && (Long) actual == ((Number) expected).longValue();
    }
    if (expected instanceof Float) {
      // 0.1f widens to 0.100000001...; compare at the precision the test author wrote.
      return actual instanceof Double && ((Double) actual).floatValue() == (Float) expected;
    }
    if (expected instanceof Double) {
      return actual instanceof Double && Double.compare((Double) actual, (Double) expected) == 0;
    }
    if (expected instanceof byte[]) {
      return actual instanceof byte[] && Arrays.equals((byte[]) expected, (byte[]) actual);
    }
    if (expected.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < Array.getLength(expected); i++) {
        list.add(Array.get(expected, i));
      }
      return valuesMatch(list, actual);
    }
    if (expected instanceof List) {
      List<?> e = (List<?>) expected;
      if (!(actual instanceof List) || ((List<?>) actual).size() != e.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        if (!valuesMatch(e.get(i), ((List<?>) actual).get(i))) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }

  private static String mismatch(
      String what, String key, Object expected, Map<String, Object> attributes) {
    if (!attributes.containsKey(key)) {
      return "expected " + what + " " + key + " = " + Format.describe(expected)
          + " but there is none; keys: " + attributes.keySet();
    }
    return "expected " + what + " " + key + " = " + Format.describe(expected) + " but was "
        + Format.describe(attributes.get(key));
  }

  // ---- failing

  private SpanAssert check(boolean ok, Supplier<String> reason) {
    if (actual == null) {
      throw failure("expected a span but was null");
    }
    if (!ok) {
      throw failure(reason.get());
    }
    return this;
  }

  private AssertionError failure(String reason) {
    String description = info.descriptionText();
    StringBuilder sb = new StringBuilder();
    if (!description.isEmpty()) {
      sb.append('[').append(description).append("] ");
    }
    sb.append(reason);
    if (detail != Detail.REASON) {
      sb.append("\nspan: ").append(actual);
    }
    if (detail == Detail.SPAN_AND_ALL_RECEIVED) {
      sb.append("\nreceived spans (").append(context.size()).append("):\n").append(Format.tree(context));
    }
    return new AssertionError(sb.toString());
  }
}
