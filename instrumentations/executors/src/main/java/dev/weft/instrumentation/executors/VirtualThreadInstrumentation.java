package dev.weft.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Virtual threads (JDK 21+): one thread per task, so the thread itself carries the context, from
 * {@code start} (on the starting thread) to its private {@code run(Runnable)}, the body it runs once
 * mounted. Covers {@code Thread.ofVirtual().start}, {@code Thread.startVirtualThread} and
 * {@code Executors.newVirtualThreadPerTaskExecutor} alike. Unlike a platform thread's start, this is
 * always on: a virtual thread is the task, not a pool thread that outlives it.
 */
public final class VirtualThreadInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.lang.VirtualThread");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(named("start"), ThreadStartInstrumentation.class.getName() + "$StartAdvice");
    advice.apply(
        named("run").and(takesArguments(1)).and(takesArgument(0, Runnable.class)),
        ThreadStartInstrumentation.class.getName() + "$RunAdvice");
  }
}
