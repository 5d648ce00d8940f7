package dev.weft.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One demo service in its own JVM. Its stdout and stderr go to a log file (Tomcat, Jetty and the agent
 * all write there, and the demo's own output stays readable); the line "NAME listening on" says it is
 * ready. It is stopped by closing its standard input, so it shuts down cleanly and its agent flushes
 * the last spans.
 */
final class ServiceProcess implements AutoCloseable {
  private static final int TAIL_LINES = 40;

  final String name;
  final Path logFile;
  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Deque<String> tail = new ArrayDeque<>(); // guarded by itself
  private final List<String> agentLines = new ArrayList<>(); // guarded by tail

  private ServiceProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(logFile.getParent());
      Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
      Process process;
      try {
        log.write("# " + String.join(" ", command) + System.lineSeparator());
        process = builder.start();
      } catch (IOException | RuntimeException e) {
        log.close();
        throw e;
      }
      ServiceProcess service = new ServiceProcess(name, process, logFile);
      Thread pump = new Thread(() -> service.pump(log), name + "-output");
      pump.setDaemon(true);
      pump.start();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  private void pump(Writer log) {
    String readyLine = name + " listening on ";
    try (log;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        log.write(line + System.lineSeparator());
        log.flush();
        synchronized (tail) {
          if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
          }
          tail.addLast(line);
          if (line.startsWith("[weft] ") && agentLines.size() < 10) {
            agentLines.add(line);
          }
        }
        if (line.startsWith(readyLine)) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // the process is gone; whatever it wrote is in the log
    }
  }

  /** Waits for the "listening" line; fails with the end of the service's output if it does not come. */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.await(100, TimeUnit.MILLISECONDS)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String why = process.isAlive() ? "is not ready after " + timeout.toSeconds() + " s" : "exited with code " + process.exitValue();
        throw new IllegalStateException(name + " " + why + "; the end of " + logFile + ":\n" + tail());
      }
    }
  }

  /** Closes standard input and waits for the clean exit; kills the JVM if it does not come. */
  int stop(Duration timeout) throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed: the process is exiting anyway
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    return process.isAlive() ? -1 : process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The agent's own lines so far ("[weft] Weft ... started ...", warnings), at most ten. */
  List<String> agentLines() {
    synchronized (tail) {
      return List.copyOf(agentLines);
    }
  }

  String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  /** Kills the JVM if it is still running (Ctrl-C, or a failure before {@link #stop}). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
