package dev.weft.instrumentation.methods;

import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static dev.weft.testing.ReceivedSpan.Kind.INTERNAL;
import static dev.weft.testing.ReceivedSpan.StatusCode.ERROR;
import static dev.weft.testing.ReceivedSpan.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.LingeringApp;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.SpanAssert;
import dev.weft.testing.TraceAssert;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code OTEL_INSTRUMENTATION_METHODS_INCLUDE} end to end: {@link MethodsApp} runs once with the agent
 * and once without; the spans at the fake collector and the application's output are checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MethodsTest {
  static final String INCLUDE =
      "com.shop.Cart[price,checkout,<init>];com.shop.Broken; com.shop.Tax[compute] ;com.shop.Cart[bad name]";

  private FakeCollector collector;
  private JvmResult agent;
  private JvmResult plain;
  private List<ReceivedSpan> spans;

  @BeforeAll
  void run() {
    collector = FakeCollector.start();
    LingeringApp.Result run = LingeringApp.run(launcher().name("methods-agent"), collector, 8);
    agent = run.jvm();
    spans = run.spans();
    plain = launcher().withAgent(false).name("methods-plain").run(Duration.ofSeconds(90)).assertExitCode(0);
  }

  private static AgentJvm.Builder launcher() {
    return AgentJvm.builder()
        .mainClass(MethodsApp.class.getName())
        .classpathOf(MethodsApp.class)
        .env("OTEL_INSTRUMENTATION_METHODS_INCLUDE", INCLUDE);
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
    assertThat(agent.stdout()).contains("RESULT tax-error: negative amount -1", "RESULT broken-constructor: broken cart");
  }

  @Test
  void oneWarningPerMalformedEntryAndTheRestApplies() {
    List<String> warnings =
        Arrays.stream(agent.stderr().split("\n")).filter(l -> l.contains("WARN")).collect(Collectors.toList());
    assertThat(warnings)
        .containsExactly(
            "[weft] WARN OTEL_INSTRUMENTATION_METHODS_INCLUDE: entry 'com.shop.Broken' is not Class[method,...];"
                + " it is ignored",
            "[weft] WARN OTEL_INSTRUMENTATION_METHODS_INCLUDE: entry 'com.shop.Cart[bad name]' has an invalid"
                + " method name 'bad name'; it is ignored");
  }

  @Test
  void tracesTheNamedMethodsOverloadsAndConstructorAsTheOpenTelemetryAgentDoes() {
    TraceAssert.assertThat(spans)
        .hasTracesSatisfyingExactly(
            trace -> trace.hasSpansSatisfyingExactly(internal("Cart.<init>", "com.shop.Cart", "<init>")),
            trace -> trace.hasSpansSatisfyingExactly(internal("Cart.price", "com.shop.Cart", "price")),
            trace ->
                trace.hasSpansSatisfyingExactly(
                    internal("Cart.checkout", "com.shop.Cart", "checkout").andThen(SpanAssert::hasNoParent),
                    // price(sku, 2) calls price(sku): both overloads are traced, nested
                    internal("Cart.price", "com.shop.Cart", "price").andThen(s -> s.hasParentNamed("Cart.checkout")),
                    internal("Cart.price", "com.shop.Cart", "price").andThen(s -> s.hasParentNamed("Cart.price")),
                    s -> s.hasName("GET").hasKind(CLIENT).hasParentNamed("Cart.checkout"),
                    internal("Tax.compute", "com.shop.Tax", "compute").andThen(s -> s.hasParentNamed("Cart.checkout"))),
            trace ->
                trace.hasSpansSatisfyingExactly(
                    s -> s.hasName("Tax.compute").hasKind(INTERNAL).hasStatus(ERROR)
                        .hasException("java.lang.IllegalArgumentException", "negative amount -1")));
  }

  @Test
  void scopeIsWeftsMethodsModule() {
    assertThat(spans.stream().filter(s -> s.kind() == INTERNAL).map(ReceivedSpan::scopeName).distinct())
        .containsExactly("dev.weft.methods");
  }

  private static Consumer<SpanAssert> internal(String name, String namespace, String function) {
    return s -> s.hasName(name).hasKind(INTERNAL).hasStatus(UNSET).hasNoException()
        .hasAttribute("code.namespace", namespace)
        .hasAttribute("code.function", function);
  }
}
