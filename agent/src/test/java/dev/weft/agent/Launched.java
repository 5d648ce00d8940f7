package dev.weft.agent;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.JvmResult;
import dev.weft.testing.RunningJvm;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * JVMs a test class launches in {@code @BeforeAll}, side by side, each test then waiting for the one
 * it asserts on. {@link #start} launches at once (for runs the test must signal while they run);
 * {@link #queue} runs at most {@code parallel} at a time: on two cores, a dozen JVMs starting together
 * slow each other down so much that a short-lived app's last export can outlast the final flush.
 */
final class Launched implements AutoCloseable {
  private final ExecutorService pool;
  private final Map<String, RunningJvm> running = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JvmResult>> results = new ConcurrentHashMap<>();

  Launched(int parallel) {
    pool = Executors.newFixedThreadPool(parallel, task -> {
      Thread thread = new Thread(task, "launched-jvm");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Launches now and returns the running JVM. */
  RunningJvm start(String name, AgentJvm.Builder builder) {
    RunningJvm jvm = builder.name(name).start();
    running.put(name, jvm);
    results.put(name, CompletableFuture.supplyAsync(() -> jvm.awaitExit(AppRuns.JVM_TIMEOUT), Launched::ownThread));
    return jvm;
  }

  /** Launches when one of the {@code parallel} slots is free; the run must end by itself. */
  void queue(String name, AgentJvm.Builder builder) {
    results.put(name, CompletableFuture.supplyAsync(() -> {
      RunningJvm jvm = builder.name(name).start();
      running.put(name, jvm);
      return jvm.awaitExit(AppRuns.JVM_TIMEOUT);
    }, pool));
  }

  /** Waits for the JVM to exit; every call returns the same result. */
  JvmResult result(String name) {
    CompletableFuture<JvmResult> result = results.get(name);
    if (result == null) {
      throw new IllegalArgumentException("no JVM named " + name + "; launched: " + results.keySet());
    }
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause(); // e.g. the AssertionError of a JVM that did not exit in time
      }
      throw e;
    }
  }

  private static void ownThread(Runnable task) {
    Thread thread = new Thread(task, "launched-jvm-exit");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    running.values().forEach(RunningJvm::close);
    pool.shutdownNow();
  }
}
