package dev.weft.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/** One way of running the service: without an agent, with Weft, with the OpenTelemetry agent. */
record Agent(String id, String label, Path jar, String version) {
  static Agent none() {
    return new Agent("none", "no agent", null, "");
  }

  static Agent of(String id, Path jar, String revision) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("agent jar not found: " + jar);
    }
    String version = implementationVersion(jar);
    return switch (id) {
      case "weft" -> new Agent(id, "Weft", jar, revision.isEmpty() ? version : version + " " + revision);
      case "otel" -> new Agent(id, "OTel agent " + version, jar, version);
      default -> throw new IllegalArgumentException(id);
    };
  }

  boolean isNone() {
    return jar == null;
  }

  long jarBytes() throws IOException {
    return jar == null ? 0 : Files.size(jar);
  }

  private static String implementationVersion(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      String version =
          file.getManifest() == null
              ? null
              : file.getManifest().getMainAttributes().getValue("Implementation-Version");
      return version == null ? "?" : version;
    }
  }
}
