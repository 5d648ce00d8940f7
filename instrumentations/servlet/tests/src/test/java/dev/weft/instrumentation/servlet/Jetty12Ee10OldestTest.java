package dev.weft.instrumentation.servlet;

/** The oldest supported version of its family: 12.0.0 (ee10). */
class Jetty12Ee10OldestTest extends ServletContainerTest {
  Jetty12Ee10OldestTest() {
    super(ServletContainer.JETTY_12_EE10_OLDEST);
  }
}
