package dev.weft.instrumentation.servlet;

class Tomcat9Test extends ServletContainerTest {
  Tomcat9Test() {
    super(ServletContainer.TOMCAT_9);
  }
}
