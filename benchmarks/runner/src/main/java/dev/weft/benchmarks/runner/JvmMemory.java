package dev.weft.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Heap and metaspace of a running JVM after a full GC, through the JDK's own tools: {@code jcmd
 * GC.run} (System.gc(), a full collection with the default collectors) and {@code jstat -gc}, which
 * reports the same numbers whatever the collector.
 */
final class JvmMemory {
  record Usage(double heapUsedKib, double metaspaceUsedKib) {}

  private JvmMemory() {}

  static Usage afterFullGc(Path javaHome, long pid) throws IOException, InterruptedException {
    String id = Long.toString(pid);
    // Twice: the first collection can leave objects that only became unreachable through it
    // (finalizers, soft references cleared under the policy) for the second.
    run(javaHome.resolve("bin/jcmd").toString(), id, "GC.run");
    run(javaHome.resolve("bin/jcmd").toString(), id, "GC.run");
    return parseJstat(run(javaHome.resolve("bin/jstat").toString(), "-gc", id));
  }

  /** Heap used = survivors + eden + old; metaspace used = MU (class space included). */
  static Usage parseJstat(String output) {
    String[] lines = output.trim().split("\n");
    if (lines.length < 2) {
      throw new IllegalArgumentException("unexpected jstat output: " + output);
    }
    String[] header = lines[lines.length - 2].trim().split("\\s+");
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    return new Usage(
        column(header, values, "S0U") + column(header, values, "S1U")
            + column(header, values, "EU") + column(header, values, "OU"),
        column(header, values, "MU"));
  }

  private static double column(String[] header, String[] values, String name) {
    for (int i = 0; i < header.length && i < values.length; i++) {
      if (header[i].equals(name)) {
        return values[i].equals("-") ? 0 : Double.parseDouble(values[i]);
      }
    }
    throw new IllegalArgumentException("jstat has no column " + name);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", args) + " failed: " + out);
    }
    return out;
  }
}
