package dev.weft.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The quick-start demo (run it with {@code demo/run}): starts shop-front (Tomcat) and shop-back (Jetty),
 * each in its own JVM under the Weft agent, sends the front a few requests, stops both, and prints
 * every trace they produced as one waterfall across both services.
 *
 * <p>Each service's {@code console} exporter would only see its own spans, so the services export over
 * OTLP/HTTP to a receiver in this process, which renders them with the console exporter's code. This
 * process runs without the agent. When the user sets {@code OTEL_TRACES_EXPORTER} themselves, the
 * services export where the user's {@code OTEL_*} variables say (Jaeger, a collector, ...) instead.
 */
public final class Demo {
  static final String FRONT = "shop-front";
  static final String BACK = "shop-back";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120); // two JVMs on a busy laptop
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  /** No export for this long after the last answer: the services have sent the requests' spans. */
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration QUIET_MAX = Duration.ofSeconds(15);
  static final int ZIPKIN_DEFAULT_PORT = 9411;
  private static final Duration ZIPKIN_START_TIMEOUT = Duration.ofSeconds(180); // Spring Boot on a busy laptop
  /** How long the services' last spans may take to be stored by Zipkin after they stopped. */
  private static final Duration ZIPKIN_ARRIVAL_TIMEOUT = Duration.ofSeconds(15);
  private static final List<String> VALUE_OPTIONS =
      List.of("--agent", "--shop-classpath", "--jdbc-url", "--log-dir", "--zipkin-jar", "--zipkin-port", "--zipkin-url");

  /** What the demo asks shop-front, and the status a correct shop answers. */
  record Call(String path, int expectedStatus, String what) {}

  static final List<Call> CALLS =
      List.of(
          new Call("/products/1", 200, "a product: its database, then shop-back and its database"),
          new Call("/products/2", 200, "sold out: shop-back also asks the warehouse, which is offline"),
          new Call("/products/42", 404, "no such product"),
          new Call("/bestsellers", 500, "a query naming a column that does not exist"));

  /**
   * @param zipkinJar Zipkin's exec jar, for {@code --zipkin}
   * @param zipkinPort with {@code --zipkin}: the port of the Zipkin the demo starts, and keeps up until
   *     Ctrl-C; else null
   * @param zipkinUrl with {@code --zipkin-url}: a Zipkin the user runs; else null
   */
  record Options(
      Path agentJar, String shopClasspath, String jdbcUrl, Path logDir, Path javaHome,
      Path zipkinJar, Integer zipkinPort, String zipkinUrl) {
    Options(Path agentJar, String shopClasspath, String jdbcUrl, Path logDir, Path javaHome) {
      this(agentJar, shopClasspath, jdbcUrl, logDir, javaHome, null, null, null);
    }

    boolean zipkin() {
      return zipkinPort != null || zipkinUrl != null;
    }
  }

  record Answer(Call call, int status, String body) {
    boolean asExpected() {
      return status == call.expectedStatus();
    }
  }

  /**
   * @param traces the traces of the requests, one list of spans per trace (empty when the spans went
   *     to the user's backend)
   * @param startupTraces traces that ended before the first request: the services' own start-up work
   *     (creating and filling their tables), not shown
   * @param exportedTo where the spans went, when not to this process
   * @param zipkinMissing with a Zipkin that answered: how many of the traces it did not get whole
   */
  record Result(
      List<Answer> answers,
      List<List<ReceivedSpanData>> traces,
      int startupTraces,
      String exportedTo,
      boolean servicesStoppedCleanly,
      int zipkinMissing) {
    Result(List<Answer> answers, List<List<ReceivedSpanData>> traces, int startupTraces, String exportedTo,
        boolean servicesStoppedCleanly) {
      this(answers, traces, startupTraces, exportedTo, servicesStoppedCleanly, 0);
    }

    boolean ok() {
      return servicesStoppedCleanly
          && answers.size() == CALLS.size()
          && answers.stream().allMatch(Answer::asExpected)
          && (exportedTo != null || !traces.isEmpty())
          && zipkinMissing == 0;
    }
  }

  private Demo() {}

  public static void main(String[] args) throws Exception {
    Result result;
    try {
      result = run(parse(args), System.getenv(), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: demo/run [--jdbc-url URL] [--zipkin [--zipkin-port N] | --zipkin-url URL]"
              + "   (the script passes --agent, --shop-classpath, --log-dir and --zipkin-jar)");
      System.exit(2);
      return;
    }
    System.exit(result.ok() ? 0 : 1);
  }

  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    boolean ownZipkin = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--zipkin")) {
        ownZipkin = true;
        continue;
      }
      if (!VALUE_OPTIONS.contains(arg) || i + 1 == args.length) {
        throw new IllegalArgumentException("unknown or incomplete option: " + arg);
      }
      values.put(arg.substring(2), args[++i]);
    }
    if (!values.containsKey("agent") || !values.containsKey("shop-classpath")) {
      throw new IllegalArgumentException("--agent and --shop-classpath are required");
    }
    Path agent = Paths.get(values.get("agent"));
    if (!Files.isRegularFile(agent)) {
      throw new IllegalArgumentException("no agent jar at " + agent + "; build it: mvn -B -q install -DskipTests");
    }
    if (values.containsKey("zipkin-port") && !ownZipkin) {
      throw new IllegalArgumentException("--zipkin-port goes with --zipkin");
    }
    if (ownZipkin && values.containsKey("zipkin-url")) {
      throw new IllegalArgumentException("--zipkin starts a Zipkin; --zipkin-url uses one you run: pick one");
    }
    Path zipkinJar = values.containsKey("zipkin-jar") ? Paths.get(values.get("zipkin-jar")) : null;
    if (ownZipkin && (zipkinJar == null || !Files.isRegularFile(zipkinJar))) {
      throw new IllegalArgumentException("no Zipkin server jar at " + zipkinJar
          + "; the build puts it into demo/target/zipkin/: WEFT_REBUILD=1 demo/run --zipkin");
    }
    Integer zipkinPort = null;
    if (ownZipkin) {
      try {
        zipkinPort = Integer.parseInt(values.getOrDefault("zipkin-port", String.valueOf(ZIPKIN_DEFAULT_PORT)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--zipkin-port wants a number, not " + values.get("zipkin-port"));
      }
      if (zipkinPort < 1 || zipkinPort > 65535) {
        throw new IllegalArgumentException("--zipkin-port wants a port number (1-65535), not " + zipkinPort);
      }
    }
    String zipkinUrl = values.get("zipkin-url");
    if (zipkinUrl != null) {
      ZipkinServer.at(zipkinUrl); // fails on a URL that is none
    }
    return new Options(
        agent,
        values.get("shop-classpath"),
        values.get("jdbc-url"),
        Paths.get(values.getOrDefault("log-dir", Paths.get(System.getProperty("java.io.tmpdir"), "weft-demo").toString())),
        Paths.get(System.getProperty("java.home")),
        zipkinJar,
        zipkinPort,
        zipkinUrl);
  }

  /** Runs the whole demo, printing to {@code out}; {@code env} is what the services inherit. */
  static Result run(Options options, Map<String, String> env, PrintStream out) throws Exception {
    String userExporter = env.get("OTEL_TRACES_EXPORTER");
    boolean toUserBackend = userExporter != null && !userExporter.isBlank();
    if (toUserBackend && options.zipkin()) {
      throw new IllegalArgumentException("--zipkin and --zipkin-url choose the exporters themselves;"
          + " unset OTEL_TRACES_EXPORTER=" + userExporter);
    }
    int frontPort = freePort();
    int backPort = freePort();
    int warehousePort = freePort(); // nothing listens there: the warehouse is "offline"

    out.println("Weft demo: shop-front (Tomcat) calls shop-back (Jetty), each in its own JVM with -javaagent:" + options.agentJar());
    out.println("  databases: " + (options.jdbcUrl() == null ? "H2 in memory, one per service" : withoutParameters(options.jdbcUrl())));
    out.println("  service logs (Tomcat, Jetty, the agent): " + options.logDir());

    List<ServiceProcess> services = new CopyOnWriteArrayList<>(); // also read by the shutdown hook
    Thread killOnExit = new Thread(() -> services.forEach(ServiceProcess::close), "demo-stop-services");
    Runtime.getRuntime().addShutdownHook(killOnExit); // Ctrl-C: no service (nor Zipkin) outlives the demo
    ZipkinServer zipkin = null;
    try (OtlpReceiver receiver = toUserBackend ? null : OtlpReceiver.start()) {
      long startNanos = System.nanoTime();
      boolean zipkinAnswers = false;
      if (options.zipkinPort() != null) {
        Map<String, String> zipkinEnv = new HashMap<>(env);
        zipkinEnv.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("OTEL_"));
        zipkin = ZipkinServer.start(options.zipkinJar(), options.zipkinPort(), options.javaHome(), zipkinEnv,
            options.logDir().resolve("zipkin.log"));
        services.add(zipkin.process); // started first, as it is the slowest to come up
      } else if (options.zipkinUrl() != null) {
        zipkin = ZipkinServer.at(options.zipkinUrl());
        zipkinAnswers = zipkin.healthy();
        out.println(zipkinAnswers
            ? "  Zipkin " + zipkin.version() + " at " + zipkin.baseUrl
            : "  Zipkin does not answer at " + zipkin.baseUrl + "/health: the services export to it anyway"
                + " (and run the same); no trace links this time");
      }
      Map<String, String> serviceEnv = new HashMap<>(env);
      if (receiver != null) {
        serviceEnv.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("OTEL_EXPORTER_OTLP_"));
        // Each service exports to the demo (for the waterfall) and, with --zipkin, to Zipkin as well.
        serviceEnv.put("OTEL_TRACES_EXPORTER", zipkin == null ? "otlp" : "otlp,zipkin");
        serviceEnv.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        serviceEnv.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        if (zipkin != null) {
          serviceEnv.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("OTEL_EXPORTER_ZIPKIN_"));
          serviceEnv.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint());
        }
        // Spans reach the demo a fifth of a second after they end rather than five seconds.
        serviceEnv.putIfAbsent("OTEL_BSP_SCHEDULE_DELAY", "200");
      }

      services.add(
          startService(options, serviceEnv, FRONT, "dev.weft.demo.shop.front.FrontService",
              "--port", String.valueOf(frontPort), "--back-url", "http://127.0.0.1:" + backPort));
      services.add(
          startService(options, serviceEnv, BACK, "dev.weft.demo.shop.back.BackService",
              "--port", String.valueOf(backPort), "--warehouse-url", "http://127.0.0.1:" + warehousePort));
      for (ServiceProcess service : services) {
        if (zipkin == null || service != zipkin.process) {
          service.awaitReady(START_TIMEOUT);
        }
      }
      out.printf(Locale.ROOT, "Both services are up after %.1f s.%n", (System.nanoTime() - startNanos) / 1e9);
      if (zipkin != null && zipkin.process != null) {
        zipkin.awaitHealthy(ZIPKIN_START_TIMEOUT);
        zipkinAnswers = true;
        out.printf(Locale.ROOT, "Zipkin %s is up after %.1f s at %s (127.0.0.1 only, in-memory; log: %s)%n",
            zipkin.version(), (System.nanoTime() - startNanos) / 1e9, zipkin.uiUrl(), zipkin.process.logFile);
      }
      for (ServiceProcess service : services) {
        if (zipkin != null && service == zipkin.process) {
          continue;
        }
        service.agentLines().forEach(line -> out.println("  " + service.name + ": " + line));
      }
      out.println("Requests:");

      long firstRequestEpochNanos = epochNanos();
      List<Answer> answers = send("http://127.0.0.1:" + frontPort, out);

      if (receiver != null) {
        receiver.awaitQuiet(QUIET, QUIET_MAX);
      }
      out.println("Stopping the services (their agents export the last spans on the way out)...");
      boolean clean = true;
      for (ServiceProcess service : services) {
        if (zipkin != null && service == zipkin.process) {
          continue;
        }
        int code = service.stop(STOP_TIMEOUT);
        if (code != 0) {
          clean = false;
          out.println(service.name + " exited with code " + code + "; the end of " + service.logFile + ":");
          out.println(service.tail());
        }
      }
      out.println();

      if (receiver == null) {
        String target =
            userExporter.contains("otlp")
                ? env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                    env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "the default OTLP endpoint (localhost)"))
                : "their exporters";
        out.println("OTEL_TRACES_EXPORTER=" + userExporter + ": the services exported their spans to " + target
            + " (services shop-front and shop-back); anything the agents printed is in " + options.logDir());
        return new Result(answers, List.of(), 0, target, clean);
      }

      List<List<ReceivedSpanData>> shown = new ArrayList<>();
      int startup = 0;
      for (List<ReceivedSpanData> trace : TraceWaterfalls.traces(receiver.spans())) {
        if (TraceWaterfalls.end(trace) < firstRequestEpochNanos) {
          startup++;
        } else {
          shown.add(trace);
        }
      }
      for (List<ReceivedSpanData> trace : shown) {
        out.print(TraceWaterfalls.render(trace));
      }
      if (shown.isEmpty()) {
        out.println("No spans arrived from the services. Their agents' lines are above; their logs are in " + options.logDir());
      } else {
        out.println();
        out.println(summary(shown, startup));
      }
      int zipkinMissing = 0;
      if (zipkin != null && zipkinAnswers) {
        zipkinMissing = printZipkinLinks(zipkin, shown, out);
      }
      if (zipkin != null && zipkin.process != null) {
        out.println();
        out.println("Zipkin keeps running at " + zipkin.uiUrl() + " - press Ctrl-C to stop it.");
        out.flush();
        Thread.currentThread().join(); // until Ctrl-C: the shutdown hook stops Zipkin
      }
      return new Result(answers, shown, startup, null, clean, zipkinMissing);
    } finally {
      services.forEach(ServiceProcess::close);
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs anyway
      }
    }
  }

  private static ServiceProcess startService(
      Options options, Map<String, String> baseEnv, String name, String mainClass, String... args) {
    Map<String, String> env = new HashMap<>(baseEnv);
    env.put("OTEL_SERVICE_NAME", name);
    List<String> command = new ArrayList<>();
    command.add(options.javaHome().resolve("bin").resolve("java").toString());
    command.add("-javaagent:" + options.agentJar().toAbsolutePath());
    command.add("-cp");
    command.add(options.shopClasspath());
    command.add(mainClass);
    command.addAll(List.of(args));
    if (options.jdbcUrl() != null) {
      command.add("--jdbc-url");
      command.add(options.jdbcUrl());
    }
    return ServiceProcess.start(name, command, env, options.logDir().resolve(name + ".log"));
  }

  private static List<Answer> send(String front, PrintStream out) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Answer> answers = new ArrayList<>();
    for (Call call : CALLS) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(front + call.path())).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      Answer answer = new Answer(call, response.statusCode(), response.body());
      answers.add(answer);
      boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
      out.printf(
          Locale.ROOT,
          "  GET %-14s -> %d  %s%s%n",
          call.path(),
          answer.status(),
          json ? oneLine(answer.body(), 110) : "(" + call.what() + ")",
          answer.asExpected() ? "" : "   UNEXPECTED: a correct shop answers " + call.expectedStatus());
    }
    return answers;
  }

  /**
   * Waits until Zipkin holds every span of each trace (the services' last exports were still on their
   * way when they stopped), then prints each trace's page; returns how many traces it did not get whole.
   */
  private static int printZipkinLinks(ZipkinServer zipkin, List<List<ReceivedSpanData>> traces, PrintStream out)
      throws InterruptedException {
    long deadline = System.nanoTime() + ZIPKIN_ARRIVAL_TIMEOUT.toNanos();
    Map<String, Integer> stored = new HashMap<>();
    for (List<ReceivedSpanData> trace : traces) {
      String id = trace.get(0).traceId();
      int count;
      while ((count = zipkin.spanCount(id)) < trace.size() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      stored.put(id, count);
    }
    out.println();
    out.println("The same traces in Zipkin:");
    int missing = 0;
    for (List<ReceivedSpanData> trace : traces) {
      String id = trace.get(0).traceId();
      ReceivedSpanData root = trace.stream().filter(s -> s.parentId().isEmpty()).findFirst().orElse(trace.get(0));
      int count = stored.get(id);
      String note = count == trace.size() ? "" : "   Zipkin has " + count + " of its spans";
      if (count != trace.size()) {
        missing++;
      }
      out.printf(Locale.ROOT, "  %s  %-10s %-22s %2d %s%s%n", zipkin.traceUrl(id), root.serviceName(), root.getName(),
          trace.size(), trace.size() == 1 ? "span" : "spans", note);
    }
    return missing;
  }

  static String summary(List<List<ReceivedSpanData>> traces, int startupTraces) {
    int spans = traces.stream().mapToInt(List::size).sum();
    long crossService = traces.stream().filter(t -> TraceWaterfalls.spansPerService(t).size() > 1).count();
    StringBuilder sb = new StringBuilder();
    sb.append(traces.size()).append(traces.size() == 1 ? " trace, " : " traces, ").append(spans).append(spans == 1 ? " span" : " spans");
    sb.append(" from ").append(String.join(" and ", TraceWaterfalls.services(traces).stream().sorted().toList()));
    sb.append("; ").append(crossService).append(crossService == 1 ? " trace crosses" : " traces cross")
        .append(" from one service to the other.");
    if (startupTraces > 0) {
      sb.append(" Not shown: ").append(startupTraces).append(startupTraces == 1 ? " trace" : " traces")
          .append(" of the services' start-up (creating and filling their tables).");
    }
    return sb.toString();
  }

  private static String oneLine(String s, int max) {
    String line = s.replaceAll("\\s+", " ").trim();
    return line.length() <= max ? line : line.substring(0, max - 3) + "...";
  }

  private static String withoutParameters(String jdbcUrl) {
    int cut = jdbcUrl.indexOf('?');
    return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
