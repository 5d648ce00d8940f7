package dev.weft.instrumentation.okhttp.app;

import dev.weft.testing.http.ScenarioMain;
import dev.weft.testing.http.ScenarioMain.Scenario;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TraceProbe;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Runs the scenarios named on the command line against whichever OkHttp version is on the class path
 * (compiled against 3.0.0, whose API every later version keeps), printing {@code RESULT <name>:
 * <outcome>} per scenario, then {@code DONE}. An outcome holds only what the application observes
 * (and {@link TraceProbe}'s context checks, true without the agent), so a run with the agent must print
 * exactly what a run without it prints.
 */
public final class ScenarioApp {
  public static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  public static final long HUGE_BYTES = 160L * 1024 * 1024;
  public static final int CONCURRENT = 20;

  private final String http = System.getProperty(TestServers.HTTP_PROPERTY);
  private final String https = System.getProperty(TestServers.HTTPS_PROPERTY);
  private final String raw = System.getProperty(TestServers.RAW_PROPERTY);
  private final String closedPort = System.getProperty(TestServers.CLOSED_PORT_PROPERTY);
  private final OkHttpClient client =
      new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build();
  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();

  private ScenarioApp() {
    scenarios.put("execute-get", () -> describe(client.newCall(get(http + "/ok/execute-get")).execute()));
    scenarios.put(
        "execute-post",
        () -> describe(client.newCall(new Request.Builder().url(http + "/echo/execute-post")
            .post(RequestBody.create(MediaType.parse("text/plain"), "hello weft")).build()).execute()));
    scenarios.put("execute-404", () -> describe(client.newCall(get(http + "/status-404/execute-404")).execute()));
    scenarios.put("execute-500", () -> describe(client.newCall(get(http + "/status-500/execute-500")).execute()));
    scenarios.put("https-get", () -> describe(client.newCall(get(https + "/ok/https-get")).execute()));
    scenarios.put("redirect-followed", this::redirectFollowed);
    scenarios.put(
        "redirect-not-followed",
        () -> describe(client.newBuilder().followRedirects(false).build()
            .newCall(get(http + "/redirect/redirect-not-followed")).execute()));
    scenarios.put("app-retry-interceptor", this::appRetryInterceptor);
    scenarios.put(
        "app-traceparent",
        () -> describe(client.newCall(new Request.Builder().url(http + "/ok/app-traceparent")
            .header("traceparent", APP_TRACEPARENT).build()).execute()));
    scenarios.put("request-unchanged", this::requestUnchanged);
    scenarios.put("interceptors-once", this::interceptorsOnce);
    scenarios.put("huge-stream", this::hugeStream);

    scenarios.put("enqueue-callback-context", this::enqueueCallbackContext);
    scenarios.put("enqueue-refused", () -> enqueue(client, get("http://127.0.0.1:" + closedPort + "/ok/enqueue-refused")));
    scenarios.put("no-leak-into-dispatcher", this::noLeakIntoDispatcher);
    scenarios.put("cancel-in-flight", this::cancelInFlight);
    scenarios.put("concurrent-enqueue", this::concurrentEnqueue);
    scenarios.put("queued-outside-trace", this::queuedOutsideTrace);
    scenarios.put("task-runner-outside-trace", this::taskRunnerOutsideTrace);

    scenarios.put("refused", () -> outcome(() -> client.newCall(get("http://127.0.0.1:" + closedPort + "/ok/refused")).execute()));
    scenarios.put("unknown-host", () -> outcome(() -> client.newCall(get("http://no-such-host.invalid/ok/unknown-host")).execute()));
    // OkHttp 3.0 retries a timed-out read and words the exception one way or another (even without
    // the agent): only the exception class is the outcome.
    scenarios.put(
        "read-timeout",
        () -> outcome(() -> client.newBuilder().readTimeout(300, TimeUnit.MILLISECONDS).build()
            .newCall(get(http + "/slow/read-timeout")).execute()).replaceAll(": .*", ""));
    scenarios.put("partial-response", this::partialResponse);
    scenarios.put("no-response", () -> outcome(() -> client.newCall(get(raw + "/silent/no-response")).execute()));
    scenarios.put("bad-url", () -> outcome(() -> client.newCall(get("ftp://127.0.0.1/ok/bad-url")).execute()));
    scenarios.put("used-after-shutdown", this::usedAfterShutdown);
    scenarios.put(
        "query-credentials",
        () -> describe(client.newCall(get(
            http + "/ok/query-credentials?X-Goog-Signature=g1&sig=s1&AWSAccessKeyId=a1&Signature=s2&keep=k1")).execute()));
    scenarios.put(
        "user-info",
        () -> outcome(() -> client.newCall(get(http.replace("http://", "http://user:secret@") + "/ok/user-info")).execute()));
  }

  public static void main(String[] args) throws Exception {
    ScenarioMain.runAll(new ScenarioApp().scenarios, args, ScenarioApp::describe);
    System.exit(0); // OkHttp's pool and dispatcher threads linger for a minute otherwise
  }

  /** Two attempts (302, then 200), in one parent span so they share a trace. */
  private String redirectFollowed() throws Exception {
    try (TraceProbe parent = TraceProbe.parentSpan("parent-redirect")) {
      return describe(client.newCall(get(http + "/redirect/redirect-followed")).execute());
    }
  }

  /** An application interceptor that retries a 500 once: two physical attempts of one call. */
  private String appRetryInterceptor() throws Exception {
    Interceptor retry = chain -> {
      Response first = chain.proceed(chain.request());
      if (first.code() != 500) {
        return first;
      }
      first.body().close();
      return chain.proceed(chain.request().newBuilder().url(http + "/ok/app-retry-interceptor").build());
    };
    OkHttpClient retrying = client.newBuilder().addInterceptor(retry).build();
    try (TraceProbe parent = TraceProbe.parentSpan("parent-retry")) {
      return describe(retrying.newCall(get(http + "/status-500/app-retry-interceptor")).execute());
    }
  }

  /** The application's Request is immutable and reused: it never shows a trace header. */
  private String requestUnchanged() throws Exception {
    Request request = new Request.Builder().url(http + "/ok/request-unchanged").header("x-custom", "c1").build();
    String headersBefore = request.headers().toString();
    String first = describe(client.newCall(request).execute());
    Response second = client.newCall(request).execute();
    String secondOutcome = describe(second);
    return first + " / " + secondOutcome + " headers unchanged: " + headersBefore.equals(request.headers().toString())
        + " response.request() has traceparent: " + (second.request().header("traceparent") != null);
  }

  /** Building more clients from one builder, or from a client, never stacks interceptors. */
  private String interceptorsOnce() throws Exception {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    OkHttpClient one = builder.build();
    OkHttpClient two = builder.build();
    OkHttpClient three = two.newBuilder().build();
    return describe(three.newCall(get(http + "/ok/interceptors-once")).execute())
        + " one and three have as many interceptors: " + (one.interceptors().size() == three.interceptors().size()
            && one.networkInterceptors().size() == three.networkInterceptors().size());
  }

  private String hugeStream() throws Exception {
    Response response = client.newCall(get(http + "/big/huge-stream?bytes=" + HUGE_BYTES)).execute();
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = response.body().byteStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    }
    return response.code() + " " + total + " bytes";
  }

  private String partialResponse() throws Exception {
    Response response = client.newCall(get(raw + "/partial/partial-response")).execute();
    try {
      return response.code() + " " + response.body().string();
    } catch (IOException e) {
      return response.code() + " then " + describe(e);
    }
  }

  private String enqueueCallbackContext() throws Exception {
    try (TraceProbe parent = TraceProbe.parentSpan("parent-enqueue")) {
      CompletableFuture<String> done = new CompletableFuture<>();
      client.newCall(get(http + "/ok/enqueue-callback-context")).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          done.complete("failed " + describe(e));
        }

        @Override
        public void onResponse(Call call, Response response) throws IOException {
          String outcome = describe(response) + " callback in caller context: " + parent.isCurrent();
          // A request made inside the callback is the caller's child, not the finished call's.
          outcome += " nested: " + describe(client.newCall(get(http + "/ok/enqueue-nested")).execute());
          done.complete(outcome);
        }
      });
      return done.get(10, TimeUnit.SECONDS) + " parent still current: " + parent.isCurrent();
    }
  }

  private String noLeakIntoDispatcher() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      OkHttpClient own = client.newBuilder().dispatcher(new Dispatcher(executor)).build();
      String outcome;
      try (TraceProbe parent = TraceProbe.parentSpan("parent-leak")) {
        outcome = enqueue(own, get(http + "/ok/no-leak-into-dispatcher"), parent);
      }
      Thread.sleep(100);
      boolean clean = executor.submit(TraceProbe::noSpanIsCurrent).get(10, TimeUnit.SECONDS);
      return outcome + " dispatcher thread clean afterwards: " + clean;
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * A call enqueued outside any trace waits for the one dispatcher slot, taken by a call of a trace; the
   * dispatcher starts it from that call's thread, inside that call's trace: it must not join it.
   */
  private String queuedOutsideTrace() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Dispatcher dispatcher = new Dispatcher(executor);
      dispatcher.setMaxRequests(1);
      OkHttpClient own = client.newBuilder().dispatcher(dispatcher).build();
      CompletableFuture<String> first = new CompletableFuture<>();
      try (TraceProbe parent = TraceProbe.parentSpan("parent-queued")) {
        own.newCall(get(http + "/delay/queued-first")).enqueue(callback(first, parent));
      }
      CompletableFuture<String> second = new CompletableFuture<>();
      own.newCall(get(http + "/ok/queued-second"))
          .enqueue(callbackChecking(second, () -> " outside any trace: " + TraceProbe.noSpanIsCurrent()));
      return "first: " + first.get(10, TimeUnit.SECONDS) + " second: " + second.get(10, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * OkHttp 4+ runs its background work (connection-pool cleanup, HTTP/2 readers, web socket writers) on
   * TaskRunner threads, each a loop serving every client and trace. The first call of the JVM, made in a
   * trace, starts such a thread when its connection goes to the pool; a task scheduled later, outside
   * any trace, must run outside any trace on it. (Run first in its JVM; OkHttp 3 has no TaskRunner.)
   */
  private String taskRunnerOutsideTrace() throws Exception {
    try (TraceProbe parent = TraceProbe.parentSpan("parent-task-runner")) {
      client.newCall(get(http + "/ok/task-runner-outside-trace")).execute().body().string(); // reads and closes
    }
    Class<?> runner;
    try {
      runner = Class.forName("okhttp3.internal.concurrent.TaskRunner");
    } catch (ClassNotFoundException okHttp3) {
      return "no TaskRunner";
    }
    // TaskQueue.execute(name, delayNanos, cancelable, block: () -> Unit), by reflection: Kotlin API
    Object queue = runner.getMethod("newQueue").invoke(runner.getField("INSTANCE").get(null));
    Class<?> function0 = Class.forName("kotlin.jvm.functions.Function0");
    Object unit = Class.forName("kotlin.Unit").getField("INSTANCE").get(null);
    CompletableFuture<Boolean> outside = new CompletableFuture<>();
    Object block = java.lang.reflect.Proxy.newProxyInstance(function0.getClassLoader(), new Class<?>[] {function0},
        (proxy, method, args) -> {
          if (method.getName().equals("invoke")) {
            outside.complete(TraceProbe.noSpanIsCurrent());
            return unit;
          }
          return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals") ? proxy == args[0] : "probe";
        });
    queue.getClass().getMethod("execute", String.class, long.class, boolean.class, function0)
        .invoke(queue, "weft-probe", 0L, true, block);
    return "probe task outside any trace: " + outside.get(10, TimeUnit.SECONDS);
  }

  private String cancelInFlight() throws Exception {
    Call call = client.newCall(get(http + "/slow/cancel-in-flight"));
    CompletableFuture<String> done = new CompletableFuture<>();
    call.enqueue(callback(done, null));
    Thread.sleep(300);
    call.cancel();
    return done.get(10, TimeUnit.SECONDS) + " isCanceled " + call.isCanceled();
  }

  private String concurrentEnqueue() throws Exception {
    List<CompletableFuture<String>> all = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      CompletableFuture<String> done = new CompletableFuture<>();
      client.newCall(get(http + "/ok/concurrent-" + i)).enqueue(callback(done, null));
      all.add(done);
    }
    StringBuilder sb = new StringBuilder();
    for (CompletableFuture<String> f : all) {
      sb.append(f.get(30, TimeUnit.SECONDS).length()).append(' ');
    }
    return sb.toString().trim();
  }

  /** The dispatcher's executor is shut down (how applications close an OkHttpClient), then used. */
  private String usedAfterShutdown() throws Exception {
    OkHttpClient closing = new OkHttpClient.Builder().build();
    closing.dispatcher().executorService().shutdown();
    closing.connectionPool().evictAll();
    CompletableFuture<String> done = new CompletableFuture<>();
    try {
      closing.newCall(get(http + "/ok/used-after-shutdown")).enqueue(callback(done, null));
    } catch (RuntimeException e) {
      return "enqueue threw " + describe(e);
    }
    return done.get(10, TimeUnit.SECONDS);
  }

  private static String enqueue(OkHttpClient client, Request request) throws Exception {
    return enqueue(client, request, null);
  }

  private static String enqueue(OkHttpClient client, Request request, TraceProbe parent) throws Exception {
    CompletableFuture<String> done = new CompletableFuture<>();
    client.newCall(request).enqueue(callback(done, parent));
    return done.get(10, TimeUnit.SECONDS);
  }

  private static Callback callback(CompletableFuture<String> done, TraceProbe parent) {
    return callbackChecking(done, () -> parent == null ? "" : " callback in caller context: " + parent.isCurrent());
  }

  /** Completes {@code done} with the outcome and what {@code contextCheck} says on the callback's thread. */
  private static Callback callbackChecking(CompletableFuture<String> done, Supplier<String> contextCheck) {
    return new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        done.complete("failed " + describe(e) + contextCheck.get());
      }

      @Override
      public void onResponse(Call call, Response response) throws IOException {
        done.complete(describe(response) + contextCheck.get());
      }
    };
  }

  private interface Execution {
    Response execute() throws Exception;
  }

  private static String outcome(Execution execution) {
    try {
      return describe(execution.execute());
    } catch (Throwable t) {
      return "threw " + describe(t);
    }
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  private static String describe(Response response) throws IOException {
    try {
      return response.code() + " " + response.body().string() + " x-reply=" + response.header("x-reply")
          + " path=" + response.request().url().encodedPath();
    } finally {
      response.body().close();
    }
  }

  /** Identity hash codes in messages ("okhttp3.Address@6ff48d36") differ between runs: masked. */
  private static String describe(Throwable t) {
    return (t.getClass().getName() + ": " + t.getMessage()).replaceAll("@[0-9a-f]{4,}", "@<id>");
  }
}
