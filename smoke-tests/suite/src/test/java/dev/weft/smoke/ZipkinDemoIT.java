package dev.weft.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.AgentJvm;
import dev.weft.testing.JvmResult;
import dev.weft.testing.RunningJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code demo/run --zipkin}, as a user runs it: the demo starts Zipkin (the exec jar the build resolved)
 * and both services, prints each trace's page in Zipkin's UI and keeps Zipkin up until Ctrl-C. Read back
 * through Zipkin's HTTP API, every trace must be whole; in headless Chromium, the trace page must list
 * its spans; Ctrl-C must leave no process behind. Next to it, the driver alone runs against a Zipkin that
 * is down and one that accepts connections and never answers: the shop must not change.
 *
 * <p>The spans expected follow the instrumentations the agents report at start-up, as in the demo's own
 * DemoEndToEndTest: with HttpURLConnection alone, CLIENT spans; with servlet and JDBC, the SERVER and
 * query spans and one trace per request across both services.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZipkinDemoIT {
  private static final Duration DEMO_TIMEOUT = Duration.ofSeconds(300); // two services and Zipkin on 2 busy cores
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern STARTUP_INSTRUMENTATIONS = Pattern.compile("\\[weft\\] Weft .* \\| instrumentations (.*)");

  private Path demoDir;
  private Path target;
  private Path logDir;
  private int zipkinPort;
  private String zipkin;
  private Process demo;
  private Path demoOutput;
  private String printed;
  private List<String> printedTraceIds;
  private Set<String> instrumentations;

  private ServerSocket silentZipkin;
  private final List<Socket> heldConnections = new CopyOnWriteArrayList<>();
  private RunningJvm silentRun;
  private int downPort;
  private RunningJvm downRun;

  @BeforeAll
  void runTheDemoWithZipkin() throws Exception {
    demoDir = Paths.get(System.getProperty("smoke.demo.dir")).toAbsolutePath().normalize();
    target = Paths.get(System.getProperty("basedir", "."), "target").toAbsolutePath();
    startSilentRun(); // in parallel with the main run: all mostly wait for JVMs to start
    downPort = freePort(); // nothing listens there
    downRun = driverAlone("down", downPort);

    zipkinPort = freePort();
    zipkin = "http://127.0.0.1:" + zipkinPort;
    logDir = target.resolve("zipkin-demo-logs");
    demoOutput = target.resolve("zipkin-demo-output.txt");
    // setsid: its own process group, which the test's Ctrl-C goes to as a terminal's does; env: SIGINT as
    // in a terminal, even when the build was started with it ignored (nohup, CI, a background shell).
    ProcessBuilder pb =
        new ProcessBuilder("setsid", "env", "--default-signal=INT", "bash", demoDir.resolve("run").toString(),
            "--zipkin", "--zipkin-port", String.valueOf(zipkinPort), "--log-dir", logDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(demoOutput.toFile());
    pb.environment().keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("OTEL_")
        || List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH").contains(k));
    Path javaHome = SmokeRun.javaHome();
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().put("PATH", javaHome.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
    demo = pb.start();

    long deadline = System.nanoTime() + DEMO_TIMEOUT.toNanos();
    while (!(printed = Files.readString(demoOutput)).contains("press Ctrl-C to stop it")) {
      if (!demo.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("demo/run --zipkin " + (demo.isAlive() ? "is not done after " + DEMO_TIMEOUT
            : "exited with code " + demo.exitValue()) + "; it printed:\n" + printed);
      }
      Thread.sleep(200);
    }
    System.out.println(printed);
    Matcher link = Pattern.compile(Pattern.quote(zipkin) + "/zipkin/traces/([0-9a-f]{32})").matcher(printed);
    printedTraceIds = new ArrayList<>();
    while (link.find()) {
      printedTraceIds.add(link.group(1));
    }
    instrumentations = instrumentations(logDir.resolve("shop-front.log"));
    assertThat(instrumentations(logDir.resolve("shop-back.log"))).isEqualTo(instrumentations);
  }

  /** The driver alone, exporting to a Zipkin that takes connections and never says a word. */
  private void startSilentRun() throws IOException {
    silentZipkin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!silentZipkin.isClosed()) {
                try {
                  heldConnections.add(silentZipkin.accept()); // held open, never read, never answered
                } catch (IOException e) {
                  return;
                }
              }
            },
            "silent-zipkin");
    acceptor.setDaemon(true);
    acceptor.start();
    silentRun = driverAlone("silent", silentZipkin.getLocalPort());
  }

  /** The demo's driver, non-interactive: exports to the Zipkin at that port as well, and exits. */
  private RunningJvm driverAlone(String name, int zipkinPort) {
    Path shop = demoDir.resolve("shop").resolve("target");
    return
        AgentJvm.builder()
            .withAgent(false)
            .javaHome(SmokeRun.javaHome())
            .mainClass("dev.weft.demo.Demo")
            .classpath(demoDir.resolve("target/weft-demo.jar"), demoDir.resolve("target/lib/*"))
            .args("--agent", Paths.get(System.getProperty(AgentJvm.AGENT_JAR_PROPERTY)).toAbsolutePath().toString(),
                "--shop-classpath", shop.resolve("classes") + File.pathSeparator + shop.resolve("lib") + "/*",
                "--log-dir", target.resolve("zipkin-" + name + "-demo-logs").toString(),
                "--zipkin-url", "http://127.0.0.1:" + zipkinPort)
            .name("demo-zipkin-" + name)
            .start();
  }

  @AfterAll
  void stopEverything() throws IOException {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
    if (silentRun != null) {
      silentRun.close();
    }
    if (downRun != null) {
      downRun.close();
    }
    if (silentZipkin != null) {
      silentZipkin.close();
    }
    for (Socket s : heldConnections) {
      s.close();
    }
  }

  // ---- Zipkin's HTTP API

  @Test
  @Order(1)
  void everyTraceIsWholeInZipkinsApi() {
    boolean servlet = instrumentations.contains("servlet");
    boolean jdbc = instrumentations.contains("jdbc");
    assertThat(instrumentations).contains("http-url-connection");

    assertThat(getJson("/api/v2/services")).isEqualTo(List.of("shop-back", "shop-front"));
    assertThat(printedTraceIds).as("trace links the demo printed\n%s", printed).isNotEmpty().doesNotHaveDuplicates();

    // Every trace of either service, by the search API; each the same through the single-trace API.
    Map<String, List<ZipkinSpan>> traces = new LinkedHashMap<>();
    for (String service : List.of("shop-front", "shop-back")) {
      for (List<ZipkinSpan> trace : tracesOf(service)) {
        traces.putIfAbsent(trace.get(0).traceId(), trace);
      }
    }
    for (Map.Entry<String, List<ZipkinSpan>> trace : traces.entrySet()) {
      assertThat(spans(getJson("/api/v2/trace/" + trace.getKey())))
          .containsExactlyInAnyOrderElementsOf(trace.getValue());
    }
    // The requests' traces are the ones the demo printed; any other is the services' start-up (tables).
    Map<String, List<ZipkinSpan>> requests = new LinkedHashMap<>(traces);
    requests.values().removeIf(trace -> trace.stream().noneMatch(s -> s.tags().containsKey("http.request.method")));
    assertThat(requests.keySet()).containsExactlyInAnyOrderElementsOf(printedTraceIds);
    traces.values().stream().filter(t -> !requests.containsValue(t)).flatMap(List::stream)
        .forEach(s -> assertThat(s.tags()).as("start-up span %s", s).containsKey("db.system.name"));

    List<ZipkinSpan> spans = new ArrayList<>();
    for (List<ZipkinSpan> trace : requests.values()) {
      assertThat(trace).extracting(ZipkinSpan::id).as("span ids of one trace").doesNotHaveDuplicates();
      assertThat(trace).filteredOn(s -> s.parentId() == null).as("roots of %s", trace).hasSize(1);
      for (ZipkinSpan span : trace) {
        assertThat(span.parentId() == null || trace.stream().anyMatch(p -> p.id().equals(span.parentId())))
            .as("the parent of %s is in its trace", span).isTrue();
      }
      spans.addAll(trace);
    }
    assertThat(spans.stream().map(s -> s.service() + " " + s.kind() + " " + s.name()).sorted())
        .as("spans of the requests, with %s", instrumentations)
        .containsExactlyElementsOf(expectedSpans(servlet, jdbc));

    // HTTP client calls: front -> back for the two products that exist, back -> the offline warehouse.
    for (String id : List.of("1", "2")) {
      ZipkinSpan call = clientCall(spans, "shop-front", "/stock/" + id);
      assertThat(call.tags()).containsEntry("http.response.status_code", "200").doesNotContainKey("error");
    }
    ZipkinSpan warehouse = clientCall(spans, "shop-back", "/restock/2");
    assertThat(warehouse.tags())
        .containsEntry("otel.status_code", "ERROR")
        .containsEntry("error.type", "java.net.ConnectException")
        .doesNotContainKey("http.response.status_code");
    for (ZipkinSpan call : spans) {
      if (call.tags().containsKey("url.full")) {
        // The peer: address and port of the URL called.
        URI url = URI.create(call.tags().get("url.full"));
        assertThat(call.tags())
            .containsEntry("http.request.method", "GET")
            .containsEntry("server.address", url.getHost())
            .containsEntry("server.port", String.valueOf(url.getPort()));
      }
    }

    if (servlet) {
      assertThat(requests).hasSize(4);
      for (List<ZipkinSpan> trace : requests.values()) {
        ZipkinSpan root = trace.stream().filter(s -> s.parentId() == null).findFirst().orElseThrow();
        assertThat(root.kind() + " " + root.service()).isEqualTo("SERVER shop-front");
      }
      assertServer(spans, "shop-front", "/products/1", "/products/*", "200");
      assertServer(spans, "shop-front", "/products/2", "/products/*", "200");
      assertServer(spans, "shop-front", "/products/42", "/products/*", "404");
      assertThat(assertServer(spans, "shop-front", "/bestsellers", "/bestsellers", "500").tags())
          .containsEntry("otel.status_code", "ERROR");
      for (String id : List.of("1", "2")) {
        ZipkinSpan call = clientCall(spans, "shop-front", "/stock/" + id);
        assertThat(call.parentId()).isEqualTo(server(spans, "shop-front", "/products/" + id).id());
        assertThat(assertServer(spans, "shop-back", "/stock/" + id, "/stock/*", "200").parentId())
            .as("shop-back's SERVER span under shop-front's CLIENT span").isEqualTo(call.id());
      }
      assertThat(warehouse.parentId()).isEqualTo(server(spans, "shop-back", "/stock/2").id());
    }
    if (servlet && jdbc) {
      for (ZipkinSpan query : spans) {
        if (!query.tags().containsKey("db.system.name")) {
          continue;
        }
        assertThat(query.tags().get("db.query.text")).as("SQL of %s, literals replaced by ?", query)
            .isNotBlank().doesNotContain("'").doesNotContainPattern("\\b\\d+\\b");
        ZipkinSpan parent = spans.stream().filter(p -> p.id().equals(query.parentId())).findFirst().orElseThrow();
        assertThat(parent.kind() + " " + parent.service()).as("parent of %s", query).isEqualTo("SERVER " + query.service());
      }
    }
  }

  /** "service KIND name", sorted; Zipkin stores span names in lower case. See DemoEndToEndTest. */
  private static List<String> expectedSpans(boolean servlet, boolean jdbc) {
    List<String> expected = new ArrayList<>();
    expected.addAll(Collections.nCopies(2, "shop-front CLIENT get"));
    expected.add("shop-back CLIENT get");
    if (servlet) {
      expected.addAll(Collections.nCopies(3, "shop-front SERVER get /products/*"));
      expected.add("shop-front SERVER get /bestsellers");
      expected.addAll(Collections.nCopies(2, "shop-back SERVER get /stock/*"));
    }
    if (jdbc) {
      expected.addAll(Collections.nCopies(4, "shop-front CLIENT select shop_products"));
      expected.addAll(Collections.nCopies(2, "shop-back CLIENT select shop_stock"));
    }
    Collections.sort(expected);
    return expected;
  }

  private static ZipkinSpan assertServer(List<ZipkinSpan> spans, String service, String path, String route, String status) {
    ZipkinSpan span = server(spans, service, path);
    assertThat(span.tags()).containsEntry("http.route", route).containsEntry("http.response.status_code", status)
        .containsEntry("http.request.method", "GET");
    return span;
  }

  private static ZipkinSpan clientCall(List<ZipkinSpan> spans, String service, String path) {
    return only(spans, s -> s.service().equals(service) && s.kind().equals("CLIENT")
        && s.tags().getOrDefault("url.full", "").endsWith(path));
  }

  private static ZipkinSpan server(List<ZipkinSpan> spans, String service, String path) {
    return only(spans, s -> s.service().equals(service) && s.kind().equals("SERVER")
        && path.equals(s.tags().get("url.path")));
  }

  private static ZipkinSpan only(List<ZipkinSpan> spans, Predicate<ZipkinSpan> p) {
    List<ZipkinSpan> matching = spans.stream().filter(p).collect(Collectors.toList());
    assertThat(matching).as("exactly one such span among %s", spans).hasSize(1);
    return matching.get(0);
  }

  // ---- the trace page in a real browser

  @Test
  @Order(2)
  void theTracePageListsEverySpanInChromium() throws IOException {
    assertThat(Paths.get(CHROMIUM)).as("Debian's chromium (.ci/run installs it)").isExecutable();
    assertThat(Paths.get(CHROMEDRIVER)).as("Debian's chromium-driver (.ci/run installs it)").isExecutable();
    // One page per service at least: the trace with the most services, then the most spans, of each.
    Map<String, List<ZipkinSpan>> pages = new LinkedHashMap<>();
    for (String service : List.of("shop-front", "shop-back")) {
      List<ZipkinSpan> widest = tracesOf(service).stream()
          .filter(t -> printedTraceIds.contains(t.get(0).traceId()))
          .max((a, b) -> a.stream().map(ZipkinSpan::service).distinct().count() != b.stream().map(ZipkinSpan::service).distinct().count()
              ? Long.compare(a.stream().map(ZipkinSpan::service).distinct().count(), b.stream().map(ZipkinSpan::service).distinct().count())
              : Integer.compare(a.size(), b.size()))
          .orElseThrow(() -> new AssertionError("no trace of " + service + " in Zipkin"));
      pages.putIfAbsent(widest.get(0).traceId(), widest);
    }
    if (instrumentations.contains("servlet")) {
      assertThat(pages).as("one trace holds both services").hasSize(1);
    }

    Path userData = Files.createTempDirectory(target, "chromium-profile-");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER); // never Selenium Manager's download
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + userData, "--window-size=1400,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      boolean first = true;
      for (List<ZipkinSpan> trace : pages.values()) {
        String url = zipkin + "/zipkin/traces/" + trace.get(0).traceId();
        assertThat(printed).contains(url);
        browser.get(url);
        // Zipkin's UI (Lens) renders in the browser: wait for the trace's summary.
        Pattern total = Pattern.compile("Total Spans\\s+" + trace.size() + "\\b");
        Pattern services = Pattern.compile("Services\\s+" + trace.stream().map(ZipkinSpan::service).distinct().count() + "\\b");
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(b -> total.matcher(b.findElement(By.tagName("body")).getText()).find());
        String text = browser.findElement(By.tagName("body")).getText();
        assertThat(text).as("page %s", url).containsPattern(services).contains(trace.get(0).traceId());
        for (ZipkinSpan span : trace) {
          assertThat(text).as("page %s", url).contains(span.service() + ": " + span.name());
        }
        if (first) {
          Path png = Paths.get(System.getProperty("smoke.screenshot", target.resolve("zipkin-trace.png").toString()));
          Files.createDirectories(png.toAbsolutePath().getParent());
          Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), png,
              StandardCopyOption.REPLACE_EXISTING);
          assertThat(Files.size(png)).isGreaterThan(10_000);
          first = false;
        }
      }
    } finally {
      browser.quit();
    }
  }

  // ---- Ctrl-C

  @Test
  @Order(3)
  void ctrlCStopsZipkinAndEverythingElseItStarted() throws Exception {
    List<ProcessHandle> started = demo.descendants().collect(Collectors.toList());
    assertThat(started).as("what demo/run runs while Zipkin stays up: the driver and Zipkin (the services"
        + " are already stopped)").hasSize(2);
    assertThat(started).anySatisfy(p -> assertThat(p.info().arguments().map(Arrays::asList).orElse(List.of()))
        .contains("dev.weft.demo.ZipkinLauncher"));

    Process ctrlC = new ProcessBuilder("kill", "-INT", "--", "-" + demo.pid()).inheritIO().start();
    assertThat(ctrlC.waitFor()).isZero();
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo/run ends after Ctrl-C").isTrue();
    assertThat(demo.exitValue()).isEqualTo(130);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(started).as("processes demo/run started, after Ctrl-C").noneMatch(ProcessHandle::isAlive);
    assertThat(answers(zipkinPort)).as("something still listens on Zipkin's port").isFalse();
  }

  // ---- Zipkin down or silent: the shop runs the same

  @Test
  @Order(4)
  void aZipkinThatIsDownChangesNothing() {
    JvmResult down = downRun.awaitExit(DEMO_TIMEOUT);
    System.out.println(down.stdout());
    assertThat(down.exitCode()).as("%s", down).isZero();
    assertThat(down.stdout()).contains("Zipkin does not answer at http://127.0.0.1:" + downPort)
        .doesNotContain("UNEXPECTED", "exited with code", "No spans arrived");
    // The shop's answers, and the traces' waterfalls (the OTLP export), as with a Zipkin that works.
    assertThat(answerLines(down.stdout())).isEqualTo(answerLines(printed)).hasSize(4);
    assertThat(summaryLine(down.stdout())).isEqualTo(summaryLine(printed));
  }

  @Test
  @Order(5)
  void aZipkinThatNeverAnswersChangesNothingForTheShop() {
    JvmResult silent = silentRun.awaitExit(DEMO_TIMEOUT);
    System.out.println(silent.stdout());
    assertThat(silent.stdout()).contains("Zipkin does not answer at http://127.0.0.1:" + silentZipkin.getLocalPort())
        .doesNotContain("UNEXPECTED", "exited with code");
    // The driver's health check, and at least one export of each service.
    assertThat(heldConnections).as("connections to the silent Zipkin").hasSizeGreaterThanOrEqualTo(3);
    assertThat(answerLines(silent.stdout())).isEqualTo(answerLines(printed)).hasSize(4);
    // Each exporter has its own batch processor (PerExporterBatching): the silent Zipkin holds up only
    // its own export, and every span still reaches the demo over OTLP.
    assertThat(summaryLine(silent.stdout())).isEqualTo(summaryLine(printed));
  }

  private static List<String> answerLines(String output) {
    // "  GET /products/1    -> 200  {...}", not the waterfall's "  GET /products/*   SERVER  1.2 s ..."
    return output.lines().filter(l -> l.matches("  GET /\\S+ +-> \\d{3} .*")).collect(Collectors.toList());
  }

  private static String summaryLine(String output) {
    return output.lines().filter(l -> l.matches("\\d+ traces?, \\d+ spans? from .*")).findFirst().orElse("none");
  }

  // ---- helpers

  record ZipkinSpan(String traceId, String id, String parentId, String kind, String name, String service,
      Map<String, String> tags) {}

  private List<List<ZipkinSpan>> tracesOf(String service) {
    List<?> traces = (List<?>) getJson("/api/v2/traces?serviceName=" + service + "&limit=1000&lookback=3600000&endTs="
        + System.currentTimeMillis());
    return traces.stream().map(ZipkinDemoIT::spans).collect(Collectors.toList());
  }

  @SuppressWarnings("unchecked")
  private static List<ZipkinSpan> spans(Object json) {
    List<ZipkinSpan> spans = new ArrayList<>();
    for (Object o : (List<?>) json) {
      Map<String, Object> span = (Map<String, Object>) o;
      Map<String, Object> local = (Map<String, Object>) span.getOrDefault("localEndpoint", Map.of());
      Map<String, String> tags = new LinkedHashMap<>();
      ((Map<String, Object>) span.getOrDefault("tags", Map.of())).forEach((k, v) -> tags.put(k, String.valueOf(v)));
      spans.add(new ZipkinSpan((String) span.get("traceId"), (String) span.get("id"), (String) span.get("parentId"),
          (String) span.get("kind"), (String) span.get("name"), (String) local.get("serviceName"), tags));
    }
    return spans;
  }

  private Object getJson(String path) {
    try {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create(zipkin + path)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return new Json().toType(response.body(), Json.OBJECT_TYPE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** From the agent's start-up line: "[weft] Weft ... | instrumentations a, b". */
  private static Set<String> instrumentations(Path log) throws IOException {
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = STARTUP_INSTRUMENTATIONS.matcher(line);
      if (m.matches()) {
        return new TreeSet<>(Arrays.asList(m.group(1).trim().split(",\\s*")));
      }
    }
    throw new AssertionError("no agent start-up line in " + log);
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
