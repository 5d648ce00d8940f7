package dev.weft.instrumentation.servlet.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Connectors.executeRootHandler(HttpHandler, HttpServerExchange)}: Undertow runs every request's
 * root handler through it, on the I/O thread, and again for each dispatch of the exchange to a worker
 * (where the servlet deployment runs).
 */
public final class UndertowRootHandlerInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.undertow.server.Connectors");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        named("executeRootHandler")
            .and(isStatic())
            .and(takesArguments(2))
            .and(takesArgument(1, named("io.undertow.server.HttpServerExchange"))),
        UndertowRootHandlerInstrumentation.class.getName() + "$RootHandlerAdvice");
  }

  @SuppressWarnings("unused")
  public static final class RootHandlerAdvice {
    private RootHandlerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.Argument(1) HttpServerExchange exchange) {
      return UndertowHelper.enter(exchange);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      if (scope != null) {
        scope.close();
      }
    }
  }
}
