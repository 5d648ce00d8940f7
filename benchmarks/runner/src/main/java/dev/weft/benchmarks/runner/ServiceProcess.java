package dev.weft.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One benchmark service JVM, its output in a log file. */
final class ServiceProcess implements AutoCloseable {
  private static final Pattern SERVED = Pattern.compile("served=(\\d+) failed=(\\d+)");
  /** What the agents log when spans are lost on their way out (export failures, full queues). */
  private static final Pattern EXPORT_TROUBLE =
      Pattern.compile("(?i)(failed to export|export(ing)? failed|dropp(ed|ing) \\d* ?spans?|queue is full)");

  /** Requests the service's servlet handled, as printed on shutdown. */
  record Served(long handled, long failed) {}

  private final Process process;
  private final long launchedNanos;
  private final Path log;

  private ServiceProcess(Process process, long launchedNanos, Path log) {
    this.process = process;
    this.launchedNanos = launchedNanos;
    this.log = log;
  }

  /** Starts the command with exactly this environment (nothing inherited but PATH, HOME and LANG). */
  static ServiceProcess launch(List<String> command, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TZ"));
    environment.putAll(env);
    long launched = System.nanoTime();
    return new ServiceProcess(builder.start(), launched, log);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Polls {@code url} until it answers 200; returns the time from launch to that answer. The first
   * answer is the first request the service ever handled: class loading, JIT and the agents' own
   * set-up are all in it, as for a user's first request.
   */
  Duration awaitFirstSuccess(URI url, Duration timeout) throws IOException, InterruptedException {
    long deadline = launchedNanos + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("service exited with " + process.exitValue() + " before answering; see " + log);
      }
      if (answersOk(url)) {
        return Duration.ofNanos(System.nanoTime() - launchedNanos);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("no 200 from " + url + " within " + timeout + "; see " + log);
      }
      Thread.sleep(5);
    }
  }

  private static boolean answersOk(URI url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    connection.setConnectTimeout(1_000);
    connection.setReadTimeout(60_000);
    try {
      int status = connection.getResponseCode();
      try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (body != null) {
          body.readAllBytes();
        }
      }
      return status == 200;
    } catch (ConnectException notListeningYet) {
      return false;
    } finally {
      connection.disconnect();
    }
  }

  /** SIGTERM, so that shutdown hooks run (the agents flush their spans, the service prints its count). */
  Served stop(Duration timeout) throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException("service did not stop within " + timeout + "; see " + log);
    }
    Matcher matcher = SERVED.matcher(Files.readString(log));
    Served served = null;
    while (matcher.find()) {
      served = new Served(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }
    if (served == null) {
      throw new IOException("service printed no served count; see " + log);
    }
    return served;
  }

  /** Lines of the service's output in which an agent reports spans it failed to export or dropped. */
  long exportTroubleLines() throws IOException {
    return countMatchingLines(Files.readString(log));
  }

  static long countMatchingLines(String output) {
    return output.lines().filter(line -> EXPORT_TROUBLE.matcher(line).find()).count();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
