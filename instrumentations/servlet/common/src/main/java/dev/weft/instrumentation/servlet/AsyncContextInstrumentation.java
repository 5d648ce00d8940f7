package dev.weft.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.SuperTypes;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Collections;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The container's {@code AsyncContext.start(Runnable)}: the task runs on a container thread and must
 * run inside the request's trace context. It goes through {@code TaskContext}, Weft's one cross-thread
 * mechanism, as a wrapper: Tomcat and Jetty run it on pools of their own, which the executors
 * instrumentation does not weave, and the container, not the application, holds the task.
 */
public final class AsyncContextInstrumentation implements TypeInstrumentation {
  private final String apiPackage;

  public AsyncContextInstrumentation(String apiPackage) {
    this.apiPackage = apiPackage;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return SuperTypes.classWithSuperType(Collections.singleton(apiPackage + ".AsyncContext"), apiPackage + ".");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        named("start")
            .and(not(isAbstract()))
            .and(takesArguments(1))
            .and(takesArgument(0, named("java.lang.Runnable"))),
        getClass().getName() + "$StartAdvice");
  }

  /** API-neutral: it touches only the {@code Runnable}. */
  @SuppressWarnings("unused")
  public static class StartAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = TaskContext.wrap(task);
    }
  }
}
