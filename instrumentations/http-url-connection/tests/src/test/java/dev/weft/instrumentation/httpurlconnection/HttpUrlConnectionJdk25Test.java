package dev.weft.instrumentation.httpurlconnection;

import java.nio.file.Files;
import java.nio.file.Path;

/** Every test of {@link HttpUrlConnectionTest}, with the application on JDK 25. */
class HttpUrlConnectionJdk25Test extends HttpUrlConnectionTest {
  private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @Override
  protected Path javaHome() {
    if (!Files.isExecutable(JDK_25.resolve("bin/java"))) {
      throw new IllegalStateException("JDK 25 is expected at " + JDK_25);
    }
    return JDK_25;
  }
}
