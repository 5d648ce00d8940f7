package dev.weft.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by {@link AgentJvm}. Its stdout and stderr are read as they come (so a chatty
 * process never blocks on a full pipe), kept in memory, and copied line by line to a log file.
 * Closing it kills the process if it is still running.
 */
public final class RunningJvm implements AutoCloseable {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_OUTPUT_IN_MESSAGES = 20_000;

  /** Killed if the test JVM exits before closing them, so that no orphan outlives the build. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(p -> p.toHandle().destroyForcibly()), "weft-agent-jvm-reaper"));
  }

  private final Process process;
  private final List<String> command;
  private final Path logFile;
  private final Writer log;
  private final long startNanos;
  private final CompletableFuture<Long> exitNanos;

  private final Object lock = new Object();
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private int openStreams = 2;
  private final Thread stdoutPump;
  private final Thread stderrPump;

  RunningJvm(
      ProcessBuilder builder,
      List<String> command,
      Map<String, String> environment,
      Path logDirectory,
      String name)
      throws IOException {
    this.command = command;
    Files.createDirectories(logDirectory);
    this.startNanos = System.nanoTime();
    this.process = builder.start();
    LIVE.add(process);
    this.exitNanos = process.onExit().thenApply(p -> System.nanoTime());
    try {
      process.getOutputStream().close(); // an app that reads stdin sees EOF instead of waiting forever
      this.logFile = logDirectory.resolve(name + "-pid" + process.pid() + ".log");
      this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    writeLog("# " + String.join(" ", command) + "\n");
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (e.getKey().startsWith("OTEL_") || e.getKey().equals("JAVA_HOME")) {
        writeLog("# " + e.getKey() + "=" + e.getValue() + "\n");
      }
    }

    stdoutPump = pump(process.getInputStream(), stdout, "out");
    stderrPump = pump(process.getErrorStream(), stderr, "err");
    exitNanos.thenAccept(
        end -> {
          LIVE.remove(process);
          writeLog(
              "# exited with code " + process.exitValue() + " after "
                  + Format.duration(Duration.ofNanos(end - startNanos)) + "\n");
          synchronized (lock) {
            lock.notifyAll();
          }
        });
  }

  public long pid() {
    return process.pid();
  }

  public List<String> command() {
    return command;
  }

  /** Where stdout and stderr are copied, each line prefixed by [out] or [err]. */
  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything printed to stdout so far. */
  public String stdout() {
    synchronized (lock) {
      return stdout.toString();
    }
  }

  /** Everything printed to stderr so far. */
  public String stderr() {
    synchronized (lock) {
      return stderr.toString();
    }
  }

