package dev.weft.instrumentation.httpclient.app;

import java.io.IOException;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** Service A's calls with Apache HttpClient 4.x. */
final class ApacheHttpClient4Calls {
  private static final CloseableHttpClient CLIENT = HttpClients.createDefault();

  private ApacheHttpClient4Calls() {}

  static String execute(String url) throws IOException {
    try (CloseableHttpResponse response = CLIENT.execute(new HttpGet(url))) {
      return response.getStatusLine().getStatusCode() + " " + EntityUtils.toString(response.getEntity());
    }
  }
}
