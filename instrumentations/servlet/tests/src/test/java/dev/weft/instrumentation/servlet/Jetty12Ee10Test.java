package dev.weft.instrumentation.servlet;

class Jetty12Ee10Test extends ServletContainerTest {
  Jetty12Ee10Test() {
    super(ServletContainer.JETTY_12_EE10);
  }
}
