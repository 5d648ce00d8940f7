package dev.weft.instrumentation.apachehttpclient.async.app;

import dev.weft.testing.http.TraceProbe;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.nio.client.methods.HttpAsyncMethods;
import org.apache.http.util.EntityUtils;

/**
 * The scenarios against whichever httpasyncclient 4.1.x is on the class path (compiled against 4.1):
 * {@code execute(HttpUriRequest, callback)} and {@code execute(HttpAsyncRequestProducer,
 * HttpAsyncResponseConsumer, callback)}. Each outcome is what the callback saw.
 */
public final class Async4ScenarioApp extends AsyncScenarios {
  private final CloseableHttpAsyncClient client = HttpAsyncClients.custom()
      .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(5000).setSocketTimeout(5000).build())
      .build();

  private Async4ScenarioApp() {
    client.start();
    addCommonScenarios();
    scenarios.put("producer-get", () -> {
      Outcome outcome = new Outcome(null);
      client.execute(HttpAsyncMethods.createGet(http + "/ok/producer-get"), HttpAsyncMethods.createConsumer(),
          callback(outcome));
      return outcome.await();
    });
    scenarios.put("execute-post", () -> {
      HttpPost post = new HttpPost(http + "/echo/execute-post");
      post.setEntity(new StringEntity("hello weft"));
      return call(post, null);
    });
    scenarios.put("app-traceparent", () -> {
      HttpGet get = new HttpGet(http + "/ok/app-traceparent");
      get.setHeader("traceparent", APP_TRACEPARENT);
      return call(get, null);
    });
    scenarios.put("request-unchanged", () -> {
      HttpGet get = new HttpGet(http + "/ok/request-unchanged");
      get.setHeader("x-custom", "c1");
      return executedTwice(() -> call(get, null), get::getAllHeaders);
    });
    scenarios.put("read-timeout", () -> {
      HttpGet get = new HttpGet(http + "/slow/read-timeout");
      get.setConfig(RequestConfig.custom().setSocketTimeout(300).build());
      return call(get, null);
    });
    scenarios.put("cancel-in-flight",
        () -> cancelInFlight(outcome -> client.execute(new HttpGet(http + "/slow/cancel-in-flight"), callback(outcome))));
    scenarios.put("used-after-close", () -> {
      CloseableHttpAsyncClient closed = HttpAsyncClients.createDefault();
      closed.start();
      closed.close();
      return call(closed, new HttpGet(http + "/ok/used-after-close"), null);
    });
  }

  public static void main(String[] args) {
    new Async4ScenarioApp().runAll(args);
  }

  @Override
  protected void send(String url, Outcome outcome) {
    client.execute(new HttpGet(url), callback(outcome));
  }

  private String call(HttpUriRequest request, TraceProbe parent) throws Exception {
    return call(client, request, parent);
  }

  private static String call(CloseableHttpAsyncClient client, HttpUriRequest request, TraceProbe parent) throws Exception {
    return call(parent, outcome -> client.execute(request, callback(outcome)));
  }

  private static FutureCallback<HttpResponse> callback(Outcome outcome) {
    return new FutureCallback<HttpResponse>() {
      @Override
      public void completed(HttpResponse response) {
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

  private static String describe(HttpResponse response) {
    try {
      return response.getStatusLine().getStatusCode() + " "
          + (response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()));
    } catch (Exception e) {
      return response.getStatusLine().getStatusCode() + " body threw " + AsyncScenarios.describe(e);
    }
  }
}
