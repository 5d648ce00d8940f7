package dev.weft.testing;

import dev.weft.testing.SpanAssert.Detail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a set of received spans, written to read like the trace they expect:
 *
 * <pre>{@code
 * TraceAssert.assertThat(collector.awaitSpans(2, Duration.ofSeconds(10)))
 *     .hasTraceCount(1)
 *     .hasSpansSatisfyingExactly(
 *         span -> span.hasName("parent").hasKind(SERVER).hasNoParent(),
 *         span -> span.hasName("GET").hasKind(CLIENT).hasParentNamed("parent")
 *                     .hasAttribute("http.response.status_code", 200));
 * }</pre>
 *
 * <p>Requirements match spans in any order; a failure says, for each requirement that matched
 * nothing, why each span missed it, and draws every received span as a tree.
 */
public final class TraceAssert extends AbstractAssert<TraceAssert, List<ReceivedSpan>> {
  private final boolean showSpans;

  private TraceAssert(List<ReceivedSpan> spans, boolean showSpans) {
    super(spans == null ? null : List.copyOf(spans), TraceAssert.class);
    this.showSpans = showSpans;
  }

  public static TraceAssert assertThat(List<ReceivedSpan> spans) {
    return new TraceAssert(spans, true);
  }

  public TraceAssert hasSpanCount(int count) {
    if (spans().size() != count) {
      throw failure("expected " + count + " spans but received " + actual.size());
    }
    return this;
  }

  /** The number of distinct trace ids. */
  public TraceAssert hasTraceCount(int count) {
    long traces = spans().stream().map(ReceivedSpan::traceId).distinct().count();
    if (traces != count) {
      throw failure("expected " + count + (count == 1 ? " trace" : " traces") + " but received " + traces);
    }
    return this;
  }

  /**
   * Exactly these spans and no others: each requirement is met by a different span, in any order.
   */
  @SafeVarargs
  public final TraceAssert hasSpansSatisfyingExactly(Consumer<SpanAssert>... requirements) {
    return matchSpans(Arrays.asList(requirements), true);
  }

  /** Each requirement is met by a different span, in any order; other spans may exist too. */
  @SafeVarargs
  public final TraceAssert containsSpansSatisfying(Consumer<SpanAssert>... requirements) {
    return matchSpans(Arrays.asList(requirements), false);
  }

  /**
   * Groups the spans by trace id; exactly these traces and no others, each requirement met by a
   * different trace, in any order.
   */
  @SafeVarargs
  public final TraceAssert hasTracesSatisfyingExactly(Consumer<TraceAssert>... requirements) {
    Map<String, List<ReceivedSpan>> byTrace = new LinkedHashMap<>();
    for (ReceivedSpan span : spans()) {
      byTrace.computeIfAbsent(span.traceId(), k -> new ArrayList<>()).add(span);
    }
    List<List<ReceivedSpan>> traces = new ArrayList<>(byTrace.values());
    String problem =
        Matching.describeFailure(
            traces,
            Arrays.asList(requirements),
            trace -> new TraceAssert(trace, false),
            trace -> "trace " + trace.get(0).traceId() + " (" + trace.size() + " spans)",
            true,
            "traces");
    if (problem != null) {
      throw failure(problem);
    }
    return this;
  }

  public TraceAssert allSpansSatisfy(Consumer<SpanAssert> requirement) {
    List<String> failures = new ArrayList<>();
    for (ReceivedSpan span : spans()) {
      try {
        requirement.accept(new SpanAssert(span, actual, Detail.REASON));
      } catch (AssertionError e) {
        failures.add(span + "\n" + Format.indent(e.getMessage(), "    "));
      }
    }
    if (!failures.isEmpty()) {
      throw failure(
          "expected every span to satisfy the requirement, but "
              + failures.size() + " did not:\n" + Format.indent(String.join("\n", failures), "  - "));
    }
    return this;
  }

  /** The one span with this name, to assert on; fails if there is none or more than one. */
  public SpanAssert spanNamed(String name) {
    List<ReceivedSpan> named =
        spans().stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
    if (named.size() != 1) {
      throw failure("expected exactly one span named \"" + name + "\" but found " + named.size());
    }
    return new SpanAssert(named.get(0), actual, showSpans ? Detail.SPAN_AND_ALL_RECEIVED : Detail.REASON);
  }

  public TraceAssert doesNotHaveSpanNamed(String name) {
    if (spans().stream().anyMatch(s -> s.name().equals(name))) {
      throw failure("expected no span named \"" + name + "\"");
    }
    return this;
  }

  private TraceAssert matchSpans(List<Consumer<SpanAssert>> requirements, boolean exactly) {
    String problem =
        Matching.describeFailure(
            spans(),
            requirements,
            span -> new SpanAssert(span, actual, Detail.REASON),
            ReceivedSpan::label,
            exactly,
            "spans");
    if (problem != null) {
      throw failure(problem);
    }
    return this;
  }

