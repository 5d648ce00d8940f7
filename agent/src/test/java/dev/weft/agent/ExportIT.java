package dev.weft.agent;

import static dev.weft.agent.AppRuns.SPAN_TIMEOUT;
import static dev.weft.agent.AppRuns.appOutput;
import static dev.weft.agent.AppRuns.httpApp;
import static dev.weft.agent.AppRuns.lines;
import static dev.weft.agent.AppRuns.ofService;
import static dev.weft.agent.AppRuns.startupLines;
import static dev.weft.testing.ReceivedSpan.Kind.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.weft.agent.apps.EarlyCallApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.FakeCollector;
import dev.weft.testing.JvmResult;
import dev.weft.testing.ReceivedRequest;
import dev.weft.testing.ReceivedSpan;
import dev.weft.testing.TestCertificate;
import dev.weft.testing.TraceAssert;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans reach the collector over both OTLP transports, configured the way the OpenTelemetry agent is:
 * compression, headers, the signal-specific endpoint, resource attributes, and the precedence of
 * system properties over environment variables over the configuration file. The runs start together
 * and share one collector; spans are told apart by service name, requests by an x-tenant header.
 */
class ExportIT {
  /** Must reach the collector, and must never be printed. */
  private static final String TOKEN = "secret-token-5f3a9c";

  /**
   * These apps live a few hundred milliseconds: with a long schedule delay their spans leave in the
   * final flush at exit, as a short-lived application's do with the default delay (5 s).
   */
  private static final String FLUSH_AT_EXIT_ONLY = "60000";

  private static final String TWO_CALLS =
      "GET /hello/1 -> 200 hello-1\nGET /hello/2 -> 200 hello-2\nmain returning";

  @TempDir static Path dir;

  private static FakeCollector collector;
  private static FakeCollector tlsCollector;
  private static HttpServer earlyCallTarget;
  private static final Launched runs = new Launched(3);

