package dev.weft.demo;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs the Zipkin server's exec jar in this JVM and exits when standard input closes, as the demo's
 * services do: the demo holds the other end of the pipe, so even a demo killed with {@code kill -9}
 * leaves no Zipkin behind. Run as {@code java -cp weft-demo.jar:zipkin-server-exec.jar
 * dev.weft.demo.ZipkinLauncher ZIPKIN_ARGS...}; Spring Boot's launcher finds its archive from its own
 * class's location, which is the exec jar.
 */
public final class ZipkinLauncher {
  static final String SPRING_BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

  private ZipkinLauncher() {}

  public static void main(String[] args) throws Exception {
    Thread watchParent =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // the demo writes nothing; only the end of the stream matters
                }
              } catch (IOException e) {
                // a broken pipe means the same: the demo is gone
              }
              System.exit(0); // Spring's shutdown hook stops Zipkin cleanly
            },
            "exit-with-demo");
    watchParent.setDaemon(true);
    watchParent.start();
    Class.forName(SPRING_BOOT_LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
  }
}
