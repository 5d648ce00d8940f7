package dev.weft.testing.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The servers the forked application talks to, all on 127.0.0.1 in the test JVM (which runs without
 * the agent), recording every request they get, headers included:
 *
 * <ul>
 *   <li>HTTP and HTTPS ({@code com.sun.net.httpserver}) with behaviors chosen by the second path
 *       segment of {@code /<run>/<behavior>/<name>}: {@code ok} (200, body {@code hello <name>}),
 *       {@code status-404}, {@code status-500}, {@code redirect} (302 to {@code /<run>/ok/<name>}),
 *       {@code slow} (answers after 2 s), {@code delay} (200 after 0.3 s), {@code echo} (200, the request body back); every response
 *       carries {@code x-reply: r1}; {@code big?bytes=N} streams N bytes (chunked);
 *   <li>a raw socket server that breaks HTTP: {@code partial} (promises 100 bytes, sends 7, closes),
 *       {@code silent} (closes without answering); a TLS client gets a plain HTTP 400;
 *   <li>a closed port: nothing listens there.
 * </ul>
 */
public final class TestServers implements AutoCloseable {
  /** The system properties {@link ScenarioRun#launcher} hands the scenario app the servers in. */
  public static final String HTTP_PROPERTY = "scenario.http";
  public static final String HTTPS_PROPERTY = "scenario.https";
  public static final String RAW_PROPERTY = "scenario.raw";
  public static final String CLOSED_PORT_PROPERTY = "scenario.closedPort";

  private static final String HOST = "127.0.0.1";
  private static final long SLOW_MILLIS = 2_000;
  private static final long DELAY_MILLIS = 300;
  private static final int TLS_HANDSHAKE_RECORD = 0x16;

