package dev.weft.instrumentation.javahttpclient;

import java.nio.file.Files;
import java.nio.file.Path;

/** Every test of {@link JavaHttpClientTest}, with the application on JDK 25. */
class JavaHttpClientJdk25Test extends JavaHttpClientTest {
  private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @Override
  protected Path javaHome() {
    if (!Files.isExecutable(JDK_25.resolve("bin/java"))) {
      throw new IllegalStateException("JDK 25 is expected at " + JDK_25);
    }
    return JDK_25;
  }
}
