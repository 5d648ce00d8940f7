package dev.weft.instrumentation.servlet;

/** The oldest supported version of its family: 2.3.0.Final. */
class Undertow23OldestTest extends ServletContainerTest {
  Undertow23OldestTest() {
    super(ServletContainer.UNDERTOW_2_3_OLDEST);
  }
}