  /**
   * Waits until stdout or stderr contains the text; fails with both outputs if it does not appear
   * in time, or as soon as the process has exited without printing it.
   */
  public RunningJvm waitForOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (stdout.indexOf(text) < 0 && stderr.indexOf(text) < 0) {
        if (openStreams == 0 && !process.isAlive()) {
          throw new AssertionError(
              "JVM pid " + pid() + " exited with code " + process.exitValue() + " without printing \""
                  + text + "\"\n" + describe());
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(
              "JVM pid " + pid() + " did not print \"" + text + "\" within " + Format.duration(timeout)
                  + (process.isAlive() ? "" : " (it has exited)") + "\n" + describe());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for output of pid " + pid(), e);
        }
      }
    }
    return this;
  }

  /**
   * Waits for a line {@code LABEL <port>} (a server in the JVM saying where it listens, e.g. {@code
   * PORT 41234}) and returns the port; fails as {@link #waitForOutput} does.
   */
  public int waitForPort(String label, Duration timeout) {
    String prefix = label + " ";
    waitForOutput(prefix, timeout);
    String out = stdout() + "\n" + stderr();
    int start = out.indexOf(prefix) + prefix.length();
    int end = start;
    while (end < out.length() && Character.isDigit(out.charAt(end))) {
      end++;
    }
    if (end == start) {
      throw new AssertionError("no port after \"" + prefix + "\" in the output of pid " + pid() + "\n" + describe());
    }
    return Integer.parseInt(out.substring(start, end));
  }

  /**
   * Sends SIGTERM (on Linux and macOS), which runs the JVM's shutdown hooks. Signals go through
   * the ProcessHandle because Process.destroy() also closes our ends of the pipes, which would
   * lose whatever the shutdown hooks print.
   */
  public RunningJvm sigterm() {
    process.toHandle().destroy();
    return this;
  }

  /** Sends SIGKILL. */
  public RunningJvm kill() {
    process.toHandle().destroyForcibly();
    return this;
  }

  /**
   * Waits for the JVM to exit and returns its exit code and complete output. If it does not exit in
   * time it is killed and this fails with both outputs.
   */
  public JvmResult awaitExit(Duration timeout) {
    boolean exited;
    try {
      exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for pid " + pid() + " to exit", e);
    }
    if (!exited) {
      String description = describe();
      close();
      throw new AssertionError(
          "JVM pid " + pid() + " did not exit within " + Format.duration(timeout) + "; killed it\n"
              + description);
    }
    drain();
    long end = exitNanos.join();
    return new JvmResult(process.exitValue(), stdout(), stderr(), Duration.ofNanos(end - startNanos));
  }

  /** Kills the process (and any it started) if still running, then finishes the log file. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.toHandle().destroyForcibly();
      try {
        process.waitFor(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    drain();
    synchronized (log) {
      try {
        log.close();
      } catch (IOException ignored) {
        // The log is a debugging aid; losing its tail must not fail a test.
      }
    }
  }

  /** Lets the pumps read to EOF; bounded, since a grandchild may hold the pipes open. */
  private void drain() {
    try {
      stdoutPump.join(DRAIN_TIMEOUT.toMillis());
      stderrPump.join(DRAIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread pump(InputStream in, StringBuilder buffer, String tag) {
    Thread thread =
        new Thread(
            () -> {
              StringBuilder line = new StringBuilder();
              char[] chunk = new char[8192];
              try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                int n;
                while ((n = reader.read(chunk)) != -1) {
                  synchronized (lock) {
                    buffer.append(chunk, 0, n);
                    lock.notifyAll();
                  }
                  for (int i = 0; i < n; i++) {
                    line.append(chunk[i]);
                    if (chunk[i] == '\n') {
                      writeLog("[" + tag + "] " + line);
                      line.setLength(0);
                    }
                  }
                }
              } catch (IOException e) {
                // Stream closed under us by close(); what was read is kept.
              } finally {
                if (line.length() > 0) {
                  writeLog("[" + tag + "] " + line + "\n");
                }
                synchronized (lock) {
                  openStreams--;
                  lock.notifyAll();
                }
              }
            },
            "weft-jvm-" + process.pid() + "-" + tag);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void writeLog(String text) {
    synchronized (log) {
      try {
        log.write(text);
        log.flush(); // readable while the test still runs
      } catch (IOException ignored) {
        // After close(), or a full disk: the in-memory copy is what tests use.
      }
    }
  }

  private String describe() {
    return outputs(stdout(), stderr()) + "\nlog: " + logFile + "\ncommand: " + String.join(" ", command);
  }

  static String outputs(String stdout, String stderr) {
    return "--- stdout ---\n" + tail(stdout) + "\n--- stderr ---\n" + tail(stderr) + "\n--------------";
  }

  private static String tail(String output) {
    if (output.length() <= MAX_OUTPUT_IN_MESSAGES) {
      return output.stripTrailing();
    }
    return String.format(
        Locale.ROOT,
        "...(%d chars cut)...%n%s",
        output.length() - MAX_OUTPUT_IN_MESSAGES,
        output.substring(output.length() - MAX_OUTPUT_IN_MESSAGES).stripTrailing());
  }
}