  private List<ReceivedSpan> spans() {
    if (actual == null) {
      throw failure("expected a list of spans but was null");
    }
    return actual;
  }

  private AssertionError failure(String reason) {
    String description = info.descriptionText();
    StringBuilder sb = new StringBuilder();
    if (!description.isEmpty()) {
      sb.append('[').append(description).append("] ");
    }
    sb.append(reason);
    if (showSpans && actual != null) {
      sb.append("\nreceived spans (").append(actual.size()).append("):\n").append(Format.tree(actual));
    }
    return new AssertionError(sb.toString());
  }

  /** One-to-one assignment of requirements to items (spans or traces), in any order. */
  static final class Matching {
    private Matching() {}

    /** Null when every requirement has its own item (and, if exactly, no item is left over). */
    static <T, A> String describeFailure(
        List<T> items,
        List<Consumer<A>> requirements,
        Function<T, A> asserter,
        Function<T, String> describe,
        boolean exactly,
        String itemsName) {
      int n = requirements.size();
      int m = items.size();
      String[][] errors = new String[n][m]; // null where requirement i accepts item j
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          try {
            requirements.get(i).accept(asserter.apply(items.get(j)));
          } catch (AssertionError e) {
            errors[i][j] = String.valueOf(e.getMessage());
          }
        }
      }
      int[] itemOfRequirement = maximumMatching(errors, n, m);
      int matched = (int) Arrays.stream(itemOfRequirement).filter(j -> j >= 0).count();
      boolean countOk = !exactly || m == n;
      if (matched == n && countOk) {
        return null;
      }

      StringBuilder sb = new StringBuilder();
      if (!countOk) {
        sb.append("expected exactly ").append(n).append(' ').append(itemsName)
            .append(", one for each requirement, but received ").append(m).append(':');
      } else if (exactly) {
        sb.append("expected ").append(n).append(' ').append(itemsName)
            .append(", one for each requirement in any order, but not every requirement has its own:");
      } else {
        sb.append("expected ").append(n).append(' ').append(itemsName)
            .append(" among the ").append(m)
            .append(" received, one for each requirement in any order, but not every requirement has its own:");
      }
      boolean[] used = new boolean[m];
      for (int i = 0; i < n; i++) {
        if (itemOfRequirement[i] >= 0) {
          used[itemOfRequirement[i]] = true;
        }
      }
      for (int i = 0; i < n; i++) {
        int j = itemOfRequirement[i];
        if (j >= 0) {
          sb.append("\n  requirement #").append(i + 1).append(" matched ").append(describe.apply(items.get(j)));
          continue;
        }
        boolean acceptsAny = false;
        StringBuilder why = new StringBuilder();
        for (int k = 0; k < m; k++) {
          if (errors[i][k] == null) {
            acceptsAny = true;
            why.append("\n      - ").append(describe.apply(items.get(k)))
                .append("\n          matches, but is taken by another requirement");
          } else {
            why.append("\n      - ").append(describe.apply(items.get(k)))
                .append('\n').append(Format.indent(errors[i][k], "          "));
          }
        }
        sb.append("\n  requirement #").append(i + 1)
            .append(acceptsAny ? " has no " + singular(itemsName) + " of its own:" : " matched no " + singular(itemsName) + ":")
            .append(m == 0 ? " nothing was received" : why);
      }
      if (exactly) {
        for (int k = 0; k < m; k++) {
          if (!used[k]) {
            sb.append("\n  unexpected: ").append(describe.apply(items.get(k)));
          }
        }
      }
      return sb.toString();
    }

    private static String singular(String plural) {
      return plural.substring(0, plural.length() - 1);
    }

    /** Kuhn's augmenting paths; sizes are tiny, so the simple algorithm is plenty. */
    private static int[] maximumMatching(String[][] errors, int n, int m) {
      int[] requirementOfItem = new int[m];
      Arrays.fill(requirementOfItem, -1);
      for (int i = 0; i < n; i++) {
        augment(i, errors, m, requirementOfItem, new boolean[m]);
      }
      int[] itemOfRequirement = new int[n];
      Arrays.fill(itemOfRequirement, -1);
      for (int j = 0; j < m; j++) {
        if (requirementOfItem[j] >= 0) {
          itemOfRequirement[requirementOfItem[j]] = j;
        }
      }
      return itemOfRequirement;
    }

    private static boolean augment(int i, String[][] errors, int m, int[] requirementOfItem, boolean[] seen) {
      for (int j = 0; j < m; j++) {
        if (errors[i][j] == null && !seen[j]) {
          seen[j] = true;
          if (requirementOfItem[j] < 0 || augment(requirementOfItem[j], errors, m, requirementOfItem, seen)) {
            requirementOfItem[j] = i;
            return true;
          }
        }
      }
      return false;
    }
  }
}
