package dev.weft.instrumentation.javahttpclient.app;

import dev.weft.testing.http.ScenarioMain;
import dev.weft.testing.http.ScenarioMain.Scenario;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TraceProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scenarios named on the command line, each once, and prints {@code RESULT <name>: <outcome>}
 * per scenario, then {@code DONE}. Each scenario uses {@code java.net.http.HttpClient} the way an
 * application would; its line holds only what the application observes (status, body, headers,
 * exception, and the context checks of {@link TraceProbe}, which are true without the agent), so a run
 * with the agent must print exactly what a run without it prints.
 *
 * <p>URLs are {@code <base>/<behavior>/<scenario>} on the {@link TestServers}; {@value #H2C} is the
 * base of an HTTP/2 cleartext server.
 */
public final class ScenarioApp {
  public static final String H2C = "scenario.h2c";
  public static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  /** Bigger than the scenario JVM's heap: only streaming gets it through. */
  public static final long HUGE_BYTES = 160L * 1024 * 1024;
  public static final int THREADS = 10;
  public static final int REQUESTS_PER_THREAD = 5;

  private final String http = System.getProperty(TestServers.HTTP_PROPERTY);
  private final String https = System.getProperty(TestServers.HTTPS_PROPERTY);
  private final String raw = System.getProperty(TestServers.RAW_PROPERTY);
  private final String closedPort = System.getProperty(TestServers.CLOSED_PORT_PROPERTY);
  private final String h2c = System.getProperty(H2C);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpClient following =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();

  private ScenarioApp() {
    // ---- send: methods, statuses, bodies
    scenarios.put("send-get", () -> describe(client.send(get(http + "/ok/send-get"), BodyHandlers.ofString())));
    scenarios.put(
        "send-post",
        () -> describe(client.send(
            request(http + "/echo/send-post").POST(BodyPublishers.ofString("hello weft")).build(),
            BodyHandlers.ofString())));
    scenarios.put(
        "send-head",
        () -> describe(client.send(
            request(http + "/ok/send-head").method("HEAD", BodyPublishers.noBody()).build(),
            BodyHandlers.discarding())));
    scenarios.put(
        "send-custom-method",
        () -> describe(client.send(
            request(http + "/ok/send-custom-method").method("FROB", BodyPublishers.noBody()).build(),
            BodyHandlers.ofString())));
    scenarios.put("send-404", () -> describe(client.send(get(http + "/status-404/send-404"), BodyHandlers.ofString())));
    scenarios.put("send-500", () -> describe(client.send(get(http + "/status-500/send-500"), BodyHandlers.ofString())));
    scenarios.put(
        "redirect-followed",
        () -> describe(following.send(get(http + "/redirect/redirect-followed"), BodyHandlers.ofString())));
    scenarios.put(
        "redirect-not-followed",
        () -> describe(client.send(get(http + "/redirect/redirect-not-followed"), BodyHandlers.ofString())));
    scenarios.put("https-get", () -> describe(client.send(get(https + "/ok/https-get"), BodyHandlers.ofString())));
    scenarios.put("h2c-get", this::h2c);
    scenarios.put("huge-stream", this::hugeStream);

    // ---- the application's request object
    scenarios.put("app-traceparent", this::appTraceparent);
    scenarios.put("request-reused", this::requestReused);

    // ---- async and context
    scenarios.put("send-in-parent", this::sendInParent);
    scenarios.put("async-callback-context", this::asyncCallbackContext);
    scenarios.put("async-404", () -> describe(client.sendAsync(get(http + "/status-404/async-404"), BodyHandlers.ofString()).get(10, TimeUnit.SECONDS)));
    scenarios.put("async-refused", () -> asyncOutcome(client.sendAsync(get("http://127.0.0.1:" + closedPort + "/ok/async-refused"), BodyHandlers.ofString())));
    scenarios.put("no-leak-into-client-executor", this::noLeakIntoClientExecutor);
    scenarios.put("cancel-in-flight", this::cancelInFlight);
    scenarios.put("concurrent-async", this::concurrentAsync);

    // ---- failures
    scenarios.put("refused", () -> outcome(() -> client.send(get("http://127.0.0.1:" + closedPort + "/ok/refused"), BodyHandlers.ofString())));
    scenarios.put("unknown-host", () -> outcome(() -> client.send(get("http://no-such-host.invalid/ok/unknown-host"), BodyHandlers.ofString())));
    scenarios.put(
        "request-timeout",
        () -> outcome(() -> client.send(
            request(http + "/slow/request-timeout").timeout(Duration.ofMillis(300)).build(), BodyHandlers.ofString())));
    scenarios.put("partial-response", () -> outcome(() -> client.send(get(raw + "/partial/partial-response"), BodyHandlers.ofString())));
    scenarios.put("no-response", () -> outcome(() -> client.send(get(raw + "/silent/no-response"), BodyHandlers.ofString())));
    scenarios.put("bad-url", () -> outcome(() -> client.send(get("ftp://127.0.0.1/ok/bad-url"), BodyHandlers.ofString())));
    scenarios.put("used-after-close", this::usedAfterClose);

    // ---- URLs
    scenarios.put(
        "query-credentials",
        () -> describe(client.send(
            get(http + "/ok/query-credentials?X-Goog-Signature=g1&sig=s1&AWSAccessKeyId=a1&Signature=s2&keep=k1"),
            BodyHandlers.ofString())));
    scenarios.put(
        "user-info",
        () -> outcome(() -> client.send(get(http.replace("http://", "http://user:secret@") + "/ok/user-info"), BodyHandlers.ofString())));
  }

  public static void main(String[] args) throws Exception {
    ScenarioMain.runAll(new ScenarioApp().scenarios, args, ScenarioApp::describe);
    System.exit(0); // the clients' selector threads would otherwise keep a JDK 17 JVM alive a while
  }

  private String h2c() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    // The first request upgrades the connection (HTTP/1.1 + "Upgrade: h2c"), the second is pure HTTP/2.
    HttpResponse<String> first = h2.send(get(h2c + "/h2c-get/first"), BodyHandlers.ofString());
    HttpResponse<String> second = h2.send(get(h2c + "/h2c-get/second"), BodyHandlers.ofString());
    return describe(first) + " / " + describe(second);
  }

  private String hugeStream() throws Exception {
    HttpResponse<InputStream> response =
        client.send(get(http + "/big/huge-stream?bytes=" + HUGE_BYTES), BodyHandlers.ofInputStream());
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = response.body()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    }
    return response.statusCode() + " " + total + " bytes";
  }

  private String appTraceparent() throws Exception {
    HttpRequest request = request(http + "/ok/app-traceparent").header("traceparent", APP_TRACEPARENT).build();
    HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
    return describe(response) + " request headers after: " + request.headers().map();
  }

  /** One request object sent twice: the application's object never shows a trace header. */
  private String requestReused() throws Exception {
    HttpRequest request = request(http + "/ok/request-reused").header("x-custom", "c1").build();
    Map<String, List<String>> before = request.headers().map();
    String first = describe(client.send(request, BodyHandlers.ofString()));
    String second = describe(client.sendAsync(request, BodyHandlers.ofString()).get(10, TimeUnit.SECONDS));
    return first + " / " + second + " headers unchanged: " + before.equals(request.headers().map())
        + " " + request.headers().map() + " same uri: " + request.uri().equals(URI.create(http + "/ok/request-reused"));
  }

  private String sendInParent() throws Exception {
    try (TraceProbe parent = TraceProbe.parentSpan("parent-sync")) {
      String outcome = describe(client.send(get(http + "/ok/send-in-parent"), BodyHandlers.ofString()));
      return outcome + " parent still current: " + parent.isCurrent();
    }
  }

  /**
   * The application's stages run in its own context, wherever the client completes the future: a
   * stage added before completion (runs on a client thread) and one added after (runs here), and a
   * nested request made inside the first.
   */
  private String asyncCallbackContext() throws Exception {
    List<String> checks = new ArrayList<>();
    try (TraceProbe parent = TraceProbe.parentSpan("parent-async")) {
      CompletableFuture<HttpResponse<String>> future =
          client.sendAsync(get(http + "/delay/async-callback-context"), BodyHandlers.ofString());
      CompletableFuture<String> stage =
          future.thenApply(
              response -> {
                synchronized (checks) {
                  checks.add("stage in caller context: " + parent.isCurrent());
                }
                try {
                  return describe(client.send(get(http + "/ok/async-nested"), BodyHandlers.ofString()));
                } catch (Exception e) {
                  return "nested threw " + describe(e);
                }
              });
      String nested = stage.get(10, TimeUnit.SECONDS);
      HttpResponse<String> response = future.get(10, TimeUnit.SECONDS);
      future.thenRun(() -> checks.add("late stage in caller context: " + parent.isCurrent())).get();
      return describe(response) + " nested: " + nested + " " + checks;
    }
  }

  /** After the call, the client's own executor thread has no context left over. */
  private String noLeakIntoClientExecutor() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      HttpClient own = HttpClient.newBuilder().executor(executor).build();
      String outcome;
      try (TraceProbe parent = TraceProbe.parentSpan("parent-leak")) {
        outcome = own.sendAsync(get(http + "/ok/no-leak-into-client-executor"), BodyHandlers.ofString())
            .thenApply(r -> describe(r) + " stage in caller context: " + parent.isCurrent())
            .get(10, TimeUnit.SECONDS);
      }
      Thread.sleep(100); // let the client's own work on the executor finish
      boolean clean = executor.submit(TraceProbe::noSpanIsCurrent).get(10, TimeUnit.SECONDS);
      return outcome + " executor thread clean afterwards: " + clean;
    } finally {
      executor.shutdownNow();
    }
  }

  private String cancelInFlight() throws Exception {
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(get(http + "/slow/cancel-in-flight"), BodyHandlers.ofString());
    Thread.sleep(300);
    boolean cancelled = future.cancel(true);
    // Whether the JDK completes the future as cancelled or as failed with a CancellationException
    // depends on a race inside the JDK (seen both ways on JDK 17), so only that one of them happened is
    // the outcome.
    Throwable failure = null;
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (CancellationException e) {
      failure = e;
    }
    return "cancel returned " + cancelled + ", ended by a CancellationException: "
        + (failure instanceof CancellationException) + ", done " + future.isDone();
  }

  private String concurrentAsync() throws Exception {
    List<CompletableFuture<String>> all = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
        all.add(client.sendAsync(get(http + "/ok/concurrent-t" + t + "-r" + r), BodyHandlers.ofString())
            .thenApply(ScenarioApp::describe));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (CompletableFuture<String> f : all) {
      sb.append(f.get(30, TimeUnit.SECONDS).length()).append(' ');
    }
    return sb.toString().trim();
  }

  /** HttpClient is AutoCloseable from Java 21; on older JDKs there is nothing to close. */
  private String usedAfterClose() throws Exception {
    HttpClient closing = HttpClient.newHttpClient();
    if (!(closing instanceof AutoCloseable)) {
      return "not closeable on this JDK";
    }
    ((AutoCloseable) closing).close();
    return outcome(() -> closing.send(get(http + "/ok/used-after-close"), BodyHandlers.ofString()))
        + " / async: " + asyncOutcome(closing.sendAsync(get(http + "/ok/used-after-close"), BodyHandlers.ofString()));
  }

  private interface Call {
    HttpResponse<?> send() throws Exception;
  }

  private static String outcome(Call call) {
    try {
      return describe(call.send());
    } catch (Throwable t) {
      return "threw " + describe(t);
    }
  }

  private static String asyncOutcome(CompletableFuture<? extends HttpResponse<?>> future) {
    try {
      return describe(future.get(10, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      return "failed " + describe(e.getCause());
    } catch (CancellationException e) {
      return "cancelled";
    } catch (Throwable t) {
      return "threw " + describe(t);
    }
  }

  private static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
  }

  private static HttpRequest get(String url) {
    return request(url).build();
  }

  private static String describe(HttpResponse<?> response) {
    Object body = response.body();
    return response.statusCode() + " " + response.version() + " " + (body == null ? "" : body)
        + " x-reply=" + response.headers().firstValue("x-reply").orElse("-")
        + " uri=" + response.uri().getPath();
  }

  private static String describe(Throwable t) {
    return t.getClass().getName() + ": " + t.getMessage();
  }
}
