package dev.weft.instrumentation.servlet;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.RunningJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A container version under test: its libraries (resolved by containers/NAME), the scenario app
 * compiled for its servlet API and its launcher compiled against it (both by this module's build).
 */
enum ServletContainer {
  // the newest version of each family, then the oldest supported one
  TOMCAT_9("tomcat-9", "javax", "TomcatMain", true),
  TOMCAT_9_OLDEST("tomcat-9.0.1", "javax", "TomcatMain", true),
  TOMCAT_10_1("tomcat-10.1", "jakarta", "TomcatMain", true),
  TOMCAT_10_1_OLDEST("tomcat-10.1.0", "jakarta", "TomcatMain", true),
  TOMCAT_11("tomcat-11", "jakarta", "TomcatMain", true),
  TOMCAT_11_OLDEST("tomcat-11.0.0", "jakarta", "TomcatMain", true),
  JETTY_9_4("jetty-9.4", "javax", "JettyMain", true),
  JETTY_9_4_OLDEST("jetty-9.4.0", "javax", "JettyMain", true),
  JETTY_11("jetty-11", "jakarta", "JettyMain", true),
  JETTY_11_OLDEST("jetty-11.0.0", "jakarta", "JettyMain", true),
  JETTY_12_EE10("jetty-12-ee10", "jakarta", "Jetty12Main", true),
  JETTY_12_EE10_OLDEST("jetty-12.0.0-ee10", "jakarta", "Jetty12Main", true),
  UNDERTOW_2_3("undertow-2.3", "jakarta", "UndertowMain", true),
  UNDERTOW_2_3_OLDEST("undertow-2.3.0", "jakarta", "UndertowMain", true);

  final String directory;
  final String servletApi;
  final String mainClass;
  /** Whether Weft instruments the container's own entry, so a response no servlet made has a span too. */
  final boolean tracesItsOwnResponses;

  ServletContainer(String directory, String servletApi, String launcher, boolean tracesItsOwnResponses) {
    this.directory = directory;
    this.servletApi = servletApi;
    this.mainClass = "com.example.servletapp." + launcher;
    this.tracesItsOwnResponses = tracesItsOwnResponses;
  }

  /** Starts this container's scenario app under the agent, exporting to the collector, and waits for its port. */
  Started startWithAgent(FakeCollector collector, String name, String envKey, String envValue) {
    RunningJvm jvm =
        AgentJvm.builder()
            .mainClass(mainClass)
            .classpath(classpath().toArray(new Path[0]))
            .name(name)
            .otlpTo(collector)
            .env(envKey, envValue)
            .start();
    try {
      return new Started(jvm, jvm.waitForPort("SCENARIO-PORT", Duration.ofSeconds(60)));
    } catch (AssertionError e) {
      jvm.close();
      throw e;
    }
  }

  /** A running scenario app and the port it listens on. */
  static final class Started implements AutoCloseable {
    final RunningJvm jvm;
    final int port;

    Started(RunningJvm jvm, int port) {
      this.jvm = jvm;
      this.port = port;
    }

    @Override
    public void close() {
      jvm.close();
    }
  }

  List<Path> classpath() {
    Path apps = Paths.get(required("servlet.apps.dir"));
    Path libs = Paths.get(required("servlet.containers.dir"), directory, "target", "libs");
    List<Path> entries = new ArrayList<>();
    entries.add(apps.resolve(directory));
    entries.add(apps.resolve("scenarios-" + servletApi));
    try (Stream<Path> jars = Files.list(libs)) {
      jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(entries::add);
    } catch (IOException e) {
      throw new UncheckedIOException("container libraries missing; build with mvn -pl instrumentations/servlet/tests -am verify", e);
    }
    return entries;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set (surefire sets it)");
    }
    return value;
  }
}
