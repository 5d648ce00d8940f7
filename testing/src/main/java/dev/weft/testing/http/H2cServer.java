package dev.weft.testing.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * HTTP/2 over cleartext (h2c) on 127.0.0.1, by Jetty (the JDK's own server speaks HTTP/1.1 only),
 * reached either by the HTTP/1.1 Upgrade (the JDK client) or with prior knowledge (Apache's clients
 * forced to HTTP/2). Answers every request {@code 200 h2 <path>} with {@code x-reply: r1} and records
 * its path, the protocol it came in and its traceparent values. Jetty is an optional dependency of
 * this module: a test module that starts one declares {@code jetty-http2-server} itself.
 */
public final class H2cServer implements AutoCloseable {
  public record Seen(String path, String protocol, List<String> traceparents) {}

  private final Server server = new Server();
  private final ServerConnector connector;
  private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

  public H2cServer() throws Exception {
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
            seen.add(new Seen(path, request.getConnectionMetaData().getHttpVersion().asString(),
                List.copyOf(request.getHeaders().getValuesList("traceparent"))));
            response.setStatus(200);
            response.getHeaders().put("x-reply", "r1");
            response.write(true, ByteBuffer.wrap(("h2 " + path).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/<run>}. */
  public String base(String run) {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/" + run;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The requests of one run, in arrival order. */
  public List<Seen> seen(String run) {
    return seen.stream().filter(s -> s.path().startsWith("/" + run + "/")).toList();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
