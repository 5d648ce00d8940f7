package dev.weft.benchmarks.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the overhead benchmark: start-up launches, then load rounds, each agent in turn and the order
 * rotated every launch and round, so that a slow phase of the shared machine hurts no agent alone.
 */
public final class BenchmarkMain {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  /** SERVER, JDBC CLIENT and HTTP CLIENT spans of the front, SERVER span of the downstream. */
  static final int EXPECTED_SPANS_PER_REQUEST = 4;
  private static final String FRONT_PATH = "/order?id=42";
  private static final String DOWNSTREAM_PATH = "/price?sku=probe";

  private final Options options;
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final SpanSink sink;
  private final Wrk wrk;
  private final Path logDir;
  private final StringBuilder raw = new StringBuilder();
  private String busyWarning = "";

  private BenchmarkMain(Options options, SpanSink sink) throws IOException {
    this.options = options;
    this.sink = sink;
    for (String id : options.agents) {
      agents.put(id, switch (id) {
        case "none" -> Agent.none();
        case "weft" -> Agent.of(id, options.weftAgent, options.weftRevision);
        default -> Agent.of(id, options.otelAgent, "");
      });
    }
    logDir = options.workDir.resolve("logs");
    Files.createDirectories(logDir);
    // Only this run's logs, so none of an earlier run's is mistaken for this one's.
    try (var old = Files.list(logDir)) {
      for (Path file : old.toList()) {
        Files.deleteIfExists(file);
      }
    }
    wrk = new Wrk(options.workDir, options.paceMillis);
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    try (SpanSink sink = SpanSink.start()) {
      new BenchmarkMain(options, sink).run();
    }
  }

  private void run() throws Exception {
    String loadBefore = loadAverage();
    long started = System.nanoTime();
    double load = Double.parseDouble(loadBefore.split(" ")[0]);
    int cpus = Runtime.getRuntime().availableProcessors();
    if (load > cpus / 2.0) {
      busyWarning = String.format(Locale.ROOT,
          "the machine was busy when the run started (load average %.2f on %d CPUs): the figures are noisy,"
              + " compare ratios only and rerun on an idle machine", load, cpus);
      log("warning: " + busyWarning);
    }
    log("agents: " + agents.values().stream().map(a -> a.label() + (a.isNone() ? "" : " (" + a.jar() + ")")).toList());
    log("span sink at " + sink.endpoint() + "; logs in " + logDir);
    if (options.jdbcUrl != null && !options.jdbcUrl.startsWith("jdbc:h2:mem:")) {
      setUpSchema();
    }

    Map<String, List<Long>> startup = measureStartup();
    Map<String, List<Round>> rounds = measureLoad();

    Map<String, ResultTable.Figures> figures = new LinkedHashMap<>();
    for (Agent agent : agents.values()) {
      figures.put(agent.id(), ResultTable.Figures.of(agent, agent.jarBytes(), startup.get(agent.id()),
          rounds.get(agent.id()), EXPECTED_SPANS_PER_REQUEST));
    }
    String table = ResultTable.render(agents, figures);
    List<String> notes = ResultTable.notes(agents, figures, rounds);
    String report = report(table, notes, loadBefore, loadAverage(), Duration.ofNanos(System.nanoTime() - started));
    Files.createDirectories(options.resultsDir);
    Path file = options.resultsDir.resolve(
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").format(ZonedDateTime.now(ZoneOffset.UTC))
            + (options.quick ? "-quick" : "") + ".md");
    Files.writeString(file, report);
    System.out.println();
    System.out.print(table);
    notes.forEach(note -> System.out.println("\n" + note));
    System.out.println("\nwritten to " + file);
  }

  // ---- start-up

