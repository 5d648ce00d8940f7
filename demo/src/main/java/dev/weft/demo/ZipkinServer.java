package dev.weft.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zipkin server the demo talks to: one it started itself (in-memory storage, on 127.0.0.1 only) or
 * one the user runs. Only its HTTP API is used: {@code /health}, {@code /info} and
 * {@code /api/v2/trace/{id}}.
 */
final class ZipkinServer implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

  /** Without a trailing slash, e.g. {@code http://127.0.0.1:9411}. */
  final String baseUrl;
  /** The process, when the demo started this Zipkin; stopped by {@link #close}. */
  final ServiceProcess process;

  private ZipkinServer(String baseUrl, ServiceProcess process) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.process = process;
  }

  /** A Zipkin the user runs, e.g. {@code http://127.0.0.1:9411}. */
  static ZipkinServer at(String baseUrl) {
    try {
      URI uri = new URI(baseUrl);
      if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
        throw new IllegalArgumentException("--zipkin-url wants a URL like http://127.0.0.1:9411, not " + baseUrl);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--zipkin-url: " + e.getMessage());
    }
    return new ZipkinServer(baseUrl, null);
  }

  /**
   * Starts the exec jar on 127.0.0.1:port with in-memory storage, in a JVM that exits when this one
   * closes its input (see {@link ZipkinLauncher}). Returns at once; see {@link #awaitHealthy}.
   */
  static ZipkinServer start(Path execJar, int port, Path javaHome, Map<String, String> env, Path logFile) {
    if (answers(port)) {
      throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use (a Zipkin already running?"
          + " then: demo/run --zipkin-url http://127.0.0.1:" + port + "; or pick another: --zipkin-port N)");
    }
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    // A demo's Zipkin: starting fast matters more than peak throughput.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
    command.add("-cp");
    command.add(ownLocation() + java.io.File.pathSeparator + execJar.toAbsolutePath());
    command.add(ZipkinLauncher.class.getName());
    command.add("--zipkin.storage.type=mem");
    // Armeria's port list replaces the default one as a whole: port, address and protocol all needed.
    command.add("--armeria.ports[0].port=" + port);
    command.add("--armeria.ports[0].ip=127.0.0.1");
    command.add("--armeria.ports[0].protocols=http");
    command.add("--spring.main.banner-mode=off");
    ServiceProcess process = ServiceProcess.start("zipkin", command, env, logFile);
    return new ZipkinServer("http://127.0.0.1:" + port, process);
  }

  /** Waits for {@code /health} to answer 200; fails with the end of Zipkin's log if it does not. */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!healthy()) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("Zipkin exited; the end of " + process.logFile + ":\n" + process.tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Zipkin is not up after " + timeout.toSeconds() + " s"
            + (process == null ? " at " + baseUrl : "; the end of " + process.logFile + ":\n" + process.tail()));
      }
      Thread.sleep(250);
    }
  }

  boolean healthy() {
    return get("/health", Duration.ofSeconds(3)).map(r -> r.statusCode() == 200).orElse(false);
  }

  /** The server's version from {@code /info}, or "" if it does not say. */
  String version() {
    return get("/info", Duration.ofSeconds(3))
        .filter(r -> r.statusCode() == 200)
        .map(r -> VERSION.matcher(r.body()))
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .orElse("");
  }

  /** How many spans Zipkin holds for the trace (0 if none or no answer). */
  int spanCount(String traceId) {
    return get("/api/v2/trace/" + traceId, Duration.ofSeconds(5))
        .filter(r -> r.statusCode() == 200)
        // One "traceId" key per span; inside a JSON string a quote is escaped, so this is no value.
        .map(r -> r.body().split("\"traceId\":", -1).length - 1)
        .orElse(0);
  }

  String spansEndpoint() {
    return baseUrl + "/api/v2/spans";
  }

  String uiUrl() {
    return baseUrl + "/zipkin/";
  }

  String traceUrl(String traceId) {
    return baseUrl + "/zipkin/traces/" + traceId;
  }

  private Optional<HttpResponse<String>> get(String path, Duration timeout) {
    try {
      return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The driver's jar (or classes directory), which holds {@link ZipkinLauncher}. */
  private static String ownLocation() {
    try {
      return Paths.get(ZipkinServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops a Zipkin this demo started (closing its input, then SIGTERM); one it did not start is left alone. */
  @Override
  public void close() {
    if (process != null) {
      try {
        process.stop(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        process.close();
        Thread.currentThread().interrupt();
      }
    }
  }
}
