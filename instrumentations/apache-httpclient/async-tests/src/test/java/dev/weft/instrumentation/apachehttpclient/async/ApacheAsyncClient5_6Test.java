package dev.weft.instrumentation.apachehttpclient.async;

import dev.weft.instrumentation.apachehttpclient.async.app.Async5ScenarioApp;

/** Every test of {@link ApacheAsyncClientTest} with the async API of Apache HttpClient 5.6.5, the newest. */
class ApacheAsyncClient5_6Test extends ApacheAsyncClientTest {
  @Override
  String version() {
    return "5.6.5";
  }

  @Override
  Class<?> app() {
    return Async5ScenarioApp.class;
  }

  @Override
  String scope() {
    return "dev.weft.apache-httpclient";
  }

  @Override
  boolean closedClientCallHasSpan() {
    return true;
  }

  @Override
  boolean speaksH2() {
    return true;
  }
}