  /** Launch → first 200 of the front service, against one downstream without an agent. */
  private Map<String, List<Long>> measureStartup() throws Exception {
    Map<String, List<Long>> millis = new HashMap<>();
    agents.keySet().forEach(id -> millis.put(id, new ArrayList<>()));
    int downstreamPort = freePort();
    try (ServiceProcess downstream = launchDownstream(Agent.none(), "startup", downstreamPort)) {
      downstream.awaitFirstSuccess(url(downstreamPort, DOWNSTREAM_PATH), START_TIMEOUT);
      for (int launch = 0; launch < options.launches; launch++) {
        for (Agent agent : rotated(launch)) {
          String name = "front-" + agent.id() + "-startup-" + launch;
          int port = freePort();
          try (ServiceProcess front = launchFront(agent, name, port, downstreamPort)) {
            Duration time = front.awaitFirstSuccess(url(port, FRONT_PATH), START_TIMEOUT);
            millis.get(agent.id()).add(time.toMillis());
            front.stop(STOP_TIMEOUT);
            log(String.format(Locale.ROOT, "start-up %d/%d %-28s %5d ms", launch + 1, options.launches,
                agent.label(), time.toMillis()));
          }
        }
      }
      downstream.stop(STOP_TIMEOUT);
    }
    raw.append("\n### Start-up launches (ms, in launch order)\n\n");
    agents.values().forEach(agent -> raw.append("- ").append(agent.label()).append(": ")
        .append(millis.get(agent.id())).append('\n'));
    return millis;
  }

  // ---- load

  private Map<String, List<Round>> measureLoad() throws Exception {
    Map<String, List<Round>> rounds = new HashMap<>();
    agents.keySet().forEach(id -> rounds.put(id, new ArrayList<>()));
    raw.append("\n### Load rounds\n\n")
        .append("| round | agent | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | requests | app CPU s"
            + " | downstream CPU s | RSS MiB | heap MiB | metaspace MiB | served front/downstream | spans | dropped"
            + " | extra | errors |\n")
        .append("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    StringBuilder shapes = new StringBuilder("\n### Spans received, by service | kind | name | scope (last round)\n");
    for (int r = 0; r < options.rounds; r++) {
      for (Agent agent : rotated(r)) {
        Round round = loadRound(agent, r);
        rounds.get(agent.id()).add(round);
        Wrk.Result load = round.load();
        raw.append(String.format(Locale.ROOT,
            "| %d | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %d | %.2f | %.2f | %.0f | %.1f | %.1f | %d/%d | %d | %d | %d | %d |%n",
            r + 1, agent.label(), load.requestsPerSecond(), load.p50Micros() / 1e3, load.p90Micros() / 1e3,
            load.p99Micros() / 1e3, load.p999Micros() / 1e3, load.maxMicros() / 1e3, load.requests(),
            round.appCpuNanos() / 1e9, round.downstreamCpuNanos() / 1e9, round.rssKib() / 1024.0,
            round.memory().heapUsedKib() / 1024, round.memory().metaspaceUsedKib() / 1024,
            round.frontServed().handled(), round.downstreamServed().handled(), round.spans(), round.dropped(),
            round.extra(), round.requestErrors()));
        log(String.format(Locale.ROOT,
            "round %d/%d %-28s %6.0f req/s  p50 %.2f ms  p99 %.2f ms  app CPU %.0f µs/req  %.2f spans/req  %d dropped",
            r + 1, options.rounds, agent.label(), load.requestsPerSecond(), load.p50Micros() / 1e3,
            load.p99Micros() / 1e3, round.appCpuMicrosPerRequest(),
            (double) round.spans() / Math.max(1, round.frontServed().handled()), round.dropped()));
        if (r == options.rounds - 1) {
          shapes.append("\n").append(agent.label()).append(" (requests handled: front ")
              .append(round.frontServed().handled()).append(", downstream ")
              .append(round.downstreamServed().handled()).append(")\n\n");
          if (round.frontSpans().isEmpty() && round.downstreamSpans().isEmpty()) {
            shapes.append("- none\n");
          }
          round.frontSpans().forEach((shape, count) -> shapes.append("- ").append(shape).append(": ").append(count).append('\n'));
          round.downstreamSpans().forEach((shape, count) -> shapes.append("- ").append(shape).append(": ").append(count).append('\n'));
        }
      }
    }
    raw.append(shapes);
    return rounds;
  }

  private Round loadRound(Agent agent, int r) throws Exception {
    String frontName = "front-" + agent.id() + "-round-" + r;
    String downstreamName = "downstream-" + agent.id() + "-round-" + r;
    int downstreamPort = freePort();
    int frontPort = freePort();
    try (ServiceProcess downstream = launchDownstream(agent, downstreamName, downstreamPort);
        ServiceProcess front = launchFront(agent, frontName, frontPort, downstreamPort)) {
      downstream.awaitFirstSuccess(url(downstreamPort, DOWNSTREAM_PATH), START_TIMEOUT);
      front.awaitFirstSuccess(url(frontPort, FRONT_PATH), START_TIMEOUT);
      String target = url(frontPort, FRONT_PATH).toString();
      String logPrefix = agent.id() + "-round-" + r;
      if (options.warmupSeconds > 0) {
        wrk.run(target, options.wrkThreads, options.connections, options.warmupSeconds,
            logDir.resolve(logPrefix + "-warmup.wrk.txt"));
      }
      long appCpu = ProcStats.cpuNanos(front.pid());
      long downstreamCpu = ProcStats.cpuNanos(downstream.pid());
      Wrk.Result load = wrk.run(target, options.wrkThreads, options.connections, options.durationSeconds,
          logDir.resolve(logPrefix + ".wrk.txt"));
      appCpu = ProcStats.cpuNanos(front.pid()) - appCpu;
      downstreamCpu = ProcStats.cpuNanos(downstream.pid()) - downstreamCpu;
      long rss = ProcStats.rssKib(front.pid());
      JvmMemory.Usage memory = JvmMemory.afterFullGc(options.javaHome, front.pid());
      ServiceProcess.Served frontServed = front.stop(STOP_TIMEOUT);
      ServiceProcess.Served downstreamServed = downstream.stop(STOP_TIMEOUT);
      // Both processes have exited, so their shutdown flush is done; wait for exports still being read.
      sink.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(15));
      return new Round(agent.id(), r, load, appCpu, downstreamCpu, rss, memory, frontServed, downstreamServed,
          sink.shapesOf(frontName), sink.shapesOf(downstreamName),
          front.exportTroubleLines() + downstream.exportTroubleLines());
    }
  }

