package dev.weft.instrumentation.servlet;

class Tomcat11Test extends ServletContainerTest {
  Tomcat11Test() {
    super(ServletContainer.TOMCAT_11);
  }
}
