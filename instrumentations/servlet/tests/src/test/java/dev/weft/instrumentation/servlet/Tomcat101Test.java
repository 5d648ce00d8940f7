package dev.weft.instrumentation.servlet;

class Tomcat101Test extends ServletContainerTest {
  Tomcat101Test() {
    super(ServletContainer.TOMCAT_10_1);
  }
}
