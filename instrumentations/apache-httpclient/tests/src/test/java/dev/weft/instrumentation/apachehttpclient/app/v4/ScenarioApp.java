package dev.weft.instrumentation.apachehttpclient.app.v4;

import dev.weft.testing.http.ScenarioMain;
import dev.weft.testing.http.ScenarioMain.Scenario;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.http.TraceProbe;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * Runs the scenarios named on the command line against whichever httpclient 4.3-4.5 version is on the class
 * path (compiled against 4.3.6), printing {@code RESULT <name>: <outcome>} per scenario, then
 * {@code DONE}; an outcome holds only what the application observes, so a run with the agent must print
 * exactly what a run without it prints.
 */
public final class ScenarioApp {
  public static final String APP_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  public static final long HUGE_BYTES = 160L * 1024 * 1024;

  private final String http = System.getProperty(TestServers.HTTP_PROPERTY);
  private final String https = System.getProperty(TestServers.HTTPS_PROPERTY);
  private final String raw = System.getProperty(TestServers.RAW_PROPERTY);
  private final String closedPort = System.getProperty(TestServers.CLOSED_PORT_PROPERTY);
  private final CloseableHttpClient client =
      HttpClients.custom().useSystemProperties().setDefaultRequestConfig(RequestConfig.custom()
          .setConnectTimeout(5_000).setSocketTimeout(5_000).build()).build();
  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();

  private ScenarioApp() {
    scenarios.put("execute-get", () -> execute(client, new HttpGet(http + "/ok/execute-get")));
    scenarios.put("execute-post", () -> {
      HttpPost post = new HttpPost(http + "/echo/execute-post");
      post.setEntity(new StringEntity("hello weft"));
      return execute(client, post);
    });
    scenarios.put("execute-404", () -> execute(client, new HttpGet(http + "/status-404/execute-404")));
    scenarios.put("execute-500", () -> execute(client, new HttpGet(http + "/status-500/execute-500")));
    scenarios.put("https-get", () -> execute(client, new HttpGet(https + "/ok/https-get")));
    scenarios.put("target-and-path", this::targetAndPath);
    scenarios.put("redirect-followed", () -> {
      try (TraceProbe parent = TraceProbe.parentSpan("parent-redirect")) {
        return execute(client, new HttpGet(http + "/redirect/redirect-followed"));
      }
    });
    scenarios.put("redirect-not-followed", () -> {
      HttpGet get = new HttpGet(http + "/redirect/redirect-not-followed");
      get.setConfig(RequestConfig.custom().setRedirectsEnabled(false).build());
      return execute(client, get);
    });
    scenarios.put("app-traceparent", () -> {
      HttpGet get = new HttpGet(http + "/ok/app-traceparent");
      get.setHeader("traceparent", APP_TRACEPARENT);
      return execute(client, get);
    });
    scenarios.put("request-unchanged", this::requestUnchanged);
    scenarios.put("huge-stream", this::hugeStream);
    scenarios.put("send-in-parent", () -> {
      try (TraceProbe parent = TraceProbe.parentSpan("parent-sync")) {
        return execute(client, new HttpGet(http + "/ok/send-in-parent")) + " parent still current: " + parent.isCurrent();
      }
    });
    scenarios.put("refused", () -> execute(client, new HttpGet("http://127.0.0.1:" + closedPort + "/ok/refused")));
    scenarios.put("unknown-host", () -> execute(client, new HttpGet("http://no-such-host.invalid/ok/unknown-host")));
    scenarios.put("read-timeout", () -> {
      HttpGet get = new HttpGet(http + "/slow/read-timeout");
      get.setConfig(RequestConfig.custom().setSocketTimeout(300).build());
      return execute(client, get);
    });
    scenarios.put("partial-response", () -> execute(client, new HttpGet(raw + "/partial/partial-response")));
    scenarios.put("no-response", () -> execute(client, new HttpGet(raw + "/silent/no-response")));
    scenarios.put("cancel-in-flight", this::cancelInFlight);
    scenarios.put("used-after-close", () -> {
      CloseableHttpClient closed = HttpClients.createDefault();
      closed.close();
      return execute(closed, new HttpGet(http + "/ok/used-after-close"));
    });
    scenarios.put("query-credentials", () -> execute(client, new HttpGet(
        http + "/ok/query-credentials?X-Goog-Signature=g1&sig=s1&AWSAccessKeyId=a1&Signature=s2&keep=k1")));
  }

  public static void main(String[] args) throws Exception {
    ScenarioMain.runAll(new ScenarioApp().scenarios, args, ScenarioApp::describe);
    System.exit(0);
  }

  /** {@code execute(HttpHost, request)} with a request that holds only a path. */
  private String targetAndPath() throws Exception {
    String hostPort = http.substring("http://".length(), http.indexOf('/', "http://".length()));
    HttpHost target = new HttpHost(hostPort.substring(0, hostPort.indexOf(':')),
        Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)), "http");
    String path = http.substring(http.indexOf('/', "http://".length())) + "/ok/target-and-path";
    try (CloseableHttpResponse response = client.execute(target, new HttpGet(path))) {
      return response.getStatusLine().getStatusCode() + " " + EntityUtils.toString(response.getEntity());
    }
  }

  /** The application's request object carries no header it did not set, after one or two executions. */
  private String requestUnchanged() throws Exception {
    HttpGet get = new HttpGet(http + "/ok/request-unchanged");
    get.setHeader("x-custom", "c1");
    String first = execute(client, get);
    String second = execute(client, get);
    return first + " / " + second + " headers after: " + Arrays.toString(get.getAllHeaders());
  }

  private String hugeStream() throws Exception {
    try (CloseableHttpResponse response = client.execute(new HttpGet(http + "/big/huge-stream?bytes=" + HUGE_BYTES))) {
      long total = 0;
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = response.getEntity().getContent()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          total += n;
        }
      }
      return response.getStatusLine().getStatusCode() + " " + total + " bytes";
    }
  }

  /** Another thread aborts the request while it waits for the (slow) response. */
  private String cancelInFlight() throws Exception {
    HttpGet get = new HttpGet(http + "/slow/cancel-in-flight");
    Thread canceller = new Thread(() -> {
      try {
        TimeUnit.MILLISECONDS.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
      get.abort();
    });
    canceller.start();
    try {
      return execute(client, get) + " isAborted " + get.isAborted();
    } finally {
      canceller.join();
    }
  }

  private static String execute(CloseableHttpClient client, HttpUriRequest request) {
    try (CloseableHttpResponse response = client.execute(request)) {
      String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
      return response.getStatusLine().getStatusCode() + " " + body;
    } catch (Throwable t) {
      return "threw " + describe(t);
    }
  }

  /** Identity hash codes in messages ("okhttp3.Address@6ff48d36") differ between runs: masked. */
  private static String describe(Throwable t) {
    return (t.getClass().getName() + ": " + t.getMessage()).replaceAll("@[0-9a-f]{4,}", "@<id>");
  }
}
