package dev.weft.testing.apps;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * For forked scenario apps: an embedded Tomcat (jakarta, 10.1+) on a free port with one servlet at one
 * path, and a plain {@code GET} to it. The app needs Tomcat on its class path (the test kit only
 * compiles against it).
 */
public final class OneServletTomcat implements AutoCloseable {
  private final Tomcat tomcat;

  private OneServletTomcat(Tomcat tomcat) {
    this.tomcat = tomcat;
  }

  /** A servlet that answers every {@code GET} with what {@code answer} returns (its exception: a 500). */
  public static OneServletTomcat start(String path, Callable<String> answer) throws IOException, LifecycleException {
    return start(path, new HttpServlet() {
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
    });
  }

  public static OneServletTomcat start(String path, HttpServlet servlet) throws IOException, LifecycleException {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "app", servlet);
    context.addServletMappingDecoded(path, "app");
    tomcat.start();
    return new OneServletTomcat(tomcat);
  }

  /** {@code GET path} over HttpURLConnection: {@code "<status> <body>"}. */
  public String get(String path) throws IOException {
    int port = tomcat.getConnector().getLocalPort();
    HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    try {
      return http.getResponseCode() + " " + new String(http.getInputStream().readAllBytes());
    } finally {
      http.disconnect();
    }
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }
}
