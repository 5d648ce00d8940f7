package dev.weft.instrumentation.httpclient.app;

import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Both services: one servlet on embedded Tomcat at 127.0.0.1, on a free port it prints as {@code PORT <n>}. */
public final class EmbeddedTomcat {
  public static final String PORT_LABEL = "PORT";

  private EmbeddedTomcat() {}

  static void serve(String mapping, HttpServlet servlet) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("weft-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "service", servlet);
    context.addServletMappingDecoded(mapping, "service");
    tomcat.start();
    System.out.println(PORT_LABEL + " " + connector.getLocalPort());
    tomcat.getServer().await();
  }
}
