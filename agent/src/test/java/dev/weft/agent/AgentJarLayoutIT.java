package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built agent jar: what the JVM needs in its manifest, and that the application's class path (the
 * jar's normal entries, which also go onto the boot class path) shows nothing but Weft's bootstrap
 * part. Reads the jar only; it is an IT because the jar is assembled in the package phase, after unit
 * tests run.
 */
class AgentJarLayoutIT {
  /** The bootstrap part: what woven code in any class loader must reach. Directories aside. */
  private static final Pattern BOOTSTRAP_ENTRY =
      Pattern.compile(
          "META-INF/MANIFEST\\.MF"
              + "|dev/weft/agent/(WeftAgent|AgentClassLoader)[^/]*\\.class"
              + "|dev/weft/bootstrap/.+"
              + "|dev/weft/instrumentation/[^/]+/bootstrap/.+"
              + "|dev/weft/shaded/io/opentelemetry/(api|context|common|instrumentation/api|semconv)/.+");

  /** Bundled libraries that must only exist relocated under dev/weft/shaded/. */
  private static final Pattern UNRELOCATED =
      Pattern.compile("(inst/)?(io/opentelemetry|net/bytebuddy|okhttp3|okio|kotlin|com/google/protobuf)/.*");

  private static JarFile jar;
  private static List<String> entries;

  @BeforeAll
  static void open() throws IOException {
    jar = new JarFile(System.getProperty(AgentJvm.AGENT_JAR_PROPERTY));
    entries = Collections.list(jar.entries()).stream().map(e -> e.getName()).collect(Collectors.toList());
  }

  @AfterAll
  static void close() throws IOException {
    if (jar != null) {
      jar.close();
    }
  }

  @Test
  void theManifestMakesItAnAgentThatMayRetransform() throws IOException {
    Attributes main = jar.getManifest().getMainAttributes();
    assertThat(main.getValue("Premain-Class")).isEqualTo("dev.weft.agent.WeftAgent");
    assertThat(main.getValue("Agent-Class")).isEqualTo("dev.weft.agent.WeftAgent");
    assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
    assertThat(main.getValue("Can-Redefine-Classes")).isEqualTo("true");
    assertThat(main.getValue("Implementation-Version")).isNotBlank().doesNotContain("${");
  }

  @Test
  void onlyTheBootstrapPartIsAtNormalPaths() {
    List<String> visible = entries.stream()
        .filter(e -> !e.startsWith("inst/") && !e.endsWith("/"))
        .collect(Collectors.toList());

    assertThat(visible).allMatch(e -> BOOTSTRAP_ENTRY.matcher(e).matches(), "is part of the bootstrap part");
    assertThat(visible).contains(
        "META-INF/MANIFEST.MF",
        "dev/weft/agent/WeftAgent.class",
        "dev/weft/agent/AgentClassLoader.class",
        "dev/weft/bootstrap/WeftOpenTelemetry.class",
        "dev/weft/shaded/io/opentelemetry/api/OpenTelemetry.class",
        "dev/weft/shaded/io/opentelemetry/context/Context.class",
        "dev/weft/shaded/io/opentelemetry/instrumentation/api/instrumenter/Instrumenter.class");
  }

  @Test
  void everythingElseIsHiddenUnderInstAsClassdata() {
    assertThat(entries).contains(
        "inst/dev/weft/agent/internal/AgentStarter.classdata",
        "inst/dev/weft/shaded/net/bytebuddy/agent/builder/AgentBuilder.classdata",
        "inst/dev/weft/shaded/io/opentelemetry/sdk/trace/SdkTracerProvider.classdata",
        "inst/dev/weft/shaded/okhttp3/OkHttpClient.classdata");
    assertThat(entries).noneMatch(e -> e.startsWith("inst/") && e.endsWith(".class"));
  }

  @Test
  void nothingBundledIsLeftUnrelocated() throws IOException {
    assertThat(entries).noneMatch(e -> UNRELOCATED.matcher(e).matches());
    // Service files name implementations by class name: those must point at the relocated classes.
    List<String> services = entries.stream()
        .filter(e -> e.startsWith("inst/META-INF/services/") && !e.endsWith("/"))
        .collect(Collectors.toList());
    assertThat(services).isNotEmpty();
    for (String service : services) {
      assertThat(service).doesNotContain("/io.opentelemetry.");
      String content = new String(jar.getInputStream(jar.getEntry(service)).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(content.lines().filter(l -> !l.isBlank() && !l.startsWith("#")))
          .as(service)
          .allMatch(l -> l.startsWith("dev.weft."));
    }
  }
}