  // ---- processes

  private ServiceProcess launchFront(Agent agent, String name, int port, int downstreamPort) throws IOException {
    List<String> args = new ArrayList<>(List.of("front", "--port", Integer.toString(port),
        "--downstream", "http://127.0.0.1:" + downstreamPort));
    if (options.jdbcUrl != null) {
      args.addAll(List.of("--jdbc-url", options.jdbcUrl));
    }
    if (options.jdbcUser != null) {
      args.addAll(List.of("--jdbc-user", options.jdbcUser));
    }
    if (options.jdbcPassword != null) {
      args.addAll(List.of("--jdbc-password", options.jdbcPassword));
    }
    return launch(agent, name, frontJvmOptions(name), args);
  }

  /** JVM options of a load round's front: JFR when asked, so a profile shows where the cost goes. */
  private List<String> frontJvmOptions(String name) {
    return options.jfr && name.contains("-round-")
        ? List.of("-XX:StartFlightRecording=settings=profile,filename=" + logDir.resolve(name + ".jfr").toAbsolutePath())
        : List.of();
  }

  private ServiceProcess launchDownstream(Agent agent, String name, int port) throws IOException {
    return launch(agent, name, List.of(), List.of("downstream", "--port", Integer.toString(port)));
  }

  private ServiceProcess launch(Agent agent, String name, List<String> extraJvmOptions, List<String> serviceArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(options.javaHome.resolve("bin/java").toString());
    command.addAll(Arrays.stream(options.jvmOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    command.addAll(extraJvmOptions);
    if (!agent.isNone()) {
      command.add("-javaagent:" + agent.jar().toAbsolutePath());
    }
    command.addAll(List.of("-jar", options.serviceJar.toAbsolutePath().toString()));
    command.addAll(serviceArgs);
    return ServiceProcess.launch(command, agentEnv(name), logDir.resolve(name + ".log"));
  }

  /** The same exporter settings for both agents (and, harmlessly, for no agent). */
  private Map<String, String> agentEnv(String serviceName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", serviceName);
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", sink.endpoint());
    env.put("OTEL_TRACES_SAMPLER", "always_on");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.putAll(options.agentEnv);
    return env;
  }

  private void setUpSchema() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(options.javaHome.resolve("bin/java").toString(), "-jar",
        options.serviceJar.toAbsolutePath().toString(), "setup-schema", "--jdbc-url", options.jdbcUrl));
    if (options.jdbcUser != null) {
      command.addAll(List.of("--jdbc-user", options.jdbcUser));
    }
    if (options.jdbcPassword != null) {
      command.addAll(List.of("--jdbc-password", options.jdbcPassword));
    }
    Path log = logDir.resolve("setup-schema.log");
    Process setup = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (setup.waitFor() != 0) {
      throw new IOException("schema set-up failed; see " + log);
    }
    log("schema ready at " + options.jdbcUrl);
  }

