package com.example.servletapp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

/**
 * Embedded Tomcat (9, 10.1, 11: the same source compiled against each) with the scenario app at
 * /app and the container's DefaultServlet at "/", as a packaged web app has it, and its error page.
 * /bare is a context without servlets: Tomcat answers its paths itself.
 */
public final class TomcatMain {
  public static void main(String[] args) throws Exception {
    Path base = Files.createTempDirectory("weft-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("/app", base.toAbsolutePath().toString());
    context.addApplicationListener(Scenarios.class.getName());
    Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
    context.addServletMappingDecoded("/", "default");
    ErrorPage errorPage = new ErrorPage();
    errorPage.setExceptionType(Scenarios.ErrorPageException.class.getName());
    errorPage.setLocation(Scenarios.ERROR_PAGE);
    context.addErrorPage(errorPage);
    // a context without any servlet, as embedded Tomcat without addDefaultServlet: Tomcat answers 404
    tomcat.addContext("/bare", base.toAbsolutePath().toString());
    tomcat.start();
    System.out.println("SCENARIO-PORT " + connector.getLocalPort());
    tomcat.getServer().await();
  }
}
