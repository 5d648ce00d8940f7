package dev.weft.demo.shop;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/** What both services' {@code main} methods share: options, the "listening" line, and how they stop. */
public final class ServiceMain {
  private ServiceMain() {}

  /** {@code --name value} pairs. */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  /** The line the demo driver waits for before it sends requests. */
  public static void announce(String service, int port) {
    System.out.println(service + " listening on http://127.0.0.1:" + port);
    System.out.flush();
  }

  /**
   * Blocks until standard input is closed. The demo driver closes it to stop the service, and when the
   * driver dies however it dies (even killed), the pipe closes too: no service outlives the demo.
   * Started from a terminal, Ctrl-D stops it.
   */
  public static void awaitStdinClosed() throws IOException {
    InputStream in = System.in;
    byte[] ignored = new byte[256];
    while (in.read(ignored) != -1) {
      // nothing to read: the driver never writes
    }
  }
}