  @BeforeAll
  static void startAll() throws IOException {
    collector = FakeCollector.start();
    TestCertificate certificate = TestCertificate.create(dir.resolve("tls"));
    tlsCollector = FakeCollector.startWithTls(certificate);
    earlyCallTarget = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    earlyCallTarget.createContext("/early", exchange -> {
      byte[] body = "early".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    earlyCallTarget.start();

    runs.queue("http", app("http", "requests=2")
        .env("OTEL_SERVICE_NAME", "export-http")
        .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging,team=payments")
        .env("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")
        .env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20" + TOKEN + ",x-tenant=acme-http")
        .env("OTEL_JAVAAGENT_DEBUG", "true"));
    runs.queue("grpc", httpApp("grpc", "requests=2").otlpGrpcTo(collector)
        .env("OTEL_BSP_SCHEDULE_DELAY", FLUSH_AT_EXIT_ONLY)
        .env("OTEL_SERVICE_NAME", "export-grpc")
        .env("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")
        .env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer " + TOKEN + ",x-tenant=acme-grpc"));
    // The collector's own certificate, as a private CA's would be: the TLS path of the exporter's HTTP
    // client (and the part of Kotlin it needs, which the build cuts down) runs end to end.
    runs.queue("https", httpApp("https", "requests=2").otlpTo(tlsCollector)
        .env("OTEL_BSP_SCHEDULE_DELAY", FLUSH_AT_EXIT_ONLY)
        .env("OTEL_SERVICE_NAME", "export-https")
        .env("OTEL_EXPORTER_OTLP_CERTIFICATE", certificate.certificatePem().toString()));
    runs.queue("grpcs", httpApp("grpcs", "requests=2").otlpGrpcTo(tlsCollector)
        .env("OTEL_BSP_SCHEDULE_DELAY", FLUSH_AT_EXIT_ONLY)
        .env("OTEL_SERVICE_NAME", "export-grpcs")
        .env("OTEL_EXPORTER_OTLP_CERTIFICATE", certificate.certificatePem().toString()));
    runs.queue("traces-endpoint", app("traces-endpoint", "requests=2")
        .env("OTEL_SERVICE_NAME", "export-traces-endpoint")
        // The general endpoint leads nowhere: only the signal-specific one can deliver.
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + AppRuns.closedPort())
        .env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.httpTracesEndpoint())
        .env("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-tenant=acme-traces")
        // Unset, as most users leave it: Weft's default is http/protobuf (the SDK's alone is gRPC).
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", null));
    runs.queue("sysprop", app("sysprop", "requests=1")
        .env("OTEL_SERVICE_NAME", "from-env-under-sysprop")
        .sysProp("otel.service.name", "from-sysprop"));

    Path config = dir.resolve("weft.properties");
    Files.writeString(config, "otel.service.name=from-file\notel.resource.attributes=config.source=file\n");
    runs.queue("config-file", app("config-file", "requests=1")
        .env("OTEL_JAVAAGENT_CONFIGURATION_FILE", config.toString())
        .env("OTEL_SERVICE_NAME", "from-env-over-file"));

    runs.queue("early", AgentJvm.builder()
        .mainClass(EarlyCallApp.class.getName())
        .classpathOf(EarlyCallApp.class)
        .args("http://127.0.0.1:" + earlyCallTarget.getAddress().getPort() + "/early")
        .otlpTo(collector)
        .env("OTEL_BSP_SCHEDULE_DELAY", FLUSH_AT_EXIT_ONLY)
        .env("OTEL_SERVICE_NAME", "early-span")
        .env("OTEL_JAVAAGENT_DEBUG", "true"));
  }

  private static AgentJvm.Builder app(String name, String... args) {
    return httpApp(name, args).otlpTo(collector).env("OTEL_BSP_SCHEDULE_DELAY", FLUSH_AT_EXIT_ONLY);
  }

  @AfterAll
  static void stopAll() {
    runs.close();
    if (collector != null) {
      collector.close();
    }
    if (tlsCollector != null) {
      tlsCollector.close();
    }
    if (earlyCallTarget != null) {
      earlyCallTarget.stop(0);
    }
  }

  private static List<ReceivedRequest> requestsOfTenant(String tenant) {
    return collector.requests().stream()
        .filter(r -> tenant.equals(r.header("x-tenant")))
        .collect(Collectors.toList());
  }

  private static void assertTwoClientSpans(List<ReceivedSpan> spans, String serviceName) {
    TraceAssert.assertThat(spans)
        .hasSpanCount(2)
        .hasTraceCount(2)
        .allSpansSatisfy(span -> span.hasName("GET").hasKind(CLIENT).hasNoParent()
            .hasResourceAttribute("service.name", serviceName)
            .hasAttribute("http.request.method", "GET")
            .hasAttribute("http.response.status_code", 200)
            .hasAttribute("server.address", "127.0.0.1"));
  }

  @Test
  void exportsOverHttpProtobufWithGzipHeadersAndResourceAttributes() {
    JvmResult result = runs.result("http").assertExitCode(0);
    assertThat(appOutput(result.stdout())).isEqualTo(TWO_CALLS);

    List<ReceivedSpan> spans = ofService(
        collector.awaitSpans(all -> ofService(all, "export-http").size() >= 2, SPAN_TIMEOUT), "export-http");
    assertTwoClientSpans(spans, "export-http");
    TraceAssert.assertThat(spans).allSpansSatisfy(span -> span
        .hasResourceAttribute("deployment.environment", "staging")
        .hasResourceAttribute("team", "payments")
        .hasAttributeSatisfying("url.full", url -> assertThat((String) url).matches("http://127\\.0\\.0\\.1:\\d+/hello/[12]")));

    List<ReceivedRequest> requests = requestsOfTenant("acme-http");
    assertThat(requests).isNotEmpty().allSatisfy(r -> {
      assertThat(r.transport()).isEqualTo(ReceivedRequest.Transport.HTTP);
      assertThat(r.path()).isEqualTo(FakeCollector.TRACES_PATH);
      assertThat(r.wasGzip()).as("gzip").isTrue();
      assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(r.header("content-type")).isEqualTo("application/x-protobuf");
    });
  }

  /** OTEL_JAVAAGENT_DEBUG=true shows what Weft does, and still never the exporter's headers. */
  @Test
  void debugShowsTransformationsAndEndedSpansButNeverTheToken() {
    JvmResult result = runs.result("http");
    assertThat(result.stderr())
        .contains("[weft] DEBUG transformed sun.net.www.protocol.http.HttpURLConnection")
        .doesNotContain(TOKEN);
    assertThat(lines(result.stderr()).stream().filter(l -> l.startsWith("[weft] DEBUG span ended: 'GET' CLIENT")))
        .hasSize(2);
    assertThat(result.stdout()).doesNotContain(TOKEN);
    assertThat(startupLines(result.stderr())).singleElement().asString().doesNotContain("secret");
  }

  @Test
  void exportsOverGrpcWithGzipAndHeaders() {
    JvmResult result = runs.result("grpc").assertExitCode(0);
    assertThat(appOutput(result.stdout())).isEqualTo(TWO_CALLS);

    assertTwoClientSpans(ofService(
        collector.awaitSpans(all -> ofService(all, "export-grpc").size() >= 2, SPAN_TIMEOUT), "export-grpc"),
        "export-grpc");
    assertThat(requestsOfTenant("acme-grpc")).isNotEmpty().allSatisfy(r -> {
      assertThat(r.transport()).isEqualTo(ReceivedRequest.Transport.GRPC);
      assertThat(r.path()).isEqualTo(FakeCollector.GRPC_TRACES_PATH);
      assertThat(r.wasGzip()).as("gzip").isTrue();
      assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN);
    });
    assertThat(result.stdout() + result.stderr()).doesNotContain(TOKEN);
  }

  @Test
  void exportsOverHttpsAndGrpcWithTlsToACollectorWithItsOwnCertificate() {
    for (String transport : List.of("https", "grpcs")) {
      JvmResult result = runs.result(transport).assertExitCode(0);
      assertThat(appOutput(result.stdout())).isEqualTo(TWO_CALLS);
      String service = "export-" + transport;
      assertTwoClientSpans(ofService(
          tlsCollector.awaitSpans(all -> ofService(all, service).size() >= 2, SPAN_TIMEOUT), service), service);
      // Nothing but the start-up line: no handshake or export failure was logged on the way.
      assertThat(result.stderr()).as("stderr of " + transport).isEqualTo(startupLines(result.stderr()).get(0) + "\n");
    }
    assertThat(tlsCollector.requests()).extracting(ReceivedRequest::transport)
        .contains(ReceivedRequest.Transport.HTTP, ReceivedRequest.Transport.GRPC);
  }

  /** Exactly one line, with the version, where spans go, the service and the instrumentations. */
  @Test
  void theStartUpLineSaysWhatWeftDoes() {
    JvmResult grpc = runs.result("grpc");
    assertThat(grpc.stderr()).isEqualTo(startupLines(grpc.stderr()).get(0) + "\n");
    assertThat(startupLines(grpc.stderr())).singleElement().asString()
        .startsWith("[weft] Weft " + AppRuns.agentVersion() + " started in ")
        .contains(" | service export-grpc | ")
        .contains(" | exporter otlp (grpc " + collector.grpcEndpoint() + ") | ")
        .containsPattern(" \\| instrumentations (.+, )?http-url-connection(, .+)?$")
        .doesNotContain("secret")
        .doesNotContain("acme");

    assertThat(startupLines(runs.result("traces-endpoint").stderr())).singleElement().asString()
        .contains(" | exporter otlp (http/protobuf " + collector.httpTracesEndpoint() + ") | ");
  }

  @Test
  void theSignalSpecificEndpointAndHeadersWin() {
    runs.result("traces-endpoint").assertExitCode(0);
    assertTwoClientSpans(ofService(
        collector.awaitSpans(all -> ofService(all, "export-traces-endpoint").size() >= 2, SPAN_TIMEOUT),
        "export-traces-endpoint"), "export-traces-endpoint");
    assertThat(requestsOfTenant("acme-traces")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.wasGzip()).as("gzip is off by default").isFalse());
  }

