package dev.weft.instrumentation.servlet;

/** The oldest supported version of its family: 10.1.0. */
class Tomcat101OldestTest extends ServletContainerTest {
  Tomcat101OldestTest() {
    super(ServletContainer.TOMCAT_10_1_OLDEST);
  }
}
