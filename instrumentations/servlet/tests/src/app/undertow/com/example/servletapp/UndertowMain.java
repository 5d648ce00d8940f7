package com.example.servletapp;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import java.net.InetSocketAddress;

/**
 * Embedded Undertow with its servlet container, the scenario app and its error page at /app; paths
 * outside /app reach no servlet: the path handler answers them itself.
 */
public final class UndertowMain {
  public static void main(String[] args) throws Exception {
    DeploymentInfo info =
        Servlets.deployment()
            .setClassLoader(UndertowMain.class.getClassLoader())
            .setContextPath("/app")
            .setDeploymentName("app")
            .addListener(Servlets.listener(Scenarios.class))
            .addErrorPage(Servlets.errorPage(Scenarios.ERROR_PAGE, Scenarios.ErrorPageException.class));
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
    manager.deploy();
    Undertow server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(Handlers.path().addPrefixPath("/app", manager.start()))
            .build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    System.out.println("SCENARIO-PORT " + address.getPort());
  }
}
