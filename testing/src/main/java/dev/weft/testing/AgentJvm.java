package dev.weft.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Launches a separate JVM the way a user would run an application with the agent: {@code java
 * -javaagent:weft-agent.jar ... MainClass args}, with a hermetic environment.
 *
 * <pre>{@code
 * try (FakeCollector collector = FakeCollector.start();
 *     RunningJvm app = AgentJvm.builder()
 *         .mainClass("com.example.App")
 *         .classpathOf(App.class)
 *         .otlpTo(collector)
 *         .start()) {
 *   app.waitForOutput("started", Duration.ofSeconds(20));
 *   ...
 * }
 * }</pre>
 */
public final class AgentJvm {
  /** The system property naming the agent jar (the parent pom passes it to surefire and failsafe). */
  public static final String AGENT_JAR_PROPERTY = "weft.agent.jar";

  /** Inherited variables that would make a forked JVM depend on the machine it runs on. */
  private static final Set<String> NON_HERMETIC_VARIABLES =
      Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

  private AgentJvm() {}

  public static Builder builder() {
    return new Builder();
  }

  /** What to launch. Not thread-safe; each {@link #start()} launches a new JVM. */
  public static final class Builder {
    private String mainClass;
    private Path jar;
    private final List<Path> classpath = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> sysProps = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private Path javaHome = Paths.get(System.getProperty("java.home"));
    private boolean withAgent = true;
    private Path agentJar;
    private Map<String, String> otlpEnv = Map.of();
    private String name;
    private Path workingDir;

    private Builder() {}

    /** Runs this class's main method; give its classes with {@link #classpath} or {@link #classpathOf}. */
    public Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    /** Runs {@code java -jar jar}. */
    public Builder jar(Path jar) {
      this.jar = jar;
      return this;
    }

    /**
     * Adds entries to the forked JVM's class path. Nothing of the test JVM's class path is
     * inherited: the application sees only what it is given.
     */
    public Builder classpath(Path... entries) {
      classpath.addAll(Arrays.asList(entries));
      return this;
    }

    /** Adds the directory or jar each class was loaded from to the class path. */
    public Builder classpathOf(Class<?>... classes) {
      for (Class<?> c : classes) {
        classpath.add(codeSource(c));
      }
      return this;
    }

    /**
     * Adds the jars the module's build copied into target/libs/NAME (e.g. one library version with
     * its dependencies), in name order; fails if there are none.
     */
    public Builder classpathOfModuleLibs(String name) {
      Path directory = Paths.get(System.getProperty("basedir", "."), "target", "libs", name);
      List<Path> jars;
      try (Stream<Path> files = Files.list(directory)) {
        jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException("no libraries at " + directory + "; the module's build copies them", e);
      }
      if (jars.isEmpty()) {
        throw new IllegalStateException("no jars in " + directory + "; the module's build copies them");
      }
      classpath.addAll(jars);
      return this;
    }

    public Builder args(String... args) {
      this.args.addAll(Arrays.asList(args));
      return this;
    }

    /**
     * Sets an environment variable; null removes it. These win over {@link #otlpTo}'s defaults.
     * Inherited variables are kept except every {@code OTEL_*} one, JAVA_TOOL_OPTIONS,
     * JDK_JAVA_OPTIONS, _JAVA_OPTIONS and CLASSPATH, so that tests are hermetic.
     */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder sysProp(String key, String value) {
      sysProps.put(key, value);
      return this;
    }

    /** JVM options, e.g. "-Xmx64m"; they come after -javaagent and before -D system properties. */
    public Builder jvmArg(String... jvmArgs) {
      this.jvmArgs.addAll(Arrays.asList(jvmArgs));
      return this;
    }

    /** The JDK or JRE to run; default: the one running the test. */
    public Builder javaHome(Path javaHome) {
      this.javaHome = javaHome;
      return this;
    }

    /** Whether to add -javaagent (default true). */
    public Builder withAgent(boolean withAgent) {
      this.withAgent = withAgent;
      return this;
    }

    /** The agent jar; default: the system property {@value AgentJvm#AGENT_JAR_PROPERTY}. */
    public Builder agentJar(Path agentJar) {
      this.agentJar = agentJar;
      return this;
    }

    /**
     * Exports traces to the collector over OTLP/HTTP (protobuf), flushing every 100 ms, as service
     * "test-app", with metrics and logs exporters off. Each can be overridden with {@link #env}.
     */
    public Builder otlpTo(FakeCollector collector) {
      otlpEnv = otlpDefaults(collector.httpEndpoint(), "http/protobuf");
      return this;
    }

    /** As {@link #otlpTo}, over OTLP/gRPC. */
    public Builder otlpGrpcTo(FakeCollector collector) {
      otlpEnv = otlpDefaults(collector.grpcEndpoint(), "grpc");
      return this;
    }

