package dev.weft.instrumentation.servlet;

/** The oldest supported version of its family: 11.0.0. */
class Tomcat11OldestTest extends ServletContainerTest {
  Tomcat11OldestTest() {
    super(ServletContainer.TOMCAT_11_OLDEST);
  }
}
