package dev.weft.benchmarks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's service answers as the benchmark expects: a query, a downstream call, JSON. */
class BenchServiceTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private Tomcat downstream;
  private Tomcat front;

  @AfterEach
  void stop() throws Exception {
    for (Tomcat tomcat : new Tomcat[] {front, downstream}) {
      if (tomcat != null) {
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }

  @Test
  void anOrderIsReadFromTheDatabaseAndPricedByTheDownstream() throws Exception {
    downstream = BenchService.startDownstream(0);
    int downstreamPort = downstream.getConnector().getLocalPort();
    front = BenchService.startFront(
        Map.of("port", "0", "downstream", "http://127.0.0.1:" + downstreamPort));
    int frontPort = front.getConnector().getLocalPort();

    HttpResponse<String> order = get(frontPort, "/order?id=42");
    assertThat(order.statusCode()).isEqualTo(200);
    assertThat(order.body())
        .isEqualTo("{\"id\":42,\"customer\":\"customer-42\",\"quantity\":3,"
            + "\"price\":{\"sku\":\"sku-42\",\"cents\":" + (100 + Math.floorMod("sku-42".hashCode(), 9_900)) + "}}");

    assertThat(get(frontPort, "/order?id=1000").statusCode()).isEqualTo(200);
    assertThat(get(frontPort, "/order?id=1001").statusCode()).isEqualTo(404);
    assertThat(get(frontPort, "/order?id=x").statusCode()).isEqualTo(500);
    assertThat(get(downstreamPort, "/price").statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
