package dev.weft.agent;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.JvmResult;
import dev.weft.testing.RunningJvm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JVMs a test class starts all at once in {@code @BeforeAll} (they spend most of their time starting
 * up, which two cores do as well side by side), each test then waiting for the one it asserts on.
 */
final class Launched implements AutoCloseable {
  private final Map<String, RunningJvm> running = new LinkedHashMap<>();
  private final Map<String, JvmResult> results = new LinkedHashMap<>();

  synchronized RunningJvm start(String name, AgentJvm.Builder builder) {
    RunningJvm jvm = builder.name(name).start();
    running.put(name, jvm);
    return jvm;
  }

  synchronized RunningJvm jvm(String name) {
    RunningJvm jvm = running.get(name);
    if (jvm == null) {
      throw new IllegalArgumentException("no JVM named " + name + "; started: " + running.keySet());
    }
    return jvm;
  }

  /** Waits for the JVM to exit (once; later calls return the same result). */
  synchronized JvmResult result(String name) {
    return results.computeIfAbsent(name, n -> jvm(n).awaitExit(AppRuns.JVM_TIMEOUT));
  }

  @Override
  public synchronized void close() {
    running.values().forEach(RunningJvm::close);
  }
}
