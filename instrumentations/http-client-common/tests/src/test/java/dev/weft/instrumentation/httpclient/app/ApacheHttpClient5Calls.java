package dev.weft.instrumentation.httpclient.app;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Service A's calls with Apache HttpClient 5.x. */
final class ApacheHttpClient5Calls {
  private static final CloseableHttpClient CLIENT = HttpClients.createDefault();

  private ApacheHttpClient5Calls() {}

  static String execute(String url) throws IOException, ParseException {
    try (CloseableHttpResponse response = CLIENT.execute(new HttpGet(url))) {
      return response.getCode() + " " + EntityUtils.toString(response.getEntity());
    }
  }
}
