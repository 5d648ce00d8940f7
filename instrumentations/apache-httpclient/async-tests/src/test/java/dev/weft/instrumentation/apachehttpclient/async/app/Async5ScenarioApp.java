package dev.weft.instrumentation.apachehttpclient.async.app;

import dev.weft.testing.http.TraceProbe;
import java.net.URI;
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
    addCommonScenarios();
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
    scenarios.put("app-traceparent", () -> {
      SimpleHttpRequest get = get(http + "/ok/app-traceparent");
      get.setHeader("traceparent", APP_TRACEPARENT);
      return call(get, null);
    });
    scenarios.put("request-unchanged", () -> {
      SimpleHttpRequest get = get(http + "/ok/request-unchanged");
      get.setHeader("x-custom", "c1");
      return executedTwice(() -> call(get, null), get::getHeaders);
    });
    scenarios.put("read-timeout", () -> {
      SimpleHttpRequest get = get(http + "/slow/read-timeout");
      get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(300)).build());
      return call(get, null);
    });
    scenarios.put("cancel-in-flight",
        () -> cancelInFlight(outcome -> client.execute(get(http + "/slow/cancel-in-flight"), callback(outcome))));
    scenarios.put("used-after-close", () -> {
      CloseableHttpAsyncClient closed = HttpAsyncClients.createDefault();
      closed.start();
      closed.close();
      return call(closed, get(http + "/ok/used-after-close"), null);
    });
    scenarios.put("h2c-get", () -> {
      try (CloseableHttpAsyncClient h2 = HttpAsyncClients.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2).build()) {
        h2.start();
        try (TraceProbe parent = TraceProbe.parentSpan("parent-h2c")) {
          return call(h2, get(h2c + "/h2c-get"), parent);
        }
      }
    });
    // The HTTP/2-only client: another main exec (H2AsyncMainClientExec), prior knowledge too.
    scenarios.put("h2-client-get", () -> {
      try (CloseableHttpAsyncClient h2 = HttpAsyncClients.createHttp2Default()) {
        h2.start();
        try (TraceProbe parent = TraceProbe.parentSpan("parent-h2-client")) {
          return call(h2, get(h2c + "/h2-client-get"), parent);
        }
      }
    });
  }

  public static void main(String[] args) {
    new Async5ScenarioApp().runAll(args);
  }

  @Override
  protected void send(String url, Outcome outcome) {
    client.execute(get(url), callback(outcome));
  }

  private String call(SimpleHttpRequest request, TraceProbe parent) throws Exception {
    return call(client, request, parent);
  }

  private static String call(CloseableHttpAsyncClient client, SimpleHttpRequest request, TraceProbe parent) throws Exception {
    return call(parent, outcome -> client.execute(request, callback(outcome)));
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
