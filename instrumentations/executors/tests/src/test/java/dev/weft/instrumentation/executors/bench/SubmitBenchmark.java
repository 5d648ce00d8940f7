package dev.weft.instrumentation.executors.bench;

import dev.weft.instrumentation.executors.app.Tracing;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of handing a task to a pool, with and without a span current on the submitting thread; run
 * once without and once with {@code -javaagent} (command in the module README). {@code -prof gc}
 * shows the allocation per submission: with the agent and no span it must equal the run without the
 * agent (nothing captured, nothing allocated).
 *
 * <ul>
 *   <li>{@code executeBurst}: 1,000 {@code execute} calls of distinct tasks while the worker drains
 *       them; per submission (capture at execute, restore and drop in the worker).
 *   <li>{@code submitAndGet}: one {@code submit(callable).get()} round trip (FutureTask path, thread
 *       hand-off included).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SubmitBenchmark {
  private static final int BURST = 1000;

  @Param({"false", "true"})
  public boolean span;

  private ThreadPoolExecutor pool;
  private Object root;
  private AutoCloseable scope;
  private final Callable<Integer> callable = () -> 1;

  @Setup(Level.Trial)
  public void setUp() {
    pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    pool.prestartAllCoreThreads();
    if (span) {
      root = Tracing.startRoot("benchmark");
      scope = Tracing.makeCurrent(root); // the benchmark thread runs the trial in this trace
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (scope != null) {
      scope.close();
      Tracing.end(root);
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(BURST)
  public void executeBurst() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(BURST);
    for (int i = 0; i < BURST; i++) {
      pool.execute(done::countDown); // a new method reference, so a distinct task, each time
    }
    done.await();
  }

  @Benchmark
  public Integer submitAndGet() throws InterruptedException, ExecutionException {
    return pool.submit(callable).get();
  }
}
