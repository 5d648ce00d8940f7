package dev.weft.instrumentation.executors;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link AsyncServletTest} on JDK 25, plus the same request on virtual threads: the query on a
 * {@code newVirtualThreadPerTaskExecutor()} thread and the HTTP call in {@code supplyAsync} with that
 * executor.
 */
class AsyncServletJdk25Test extends AsyncServletTest {
  @Override
  protected Path javaHome() {
    return ScenarioJvm.JDK_25;
  }

  @Override
  protected List<String> scenarios() {
    return List.of("pool", "virtual", "parallel");
  }
}
