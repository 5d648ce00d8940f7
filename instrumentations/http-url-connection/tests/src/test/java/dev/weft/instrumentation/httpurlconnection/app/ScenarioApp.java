package dev.weft.instrumentation.httpurlconnection.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The forked application: runs the scenarios named on the command line, in order, each printing one
 * line {@code RESULT <name>: <what the application saw>}, then {@code DONE}.
 *
 * <p>Each scenario uses {@code java.net.HttpURLConnection} the way some application would, and its line
 * holds only what the application observes (status, body, headers, exception), never anything the
 * agent adds, so that a run with the agent must print exactly what a run without it prints.
 *
 * <p>URLs are {@code <base>/<behavior>/<scenario>}; the base ends with a run id, so the test can tell
 * the requests of different runs apart at the server, and find a scenario's spans by its URL path.
 * Bases come from system properties: {@value #HTTP}, {@value #HTTPS}, {@value #RAW} (a server that
 * breaks HTTP on purpose), {@value #CLOSED_PORT} (a loopback port nobody listens on).
 */
public final class ScenarioApp {
  public static final String HTTP = "scenario.http";
  public static final String HTTPS = "scenario.https";
  public static final String RAW = "scenario.raw";
  public static final String CLOSED_PORT = "scenario.closedPort";

  /** Bigger than the heap the tests give the scenario JVM. */
  public static final long HUGE_BYTES = 160L * 1024 * 1024;
  /** What the application puts in {@code traceparent} itself; the agent must keep it. */
  public static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  public static final int THREADS = 20;
  public static final int REQUESTS_PER_THREAD = 5;
  /** Longer than any scenario needs; keeps every forked JVM bounded even if a server stalls. */
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_SCENARIO_MILLIS = 500;

  interface Scenario {
    String run() throws Exception;
  }

  private final String http = System.getProperty(HTTP);
  private final String https = System.getProperty(HTTPS);
  private final String raw = System.getProperty(RAW);
  private final String closedPort = System.getProperty(CLOSED_PORT);
  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();

  private ScenarioApp() {
    // ---- ways of reading a response
    scenarios.put("get-response-code", () -> code(open(http + "/ok/get-response-code")));
    scenarios.put("get-input-stream", () -> read(open(http + "/ok/get-input-stream").getInputStream()));
    scenarios.put(
        "code-stream-header",
        () -> {
          HttpURLConnection c = open(http + "/ok/code-stream-header");
          int code = c.getResponseCode();
          String body = read(c.getInputStream());
          return code + " " + body + " x-reply=" + c.getHeaderField("x-reply");
        });
    scenarios.put(
        "connect-then-read",
        () -> {
          HttpURLConnection c = open(http + "/ok/connect-then-read");
          c.connect();
          return read(c.getInputStream());
        });
    scenarios.put(
        "header-field-first",
        () -> {
          // getHeaderField reads the response on its own: no getResponseCode/getInputStream by the app.
          HttpURLConnection c = open(http + "/ok/header-field-first");
          return "x-reply=" + c.getHeaderField("x-reply") + " code=" + c.getResponseCode();
        });
    scenarios.put(
        "error-stream-404",
        () -> {
          HttpURLConnection c = open(http + "/status-404/error-stream-404");
          int code = c.getResponseCode();
          return code + " " + read(c.getErrorStream());
        });
    scenarios.put(
        "error-stream-500",
        () -> {
          HttpURLConnection c = open(http + "/status-500/error-stream-500");
          try {
            c.getInputStream();
            return "no exception";
          } catch (IOException e) {
            return describe(e) + " / error stream: " + read(c.getErrorStream());
          }
        });
    scenarios.put("input-stream-404", () -> read(open(http + "/status-404/input-stream-404").getInputStream()));
    scenarios.put(
        "connect-disconnect",
        () -> {
          HttpURLConnection c = open(http + "/ok/connect-disconnect");
          c.connect();
          c.disconnect();
          return "connected and disconnected";
        });
    scenarios.put("post-body", () -> send("POST", http + "/echo/post-body", "hello weft"));
    scenarios.put("put-body", () -> send("PUT", http + "/echo/put-body", "put this"));
    scenarios.put("delete", () -> method("DELETE", http + "/ok/delete"));
    scenarios.put("head", () -> method("HEAD", http + "/ok/head"));
    scenarios.put("options", () -> method("OPTIONS", http + "/ok/options"));
    scenarios.put("trace", () -> method("TRACE", http + "/ok/trace"));
    scenarios.put(
        "response-code-thrice",
        () -> {
          HttpURLConnection c = open(http + "/ok/response-code-thrice");
          return c.getResponseCode() + " " + c.getResponseCode() + " " + c.getResponseCode();
        });
    scenarios.put(
        "read-disconnect-read",
        () -> {
          // The connection is asked again after disconnect(): the JDK answers from what it kept (or
          // fails); whatever it does, no second request span may appear.
          HttpURLConnection c = open(http + "/ok/read-disconnect-read");
          int code = c.getResponseCode();
          InputStream body = c.getInputStream(); // not read: the JDK still holds the connection
          c.disconnect();
          String again;
          try {
            again = c.getResponseCode() + " " + read(c.getInputStream());
          } catch (IOException e) {
            again = describe(e);
          }
          return code + " " + (body != null) + " / after disconnect: " + again;
        });
    scenarios.put(
        "redirect",
        () -> {
          // 302 to <base>/ok/redirect: the JDK follows it inside getResponseCode.
          HttpURLConnection c = open(http + "/redirect/redirect");
          int code = c.getResponseCode();
          String body = read(c.getInputStream());
          return code + " " + body + " final url is /ok/redirect: " + c.getURL().getPath().endsWith("/ok/redirect");
        });
    scenarios.put("https-get", () -> {
      HttpURLConnection c = open(https + "/ok/https-get");
      return c.getClass().getName() + " " + c.getResponseCode() + " " + read(c.getInputStream());
    });
    scenarios.put("https-post", () -> send("POST", https + "/echo/https-post", "secret body"));
    scenarios.put("https-404", () -> read(open(https + "/status-404/https-404").getInputStream()));
    scenarios.put(
        "url-open-stream",
        () -> {
          try (InputStream in = new URL(http + "/ok/url-open-stream").openStream()) {
            return read(in);
          }
        });
    scenarios.put(
        "redirect-not-followed",
        () -> {
          HttpURLConnection c = open(http + "/redirect/redirect-not-followed");
          c.setInstanceFollowRedirects(false);
          return c.getResponseCode() + " location ends with /ok/redirect-not-followed: "
              + c.getHeaderField("Location").endsWith("/ok/redirect-not-followed");
        });
    scenarios.put(
        "streaming-redirect",
        () -> {
          // In streaming mode the JDK cannot re-send the body, so it cannot follow the redirect.
          HttpURLConnection c = open(http + "/redirect/streaming-redirect");
          c.setRequestMethod("POST");
          c.setDoOutput(true);
          c.setChunkedStreamingMode(0);
          try (OutputStream out = c.getOutputStream()) {
            out.write("streamed".getBytes(StandardCharsets.UTF_8));
          }
          String first;
          try {
            first = read(c.getInputStream());
          } catch (IOException e) {
            first = describe(e);
          }
          return first + " / then getResponseCode: " + c.getResponseCode();
        });
    scenarios.put(
        "app-traceparent",
        () -> {
          HttpURLConnection c = open(http + "/ok/app-traceparent");
          c.setRequestProperty("traceparent", APP_TRACEPARENT);
          return code(c);
        });
    scenarios.put(
        "custom-header",
        () -> {
          HttpURLConnection c = open(http + "/ok/custom-header");
          c.setRequestProperty("X-Custom", "c1");
          return code(c) + " x-reply=" + c.getHeaderField("x-reply");
        });

    // ---- failures
    scenarios.put("refused", () -> code(open("http://127.0.0.1:" + closedPort + "/refused")));
    scenarios.put("unknown-host", () -> code(open("http://weft-test-host.invalid/unknown-host")));
    scenarios.put(
        "post-refused",
        () -> {
          HttpURLConnection c = open("http://127.0.0.1:" + closedPort + "/post-refused");
          c.setRequestMethod("POST");
          c.setDoOutput(true);
          String outcome;
          try {
            c.getOutputStream().write(1);
            outcome = "written";
          } catch (IOException e) {
            outcome = describe(e);
          }
          // The application carries on with the dead connection, as careless code does.
          try {
            outcome += " / then getResponseCode: " + c.getResponseCode();
          } catch (IOException e) {
            outcome += " / then getResponseCode threw " + describe(e);
          } finally {
            c.disconnect();
          }
          return outcome;
        });
    scenarios.put(
        "https-to-plain-port",
        () -> {
          // TLS to a server that speaks plain HTTP: the handshake fails.
          HttpURLConnection c = open(raw.replace("http://", "https://") + "/tls/https-to-plain-port");
          return code(c);
        });
    scenarios.put("disconnect-from-other-thread", this::disconnectFromOtherThread);
    scenarios.put(
        "read-timeout",
        () -> {
          HttpURLConnection c = open(http + "/slow/read-timeout");
          c.setReadTimeout(READ_TIMEOUT_SCENARIO_MILLIS);
          return code(c);
        });

    // ---- URLs
    scenarios.put(
        "user-info", () -> code(open(http.replace("http://", "http://weft-user:s3cret@") + "/ok/user-info")));
    scenarios.put(
        "query-credentials",
        () -> code(open(http + "/ok/query-credentials"
            + "?AWSAccessKeyId=AKIDEXAMPLE&Signature=sig1&sig=sig2&X-Goog-Signature=sig3&keep=me")));
    // Port 80/443 of loopback: whatever answers (usually nobody), the URL has no port.
    scenarios.put("default-port-http", () -> shortTimeouts(open("http://127.0.0.1/default-port-http")));
    scenarios.put("default-port-https", () -> shortTimeouts(open("https://127.0.0.1/default-port-https")));

    // ---- concurrency and interleaving
    scenarios.put("concurrent", this::concurrent);
    scenarios.put(
        "interleaved",
        () -> {
          // A's request is sent (body written), B runs start to end, then A's response is read.
          HttpURLConnection a = open(http + "/echo/interleaved-a");
          a.setRequestMethod("POST");
          a.setDoOutput(true);
          try (OutputStream out = a.getOutputStream()) {
            out.write("first".getBytes(StandardCharsets.UTF_8));
          }
          String b = code(open(http + "/ok/interleaved-b"));
          return "b=" + b + " a=" + a.getResponseCode() + " " + read(a.getInputStream());
        });

    // ---- bad input
    scenarios.put("long-query", () -> code(open(http + "/ok/long-query?q=" + "x".repeat(10 * 1024))));
    scenarios.put(
        "odd-url",
        () -> code(open(http + "/ok/odd-url?q=a%20b&empty=&&=x&dup=1&dup=2&u=\u00fc&semi=a;b&plus=a+b"
            + "&pct=%25&marks=~!$'()*,@:#frag")));
    scenarios.put("raw-space", () -> code(open(http + "/ok/raw-space?q=a b|c{d}")));
    scenarios.put(
        "null-header",
        () -> {
          HttpURLConnection c = open(http + "/ok/null-header");
          c.setRequestProperty("x-null", null);
          return code(c);
        });
    scenarios.put(
        "partial-response",
        () -> {
          // The server promises 100 bytes, sends 7 and closes the connection.
          HttpURLConnection c = open(raw + "/partial/partial-response");
          int code = c.getResponseCode();
          try {
            return code + " " + read(c.getInputStream());
          } catch (IOException e) {
            return code + " then " + describe(e);
          }
        });
    scenarios.put(
        "huge-stream",
        () -> {
          // More than the forked JVM's heap (-Xmx is set by the test): only streaming gets through.
          HttpURLConnection c = open(http + "/big/huge-stream?bytes=" + HUGE_BYTES);
          int code = c.getResponseCode();
          long total = 0;
          byte[] buffer = new byte[64 * 1024];
          try (InputStream in = c.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
              total += n;
            }
          }
          return code + " " + total + " bytes";
        });
    // The server closes the connection without answering; the JDK retries an idempotent request once.
    scenarios.put("no-response", () -> code(open(raw + "/silent/no-response")));
    scenarios.put("no-response-post", () -> send("POST", raw + "/silent/no-response-post", "lost"));

    // ---- a method HttpURLConnection refuses, set the way some applications do (needs --add-opens)
    scenarios.put(
        "unknown-method",
        () -> {
          HttpURLConnection c = open(http + "/ok/unknown-method");
          Field method = HttpURLConnection.class.getDeclaredField("method");
          method.setAccessible(true);
          method.set(c, "FOO");
          return code(c);
        });
  }

  public static void main(String[] args) {
    ScenarioApp app = new ScenarioApp();
    for (String name : args) {
      Scenario scenario = app.scenarios.get(name);
      String outcome;
      if (scenario == null) {
        outcome = "UNKNOWN SCENARIO";
      } else {
        try {
          outcome = scenario.run();
        } catch (Throwable t) {
          outcome = "threw " + describe(t);
        }
      }
      System.out.println("RESULT " + name + ": " + outcome);
    }
    System.out.println("DONE");
    System.out.flush();
  }

  private String concurrent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  StringBuilder sb = new StringBuilder();
                  for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                    HttpURLConnection c = open(http + "/ok/concurrent-t" + thread + "-r" + r);
                    sb.append(c.getResponseCode()).append(read(c.getInputStream()).length()).append(' ');
                  }
                  return sb.toString();
                }));
      }
      start.countDown();
      StringBuilder all = new StringBuilder();
      for (Future<String> f : results) {
        all.append('[').append(f.get(60, TimeUnit.SECONDS).trim()).append(']');
      }
      return all.toString();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A watchdog thread aborts a request that is waiting for its response (the server answers after
   * 2 s), as applications do to enforce a deadline.
   */
  private String disconnectFromOtherThread() throws Exception {
    HttpURLConnection c = open(http + "/slow/disconnect-from-other-thread");
    Thread requester = Thread.currentThread();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                // Wait until the request is really waiting for the response, so the outcome is certain.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!isReadingResponse(requester) && System.nanoTime() < deadline) {
                  Thread.sleep(10);
                }
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              c.disconnect();
            },
            "watchdog");
    watchdog.start();
    try {
      return code(c);
    } catch (IOException e) {
      return "threw " + describe(e);
    } finally {
      watchdog.join();
    }
  }

  private static boolean isReadingResponse(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("parseHTTP")) {
        return true;
      }
    }
    return false;
  }

  private static HttpURLConnection open(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(TIMEOUT_MILLIS);
    c.setReadTimeout(TIMEOUT_MILLIS);
    return c;
  }

  private static String shortTimeouts(HttpURLConnection c) throws IOException {
    c.setConnectTimeout(1_000);
    c.setReadTimeout(1_000);
    return code(c);
  }

  private static String code(HttpURLConnection c) throws IOException {
    return String.valueOf(c.getResponseCode());
  }

  private static String method(String method, String url) throws IOException {
    HttpURLConnection c = open(url);
    c.setRequestMethod(method);
    return c.getResponseCode() + " x-reply=" + c.getHeaderField("x-reply");
  }

  private static String send(String method, String url, String body) throws IOException {
    HttpURLConnection c = open(url);
    c.setRequestMethod(method);
    c.setDoOutput(true);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int code = c.getResponseCode();
    return code + " " + read(c.getInputStream());
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "<no stream>";
    }
    try (InputStream stream = in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      stream.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static String describe(Throwable t) {
    return t.getClass().getName() + ": " + t.getMessage();
  }
}