  @Test
  void aSystemPropertyBeatsTheEnvironmentVariable() {
    runs.result("sysprop").assertExitCode(0);
    collector.awaitSpan(s -> "from-sysprop".equals(s.resourceAttribute("service.name")), SPAN_TIMEOUT);
    assertThat(ofService(collector.spans(), "from-env-under-sysprop")).isEmpty();
  }

  @Test
  void theConfigurationFileIsReadAndLosesToEnvironmentVariables() {
    JvmResult result = runs.result("config-file").assertExitCode(0);
    ReceivedSpan span = collector.awaitSpan(
        s -> "from-env-over-file".equals(s.resourceAttribute("service.name")), SPAN_TIMEOUT);
    assertThat(span.resourceAttribute("config.source")).as("read from the file").isEqualTo("file");
    assertThat(ofService(collector.spans(), "from-file")).isEmpty();
    assertThat(AppRuns.warnings(result.stderr())).isEmpty();
  }

  /**
   * The SDK is built on a background thread; a call made before it is ready waits for it (bounded)
   * rather than going untraced. The debug line proves the SDK really was not ready at the end of
   * premain, so the call raced it.
   */
  @Test
  void aCallMadeBeforeTheSdkIsReadyIsStillTraced() {
    JvmResult result = runs.result("early").assertExitCode(0);
    assertThat(result.stdout()).isEqualTo("status 200\n");
    assertThat(result.stderr()).contains("[weft] DEBUG the SDK is still being set up in the background");

    ReceivedSpan span = collector.awaitSpan(s -> "early-span".equals(s.resourceAttribute("service.name")), SPAN_TIMEOUT);
    TraceAssert.assertThat(List.of(span)).hasSpansSatisfyingExactly(s -> s.hasName("GET").hasKind(CLIENT)
        .hasAttribute("url.full", "http://127.0.0.1:" + earlyCallTarget.getAddress().getPort() + "/early")
        .hasAttribute("http.response.status_code", 200));
  }
}
