package dev.weft.instrumentation.apachehttpclient.async.app;

import dev.weft.testing.http.TraceProbe;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.util.Timeout;

/**
 * The scenarios against the httpclient5 async API of whichever version is on the class path (compiled
 * against 5.0.4): {@code execute(SimpleHttpRequest, callback)}, {@code execute(AsyncRequestProducer,
 * AsyncResponseConsumer, callback)}, HTTP/2 over cleartext. Each outcome is what the callback saw.
 */
public final class Async5ScenarioApp extends AsyncScenarios {
  private final CloseableHttpAsyncClient client = HttpAsyncClients.custom()
      .setDefaultRequestConfig(RequestConfig.custom()
          .setConnectTimeout(Timeout.ofSeconds(5)).setResponseTimeout(Timeout.ofSeconds(5)).build())
      .build();

  private Async5ScenarioApp() {
    client.start();
    scenarios.put("execute-get", () -> call(get(http + "/ok/execute-get"), null));
    scenarios.put("producer-get", () -> {
      Outcome outcome = new Outcome(null);
      client.execute(SimpleRequestProducer.create(get(http + "/ok/producer-get")), SimpleResponseConsumer.create(),
          callback(outcome));
      return outcome.await();
    });
    scenarios.put("execute-post", () -> {
      SimpleHttpRequest post = new SimpleHttpRequest("POST", URI.create(http + "/echo/execute-post"));
      post.setBody("hello weft", ContentType.TEXT_PLAIN);
      return call(post, null);
    });
    scenarios.put("execute-404", () -> call(get(http + "/status-404/execute-404"), null));
    scenarios.put("execute-500", () -> call(get(http + "/status-500/execute-500"), null));
    scenarios.put("redirect-followed", () -> {
      try (TraceProbe parent = TraceProbe.parentSpan("parent-redirect")) {
        return call(get(http + "/redirect/redirect-followed"), parent);
      }
    });
    scenarios.put("app-traceparent", () -> {
      SimpleHttpRequest get = get(http + "/ok/app-traceparent");
      get.setHeader("traceparent", APP_TRACEPARENT);
      return call(get, null);
    });
    scenarios.put("request-unchanged", () -> {
      SimpleHttpRequest get = get(http + "/ok/request-unchanged");
      get.setHeader("x-custom", "c1");
      String first = call(get, null);
      String second = call(get, null);
      return first + " / " + second + " headers after: " + Arrays.toString(get.getHeaders());
    });
    scenarios.put("callback-in-parent", this::callbackInParent);
    scenarios.put("concurrent", () -> concurrent((url, parent) -> {
      Outcome outcome = new Outcome(parent);
      client.execute(get(url), callback(outcome));
      return outcome;
    }));
    scenarios.put("refused", () -> call(get("http://127.0.0.1:" + closedPort + "/ok/refused"), null));
    scenarios.put("unknown-host", () -> call(get("http://no-such-host.invalid/ok/unknown-host"), null));
    scenarios.put("read-timeout", () -> {
      SimpleHttpRequest get = get(http + "/slow/read-timeout");
      get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(300)).build());
      return call(get, null);
    });
    scenarios.put("partial-response", () -> call(get(raw + "/partial/partial-response"), null));
    scenarios.put("no-response", () -> call(get(raw + "/silent/no-response"), null));
    scenarios.put("cancel-in-flight", () -> {
      Outcome outcome = new Outcome(null);
      Future<SimpleHttpResponse> future = client.execute(get(http + "/slow/cancel-in-flight"), callback(outcome));
      TimeUnit.MILLISECONDS.sleep(300);
      boolean cancelled = future.cancel(true);
      return "cancel " + cancelled + ", isCancelled " + future.isCancelled() + ", callback: " + outcome.await();
    });
    scenarios.put("used-after-close", () -> {
      CloseableHttpAsyncClient closed = HttpAsyncClients.createDefault();
      closed.start();
      closed.close();
      return call(closed, get(http + "/ok/used-after-close"), null);
    });
    scenarios.put("query-credentials", () -> call(get(
        http + "/ok/query-credentials?X-Goog-Signature=g1&sig=s1&AWSAccessKeyId=a1&Signature=s2&keep=k1"), null));
    scenarios.put("h2c-get", () -> {
      try (CloseableHttpAsyncClient h2 = HttpAsyncClients.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2).build()) {
        h2.start();
        try (TraceProbe parent = TraceProbe.parentSpan("parent-h2c")) {
          return call(h2, get(h2c + "/h2c-get"), parent);
        }
      }
    });
  }

  public static void main(String[] args) {
    new Async5ScenarioApp().runAll(args);
  }

  /**
   * Under a parent span: the callback runs in it, and a request made inside the callback (on the
   * client's I/O thread) is its child too, with its own callback in the same context.
   */
  private String callbackInParent() throws Exception {
    String result;
    try (TraceProbe parent = TraceProbe.parentSpan("parent-callback")) {
      Outcome outer = new Outcome(parent);
      Outcome inner = new Outcome(parent);
      client.execute(get(http + "/ok/callback-in-parent"), new FutureCallback<SimpleHttpResponse>() {
        @Override
        public void completed(SimpleHttpResponse response) {
          outer.completed(describe(response));
          client.execute(get(http + "/ok/callback-inner"), callback(inner));
        }

        @Override
        public void failed(Exception ex) {
          outer.failed(ex);
        }

        @Override
        public void cancelled() {
          outer.cancelled();
        }
      });
      result = outer.await() + " / inner: " + inner.await();
    }
    // A call with no span current right after: its callback must find the I/O thread clean.
    return result + " / after: " + call(get(http + "/ok/after-callback"), null);
  }

  private String call(SimpleHttpRequest request, TraceProbe parent) throws Exception {
    return call(client, request, parent);
  }

  private static String call(CloseableHttpAsyncClient client, SimpleHttpRequest request, TraceProbe parent) throws Exception {
    Outcome outcome = new Outcome(parent);
    try {
      client.execute(request, callback(outcome));
    } catch (RuntimeException e) {
      return "threw " + describe(e);
    }
    return outcome.await();
  }

  private static SimpleHttpRequest get(String uri) {
    return new SimpleHttpRequest("GET", URI.create(uri));
  }

  private static FutureCallback<SimpleHttpResponse> callback(Outcome outcome) {
    return new FutureCallback<SimpleHttpResponse>() {
      @Override
      public void completed(SimpleHttpResponse response) {
        outcome.completed(describe(response));
      }

      @Override
      public void failed(Exception ex) {
        outcome.failed(ex);
      }

      @Override
      public void cancelled() {
        outcome.cancelled();
      }
    };
  }

  private static String describe(SimpleHttpResponse response) {
    return response.getCode() + " " + (response.getBodyText() == null ? "" : response.getBodyText());
  }
}
