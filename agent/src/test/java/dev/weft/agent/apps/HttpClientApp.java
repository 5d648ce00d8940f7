package dev.weft.agent.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A tiny application for the agent's end-to-end tests: serves {@code /hello/N} on 127.0.0.1 and calls
 * it with {@link HttpURLConnection}, so the agent has real CLIENT spans to export.
 *
 * <p>Arguments are {@code key=value}:
 *
 * <ul>
 *   <li>{@code requests=N} (default 1), or {@code requests=forever}: call until killed, printing
 *       {@code ready} once the first call is answered;
 *   <li>{@code pause=MS} between calls (default 0), so that the agent gets to export while the app
 *       runs;
 *   <li>{@code exit=CODE}: {@code System.exit(CODE)} at the end; without it, {@code main} returns;
 *   <li>{@code traceparent=show}: print whether each call carried a {@code traceparent} header.
 * </ul>
 *
 * <p>Prints {@code loop-ms=N} (its own measure of the calls after the first, which pays for class
 * loading) and, last, {@code main returning}. Everything else it prints is the same with or without
 * an agent, so tests can compare outputs.
 */
public final class HttpClientApp {
  private HttpClientApp() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    String requestsOption = options.getOrDefault("requests", "1");
    boolean forever = requestsOption.equals("forever");
    int requests = forever ? Integer.MAX_VALUE : Integer.parseInt(requestsOption);
    long pause = Long.parseLong(options.getOrDefault("pause", "0"));
    boolean showTraceparent = "show".equals(options.get("traceparent"));

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
          String path = exchange.getRequestURI().getPath();
          byte[] body =
              ("hello-" + path.substring(path.lastIndexOf('/') + 1)
                      + (traceparent == null ? " traceparent=absent" : " traceparent=present"))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();

    long loopStart = 0;
    try {
      for (int i = 1; i <= requests; i++) {
        String answer = get(new URL(base + "/hello/" + i));
        if (!showTraceparent) {
          answer = answer.substring(0, answer.indexOf(" traceparent="));
        }
        System.out.println("GET /hello/" + i + " -> " + answer);
        if (i == 1) {
          loopStart = System.nanoTime();
          if (forever) {
            System.out.println("ready");
          }
        }
        if (pause > 0 && i < requests) {
          Thread.sleep(pause);
        }
      }
    } finally {
      server.stop(0);
    }
    System.out.println("loop-ms=" + (System.nanoTime() - loopStart) / 1_000_000);
    System.out.println("main returning");
    if (options.containsKey("exit")) {
      System.exit(Integer.parseInt(options.get("exit")));
    }
  }

  private static String get(URL url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    int status = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[256];
      int n;
      while ((n = in.read(buffer)) != -1) {
        body.write(buffer, 0, n);
      }
      return status + " " + new String(body.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
