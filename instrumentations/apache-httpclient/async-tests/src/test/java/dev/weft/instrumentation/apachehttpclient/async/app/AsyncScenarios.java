package dev.weft.instrumentation.apachehttpclient.async.app;

import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TraceProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the two async scenario apps (4.x and 5.x) share: the scenario table, the main loop printing
 * {@code RESULT <name>: <outcome>} then {@code DONE}, and {@link Outcome}, what an application's
 * callback saw and whether it ran in the context it should. JDK types and the test kit's probe only:
 * this class runs in the forked application.
 */
public abstract class AsyncScenarios {
  public static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  public static final int CONCURRENT = 10;

  protected interface Scenario {
    String run() throws Exception;
  }

  protected final String http = System.getProperty(TestServers.HTTP_PROPERTY);
  protected final String raw = System.getProperty(TestServers.RAW_PROPERTY);
  protected final String closedPort = System.getProperty(TestServers.CLOSED_PORT_PROPERTY);
  protected final String h2c = System.getProperty("scenario.h2c");
  protected final Map<String, Scenario> scenarios = new LinkedHashMap<>();

  /**
   * What one callback saw. With a parent probe it reports whether that span was current in the
   * callback (the caller's context); without, whether no span at all was (nothing left on the client's
   * threads). Without the agent both checks answer true, so the outputs match only if the agent is right.
   */
  public static final class Outcome {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final TraceProbe parent;

    public Outcome(TraceProbe parent) {
      this.parent = parent;
    }

    public void completed(String what) {
      finish("completed " + what);
    }

    public void failed(Exception e) {
      finish("failed " + describe(e));
    }

    public void cancelled() {
      finish("cancelled");
    }

    private void finish(String what) {
      String context = parent != null
          ? "in caller's context: " + parent.isCurrent()
          : "no span current: " + TraceProbe.noSpanIsCurrent();
      result.complete(what + ", " + context);
    }

    public String await() throws Exception {
      return result.get(30, TimeUnit.SECONDS);
    }
  }

  /** Runs {@code call} once per parent span {@code parent-concurrent-<i>}, path {@code concurrent-<i>}. */
  protected String concurrent(java.util.function.BiFunction<String, TraceProbe, Outcome> call) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      try (TraceProbe parent = TraceProbe.parentSpan("parent-concurrent-" + i)) {
        outcomes.add(call.apply(http + "/ok/concurrent-" + i, parent));
      }
    }
    List<String> seen = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      seen.add(outcome.await());
    }
    return String.join(" | ", seen);
  }

  protected void runAll(String[] args) {
    for (String name : args) {
      Scenario scenario = scenarios.get(name);
      String outcome;
      try {
        outcome = scenario == null ? "unknown scenario" : scenario.run();
      } catch (Throwable t) {
        outcome = "threw " + describe(t);
      }
      System.out.println("RESULT " + name + ": " + outcome);
    }
    System.out.println("DONE");
    System.out.flush();
    System.exit(0);
  }

  /**
   * Identity hash codes and 4.x connection numbers ("http-outgoing-3": how many connections the pool
   * opened so far, which depends on timing) in messages differ between runs: masked.
   */
  public static String describe(Throwable t) {
    return (t.getClass().getName() + ": " + t.getMessage())
        .replaceAll("@[0-9a-f]{4,}", "@<id>").replaceAll("http-outgoing-[0-9]+", "http-outgoing-<n>");
  }
}
