package dev.weft.instrumentation.servlet;

/** The oldest supported version of its family: 11.0.0. */
class Jetty11OldestTest extends ServletContainerTest {
  Jetty11OldestTest() {
    super(ServletContainer.JETTY_11_OLDEST);
  }
}
