package dev.weft.instrumentation.apachehttpclient.async;

import dev.weft.instrumentation.apachehttpclient.async.app.Async4ScenarioApp;

/** Every test of {@link ApacheAsyncClientTest} with Apache HttpAsyncClient 4.1, the oldest supported. */
class ApacheAsyncClient4_1Test extends ApacheAsyncClientTest {
  ApacheAsyncClient4_1Test() {
    super("4.1", Async4ScenarioApp.class, "apache-httpasyncclient", false, false);
  }
}
