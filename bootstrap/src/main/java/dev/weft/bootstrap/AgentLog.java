package dev.weft.bootstrap;

import java.io.PrintStream;

/**
 * The agent's own log, on stderr with a {@code [weft]} prefix.
 *
 * <p>Deliberately not java.util.logging or any logging framework: touching those from {@code premain}
 * initialises them before the application configures them (JBoss LogManager, Log4j bridges), which is
 * one of the ways agents break hosts.
 */
public final class AgentLog {
  private static volatile boolean debug;
  private static final PrintStream OUT = System.err;

  private AgentLog() {}

  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean isDebug() {
    return debug;
  }

  public static void info(String message) {
    OUT.println("[weft] " + message);
  }

  public static void warn(String message) {
    OUT.println("[weft] WARN " + message);
  }

  public static void warn(String message, Throwable t) {
    OUT.println("[weft] WARN " + message + ": " + t);
    if (debug) {
      t.printStackTrace(OUT);
    }
  }

  public static void debug(String message) {
    if (debug) {
      OUT.println("[weft] DEBUG " + message);
    }
  }

  public static void debug(String message, Throwable t) {
    if (debug) {
      OUT.println("[weft] DEBUG " + message + ": " + t);
      t.printStackTrace(OUT);
    }
  }
}