  /** One request as the server read it; header names in lower case. */
  public record RecordedRequest(String server, String method, String target, Map<String, List<String>> headers, String body) {
    /** The target without its query. */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /** All values of a header (empty when absent). */
    public List<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private final List<RecordedRequest> requests = new ArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-server");
    t.setDaemon(true);
    return t;
  });
  private final HttpServer http;
  private final HttpsServer https;
  private final ServerSocket raw;
  private final int closedPort;
  private final SelfSignedCertificate certificate;

  public TestServers(Path workDirectory) throws IOException, GeneralSecurityException {
    InetAddress loopback = InetAddress.getByName(HOST);
    certificate = SelfSignedCertificate.create(workDirectory.resolve("tls"));

    http = HttpServer.create(new InetSocketAddress(loopback, 0), 50);
    http.setExecutor(executor);
    http.createContext("/", exchange -> handle("http", exchange));
    http.start();

    https = HttpsServer.create(new InetSocketAddress(loopback, 0), 50);
    https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    https.setExecutor(executor);
    https.createContext("/", exchange -> handle("https", exchange));
    https.start();

    raw = new ServerSocket(0, 50, loopback);
    Thread acceptor = new Thread(this::acceptRaw, "test-server-raw");
    acceptor.setDaemon(true);
    acceptor.start();

    try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
      closedPort = probe.getLocalPort(); // closed again at once: connections are refused
    }
  }

  public String httpBase(String run) {
    return "http://" + HOST + ":" + http.getAddress().getPort() + "/" + run;
  }

  public String httpsBase(String run) {
    return "https://" + HOST + ":" + https.getAddress().getPort() + "/" + run;
  }

  public String rawBase(String run) {
    return "http://" + HOST + ":" + raw.getLocalPort() + "/" + run;
  }

  public int httpPort() {
    return http.getAddress().getPort();
  }

  public int httpsPort() {
    return https.getAddress().getPort();
  }

  public int rawPort() {
    return raw.getLocalPort();
  }

  public int closedPort() {
    return closedPort;
  }

  public SelfSignedCertificate certificate() {
    return certificate;
  }

  /** Every request of one run, in arrival order. */
  public List<RecordedRequest> requests(String run) {
    String prefix = "/" + run + "/";
    synchronized (requests) {
      return requests.stream().filter(r -> r.target().startsWith(prefix)).collect(Collectors.toList());
    }
  }

  /** The requests of one run whose path ends with {@code /<name>}. */
  public List<RecordedRequest> requests(String run, String name) {
    return requests(run).stream().filter(r -> r.path().endsWith("/" + name)).collect(Collectors.toList());
  }

  private void record(RecordedRequest request) {
    synchronized (requests) {
      requests.add(request);
    }
  }

  private void handle(String server, HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestURI().getRawPath();
      if (exchange.getRequestURI().getRawQuery() != null) {
        target += "?" + exchange.getRequestURI().getRawQuery();
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      String method = exchange.getRequestMethod();
      record(new RecordedRequest(server, method, target, headers, new String(body, StandardCharsets.UTF_8)));

      String[] segments = exchange.getRequestURI().getRawPath().split("/");
      String run = segments.length > 1 ? segments[1] : "";
      String behavior = segments.length > 2 ? segments[2] : "";
      String name = segments.length > 3 ? segments[3] : "";
      exchange.getResponseHeaders().add("x-reply", "r1");
      switch (behavior) {
        case "ok" -> respond(exchange, 200, "hello " + name);
        case "status-404" -> respond(exchange, 404, "no " + name + " here");
        case "status-500" -> respond(exchange, 500, "boom");
        case "redirect" -> {
          exchange.getResponseHeaders().add("Location", "/" + run + "/ok/" + name);
          respond(exchange, 302, "");
        }
        case "delay" -> {
          try {
            Thread.sleep(DELAY_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200, "delayed " + name);
        }
        case "slow" -> {
          try {
            Thread.sleep(SLOW_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200, "slow " + name);
        }
        case "echo" -> respond(exchange, 200, "echo " + method + " " + new String(body, StandardCharsets.UTF_8));
        case "big" -> streamBig(exchange, exchange.getRequestURI().getRawQuery());
        default -> respond(exchange, 400, "unknown behavior " + behavior);
      }
    } catch (IOException e) {
      // The client went away (read timeout scenario): nothing to answer.
    }
  }

  /** {@code big?bytes=N}: N bytes of 'x', chunked, written 64 KiB at a time (never held in memory). */
  private static void streamBig(HttpExchange exchange, String query) throws IOException {
    long size = query != null && query.startsWith("bytes=") ? Long.parseLong(query.substring(6)) : 1 << 20;
    exchange.sendResponseHeaders(200, 0);
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    try (OutputStream out = exchange.getResponseBody()) {
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void acceptRaw() {
    while (!raw.isClosed()) {
      try {
        Socket socket = raw.accept();
        executor.execute(() -> handleRaw(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Reads the request head (and a Content-Length body), then breaks the protocol as the path says. */
  private void handleRaw(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      InputStream in = new PushbackInputStream(socket.getInputStream());
      int first = in.read();
      if (first == TLS_HANDSHAKE_RECORD) {
        // A TLS client: answer in plain HTTP, as a misconfigured port would.
        socket.getOutputStream().write(
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return;
      }
      ((PushbackInputStream) in).unread(first);
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      int contentLength = 0;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          String key = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = lines[i].substring(colon + 1).trim();
          headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
          if (key.equals("content-length")) {
            contentLength = Integer.parseInt(value);
          }
        }
      }
      String body = new String(in.readNBytes(contentLength), StandardCharsets.ISO_8859_1);
      String target = requestLine.length > 1 ? requestLine[1] : "";
      record(new RecordedRequest("raw", requestLine[0], target, headers, body));
      if (target.contains("/partial/")) {
        OutputStream out = socket.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nx-reply: r1\r\n\r\npartial"
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      // "silent" and everything else: close without a word
    } catch (IOException | RuntimeException e) {
      // a broken client is what this server is for
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4 && head.size() < 64 * 1024) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    https.stop(0);
    raw.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
