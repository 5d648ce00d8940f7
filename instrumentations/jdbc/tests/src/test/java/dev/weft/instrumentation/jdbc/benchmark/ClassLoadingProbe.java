package dev.weft.instrumentation.jdbc.benchmark;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What JDBC type matching costs at start-up: loads (without initializing) every class of every jar on
 * the class path and prints how long that took, in wall-clock and CPU time. Run it with the agent and
 * {@code OTEL_INSTRUMENTATION_JDBC_ENABLED=true}, then {@code =false} (commands in the module README):
 * the difference is the JDBC matchers' share (its hierarchy matching of each class, and the weaving
 * of the matched ones).
 */
public final class ClassLoadingProbe {
  private ClassLoadingProbe() {}

  public static void main(String[] args) throws Exception {
    long wall = System.nanoTime();
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    int loaded = 0;
    int failed = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.endsWith(".jar")) {
        continue;
      }
      try (JarFile jar = new JarFile(entry)) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String name = e.nextElement().getName();
          if (!name.endsWith(".class") || name.contains("module-info") || name.startsWith("META-INF")) {
            continue;
          }
          try {
            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, ClassLoadingProbe.class.getClassLoader());
            loaded++;
          } catch (Throwable t) {
            failed++; // optional dependencies of the library that are not on the class path
          }
        }
      }
    }
    System.out.printf("loaded %d classes (%d not loadable) in %d ms wall, %d ms cpu%n", loaded, failed,
        (System.nanoTime() - wall) / 1_000_000,
        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000);
  }
}
