package dev.weft.instrumentation.executors.app;

import static dev.weft.instrumentation.executors.app.Tracing.child;
import static dev.weft.instrumentation.executors.app.Tracing.inRoot;

import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.ListeningScheduledExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The forked application: runs the scenarios named on the command line, each printing
 * {@code RESULT <name>: <what it saw>}, then {@code DONE}.
 *
 * <p>Span scenarios run in a trace whose root span is named after the scenario; work on other threads
 * makes child spans named {@code <scenario>/<label>} (or HTTP CLIENT spans to {@code /<scenario>/...}),
 * and the test checks at the collector that each is a child of that root. Other scenarios print what
 * the tasks saw ({@code Tracing.traceId()} on the pool thread), counted.
 */
public final class ExecutorScenarioApp {
  interface Scenario {
    String run() throws Exception;
  }

  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
  private HttpServer server;
  private String base;

  private ExecutorScenarioApp() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

    // ---- the JDK's executors
    scenarios.put("pool-execute", () -> inRoot("pool-execute", () -> {
      CountDownLatch done = new CountDownLatch(1);
      pool.execute(() -> { child("pool-execute/execute"); done.countDown(); });
      done.await(10, TimeUnit.SECONDS);
      return "ran";
    }));
    scenarios.put("pool-submit", () -> inRoot("pool-submit", () -> {
      pool.submit(() -> child("pool-submit/runnable")).get();
      return pool.submit(() -> { child("pool-submit/callable"); return "ran"; }).get();
    }));
    scenarios.put("invoke-all", () -> inRoot("invoke-all", () -> {
      List<Callable<String>> tasks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String label = "invoke-all/" + i;
        tasks.add(() -> { child(label); return label; });
      }
      int n = 0;
      for (Future<String> f : pool.invokeAll(tasks)) {
        f.get();
        n++;
      }
      return n + " ran";
    }));
    scenarios.put("scheduled", () -> inRoot("scheduled", () -> {
      scheduler.schedule(() -> child("scheduled/once"), 20, TimeUnit.MILLISECONDS).get();
      CountDownLatch three = new CountDownLatch(3);
      AtomicInteger run = new AtomicInteger();
      ScheduledFuture<?> periodic =
          scheduler.scheduleAtFixedRate(() -> {
            if (run.incrementAndGet() <= 3) {
              child("scheduled/periodic-" + run.get());
              three.countDown();
            }
          }, 0, 10, TimeUnit.MILLISECONDS);
      three.await(10, TimeUnit.SECONDS);
      periodic.cancel(false);
      return "ran";
    }));
    scenarios.put("fork-join", () -> inRoot("fork-join", () -> {
      ForkJoinPool common = ForkJoinPool.commonPool();
      common.submit(() -> child("fork-join/common-submit")).get();
      CountDownLatch done = new CountDownLatch(1);
      common.execute(() -> { child("fork-join/common-execute"); done.countDown(); });
      done.await(10, TimeUnit.SECONDS);
      ForkJoinPool own = new ForkJoinPool(2);
      int sum = own.invoke(new Sum(0, 8));
      own.shutdown();
      return "sum=" + sum;
    }));
    scenarios.put("parallel-stream", () -> inRoot("parallel-stream", () -> {
      Set<String> traces = IntStream.range(0, 200).parallel()
          .mapToObj(i -> {
            if (i % 50 == 0) {
              child("parallel-stream/" + i);
            }
            return Tracing.traceId();
          })
          .collect(Collectors.toCollection(TreeSet::new));
      return traces.size() + " distinct trace(s) seen, the root's: " + traces.contains(Tracing.traceId());
    }));

    // ---- CompletableFuture: every *Async stage, with and without an executor
    scenarios.put("completable-future", () -> inRoot("completable-future", () -> {
      String cf = "completable-future/";
      CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> { child(cf + "supplyAsync"); return "a"; });
      CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> { child(cf + "supplyAsync-pool"); return "b"; }, pool);
      CompletableFuture.runAsync(() -> child(cf + "runAsync")).get();
      CompletableFuture.runAsync(() -> child(cf + "runAsync-pool"), pool).get();
      a.thenApplyAsync(x -> { child(cf + "thenApplyAsync"); return x; }).get();
      a.thenApplyAsync(x -> { child(cf + "thenApplyAsync-pool"); return x; }, pool).get();
      a.thenAcceptAsync(x -> child(cf + "thenAcceptAsync")).get();
      a.thenRunAsync(() -> child(cf + "thenRunAsync-pool"), pool).get();
      a.thenCombineAsync(b, (x, y) -> { child(cf + "thenCombineAsync"); return x + y; }).get();
      a.thenComposeAsync(x -> { child(cf + "thenComposeAsync"); return CompletableFuture.completedFuture(x); }, pool).get();
      a.whenCompleteAsync((x, e) -> child(cf + "whenCompleteAsync")).get();
      a.handleAsync((x, e) -> { child(cf + "handleAsync-pool"); return x; }, pool).get();
      a.acceptEitherAsync(b, x -> child(cf + "acceptEitherAsync")).get();
      CompletableFuture.<String>failedFuture(new IllegalStateException())
          .exceptionallyAsync(e -> { child(cf + "exceptionallyAsync"); return "x"; }).get();
      return "ran";
    }));
    scenarios.put("registering-context", () -> {
      // The callback runs in the context of the code that registered it, not of the thread that
      // completes the source: registered in trace R, completed from a pool thread in trace C.
      CompletableFuture<String> source = new CompletableFuture<>();
      CompletableFuture<String>[] deps = new CompletableFuture[2];
      String registered = inRoot("registering-context", () -> {
        deps[0] = source.thenApply(x -> Tracing.traceId());
        deps[1] = source.thenApplyAsync(x -> Tracing.traceId(), pool);
        return Tracing.traceId();
      });
      String completer = inRoot("registering-context-completer", () -> {
        pool.submit(() -> source.complete("go")).get();
        return Tracing.traceId();
      });
      String sync = deps[0].get(10, TimeUnit.SECONDS);
      String async = deps[1].get(10, TimeUnit.SECONDS);
      return "sync=" + who(sync, registered, completer) + " async=" + who(async, registered, completer);
    });
    scenarios.put("http-in-supply-async", () -> inRoot("http-in-supply-async", () -> {
      String body = CompletableFuture.supplyAsync(() -> get("/http-in-supply-async/supply")).get();
      pool.submit(() -> get("/http-in-supply-async/pool")).get();
      return body;
    }));

    // ---- virtual threads (JDK 21+)
    scenarios.put("virtual-threads", () -> {
      if (Runtime.version().feature() < 21) {
        return "skipped on JDK " + Runtime.version().feature();
      }
      return inRoot("virtual-threads", () -> {
        ExecutorService perTask =
            (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        perTask.submit(() -> child("virtual-threads/executor-submit")).get();
        perTask.submit(() -> get("/virtual-threads/http")).get();
        perTask.execute(() -> child("virtual-threads/executor-execute"));
        perTask.shutdown();
        perTask.awaitTermination(10, TimeUnit.SECONDS);
        Thread t = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
            .invoke(null, (Runnable) () -> child("virtual-threads/start-virtual-thread"));
        t.join();
        CompletableFuture.supplyAsync(() -> { child("virtual-threads/supplyAsync-on-virtual"); return 1; },
            (java.util.concurrent.Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null)).get();
        return "ran";
      });
    });

    // ---- third-party executors, as applications use them
    scenarios.put("guava", () -> inRoot("guava", () -> {
      ListeningExecutorService listening = MoreExecutors.listeningDecorator(pool);
      listening.submit(() -> child("guava/listening-submit")).get();
      ListeningScheduledExecutorService sched = MoreExecutors.listeningDecorator(scheduler);
      sched.schedule(() -> child("guava/listening-schedule"), 10, TimeUnit.MILLISECONDS).get();
      // Runs on the calling thread: nothing to propagate, but nothing may break either.
      MoreExecutors.directExecutor().execute(() -> child("guava/direct"));
      return "ran";
    }));
    scenarios.put("spring", () -> inRoot("spring", () -> {
      ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
      executor.setCorePoolSize(2);
      executor.setTaskDecorator(task -> task); // a decorator the application sets: still propagated
      executor.initialize();
      CountDownLatch done = new CountDownLatch(1);
      executor.execute(() -> { child("spring/execute"); done.countDown(); });
      done.await(10, TimeUnit.SECONDS);
      executor.submit(() -> child("spring/submit")).get();
      executor.submitCompletable(() -> { child("spring/submitCompletable"); return 1; }).get();
      executor.shutdown();
      ThreadPoolTaskScheduler taskScheduler = new ThreadPoolTaskScheduler();
      taskScheduler.initialize();
      taskScheduler.schedule(() -> child("spring/scheduler"), java.time.Instant.now().plusMillis(10)).get();
      taskScheduler.shutdown();
      return "ran";
    }));

    // ---- the rules
    scenarios.put("no-span", () -> {
      int before = Tracing.settledAttachedCount();
      // The futures stay reachable until counted, so a wrongly captured task could not be collected first.
      Future<String> a = pool.submit((Callable<String>) Tracing::traceId);
      CompletableFuture<String> b = CompletableFuture.supplyAsync(Tracing::traceId);
      Future<String> c = ForkJoinPool.commonPool().submit((Callable<String>) Tracing::traceId);
      String seen = a.get() + b.get() + c.get();
      return "trace seen=[" + seen + "] captured=" + (Tracing.attachedCount() - before);
    });
    scenarios.put("restore-after-throw", () -> {
      List<String> seen = new ArrayList<>();
      AtomicInteger hooks = new AtomicInteger();
      AtomicInteger hooksWithATrace = new AtomicInteger();
      ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
        @Override
        protected void afterExecute(Runnable r, Throwable t) {
          hooks.incrementAndGet();
          if (!Tracing.traceId().isEmpty()) {
            hooksWithATrace.incrementAndGet();
          }
        }
      };
      one.setThreadFactory(r -> {
        Thread t = new Thread(r);
        t.setUncaughtExceptionHandler((th, e) -> {});
        return t;
      });
      inRoot("restore-after-throw", () -> {
        one.execute(() -> { throw new IllegalStateException("task fails"); });
        Future<?> f = one.submit(() -> { throw new IllegalStateException("task fails"); });
        try {
          f.get();
        } catch (Exception expected) {
          seen.add("submit failed");
        }
        return null;
      });
      // The next task, without a trace, on the same (replaced) worker.
      seen.add("next=[" + one.submit((Callable<String>) Tracing::traceId).get() + "]");
      one.shutdown();
      one.awaitTermination(10, TimeUnit.SECONDS);
      seen.add("afterExecute with a trace: " + hooksWithATrace.get() + " of " + hooks.get());
      // A task that throws on the caller's thread (CallerRunsPolicy) leaves the caller's trace alone.
      String caller = inRoot("restore-after-throw-caller", () -> {
        String mine = Tracing.traceId();
        ThreadPoolExecutor busy = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
            new ThreadPoolExecutor.CallerRunsPolicy());
        CountDownLatch hold = new CountDownLatch(1);
        busy.execute(() -> await(hold));
        try {
          busy.execute(() -> { throw new IllegalStateException("runs on the caller, fails"); });
        } catch (IllegalStateException expected) {
          // thrown to the caller, as without the agent
        }
        hold.countDown();
        busy.shutdown();
        return mine.equals(Tracing.traceId()) ? "caller keeps its trace" : "caller LOST its trace";
      });
      seen.add(caller);
      seen.add("main after=[" + Tracing.traceId() + "]");
      return String.join("; ", seen);
    });
    scenarios.put("isolation", this::isolation);
    scenarios.put("no-wrapper", ExecutorScenarioApp::noWrapper);
    scenarios.put("not-run", () -> notRun(scheduler));
    scenarios.put("soak", ExecutorScenarioApp::soak);
    scenarios.put("thread-start", () -> {
      String[] seen = new String[1];
      ExecutorService lazy = Executors.newSingleThreadExecutor();
      String started = inRoot("thread-start", () -> {
        Thread t = new Thread(() -> seen[0] = Tracing.traceId());
        t.start();
        t.join();
        lazy.submit(() -> {}).get(); // creates the pool's worker thread inside this trace
        return Tracing.traceId();
      });
      // Outside any trace: the worker must not have kept the trace of the submission that made it.
      String worker = lazy.submit((Callable<String>) Tracing::traceId).get();
      lazy.shutdown();
      return "new thread sees " + (seen[0].equals(started) ? "the starter's trace" : "[" + seen[0] + "]")
          + "; pool worker later sees [" + worker + "]";
    });
  }

  /** Two threads, 10,000 tasks, each from its own trace; tasks without a trace in between. */
  private String isolation() throws Exception {
    AtomicInteger foreign = new AtomicInteger();
    AtomicInteger dirtyHooks = new AtomicInteger();
    ThreadPoolExecutor two = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
      @Override
      protected void beforeExecute(Thread t, Runnable r) {
        if (!Tracing.traceId().isEmpty()) {
          dirtyHooks.incrementAndGet();
        }
      }

      @Override
      protected void afterExecute(Runnable r, Throwable t) {
        if (!Tracing.traceId().isEmpty()) {
          dirtyHooks.incrementAndGet();
        }
      }
    };
    int tasks = 10_000;
    CountDownLatch done = new CountDownLatch(tasks);
    Set<String> traces = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < tasks; i++) {
      boolean traced = i % 5 != 4; // every fifth task is submitted outside any trace
      Object span = traced ? Tracing.startRoot("isolation-" + i) : null; // never ended: never exported
      String expected = traced ? Tracing.traceId(span) : "";
      traces.add(expected);
      try (AutoCloseable scope = traced ? Tracing.makeCurrent(span) : () -> {}) {
        Runnable check = () -> {
          if (!Tracing.traceId().equals(expected)) {
            foreign.incrementAndGet();
          }
          done.countDown();
        };
        if (i % 2 == 0) {
          two.execute(check);
        } else {
          two.submit(check);
        }
      }
    }
    done.await(60, TimeUnit.SECONDS);
    two.shutdown();
    two.awaitTermination(10, TimeUnit.SECONDS);
    return "tasks=" + tasks + " traces=" + traces.size() + " foreign=" + foreign.get()
        + " hooks-with-a-trace=" + dirtyHooks.get() + " main-after=[" + Tracing.traceId() + "]";
  }

  /** The application's own Runnable arrives in its pool as itself: instanceof, identity, remove(task). */
  private static String noWrapper() throws Exception {
    final class AppTask implements Runnable {
      final CountDownLatch ran = new CountDownLatch(1);

      @Override
      public void run() {
        ran.countDown();
      }
    }
    List<String> seen = new ArrayList<>();
    AppTask queued = new AppTask();
    ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
      @Override
      protected void beforeExecute(Thread t, Runnable r) {
        if (r instanceof AppTask) {
          seen.add("beforeExecute sees AppTask");
        }
      }
    };
    CountDownLatch hold = new CountDownLatch(1);
    AppTask first = new AppTask();
    Tracing.inRoot("no-wrapper", () -> {
      one.execute(() -> await(hold));
      one.execute(first);
      one.execute(queued);
      seen.add("queue holds the task itself: " + one.getQueue().contains(queued));
      seen.add("queue element is AppTask: " + (one.getQueue().peek() instanceof AppTask));
      seen.add("remove(task): " + one.remove(queued));
      return null;
    });
    hold.countDown();
    first.ran.await(10, TimeUnit.SECONDS);
    seen.add("removed task ran: " + queued.ran.await(200, TimeUnit.MILLISECONDS));
    one.shutdown();
    one.awaitTermination(10, TimeUnit.SECONDS);
    return String.join("; ", seen);
  }

  /** Rejected, cancelled, removed and never-run tasks keep no context. */
  private static String notRun(ScheduledExecutorService scheduler) throws Exception {
    int before = Tracing.settledAttachedCount();
    List<String> seen = new ArrayList<>();
    ThreadPoolExecutor tiny = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
    CountDownLatch hold = new CountDownLatch(1);
    tiny.execute(() -> await(hold));
    tiny.execute(() -> {});
    AtomicInteger rejected = new AtomicInteger();
    Tracing.inRoot("not-run", () -> {
      for (int i = 0; i < 100; i++) {
        try {
          tiny.execute(() -> {});
        } catch (RejectedExecutionException expected) {
          rejected.incrementAndGet();
        }
        try {
          tiny.submit(() -> "x");
        } catch (RejectedExecutionException expected) {
          rejected.incrementAndGet();
        }
        scheduler.schedule(() -> {}, 1, TimeUnit.HOURS).cancel(false);
        ScheduledFuture<?> periodic = scheduler.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.HOURS);
        periodic.cancel(true);
      }
      return null;
    });
    seen.add("rejected=" + rejected.get());
    seen.add("after reject/cancel: " + left(before));
    hold.countDown();
    tiny.shutdown();
    tiny.awaitTermination(10, TimeUnit.SECONDS);
    // Never run: queued behind a blocked worker, then dropped by shutdownNow and forgotten.
    ThreadPoolExecutor stuck = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    CountDownLatch hold2 = new CountDownLatch(1);
    stuck.execute(() -> await(hold2));
    Tracing.inRoot("not-run-never", () -> {
      for (int i = 0; i < 1000; i++) {
        int n = i; // capturing: a distinct task object each time, as most real tasks are
        stuck.execute(() -> Integer.toString(n));
        stuck.submit(() -> Integer.toString(n));
      }
      return null;
    });
    int queued = Tracing.attachedCount() - before;
    int dropped = stuck.shutdownNow().size();
    hold2.countDown();
    stuck.awaitTermination(10, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && Tracing.attachedCount() - before > 0; i++) {
      System.gc();
      Thread.sleep(20);
    }
    seen.add("queued with context: " + queued + ", dropped: " + dropped);
    seen.add("after the dropped tasks are collected: " + left(before));
    return String.join("; ", seen);
  }

  /**
   * Captured contexts beyond the count before the scenario. Tasks of earlier scenarios may be collected
   * meanwhile (their weak entries go), so fewer than before also counts as none.
   */
  private static String left(int before) {
    int now = Tracing.attachedCount();
    return now <= before ? "none left" : (now - before) + " left";
  }

  /** A million submissions from traces: used heap after GC stays flat, and nothing stays captured. */
  private static String soak() throws Exception {
    int total = 1_000_000;
    ThreadPoolExecutor two = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    Semaphore inFlight = new Semaphore(1000);
    int before = Tracing.settledAttachedCount();
    long[] heap = new long[3];
    Object span = null;
    AutoCloseable scope = () -> {};
    for (int i = 0; i < total; i++) {
      if (i % 100 == 0) { // a new trace every 100 submissions; spans never ended, never exported
        scope.close();
        span = Tracing.startRoot("soak");
        scope = Tracing.makeCurrent(span);
      }
      inFlight.acquire();
      switch (i % 3) {
        case 0 -> two.execute(inFlight::release);
        case 1 -> two.submit((Runnable) inFlight::release);
        default -> CompletableFuture.runAsync(inFlight::release, two);
      }
      if (i == 100_000 || i == 500_000) {
        inFlight.acquire(1000);
        inFlight.release(1000);
        heap[i == 100_000 ? 0 : 1] = usedHeapAfterGc();
      }
    }
    scope.close();
    inFlight.acquire(1000);
    two.shutdown();
    two.awaitTermination(30, TimeUnit.SECONDS);
    heap[2] = usedHeapAfterGc();
    return "submissions=" + total + " heapKb@100k=" + heap[0] / 1024 + " heapKb@500k=" + heap[1] / 1024
        + " heapKb@1M=" + heap[2] / 1024 + " still-captured=" + (Tracing.attachedCount() - before);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static final class Sum extends RecursiveTask<Integer> {
    final int from;
    final int to;

    Sum(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    protected Integer compute() {
      if (to - from == 1) {
        child("fork-join/recursive-" + from);
        return from;
      }
      int mid = (from + to) / 2;
      Sum left = new Sum(from, mid);
      left.fork();
      return new Sum(mid, to).compute() + left.join();
    }
  }

  private static String who(String seen, String registered, String completer) {
    return seen.equals(registered) ? "registering trace" : seen.equals(completer) ? "completing trace" : "[" + seen + "]";
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String get(String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(base + path).openConnection();
      try (InputStream in = c.getInputStream()) {
        return c.getResponseCode() + " " + new String(in.readAllBytes());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "ok".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public static void main(String[] args) throws Exception {
    ExecutorScenarioApp app = new ExecutorScenarioApp();
    app.startServer();
    for (String name : args) {
      Scenario scenario = app.scenarios.get(name);
      String outcome;
      long start = System.nanoTime();
      try {
        outcome = scenario.run();
      } catch (Throwable t) {
        outcome = "FAILED " + t;
        t.printStackTrace();
      }
      System.out.println("RESULT " + name + ": " + outcome);
      System.err.println("TIME " + name + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
    app.server.stop(0);
    System.out.println("DONE");
    System.exit(0);
  }
}