    private static Map<String, String> otlpDefaults(String endpoint, String protocol) {
      Map<String, String> defaults = new LinkedHashMap<>();
      defaults.put("OTEL_TRACES_EXPORTER", "otlp");
      defaults.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
      defaults.put("OTEL_EXPORTER_OTLP_PROTOCOL", protocol);
      defaults.put("OTEL_BSP_SCHEDULE_DELAY", "100"); // tests wait for spans; the default is 5 s
      defaults.put("OTEL_SERVICE_NAME", "test-app");
      defaults.put("OTEL_METRICS_EXPORTER", "none");
      defaults.put("OTEL_LOGS_EXPORTER", "none");
      return defaults;
    }

    /** Names the log file (target/agent-jvm/NAME-pidPID.log); default: the main class or jar name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder workingDir(Path workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    /** The full command line that {@link #start()} runs. */
    public List<String> command() {
      if ((mainClass == null) == (jar == null)) {
        throw new IllegalStateException("set exactly one of mainClass(...) and jar(...)");
      }
      if (jar != null && !classpath.isEmpty()) {
        throw new IllegalStateException(
            "java -jar ignores the class path; use mainClass(...) with classpath(jar, ...) instead");
      }
      Path java = javaHome.resolve("bin").resolve("java");
      if (!Files.isExecutable(java)) {
        throw new IllegalStateException("no java executable at " + java);
      }
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      if (withAgent) {
        command.add("-javaagent:" + resolveAgentJar());
      }
      command.addAll(jvmArgs);
      sysProps.forEach((k, v) -> command.add("-D" + k + "=" + v));
      if (!classpath.isEmpty()) {
        command.add("-cp");
        command.add(
            classpath.stream()
                .map(p -> p.toAbsolutePath().toString())
                .distinct()
                .collect(Collectors.joining(File.pathSeparator)));
      }
      if (jar != null) {
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
      } else {
        command.add(mainClass);
      }
      command.addAll(args);
      return command;
    }

    /** The environment the JVM gets. */
    public Map<String, String> environment() {
      Map<String, String> result = new LinkedHashMap<>(System.getenv());
      result.keySet().removeIf(AgentJvm::isNonHermetic);
      result.put("JAVA_HOME", javaHome.toString());
      result.putAll(otlpEnv);
      env.forEach(
          (k, v) -> {
            if (v == null) {
              result.remove(k);
            } else {
              result.put(k, v);
            }
          });
      return result;
    }

    private Path resolveAgentJar() {
      Path path = agentJar;
      if (path == null) {
        String property = System.getProperty(AGENT_JAR_PROPERTY);
        if (property == null || property.isEmpty()) {
          throw new IllegalStateException(
              "system property " + AGENT_JAR_PROPERTY + " is not set, so the agent jar is unknown;"
                  + " set it, or use agentJar(...) or withAgent(false)");
        }
        path = Paths.get(property);
      }
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(
            "agent jar " + path.toAbsolutePath() + " does not exist; build it first: mvn -q package -DskipTests");
      }
      return path.toAbsolutePath();
    }

    /** Launches the JVM; close the result to kill it if it is still running. */
    public RunningJvm start() {
      List<String> command = command();
      Map<String, String> environment = environment();
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().clear();
      pb.environment().putAll(environment);
      if (workingDir != null) {
        pb.directory(workingDir.toFile());
      }
      String logName = name != null ? name : defaultName();
      try {
        return new RunningJvm(pb, command, environment, logDirectory(), logName);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start " + String.join(" ", command), e);
      }
    }

    /** Starts the JVM and waits for it to exit; fails (after killing it) if it does not in time. */
    public JvmResult run(Duration timeout) {
      try (RunningJvm jvm = start()) {
        return jvm.awaitExit(timeout);
      }
    }

    private String defaultName() {
      String base =
          jar != null
              ? jar.getFileName().toString().replaceFirst("\\.jar$", "")
              : mainClass.substring(mainClass.lastIndexOf('.') + 1);
      return base.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
  }

  private static boolean isNonHermetic(String variable) {
    return variable.toUpperCase(Locale.ROOT).startsWith("OTEL_") || NON_HERMETIC_VARIABLES.contains(variable);
  }

  /** target/agent-jvm of the module under test (surefire sets basedir), else of the working dir. */
  private static Path logDirectory() {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    return Paths.get(basedir, "target", "agent-jvm");
  }

  private static Path codeSource(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      throw new IllegalArgumentException(c.getName() + " has no code source (is it a JDK class?)");
    }
    try {
      return Paths.get(location.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad code source of " + c.getName() + ": " + location, e);
    }
  }
}
