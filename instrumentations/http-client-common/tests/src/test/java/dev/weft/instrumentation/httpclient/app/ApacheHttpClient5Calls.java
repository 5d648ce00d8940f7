package dev.weft.instrumentation.httpclient.app;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Service A's calls with Apache HttpClient 5.x, classic and async. */
final class ApacheHttpClient5Calls {
  private static final CloseableHttpClient CLIENT = HttpClients.createDefault();

  private ApacheHttpClient5Calls() {}

  static String execute(String url) throws IOException, ParseException {
    try (CloseableHttpResponse response = CLIENT.execute(new HttpGet(url))) {
      return response.getCode() + " " + EntityUtils.toString(response.getEntity());
    }
  }

  /** The exchange runs on the client's I/O reactor threads; the servlet thread waits for the future. */
  static String executeAsync(String url) throws Exception {
    SimpleHttpResponse response = Async.CLIENT.execute(new SimpleHttpRequest("GET", URI.create(url)), null)
        .get(20, TimeUnit.SECONDS);
    return response.getCode() + " " + response.getBodyText();
  }

  /** Started on first use only: its reactor threads stay out of the other clients' runs. */
  private static final class Async {
    static final CloseableHttpAsyncClient CLIENT = HttpAsyncClients.createDefault();

    static {
      CLIENT.start();
    }
  }
}
