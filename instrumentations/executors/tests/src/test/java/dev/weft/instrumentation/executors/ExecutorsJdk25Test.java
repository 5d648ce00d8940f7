package dev.weft.instrumentation.executors;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link ExecutorsTest} on JDK 25 (its ThreadPoolExecutor, ForkJoinPool and CompletableFuture differ
 * inside), plus virtual threads: {@code newVirtualThreadPerTaskExecutor}, {@code startVirtualThread},
 * and an HttpURLConnection call on a virtual thread.
 */
class ExecutorsJdk25Test extends ExecutorsTest {
  @Override
  protected Path javaHome() {
    return ScenarioJvm.JDK_25;
  }

  @Override
  protected Map<String, Set<String>> children() {
    Map<String, Set<String>> all = new LinkedHashMap<>(CHILDREN);
    all.put("virtual-threads",
        Set.of("executor-submit", "executor-execute", "start-virtual-thread", "supplyAsync-on-virtual"));
    return all;
  }

  @Override
  protected Map<String, Set<String>> httpChildren() {
    Map<String, Set<String>> all = new LinkedHashMap<>(HTTP_CHILDREN);
    all.put("virtual-threads", Set.of("/virtual-threads/http"));
    return all;
  }
}
