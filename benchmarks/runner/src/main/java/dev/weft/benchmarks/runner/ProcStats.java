package dev.weft.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and resident memory, from Linux's /proc. */
final class ProcStats {
  /** USER_HZ: the unit of the CPU times in /proc/[pid]/stat; 100 on every mainstream Linux. */
  static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcStats() {}

  /** User plus system CPU time of all the process's threads so far, in nanoseconds. */
  static long cpuNanos(long pid) throws IOException {
    return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
        * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** Resident set size in KiB. */
  static long rssKib(long pid) throws IOException {
    return statusKib(Files.readString(Path.of("/proc", Long.toString(pid), "status")), "VmRSS");
  }

  /** utime + stime (fields 14 and 15) of a /proc/[pid]/stat line. */
  static long cpuTicks(String stat) {
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** A "Name:   1234 kB" value of /proc/[pid]/status. */
  static long statusKib(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name + ":")) {
        String value = line.substring(name.length() + 1).trim();
        return Long.parseLong(value.substring(0, value.indexOf(' ')));
      }
    }
    throw new IllegalArgumentException("no " + name + " in /proc status");
  }

  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      if (getconf.waitFor() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
