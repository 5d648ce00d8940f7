package dev.weft.instrumentation.httpclient.app;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Service A's calls with the JDK's two clients. */
final class JdkCalls {
  // HTTP/1.1: Tomcat here has no h2c upgrade, and the test is about the trace, not the protocol.
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private JdkCalls() {}

  static String httpUrlConnection(String url) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try (InputStream in = connection.getInputStream()) {
      return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }

  static String send(String url) throws Exception {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  /** The answer is read in a completion stage, which runs on the client's executor. */
  static String sendAsync(String url) throws Exception {
    return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString())
        .thenApply(response -> response.statusCode() + " " + response.body())
        .get(20, TimeUnit.SECONDS);
  }
}
