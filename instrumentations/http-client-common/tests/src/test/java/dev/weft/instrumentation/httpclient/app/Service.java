package dev.weft.instrumentation.httpclient.app;

import dev.weft.testing.servlet.EmbeddedTomcat;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;

/** Both services: one servlet on the test kit's embedded Tomcat, whose free port it prints as {@code PORT <n>}. */
public final class Service {
  public static final String PORT_LABEL = "PORT";

  private Service() {}

  /** Blocks until the JVM is stopped: Tomcat's own threads are daemons. */
  static void serve(String mapping, HttpServlet servlet) throws Exception {
    EmbeddedTomcat tomcat = EmbeddedTomcat.start(Map.of(mapping, servlet));
    System.out.println(PORT_LABEL + " " + tomcat.port());
    Thread.currentThread().join();
  }
}
