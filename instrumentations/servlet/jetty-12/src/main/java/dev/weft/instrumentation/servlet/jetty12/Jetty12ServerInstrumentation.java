package dev.weft.instrumentation.servlet.jetty12;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * {@code Server.handle(Request, Response, Callback)}: every request Jetty 12 parsed passes it before any
 * context; when no handler takes it, Jetty answers 404 after it returns.
 */
public final class Jetty12ServerInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.eclipse.jetty.server.Server");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        named("handle")
            .and(takesArguments(3))
            .and(takesArgument(0, named("org.eclipse.jetty.server.Request")))
            .and(takesArgument(1, named("org.eclipse.jetty.server.Response"))),
        Jetty12ServerInstrumentation.class.getName() + "$ServerHandleAdvice");
  }

  @SuppressWarnings("unused")
  public static final class ServerHandleAdvice {
    private ServerHandleAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(
        @Advice.Argument(0) Request request, @Advice.Argument(1) Response response) {
      return Jetty12Helper.enter(request, response);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      if (scope != null) {
        scope.close();
      }
    }
  }
}
