package dev.weft.testing;

import static dev.weft.testing.ReceivedSpan.Kind.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.testing.fixtures.EchoApp;
import dev.weft.testing.fixtures.SdkApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AgentJvmTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Path JDK_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

  private static AgentJvm.Builder echo(String mode) {
    return AgentJvm.builder().withAgent(false).mainClass(EchoApp.class.getName()).classpathOf(EchoApp.class).args(mode);
  }

  @Test
  void runsAMainClassAndCapturesOutputAndExitCode() throws Exception {
    RunningJvm jvm = echo("print").args("hello", "two words").sysProp("echo.prop", "p1").sysProp("echo.exit", "3").start();
    JvmResult result;
    try (jvm) {
      result = jvm.awaitExit(TIMEOUT);
    }

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).contains("arg:hello\n", "arg:two words\n", "prop:p1\n", "PATH set:true\n");
    assertThat(result.stderr()).isEqualTo("to-stderr\n");
    assertThat(result.wallTime()).isPositive().isLessThan(TIMEOUT);
    result.assertExitCode(3);
    assertThatThrownBy(() -> result.assertExitCode(0))
        .hasMessageContaining("expected exit code 0 but was 3")
        .hasMessageContaining("arg:hello")
        .hasMessageContaining("to-stderr");

    assertThat(jvm.logFile()).exists().hasParent(Paths.get(System.getProperty("basedir", "."), "target", "agent-jvm").toAbsolutePath());
    assertThat(jvm.logFile().getFileName().toString()).isEqualTo("EchoApp-pid" + jvm.pid() + ".log");
    assertThat(Files.readString(jvm.logFile())).contains("[out] arg:hello\n", "[err] to-stderr\n", " -cp ");
  }

  @Test
  void doesNotInheritTheTestJvmsOtelVariablesOrClassPath() throws Exception {
    // surefire gives this JVM OTEL_TRACES_EXPORTER (see pom.xml); from an IDE there is nothing to prove.
    assumeTrue(System.getenv("OTEL_TRACES_EXPORTER") != null);

    JvmResult result = echo("print").env("OTEL_SERVICE_NAME", "explicit").env("ECHO_X", "1").run(TIMEOUT);

    assertThat(result.stdout())
        .contains("env:OTEL_SERVICE_NAME=explicit\n", "env:ECHO_X=1\n", "PATH set:true")
        .doesNotContain("OTEL_TRACES_EXPORTER");
    AgentJvm.Builder builder = echo("print");
    assertThat(builder.environment()).doesNotContainKeys("OTEL_TRACES_EXPORTER", "CLASSPATH", "JAVA_TOOL_OPTIONS");
    String cp = builder.command().get(builder.command().indexOf("-cp") + 1);
    assertThat(cp.split(File.pathSeparator)).containsExactly(codeSource(EchoApp.class).toString());
  }

  @Test
  void otlpToSetsExporterDefaultsThatExplicitEnvOverrides() {
    try (FakeCollector collector = FakeCollector.start()) {
      JvmResult http = echo("print").otlpTo(collector).env("OTEL_BSP_SCHEDULE_DELAY", "50").run(TIMEOUT);
      assertThat(http.stdout())
          .contains(
              "env:OTEL_EXPORTER_OTLP_ENDPOINT=" + collector.httpEndpoint() + "\n",
              "env:OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\n",
              "env:OTEL_TRACES_EXPORTER=otlp\n",
              "env:OTEL_BSP_SCHEDULE_DELAY=50\n",
              "env:OTEL_SERVICE_NAME=test-app\n",
              "env:OTEL_METRICS_EXPORTER=none\n",
              "env:OTEL_LOGS_EXPORTER=none\n");

      JvmResult grpc = echo("print").env("OTEL_SERVICE_NAME", "mine").otlpGrpcTo(collector).env("OTEL_LOGS_EXPORTER", null).run(TIMEOUT);
      assertThat(grpc.stdout())
          .contains(
              "env:OTEL_EXPORTER_OTLP_ENDPOINT=" + collector.grpcEndpoint() + "\n",
              "env:OTEL_EXPORTER_OTLP_PROTOCOL=grpc\n",
              "env:OTEL_SERVICE_NAME=mine\n")
          .doesNotContain("OTEL_LOGS_EXPORTER");
    }
  }

  @Test
  void anSdkConfiguredFromTheEnvironmentExportsToTheCollector() {
    try (FakeCollector collector = FakeCollector.start()) {
      AgentJvm.Builder app =
          AgentJvm.builder().withAgent(false).mainClass(SdkApp.class.getName()).classpath(testClassPath());

      app.otlpTo(collector).args("over-http").run(TIMEOUT).assertExitCode(0);
      app.otlpGrpcTo(collector).args().run(TIMEOUT).assertExitCode(0);

      TraceAssert.assertThat(collector.awaitSpans(2, TIMEOUT))
          .hasSpanCount(2)
          .allSpansSatisfy(
              span -> span.hasName("sdk-app-span").hasKind(PRODUCER).hasNoParent()
                  .hasResourceAttribute("service.name", "test-app").hasScopeName("sdk-app"));
      assertThat(collector.requests())
          .extracting(ReceivedRequest::transport)
          .containsExactly(ReceivedRequest.Transport.HTTP, ReceivedRequest.Transport.GRPC);
    }
  }

  @Test
  void sigtermRunsShutdownHooks() {
    try (RunningJvm jvm = echo("wait").start()) {
      jvm.waitForOutput("ready", TIMEOUT);
      assertThat(jvm.isAlive()).isTrue();

      JvmResult result = jvm.sigterm().awaitExit(TIMEOUT);

      assertThat(result.exitCode()).isEqualTo(143);
      assertThat(result.stdout()).isEqualTo("readyhook ran\n");
    }
  }

  @Test
  void awaitExitTimeoutKillsTheJvmAndShowsItsOutput() {
    try (RunningJvm jvm = echo("wait").start()) {
      jvm.waitForOutput("ready", TIMEOUT);

      assertThatThrownBy(() -> jvm.awaitExit(Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("did not exit within 200ms; killed it")
          .hasMessageContaining("--- stdout ---\nready")
          .hasMessageContaining("log: " + jvm.logFile());
      assertThat(jvm.isAlive()).isFalse();
    }
  }

  @Test
  void waitForOutputFailsAsSoonAsTheJvmExits() {
    try (RunningJvm jvm = echo("print").start()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> jvm.waitForOutput("never printed", Duration.ofSeconds(60)))
          .hasMessageContaining("exited with code 0 without printing \"never printed\"")
          .hasMessageContaining("to-stderr");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void closeKillsARunningJvm() {
    RunningJvm jvm = echo("wait").start();
    jvm.waitForOutput("ready", TIMEOUT);
    jvm.close();
    assertThat(jvm.isAlive()).isFalse();
  }

  @Test
  void readsBothStreamsAtOnce() {
    JvmResult result = echo("flood").run(TIMEOUT);
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).hasSize(20_000 * 100 + "done\n".length()).endsWith("done\n");
    assertThat(result.stderr()).hasSize(20_000 * 100);
  }

  @Test
  void runsOnAnotherJdk() {
    assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "JDK 25 not installed");
    JvmResult result = echo("print").javaHome(JDK_25).run(TIMEOUT);
    assertThat(result.stdout()).contains("java.version:25");
  }

  @Test
  void aMissingAgentJarSaysHowToBuildIt() {
    assertThatThrownBy(() -> echo("print").withAgent(true).agentJar(Paths.get("target/no-such-agent.jar")).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-agent.jar does not exist; build it first: mvn -q package -DskipTests");
  }

  @Test
  void addsTheAgentBeforeTheMainClass() throws Exception {
    Path fakeAgent = Files.createTempFile("agent", ".jar");
    try {
      assertThat(
              AgentJvm.builder().agentJar(fakeAgent).jvmArg("-Xmx64m").sysProp("a", "b").mainClass("com.example.App").args("x")
                  .command())
          .endsWith("-javaagent:" + fakeAgent.toAbsolutePath(), "-Xmx64m", "-Da=b", "com.example.App", "x");
      assertThat(AgentJvm.builder().withAgent(false).jar(Paths.get("app.jar")).command())
          .endsWith("-jar", Paths.get("app.jar").toAbsolutePath().toString());
    } finally {
      Files.delete(fakeAgent);
    }
  }

  private static Path codeSource(Class<?> c) throws Exception {
    return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The test class path, spelled out (the kit never passes it on by itself). */
  private static Path[] testClassPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator)).map(Paths::get).toArray(Path[]::new);
  }
}
