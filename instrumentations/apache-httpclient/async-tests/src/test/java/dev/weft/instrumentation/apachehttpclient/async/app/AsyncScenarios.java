package dev.weft.instrumentation.apachehttpclient.async.app;

import dev.weft.testing.http.ScenarioMain;
import dev.weft.testing.http.ScenarioMain.Scenario;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TraceProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the two async scenario apps (4.x and 5.x) share: the scenario table (run by {@link
 * ScenarioMain}) and {@link Outcome}, what an application's callback saw and whether it ran in the
 * context it should. JDK types and the test kit's probe only:
 * this class runs in the forked application.
 */
public abstract class AsyncScenarios {
  public static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  public static final int CONCURRENT = 10;

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
    private Runnable next = () -> {};

    public Outcome(TraceProbe parent) {
      this.parent = parent;
    }

    /** What the callback does after noting a completion (still inside the callback). */
    public Outcome then(Runnable next) {
      this.next = next;
      return this;
    }

    public void completed(String what) {
      finish("completed " + what);
      next.run();
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

  /** Sends a GET with the generation's client; {@code outcome} hears what its callback hears. */
  protected abstract void send(String url, Outcome outcome);

  /** A GET through {@link #send}: what the callback saw, or what {@code execute} threw. */
  protected String get(String url, TraceProbe parent) throws Exception {
    return call(parent, outcome -> send(url, outcome));
  }

  /** What the callback saw of the call {@code execute} starts, or what {@code execute} threw. */
  protected static String call(TraceProbe parent, Consumer<Outcome> execute) throws Exception {
    Outcome outcome = new Outcome(parent);
    try {
      execute.accept(outcome);
    } catch (RuntimeException e) {
      return "threw " + describe(e);
    }
    return outcome.await();
  }

  /** The same request object executed twice: both outcomes, then its headers as the application sees them after. */
  protected static String executedTwice(Scenario call, Supplier<Object[]> headers) throws Exception {
    String first = call.run();
    String second = call.run();
    return first + " / " + second + " headers after: " + Arrays.toString(headers.get());
  }

  /**
   * The call {@code execute} starts is cancelled through its future 300 ms in, while the server still
   * holds the answer: what cancel answered, what the future says then, and what the callback heard.
   */
  protected static String cancelInFlight(Function<Outcome, Future<?>> execute) throws Exception {
    Outcome outcome = new Outcome(null);
    Future<?> future = execute.apply(outcome);
    TimeUnit.MILLISECONDS.sleep(300);
    boolean cancelled = future.cancel(true);
    return "cancel " + cancelled + ", isCancelled " + future.isCancelled() + ", callback: " + outcome.await();
  }

  /** The scenarios both generations run the same way: a GET and its callback. */
  protected void addCommonScenarios() {
    scenarios.put("execute-get", () -> get(http + "/ok/execute-get", null));
    scenarios.put("execute-404", () -> get(http + "/status-404/execute-404", null));
    scenarios.put("execute-500", () -> get(http + "/status-500/execute-500", null));
    scenarios.put("redirect-followed", () -> {
      try (TraceProbe parent = TraceProbe.parentSpan("parent-redirect")) {
        return get(http + "/redirect/redirect-followed", parent);
      }
    });
    scenarios.put("callback-in-parent", this::callbackInParent);
    scenarios.put("concurrent", this::concurrent);
    scenarios.put("refused", () -> get("http://127.0.0.1:" + closedPort + "/ok/refused", null));
    scenarios.put("unknown-host", () -> get("http://no-such-host.invalid/ok/unknown-host", null));
    scenarios.put("partial-response", () -> get(raw + "/partial/partial-response", null));
    scenarios.put("no-response", () -> get(raw + "/silent/no-response", null));
    scenarios.put("query-credentials", () -> get(
        http + "/ok/query-credentials?X-Goog-Signature=g1&sig=s1&AWSAccessKeyId=a1&Signature=s2&keep=k1", null));
  }

  /**
   * Under a parent span: the callback runs in it, and a request made inside the callback (on the
   * client's I/O thread) is its child too, with its own callback in the same context; then a call with
   * no span current, whose callback must find the I/O thread clean.
   */
  private String callbackInParent() throws Exception {
    String result;
    try (TraceProbe parent = TraceProbe.parentSpan("parent-callback")) {
      Outcome inner = new Outcome(parent);
      Outcome outer = new Outcome(parent).then(() -> send(http + "/ok/callback-inner", inner));
      send(http + "/ok/callback-in-parent", outer);
      result = outer.await() + " / inner: " + inner.await();
    }
    return result + " / after: " + get(http + "/ok/after-callback", null);
  }

  /** One call per parent span {@code parent-concurrent-<i>}, path {@code concurrent-<i>}, all in flight at once. */
  private String concurrent() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      try (TraceProbe parent = TraceProbe.parentSpan("parent-concurrent-" + i)) {
        Outcome outcome = new Outcome(parent);
        send(http + "/ok/concurrent-" + i, outcome);
        outcomes.add(outcome);
      }
    }
    List<String> seen = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      seen.add(outcome.await());
    }
    return String.join(" | ", seen);
  }

  protected void runAll(String[] args) {
    ScenarioMain.runAll(scenarios, args, AsyncScenarios::describe);
    System.exit(0); // the clients' I/O reactor threads would otherwise keep the JVM alive
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