  /** The agents in an order that starts one further along each launch or round. */
  private List<Agent> rotated(int step) {
    List<Agent> order = new ArrayList<>(agents.values());
    Collections.rotate(order, -(step % order.size()));
    return order;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static URI url(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  // ---- report

  private String report(String table, List<String> notes, String loadBefore, String loadAfter, Duration took)
      throws IOException {
    StringBuilder out = new StringBuilder();
    String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC));
    out.append("# Weft overhead benchmark, ").append(date).append(options.quick ? " (quick mode)" : "").append("\n\n");
    if (!options.note.isEmpty()) {
      out.append("**Note:** ").append(options.note).append("\n\n");
    }
    if (!busyWarning.isEmpty()) {
      out.append("**Warning:** ").append(busyWarning).append(".\n\n");
    }
    out.append("- command: `").append(options.command).append("`\n");
    out.append("- machine: ").append(machine()).append("; load average before ").append(loadBefore)
        .append(", after ").append(loadAfter).append("; took ").append(took.toSeconds()).append(" s\n");
    out.append("- services: JDK ").append(javaVersion()).append(", JVM options `").append(options.jvmOpts)
        .append("`, embedded Tomcat, database ")
        .append(options.jdbcUrl == null ? "H2 in memory" : "`" + options.jdbcUrl + "`").append('\n');
    for (Agent agent : agents.values()) {
      if (!agent.isNone()) {
        out.append("- ").append(agent.label()).append(": `").append(agent.jar().getFileName()).append("` ")
            .append(agent.version()).append(", ").append(agent.jarBytes()).append(" bytes\n");
      }
    }
    out.append("- exporter (both agents): ").append(agentEnv("<name>")).append('\n');
    out.append(String.format(Locale.ROOT,
        "- start-up launches per agent: %d; load rounds per agent: %d (interleaved); each round: %d s warm-up, %d s"
            + " measured, wrk -t%d -c%d on GET %s%n",
        options.launches, options.rounds, options.warmupSeconds, options.durationSeconds, options.wrkThreads,
        options.connections, FRONT_PATH));
    if (options.paceMillis > 0) {
      out.append(String.format(Locale.ROOT,
          "- paced load: each connection waits %d ms after each answer, so the agents are compared at about"
              + " the same request rate (below saturation), not at their own maximum%n",
          options.paceMillis));
    }
    if (options.jfr) {
      out.append("- JDK Flight Recorder on in every load round's front (its cost is in the figures)\n");
    }
    out.append("- span sink: ").append(sink.spans()).append(" spans in ").append(sink.exports())
        .append(" export requests, ").append(sink.malformed()).append(" malformed\n\n");
    out.append(table);
    notes.forEach(note -> out.append("\n").append(note).append('\n'));
    out.append("\n## Raw results\n").append(raw);
    return out.toString();
  }

  private static String machine() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name")).findFirst()
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
      long memKib = ProcStats.statusKib(Files.readString(Path.of("/proc/meminfo")), "MemTotal");
      return String.format(Locale.ROOT, "%d CPUs (%s), %.0f GiB RAM", Runtime.getRuntime().availableProcessors(),
          cpu, memKib / 1048576.0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String javaVersion() throws IOException {
    Path release = options.javaHome.resolve("release");
    if (Files.exists(release)) {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_RUNTIME_VERSION=") || line.startsWith("JAVA_VERSION=")) {
          return line.substring(line.indexOf('=') + 1).replace("\"", "");
        }
      }
    }
    return options.javaHome.toString();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "0 0 0";
    }
  }

  private static void log(String line) {
    System.out.println("[bench] " + line);
  }
}
