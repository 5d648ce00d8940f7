package dev.weft.benchmarks.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's command-line options; {@link #USAGE} documents them. */
final class Options {
  static final String USAGE =
      """
      usage: benchmarks/run [options]
        --quick               smoke check in about a minute and a half on an idle 2-core machine:
                              1 round, 2 start-up launches, 4 s warm-up, 6 s load (proves the
                              harness works; its figures are not statistically meaningful)
        --rounds N            load rounds per agent, interleaved (default 3; medians are reported)
        --launches N          start-up launches per agent, interleaved (default 7)
        --warmup SECONDS      load before each measured run, not measured (default 20)
        --duration SECONDS    measured load per round (default 30)
        --connections N       wrk's fixed number of open connections (default 8)
        --wrk-threads N       wrk's threads (default 1)
        --pace-ms N           each connection waits N ms after each answer before its next request
                              (default 0: as fast as the service answers). With enough connections
                              every agent then gets about the same request rate, below saturation,
                              so latency and CPU per request compare at equal load, e.g.
                              --connections 32 --pace-ms 8 for about 4,000 requests a second
        --agents LIST         which of none,weft,otel to run (default all three)
        --jdbc-url URL        the database the service queries (default: H2 in memory, in the service's
                              JVM); another database gets its table from a set-up run without an agent,
                              e.g. jdbc:postgresql://127.0.0.1:5432/test with --jdbc-user postgres
        --jdbc-user NAME, --jdbc-password SECRET
        --jvm-opts "OPTS"     options of every service JVM (default "-Xmx512m")
        --java-home DIR       the JDK that runs the services and whose jcmd/jstat are used
                              (default: the runner's)
        --agent-env K=V       an extra environment variable for every service JVM (repeatable), e.g.
                              to try OTEL_BSP_MAX_QUEUE_SIZE=8192
        --jfr                 record each load round's front service with JDK Flight Recorder
                              (settings=profile) into the work directory's logs, to find where an
                              agent's cost goes (jfr print --events jdk.ExecutionSample FILE)
        --note TEXT           a line written into the results file (e.g. what else ran meanwhile)
        --results-dir DIR     where the results file goes (default benchmarks/results)
      set by benchmarks/run: --weft-agent JAR --otel-agent JAR --service-jar JAR --work-dir DIR
                              --command TEXT --weft-revision TEXT
      """;

  int rounds = 3;
  int launches = 7;
  int warmupSeconds = 20;
  int durationSeconds = 30;
  int connections = 8;
  int wrkThreads = 1;
  int paceMillis;
  boolean quick;
  boolean jfr;
  List<String> agents = List.of("none", "weft", "otel");
  String jdbcUrl;
  String jdbcUser;
  String jdbcPassword;
  String jvmOpts = "-Xmx512m";
  Path javaHome = Path.of(System.getProperty("java.home"));
  Map<String, String> agentEnv = new LinkedHashMap<>();
  String note = "";
  Path resultsDir = Path.of("benchmarks/results");
  Path weftAgent;
  Path otelAgent;
  Path serviceJar;
  Path workDir = Path.of("benchmarks/runner/target/bench-work");
  String command = "benchmarks/run";
  String weftRevision = "";

  static Options parse(String[] args) {
    Options options = new Options();
    // --quick first, so that explicit options given with it still win.
    for (String arg : args) {
      if (arg.equals("--quick")) {
        options.quick = true;
        options.rounds = 1;
        options.launches = 2;
        options.warmupSeconds = 4;
        options.durationSeconds = 6;
      }
    }
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--quick")) {
        continue;
      }
      if (name.equals("--jfr")) {
        options.jfr = true;
        continue;
      }
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + name);
      }
      String value = args[++i];
      switch (name) {
        case "--rounds" -> options.rounds = positive(name, value);
        case "--launches" -> options.launches = positive(name, value);
        case "--warmup" -> options.warmupSeconds = positiveOrZero(name, value);
        case "--duration" -> options.durationSeconds = positive(name, value);
        case "--connections" -> options.connections = positive(name, value);
        case "--wrk-threads" -> options.wrkThreads = positive(name, value);
        case "--pace-ms" -> options.paceMillis = positiveOrZero(name, value);
        case "--agents" -> options.agents = agents(value);
        case "--jdbc-url" -> options.jdbcUrl = value;
        case "--jdbc-user" -> options.jdbcUser = value;
        case "--jdbc-password" -> options.jdbcPassword = value;
        case "--jvm-opts" -> options.jvmOpts = value;
        case "--java-home" -> options.javaHome = Path.of(value);
        case "--agent-env" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--agent-env wants NAME=VALUE, got " + value);
          }
          options.agentEnv.put(value.substring(0, eq), value.substring(eq + 1));
        }
        case "--note" -> options.note = value;
        case "--results-dir" -> options.resultsDir = Path.of(value);
        case "--weft-agent" -> options.weftAgent = Path.of(value);
        case "--otel-agent" -> options.otelAgent = Path.of(value);
        case "--service-jar" -> options.serviceJar = Path.of(value);
        case "--work-dir" -> options.workDir = Path.of(value);
        case "--command" -> options.command = value;
        case "--weft-revision" -> options.weftRevision = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (options.serviceJar == null) {
      throw new IllegalArgumentException("--service-jar is required (benchmarks/run sets it)");
    }
    if (options.agents.contains("weft") && options.weftAgent == null) {
      throw new IllegalArgumentException("--weft-agent is required to run agent 'weft'");
    }
    if (options.agents.contains("otel") && options.otelAgent == null) {
      throw new IllegalArgumentException("--otel-agent is required to run agent 'otel'");
    }
    return options;
  }

  private static List<String> agents(String value) {
    List<String> agents = new ArrayList<>();
    for (String agent : value.split(",")) {
      String id = agent.trim();
      if (!List.of("none", "weft", "otel").contains(id)) {
        throw new IllegalArgumentException("unknown agent " + id + " (none, weft, otel)");
      }
      if (!agents.contains(id)) {
        agents.add(id);
      }
    }
    if (agents.isEmpty()) {
      throw new IllegalArgumentException("--agents lists no agent");
    }
    return List.copyOf(agents);
  }

  private static int positive(String name, String value) {
    int number = positiveOrZero(name, value);
    if (number == 0) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return number;
  }

  private static int positiveOrZero(String name, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number < 0) {
        throw new IllegalArgumentException(name + " must not be negative: " + value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " wants a whole number, got " + value);
    }
  }
}
