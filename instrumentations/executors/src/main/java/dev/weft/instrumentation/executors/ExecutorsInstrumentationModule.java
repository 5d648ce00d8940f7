package dev.weft.instrumentation.executors;

import dev.weft.bootstrap.context.TaskContext;
import dev.weft.instrumentation.executors.bootstrap.ExecutorTasks;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Context propagation across threads. Only JDK classes are woven, each matched by its exact name: no
 * hierarchy matcher runs, so the module adds no measurable start-up cost. Third-party executors are
 * covered where they hand tasks to a JDK pool (Guava's decorators, Spring's task executors, most
 * application pools); see the README for executors that run tasks on threads of their own.
 */
public final class ExecutorsInstrumentationModule extends InstrumentationModule {
  public ExecutorsInstrumentationModule() {
    super("executors");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // Initialise TaskContext and the context storage it reads now, on the premain thread: the first
    // FutureTask or ForkJoinTask built after weaving may be built anywhere (under a class-init lock).
    TaskContext.capture(this);
    List<TypeInstrumentation> types = new ArrayList<>();
    types.add(new ThreadPoolExecutorInstrumentation());
    types.add(new FutureTaskInstrumentation());
    types.add(new ForkJoinTaskInstrumentation());
    types.add(new CompletableFutureInstrumentation());
    types.add(new VirtualThreadInstrumentation());
    if (ExecutorTasks.propagateThreadStart()) {
      types.add(new ThreadStartInstrumentation());
    }
    return types;
  }
}
