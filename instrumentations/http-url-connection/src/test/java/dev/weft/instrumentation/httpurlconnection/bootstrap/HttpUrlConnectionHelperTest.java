package dev.weft.instrumentation.httpurlconnection.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The helper's bookkeeping, driven as the advice drives it, against a real local server. */
class HttpUrlConnectionHelperTest {
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    WeftOpenTelemetry.install(
        OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
            .build());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  /**
   * The call stays attached to its connection until the connection is collected (a later
   * getInputStream must not start a second span); the ended span and the request's context must not
   * stay with it, or every span of a connection used since the last young GC is copied by that GC.
   */
  @Test
  void anEndedCallNoLongerHoldsItsSpanContext() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/x").openConnection();
    HttpUrlConnectionHelper.Call call = HttpUrlConnectionHelper.enter(connection, false);
    assertThat(call).isNotNull();
    assertThat(call.context).isNotNull();
    int status = connection.getResponseCode();
    HttpUrlConnectionHelper.exit(connection, call, null, "getResponseCode");

    assertThat(status).isEqualTo(204);
    assertThat(SPANS.getFinishedSpanItems()).hasSize(1);
    assertThat(call.isEnded()).isTrue();
    assertThat(call.context).isNull();
    // the same connection asked again: no new span, nothing to end
    assertThat(HttpUrlConnectionHelper.enter(connection, true)).isNull();
    HttpUrlConnectionHelper.exit(connection, null, null, "getInputStream");
    assertThat(SPANS.getFinishedSpanItems()).hasSize(1);
  }
}
