package dev.weft.instrumentation.javahttpclient;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * HTTP/2 over cleartext (h2c, reached by the HTTP/1.1 Upgrade the JDK client sends) on 127.0.0.1, with
 * Jetty: the JDK's own server speaks HTTP/1.1 only. Answers 200 {@code h2 <path>} and records, per
 * request, the protocol it came in and its {@code traceparent} values.
 */
final class H2cServer implements AutoCloseable {
  record Seen(String path, String protocol, List<String> traceparents) {}

  private final Server server = new Server();
  private final ServerConnector connector;
  private final List<Seen> seen = new ArrayList<>();

  H2cServer() throws Exception {
    HttpConfiguration config = new HttpConfiguration();
    connector = new ServerConnector(server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            synchronized (seen) {
              seen.add(new Seen(
                  path,
                  request.getConnectionMetaData().getHttpVersion().asString(),
                  List.copyOf(request.getHeaders().getValuesList("traceparent"))));
            }
            response.setStatus(200);
            response.getHeaders().put("x-reply", "r1");
            response.write(true, ByteBuffer.wrap(("h2 " + path).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    server.start();
  }

  String base(String run) {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/" + run;
  }

  int port() {
    return connector.getLocalPort();
  }

  List<Seen> seen(String run) {
    synchronized (seen) {
      return seen.stream().filter(s -> s.path().startsWith("/" + run + "/")).toList();
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
