package dev.weft.instrumentation.apachehttpclient.async;

import dev.weft.instrumentation.apachehttpclient.async.app.Async4ScenarioApp;

/** Every test of {@link ApacheAsyncClientTest} with Apache HttpAsyncClient 4.1.5, the newest. */
class ApacheAsyncClient4_1_5Test extends ApacheAsyncClientTest {
  @Override
  String version() {
    return "4.1.5";
  }

  @Override
  Class<?> app() {
    return Async4ScenarioApp.class;
  }

  @Override
  String scope() {
    return "dev.weft.apache-httpasyncclient";
  }

  @Override
  boolean closedClientCallHasSpan() {
    return false;
  }

  @Override
  boolean speaksH2() {
    return false;
  }
}
