package dev.weft.instrumentation.servlet;

/** The oldest supported version of its family: 9.4.0.v20161208. */
class Jetty94OldestTest extends ServletContainerTest {
  Jetty94OldestTest() {
    super(ServletContainer.JETTY_9_4_OLDEST);
  }
}
