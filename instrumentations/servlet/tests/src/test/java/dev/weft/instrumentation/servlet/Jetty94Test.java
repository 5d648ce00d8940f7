package dev.weft.instrumentation.servlet;

class Jetty94Test extends ServletContainerTest {
  Jetty94Test() {
    super(ServletContainer.JETTY_9_4);
  }
}
