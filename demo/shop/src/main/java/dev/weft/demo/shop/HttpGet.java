package dev.weft.demo.shop;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One GET with {@link HttpURLConnection}, as code written long before anyone thought of tracing does. */
public final class HttpGet {
  public final int status;
  public final String body;

  private HttpGet(int status, String body) {
    this.status = status;
    this.body = body;
  }

  public static HttpGet get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    // Generous: the demo's JVMs start cold, often on a busy laptop or CI machine, and a timeout there
    // would make the demo fail for a reason that has nothing to do with what it shows.
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(30_000);
    connection.setRequestProperty("Accept", "application/json");
    int status = connection.getResponseCode();
    try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      return new HttpGet(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
