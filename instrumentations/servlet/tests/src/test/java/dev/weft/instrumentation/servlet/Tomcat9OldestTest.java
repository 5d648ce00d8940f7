package dev.weft.instrumentation.servlet;

/** The oldest supported version of its family: 9.0.1. */
class Tomcat9OldestTest extends ServletContainerTest {
  Tomcat9OldestTest() {
    super(ServletContainer.TOMCAT_9_OLDEST);
  }
}
