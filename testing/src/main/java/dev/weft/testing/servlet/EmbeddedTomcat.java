package dev.weft.testing.servlet;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * For forked test applications that serve a few servlets: an embedded Tomcat (jakarta, the version the
 * test module puts on the application's class path) on 127.0.0.1 and a free port, with a temporary base
 * directory and the servlets in the root context, async supported. Tomcat is an optional dependency of
 * this module: a test module that starts one declares {@code tomcat-embed-core} itself.
 */
public final class EmbeddedTomcat implements AutoCloseable {
  private final Tomcat tomcat;
  private final Connector connector;

  private EmbeddedTomcat(Tomcat tomcat, Connector connector) {
    this.tomcat = tomcat;
    this.connector = connector;
  }

  /** Started, serving each servlet at its mapping ({@code "/orders"}, {@code "/async/*"}). */
  public static EmbeddedTomcat start(Map<String, ? extends Servlet> servletsByMapping) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("weft-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    int n = 0;
    for (Map.Entry<String, ? extends Servlet> entry : servletsByMapping.entrySet()) {
      String name = "servlet-" + n++;
      Wrapper wrapper = Tomcat.addServlet(context, name, entry.getValue());
      wrapper.setAsyncSupported(true);
      context.addServletMappingDecoded(entry.getKey(), name);
    }
    tomcat.start();
    return new EmbeddedTomcat(tomcat, connector);
  }

  /** One servlet at {@code mapping} that answers every {@code GET} with what {@code answer} returns (its exception: a 500). */
  public static EmbeddedTomcat start(String mapping, Callable<String> answer) throws Exception {
    return start(Map.of(mapping, new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
          response.getWriter().write(answer.call());
        } catch (IOException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    }));
  }

  /** {@code GET path} over HttpURLConnection: {@code "<status> <body>"}. */
  public String get(String path) throws IOException {
    HttpURLConnection http = (HttpURLConnection) URI.create(url(path)).toURL().openConnection();
    try {
      return http.getResponseCode() + " " + new String(http.getInputStream().readAllBytes());
    } finally {
      http.disconnect();
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }
}
