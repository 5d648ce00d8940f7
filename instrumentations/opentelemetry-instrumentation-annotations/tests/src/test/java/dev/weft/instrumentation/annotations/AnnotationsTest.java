package dev.weft.instrumentation.annotations;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static dev.weft.testing.ReceivedSpan.Kind.PRODUCER;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.AnnotationsApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.LingeringApp;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.TraceAssert;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code @WithSpan}, {@code @SpanAttribute} and {@code @AddingSpanAttributes} end to end: {@link
 * AnnotationsApp} runs once with the agent and once without; spans and the app's output are checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnotationsTest {
  static final String SHOP = "com.shop.Shop";
  static final int EXPECTED_SPANS = 13;

  private FakeCollector collector;
  private JvmResult agent;
  private JvmResult plain;
  private List<ReceivedSpan> spans;

  @BeforeAll
  void run() {
    collector = FakeCollector.start();
    LingeringApp.Result run = LingeringApp.run(launcher().name("annotations-agent"), collector, EXPECTED_SPANS);
    agent = run.jvm();
    spans = run.spans();
    plain = launcher().withAgent(false).name("annotations-plain").run(Duration.ofSeconds(90)).assertExitCode(0);
  }

  static AgentJvm.Builder launcher() {
    return AgentJvm.builder()
        .mainClass(AnnotationsApp.class.getName())
        .classpathOf(AnnotationsApp.class, WithSpan.class, Span.class, Context.class)
        .env("OTEL_INSTRUMENTATION_OPENTELEMETRY_INSTRUMENTATION_ANNOTATIONS_EXCLUDE_METHODS",
            SHOP + "[excluded];com.example.Other[x]");
  }

  @AfterAll
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void applicationSeesWhatItSeesWithoutTheAgent() {
    assertThat(agent.stdout()).contains("DONE").isEqualTo(plain.stdout());
    assertThat(agent.stderr()).doesNotContain("WARN", "Exception");
  }

  @Test
  void exactlyTheseTraces() {
    TraceAssert.assertThat(spans)
        .hasTracesSatisfyingExactly(
            t -> t.hasSpansSatisfyingExactly(internal("Shop.sync", "sync")),
            t -> t.hasSpansSatisfyingExactly(s -> s.hasName("publish order").hasKind(PRODUCER)
                .hasAttribute("code.function", "named")),
            t -> t.hasSpansSatisfyingExactly(internal("Shop.order", "order")),
            t -> t.hasSpansSatisfyingExactly(internal("Shop.badArgument", "badArgument")
                .andThen(s -> s.hasAttribute("good", "fine").doesNotHaveAttribute("bad"))),
            t -> t.hasSpansSatisfyingExactly(s -> s.hasName("Shop.fail").hasKind(INTERNAL).hasStatus(ERROR)
                .hasException("java.lang.IllegalStateException", "out of stock")),
            t -> t.hasSpansSatisfyingExactly(internal("Shop.async", "async")),
            t -> t.hasSpansSatisfyingExactly(s -> s.hasName("Shop.asyncFailing").hasStatus(ERROR)
                .hasException("java.lang.IllegalArgumentException", "no courier")),
            t -> t.hasSpansSatisfyingExactly(
                internal("Shop.outer", "outer").andThen(SpanAssert::hasNoParent),
                internal("Shop.inner", "inner").andThen(s -> s.hasParentNamed("Shop.outer")),
                s -> s.hasName("GET").hasKind(CLIENT).hasParentNamed("Shop.inner")),
            t -> t.hasSpansSatisfyingExactly(internal("Shop.addsAttributes", "addsAttributes")),
            // inheritContext = false: a new trace, not a child of Shop.detaching
            t -> t.hasSpansSatisfyingExactly(internal("Shop.detaching", "detaching")),
            t -> t.hasSpansSatisfyingExactly(internal("Shop.detached", "detached").andThen(SpanAssert::hasNoParent)));
  }

  @Test
  void spanAttributeArgumentsTypedByValueNullsAndUnannotatedLeftOut() {
    TraceAssert.assertThat(spans).spanNamed("Shop.order")
        .hasAttribute("order.id", "A-1")
        .hasAttribute("quantity", 3L) // no value: the parameter's name (compiled with -parameters)
        .hasAttribute("order.paid", true)
        .hasAttribute("order.tags", List.of("gift", "express"))
        .hasAttribute("order.price", 9.5)
        .hasAttribute("order.customer", "customer ada")
        .doesNotHaveAttribute("order.coupon")
        .doesNotHaveAttribute("notAnAttribute");
    assertThat(spanNamed("Shop.order").attributes().keySet())
        .containsExactlyInAnyOrder("code.namespace", "code.function", "order.id", "quantity", "order.paid",
            "order.tags", "order.price", "order.customer");
  }

  @Test
  void addingSpanAttributesGoesToTheCurrentSpanAndMakesNoSpanOfItsOwn() {
    TraceAssert.assertThat(spans).spanNamed("Shop.addsAttributes")
        .hasAttribute("customer.tier", "gold")
        .hasAttribute("customer.visits", 3L);
    TraceAssert.assertThat(spans).doesNotHaveSpanNamed("Shop.adding").doesNotHaveSpanNamed("Shop.excluded");
  }

  @Test
  void asyncSpanEndsWhenTheFutureCompletes() {
    assertThat(spanNamed("Shop.async").duration()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void scopeIsWeftsAnnotationsModule() {
    assertThat(spans.stream().filter(s -> s.kind() != CLIENT).map(ReceivedSpan::scopeName).distinct())
        .containsExactly("dev.weft.opentelemetry-instrumentation-annotations");
  }

  private ReceivedSpan spanNamed(String name) {
    return spans.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static Consumer<SpanAssert> internal(String name, String function) {
    return s -> s.hasName(name).hasKind(INTERNAL).hasStatus(UNSET).hasNoException()
        .hasAttribute("code.namespace", SHOP)
        .hasAttribute("code.function", function);
  }
}
