package dev.weft.instrumentation.servlet.jetty9;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.server.HttpChannel;

/**
 * {@code Server.handle(HttpChannel)}, the first dispatch of every request Jetty parsed (when no handler
 * takes it, {@code HttpChannel} sends the 404 after it returns), and {@code HttpChannel.onCompleted()},
 * called once the response is complete (also after an async cycle).
 */
public final class Jetty9ChannelInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf("org.eclipse.jetty.server.Server", "org.eclipse.jetty.server.HttpChannel");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        named("handle").and(takesArguments(1)).and(takesArgument(0, named("org.eclipse.jetty.server.HttpChannel"))),
        Jetty9ChannelInstrumentation.class.getName() + "$ServerHandleAdvice");
    advice.apply(
        named("onCompleted").and(takesArguments(0)), Jetty9ChannelInstrumentation.class.getName() + "$CompletedAdvice");
  }

  @SuppressWarnings("unused")
  public static final class ServerHandleAdvice {
    private ServerHandleAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.Argument(0) HttpChannel channel) {
      return Jetty9Helper.enter(channel.getRequest());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      if (scope != null) {
        scope.close();
      }
    }
  }

  @SuppressWarnings("unused")
  public static final class CompletedAdvice {
    private CompletedAdvice() {}

    /** On enter: the request and response are recycled when it returns. */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This HttpChannel channel) {
      Jetty9Helper.completed(channel.getRequest(), channel.getResponse());
    }
  }
}
