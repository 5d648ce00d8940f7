package dev.weft.instrumentation.apachehttpclient.async;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Cleartext HTTP/2 with prior knowledge only (what Apache's client speaks with
 * {@code HttpVersionPolicy.FORCE_HTTP_2}), on 127.0.0.1, by Jetty. Each request is answered
 * {@code 200 h2 <path>} and kept: its path, the protocol it came in, its traceparent values.
 */
final class PriorKnowledgeH2Server implements AutoCloseable {
  record Exchange(String path, String protocol, List<String> traceparent) {}

  private final Server jetty = new Server();
  private final ServerConnector h2c = new ServerConnector(jetty, new HTTP2CServerConnectionFactory(new HttpConfiguration()));
  private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

  PriorKnowledgeH2Server() throws Exception {
    h2c.setHost("127.0.0.1");
    jetty.addConnector(h2c);
    jetty.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback done) {
        String path = request.getHttpURI().getPath();
        exchanges.add(new Exchange(path, request.getConnectionMetaData().getHttpVersion().asString(),
            request.getHeaders().getValuesList("traceparent")));
        response.setStatus(200);
        response.write(true, ByteBuffer.wrap(("h2 " + path).getBytes(StandardCharsets.UTF_8)), done);
        return true;
      }
    });
    jetty.start();
  }

  String base(String run) {
    return "http://127.0.0.1:" + h2c.getLocalPort() + "/" + run;
  }

  int port() {
    return h2c.getLocalPort();
  }

  List<Exchange> exchanges(String run) {
    return exchanges.stream().filter(e -> e.path().startsWith("/" + run + "/")).toList();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
