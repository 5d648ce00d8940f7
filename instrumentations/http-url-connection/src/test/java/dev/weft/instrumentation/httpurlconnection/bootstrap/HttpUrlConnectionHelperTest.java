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
import org.junit.jupiter.api.BeforeEach;
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

  @BeforeEach
  void clear() {
    SPANS.reset();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  /**
   * The ended span and the request's context must not stay with the connection, or every span of a
   * connection used since the last young GC is copied by that GC; and the call itself is forgotten
   * once the response is in and the connection says it is connected (that flag stops a second span).
   */
  @Test
  void anEndedCallIsForgottenWhenTheConnectionSaysItIsConnected() throws Exception {
    HttpURLConnection connection = newConnection();
    HttpUrlConnectionHelper.Call call = HttpUrlConnectionHelper.enter(connection, false);
    assertThat(call).isNotNull();
    assertThat(call.context).isNotNull();
    int status = connection.getResponseCode();
    HttpUrlConnectionHelper.exit(connection, call, null, "getResponseCode", true);

    assertThat(status).isEqualTo(204);
    assertThat(SPANS.getFinishedSpanItems()).hasSize(1);
    assertThat(call.isEnded()).isTrue();
    assertThat(call.context).isNull();
    assertThat(HttpUrlConnectionHelper.isTracked(connection)).isFalse();
    // the same connection asked again: no new span, nothing to end
    assertThat(HttpUrlConnectionHelper.enter(connection, true)).isNull();
    HttpUrlConnectionHelper.exit(connection, null, null, "getInputStream", true);
    assertThat(SPANS.getFinishedSpanItems()).hasSize(1);
  }

  /** disconnect() clears the flag that stood in for the entry, so the entry comes back, ended. */
  @Test
  void aForgottenConnectionThatIsDisconnectedStartsNoSecondSpan() throws Exception {
    HttpURLConnection connection = newConnection();
    HttpUrlConnectionHelper.Call call = HttpUrlConnectionHelper.enter(connection, false);
    connection.getResponseCode();
    HttpUrlConnectionHelper.exit(connection, call, null, "getResponseCode", true);
    assertThat(HttpUrlConnectionHelper.isTracked(connection)).isFalse();

    HttpUrlConnectionHelper.disconnect(connection, true);
    connection.disconnect();
    assertThat(HttpUrlConnectionHelper.isTracked(connection)).isTrue();
    assertThat(HttpUrlConnectionHelper.enter(connection, false)).isNull();
    HttpUrlConnectionHelper.exit(connection, null, null, "getInputStream", false);
    assertThat(SPANS.getFinishedSpanItems()).hasSize(1);
  }

  /** A connection whose flag does not say connected (the HTTPS wrapper's) keeps its ended call. */
  @Test
  void aConnectionThatDoesNotSayItIsConnectedKeepsItsEndedCall() throws Exception {
    HttpURLConnection connection = newConnection();
    HttpUrlConnectionHelper.Call call = HttpUrlConnectionHelper.enter(connection, false);
    connection.getResponseCode();
    HttpUrlConnectionHelper.exit(connection, call, null, "getResponseCode", false);

    assertThat(HttpUrlConnectionHelper.isTracked(connection)).isTrue();
    assertThat(HttpUrlConnectionHelper.enter(connection, false)).isNull();
    HttpUrlConnectionHelper.exit(connection, null, null, "getInputStream", false);
    assertThat(SPANS.getFinishedSpanItems()).hasSize(1);
  }

  private static HttpURLConnection newConnection() throws Exception {
    return (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/x").openConnection();
  }
}
