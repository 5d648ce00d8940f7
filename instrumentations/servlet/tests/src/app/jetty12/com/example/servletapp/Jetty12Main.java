package com.example.servletapp;

import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Embedded Jetty 12, Servlet 6.0 environment (ee10), with the scenario app and its error page at
 * /app; paths outside /app reach no handler: Jetty answers them itself.
 */
public final class Jetty12Main {
  public static void main(String[] args) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler handler = new ServletContextHandler();
    handler.setContextPath("/app");
    handler.addEventListener(new Scenarios());
    ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
    // 12.0.0 prints the stack in error pages (the context's and the server's, for rejected requests);
    // its Jetty frames depend on which thread ran the request (reserved thread or not), which differs
    // between runs, so the with/without-agent comparison would be by chance.
    errorPages.setShowStacks(false);
    ErrorHandler serverErrors = new ErrorHandler();
    serverErrors.setShowStacks(false);
    server.setErrorHandler(serverErrors);
    errorPages.addErrorPage(Scenarios.ErrorPageException.class, Scenarios.ERROR_PAGE);
    handler.setErrorHandler(errorPages);
    server.setHandler(handler);
    server.start();
    System.out.println("SCENARIO-PORT " + connector.getLocalPort());
    server.join();
  }
}
