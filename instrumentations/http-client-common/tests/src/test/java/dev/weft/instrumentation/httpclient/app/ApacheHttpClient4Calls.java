package dev.weft.instrumentation.httpclient.app;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.util.EntityUtils;

/** Service A's calls with Apache HttpClient 4.x and HttpAsyncClient 4.1. */
final class ApacheHttpClient4Calls {
  private static final CloseableHttpClient CLIENT = HttpClients.createDefault();

  private ApacheHttpClient4Calls() {}

  static String execute(String url) throws IOException {
    try (CloseableHttpResponse response = CLIENT.execute(new HttpGet(url))) {
      return response.getStatusLine().getStatusCode() + " " + EntityUtils.toString(response.getEntity());
    }
  }

  /** The exchange runs on the client's I/O reactor threads; the servlet thread waits for the future. */
  static String executeAsync(String url) throws Exception {
    HttpResponse response = Async.CLIENT.execute(new HttpGet(url), null).get(20, TimeUnit.SECONDS);
    return response.getStatusLine().getStatusCode() + " " + EntityUtils.toString(response.getEntity());
  }

  /** Started on first use only: its reactor threads stay out of the other clients' runs. */
  private static final class Async {
    static final CloseableHttpAsyncClient CLIENT = HttpAsyncClients.createDefault();

    static {
      CLIENT.start();
    }
  }
}
