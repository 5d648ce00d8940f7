package dev.weft.instrumentation.servlet;

class Jetty11Test extends ServletContainerTest {
  Jetty11Test() {
    super(ServletContainer.JETTY_11);
  }
}
