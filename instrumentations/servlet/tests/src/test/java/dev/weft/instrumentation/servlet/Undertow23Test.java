package dev.weft.instrumentation.servlet;

class Undertow23Test extends ServletContainerTest {
  Undertow23Test() {
    super(ServletContainer.UNDERTOW_2_3);
  }
}
